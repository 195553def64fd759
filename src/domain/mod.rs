//! The pure core: no browser, no storage, no clock, no I/O. Time and new ids come in as arguments.
//! Everything here is tested natively with `cargo test`; `tests/tidy.rs` fails if that ever changes.
//!
//! Imports point one way (`tests/tidy.rs` checks that too), from the bottom:
//! - helpers: [`format`](mod@format), [`error`], [`limits`], [`keys`], [`spreadsheet`], [`history`], [`chart`];
//! - the model: [`period`], [`origin`] → [`measure`] → [`plan`]; [`tariff`]; [`workspace`] holds them all;
//! - rules over the model: [`validate`], [`edit`], [`draft`], [`scorecard`] (grading and rollup);
//! - files: [`bundle`] (the versioned format), then [`import`] (what an import writes) and [`publish`].

pub mod activities;
pub mod bundle;
pub mod chart;
pub mod draft;
pub mod edit;
pub mod error;
pub mod format;
pub mod history;
pub mod import;
pub mod keys;
pub mod limits;
pub mod measure;
pub mod origin;
pub mod period;
pub mod plan;
pub mod publish;
pub mod scorecard;
pub mod spreadsheet;
pub mod tariff;
pub mod validate;
pub mod work;
pub mod workspace;
