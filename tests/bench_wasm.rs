//! Benchmarks in headless Chromium (not tests: every function is #[ignore] and `scripts/bench.sh` runs them with
//! `--include-ignored`). Prints medians of several runs for a ~10 MB bundle: serde parse vs `JSON.parse`, full
//! import (parse + validate), and storing in IndexedDB.
#![cfg(target_arch = "wasm32")]

mod common;

use common::bench_data;
use verksam::domain::bundle;
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

#[wasm_bindgen_test]
#[ignore]
fn bench_scorecard_wasm() {
    use verksam::domain::period::{Period, PeriodCode};
    use verksam::domain::scorecard::{scorecard, scorecard_with, Facts, Structure};
    let plan = bench_data::scorecard_plan(100_000);
    let st = Structure::new(&plan);
    let facts = Facts::new(&plan);
    let june = Period::new(2024, PeriodCode::Manad(6));
    let (mut one, mut build, mut index, mut plain) = (vec![], vec![], vec![], vec![]);
    for _ in 0..7 {
        let t = now();
        let _ = Structure::new(&plan);
        build.push(now() - t);
        let t = now();
        let _ = Facts::new(&plan);
        index.push(now() - t);
        let t = now();
        let sc = scorecard_with(&plan, &st, Some(&facts), june);
        one.push(now() - t);
        assert_eq!(sc.plan.counts.scheduled(), 100_000);
        let t = now();
        let _ = scorecard(&plan, &st, june);
        plain.push(now() - t);
    }
    // the UI case: one outcome edited in a 1 000-measure plan, then the page's recompute
    let mut small = bench_data::scorecard_plan(1_000);
    let st_small = Structure::new(&small);
    let mut edit = vec![];
    for i in 0..21 {
        let t = now();
        let m = verksam::domain::scorecard::edit::measure_mut(&mut small, "m500").unwrap();
        verksam::domain::scorecard::edit::set_outcome(
            m,
            &Period::new(2024, PeriodCode::Manad(6)),
            None,
            Some(50.0 + i as f64),
        )
        .unwrap();
        // what the page does after an edit: rebuild the index, grade, roll up
        let f = Facts::new(&small);
        let sc = scorecard_with(
            &small,
            &st_small,
            Some(&f),
            Period::new(2024, PeriodCode::Manad(6)),
        );
        edit.push(now() - t);
        assert_eq!(sc.plan.counts.scheduled(), 1_000);
    }
    console_log!(
        "BENCH wasm scorecard measures=100000 outcomes_per_measure=24 structure_ms={:.1} index_ms={:.1} one_period_ms={:.1} one_period_without_index_ms={:.1} edit_and_recompute_1000_ms={:.2}",
        median(build),
        median(index),
        median(one),
        median(plain),
        median(edit)
    );
}

#[wasm_bindgen_test]
#[ignore]
fn bench_tariff_wasm() {
    use verksam::seed::jonkoping_tariffs as jonkoping;
    let t = jonkoping::convert(
        include_str!("fixtures/seed/jonkoping-ftv-tariff-2025.csv"),
        include_str!("fixtures/seed/jonkoping-ftv-tariff-2025-jour.csv"),
    )
    .unwrap()
    .remove(0);
    console_log!(
        "BENCH wasm tariff {}",
        bench_data::bench_tariff(&t, 100_000, 51, &now)
    );
}

/// The published link's first read against the full summary read it replaced (`bench_data::published_heading`).
#[wasm_bindgen_test]
#[ignore]
fn bench_published_heading_wasm() {
    let template = bundle::import(include_bytes!(
        "../public/demo/orebro-ftv-plan-2024.verksam.json"
    ))
    .unwrap()
    .plans
    .remove(0);
    let publication = include_bytes!("../public/demo/norrbotten-scorecard-2022.verksam.json");
    for line in bench_data::published_heading(publication, &template, 21, &now) {
        console_log!("BENCH wasm published_heading {line}");
    }
}

/// The deepest trees a file can describe, imported in the browser: chains of 12 000 and 100 000 goals.
#[wasm_bindgen_test]
#[ignore]
fn bench_chain_wasm() {
    for n in [12_000, 100_000] {
        let bytes = bundle::export(&[bench_data::chain_plan(n)]);
        let mut import = vec![];
        for _ in 0..5 {
            let t = now();
            assert!(bundle::import(&bytes).is_err());
            import.push(now() - t);
        }
        console_log!(
            "BENCH wasm chain nodes={n} import_ms={:.1} validate_ms={:.2}",
            median(import),
            bench_data::validate_chain(n, 5, &now)
        );
    }
}
