//! verksam: plans, scorecards and tariffs for Swedish regional dental-care governance.
//!
//! Codemap:
//! - [`domain`]: pure model, validation, editing operations, the versioned bundle format, demo conversion.
//! - [`storage`]: the `Repository` trait with an IndexedDB implementation (browser) and an in-memory twin.
//! - `ui`: the Leptos client-side app (compiled for `wasm32` only).
pub mod domain;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
