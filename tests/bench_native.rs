//! Native counterpart of `tests/bench_wasm.rs` (ignored; run by `scripts/bench.sh`).
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;
use verksam::domain::{bench_data, bundle};

#[test]
#[ignore]
fn bench_import_10mb_native() {
    let demo = bundle::import(include_bytes!(
        "../public/demo/orebro-ftv-plan-2024.verksam.json"
    ))
    .unwrap();
    let plans = bench_data::replicate(&demo.plans[0], 10_000_000);
    let bytes = bundle::export(&plans);
    let mut parse = vec![];
    let mut import = vec![];
    let mut export = vec![];
    for _ in 0..5 {
        let t = Instant::now();
        let b: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        parse.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(b["plans"].as_array().unwrap().len(), plans.len());
        let t = Instant::now();
        let ws = bundle::import(&bytes).unwrap();
        import.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        assert_eq!(bundle::export(&ws.plans).len(), bytes.len());
        export.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let med = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    println!(
        "BENCH native bundle={:.1}MB json_value_parse_ms={:.0} import_parse_validate_ms={:.0} export_ms={:.0}",
        bytes.len() as f64 / 1e6,
        med(parse),
        med(import),
        med(export)
    );
}

#[test]
#[ignore]
fn bench_scorecard_native() {
    use verksam::domain::scorecard::{
        scorecard, scorecard_with, Facts, Period, PeriodCode, Structure,
    };
    let plan = bench_data::scorecard_plan(100_000);
    let st = Structure::new(&plan);
    let facts = Facts::new(&plan);
    let june = Period::new(2024, PeriodCode::Manad(6));
    let (mut one, mut all, mut build, mut index, mut plain) =
        (vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..7 {
        let t = Instant::now();
        let _ = Structure::new(&plan);
        build.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let _ = Facts::new(&plan);
        index.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let sc = scorecard_with(&plan, &st, Some(&facts), june);
        one.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(sc.plan.counts.scheduled(), 100_000);
        let t = Instant::now();
        let _ = scorecard(&plan, &st, june);
        plain.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        for m in 1..=12 {
            let sc = scorecard_with(
                &plan,
                &st,
                Some(&facts),
                Period::new(2024, PeriodCode::Manad(m)),
            );
            assert!(sc.plan.grade.is_some());
        }
        all.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let med = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    println!(
        "BENCH native scorecard measures=100000 outcomes_per_measure=24 structure_ms={:.1} index_ms={:.1} one_period_ms={:.1} one_period_without_index_ms={:.1} twelve_periods_ms={:.1}",
        med(build),
        med(index),
        med(one),
        med(plain),
        med(all)
    );
}

#[test]
#[ignore]
fn bench_tariff_native() {
    use verksam::domain::tariff::jonkoping;
    let t = jonkoping::convert(
        include_str!("fixtures/seed/jonkoping-ftv-tariff-2025.csv"),
        include_str!("fixtures/seed/jonkoping-ftv-tariff-2025-jour.csv"),
    )
    .unwrap()
    .remove(0);
    let start = Instant::now();
    let now = move || start.elapsed().as_secs_f64() * 1e3;
    println!(
        "BENCH native tariff {}",
        bench_data::bench_tariff(&t, 100_000, 51, &now)
    );
}

#[test]
#[ignore]
fn bench_published_heading_native() {
    let start = Instant::now();
    let template = bundle::import(include_bytes!(
        "../public/demo/orebro-ftv-plan-2024.verksam.json"
    ))
    .unwrap()
    .plans
    .remove(0);
    let publication = include_bytes!("../public/demo/norrbotten-scorecard-2022.verksam.json");
    for line in bench_data::published_heading(publication, &template, 21, &|| {
        start.elapsed().as_secs_f64() * 1e3
    }) {
        println!("BENCH native published_heading {line}");
    }
}
