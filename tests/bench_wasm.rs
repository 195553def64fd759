//! Benchmarks in headless Chromium (not tests: every function is #[ignore] and `scripts/bench.sh` runs them with
//! `--include-ignored`). Prints medians of several runs for a ~10 MB bundle: serde parse vs `JSON.parse`, full
//! import (parse + validate), and storing in IndexedDB.
#![cfg(target_arch = "wasm32")]

use verksam::domain::{bench_data, bundle};
use verksam::storage::{idb::IdbRepository, Repository, WriteBatch};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

#[wasm_bindgen_test]
#[ignore]
async fn bench_import_10mb() {
    let demo = bundle::import(include_bytes!(
        "../public/demo/orebro-ftv-plan-2024.verksam.json"
    ))
    .unwrap();
    let plans = bench_data::replicate(&demo.plans[0], 10_000_000);
    let bytes = bundle::export(&plans);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let repo = IdbRepository::open("verksam-bench").await.unwrap();
    let (mut serde_ms, mut js_ms, mut import_ms, mut store_ms) = (vec![], vec![], vec![], vec![]);
    for _ in 0..5 {
        let t = now();
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        serde_ms.push(now() - t);
        assert_eq!(parsed["plans"].as_array().unwrap().len(), plans.len());
        let t = now();
        let js = js_sys::JSON::parse(&text).unwrap();
        js_ms.push(now() - t);
        assert!(js.is_object());
        let t = now();
        let ws = bundle::import(&bytes).unwrap();
        import_ms.push(now() - t);
        repo.clear().await.unwrap();
        let t = now();
        repo.write(WriteBatch {
            add_new: &ws.plans,
            ..Default::default()
        })
        .await
        .unwrap();
        store_ms.push(now() - t);
    }
    repo.clear().await.unwrap();
    console_log!(
        "BENCH wasm bundle={:.1}MB plans={} serde_value_parse_ms={:.0} json_parse_ms={:.0} import_parse_validate_ms={:.0} store_ms={:.0} import_total_ms={:.0}",
        bytes.len() as f64 / 1e6,
        plans.len(),
        median(serde_ms),
        median(js_ms),
        median(import_ms.clone()),
        median(store_ms.clone()),
        median(import_ms) + median(store_ms)
    );
}
