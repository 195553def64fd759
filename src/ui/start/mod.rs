//! The start page (`/`): the plans in this browser, in the main module; its buttons' writes in `actions.rs`
//! (a split point).

pub mod actions;
pub mod page;
