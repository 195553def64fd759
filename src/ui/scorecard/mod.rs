//! The scorecard (`/plan/:id/styrkort`), reporting a period (`/plan/:id/rapportera`), the printable report (`/plan/:id/rapport`) and their parts: the
//! scorecard's context and period select, the måluppfyllelse table, a measure's detail and targets form,
//! meeting mode, publishing.

pub mod ctx;
pub mod grid;
pub mod measure_detail;
pub mod page;
pub mod paste;
pub mod presentation;
pub mod publish_box;
pub mod report;
pub mod report_table;
pub mod stated_view;
pub mod summary_band;
pub mod targets_form;
pub mod work_report;
