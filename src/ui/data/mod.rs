//! Import and export (`/data`): the page and the import dialog.

pub mod import_dialog;
pub mod page;
