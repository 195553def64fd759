//! The published, read-only view (`/publicerad?bundle=…`): the route and the head in the main module
//! (`page.rs`, `head.rs`), the full view in the published chunk (`view.rs`).

pub mod head;
pub mod page;
pub mod view;
