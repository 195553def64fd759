//! Browser tests in headless Chromium (wasm-bindgen-test): the repository suite against real IndexedDB.
#![cfg(target_arch = "wasm32")]

use verksam::domain::bundle;
use verksam::storage::{idb::IdbRepository, Repository, WriteBatch};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn indexeddb_repository_passes_the_conformance_suite() {
    let repo = IdbRepository::open("verksam-test-conformance")
        .await
        .unwrap();
    verksam::storage::conformance::run_all(&repo).await;
}

#[wasm_bindgen_test]
async fn data_survives_reopening_the_database() {
    let name = "verksam-test-reopen";
    let ws = bundle::import(include_bytes!(
        "../public/demo/orebro-ftv-plan-2024.verksam.json"
    ))
    .unwrap();
    {
        let repo = IdbRepository::open(name).await.unwrap();
        repo.clear().await.unwrap();
        repo.write(WriteBatch {
            add_new: &ws.plans,
            ..Default::default()
        })
        .await
        .unwrap();
    }
    let again = IdbRepository::open(name).await.unwrap();
    assert_eq!(again.load_all().await.unwrap(), ws.plans);
}
