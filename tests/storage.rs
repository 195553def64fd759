//! The repository conformance suite against the in-memory twin (the same suite runs against IndexedDB in
#![cfg(not(target_arch = "wasm32"))]
//! headless Chromium, `tests/browser.rs`).

#[test]
fn memory_repository_passes_the_conformance_suite() {
    let repo = verksam::storage::memory::MemoryRepository::new();
    futures::executor::block_on(verksam::storage::conformance::run_all(&repo));
}
