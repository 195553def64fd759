//! The app's shell: state in context and how storage is opened, the one editing machine for plans and tariffs,
//! browser glue, keeping changes as a page closes, the page's lifecycle, offline use.

pub mod browser;
pub mod edit_ctx;
pub mod journal;
pub mod lifecycle;
pub mod offline;
pub mod open;
pub mod state;
