//! The published, read-only view (`/publicerad?bundle=…`): the route and the head in the main module
//! (`page.rs`, `head.rs`), the full view in the published chunk (`view.rs`, with its bar `bar.rs` and its
//! sections besides the scorecard `sections.rs`).

pub mod bar;
pub mod head;
pub mod page;
pub mod sections;
pub mod view;
