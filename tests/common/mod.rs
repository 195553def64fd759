//! Shared by the test and benchmark crates (each includes it with `mod common;` and uses what it needs).
#![allow(dead_code)]

pub mod bench_data;
