//! The scorecard: grading measures against their targets per period, the trend against last year, rollup to
//! goals, perspectives and the plan, and the report's måluppfyllelse table. Pure and allocation-light.

mod assessment;
pub mod edit;
pub mod facts;
pub mod grade;
pub mod grid;
pub mod lift;
mod outcomes;
pub mod parse;
pub mod print;
pub mod reason;
pub mod rollup;
pub mod stated;
pub mod summary;
pub mod table;

pub use facts::Facts;
pub use grade::{assess, Assessment, Basis, Trend};
pub use rollup::{
    report, scorecard, scorecard_with, Counts, Issue, NodeResult, ReportRow, Scorecard, Structure,
};
