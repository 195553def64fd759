//! verksam: plans, scorecards and tariffs for Swedish regional dental-care governance.
//!
//! Codemap:
//! - [`domain`]: pure model, validation, editing operations, grading and rollup, tariffs, the versioned bundle format.
//! - [`seed`]: the demo data: conversion of the seed extracts into the shipped bundles, and their manifest.
//! - [`storage`]: the `Repository` trait with an IndexedDB implementation (browser) and an in-memory twin.
//! - `ui`: the Leptos client-side app (compiled for `wasm32` only).
pub mod domain;
pub mod seed;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
