//! Native counterpart of `tests/bench_wasm.rs` (ignored; run by `scripts/bench.sh`).
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;
mod common;

use common::bench_data;
use verksam::domain::bundle;

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
    use verksam::domain::period::{Period, PeriodCode};
    use verksam::domain::scorecard::{scorecard, scorecard_with, Facts, Structure};
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
    use verksam::seed::jonkoping_tariffs as jonkoping;
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

/// Importing the deepest trees a file can describe: chains of 12 000 and 100 000 goals (refused where they get
/// deeper than the limit, after one pass), and validating the chain alone.
#[test]
#[ignore]
fn bench_chain_native() {
    let start = Instant::now();
    let clock = move || start.elapsed().as_secs_f64() * 1e3;
    for n in [12_000, 100_000] {
        let bytes = bundle::export(&[bench_data::chain_plan(n)]);
        let mut import = vec![];
        for _ in 0..5 {
            let t = clock();
            assert!(bundle::import(&bytes).is_err());
            import.push(clock() - t);
        }
        import.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "BENCH native chain nodes={n} file={:.1}MB import_ms={:.1} validate_ms={:.2}",
            bytes.len() as f64 / 1e6,
            import[2],
            bench_data::validate_chain(n, 5, &clock)
        );
    }
}

/// The demo workspace's backup: compact (what *Exportera allt* writes) against pretty.
#[test]
#[ignore]
fn bench_export_sizes_native() {
    let mut ws = verksam::domain::workspace::Workspace::default();
    for f in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/public/demo")).unwrap() {
        let mut w = bundle::import(&std::fs::read(f.unwrap().path()).unwrap()).unwrap();
        ws.plans.append(&mut w.plans);
        ws.tariffs.append(&mut w.tariffs);
        ws.rule_sets.append(&mut w.rule_sets);
    }
    let pretty = bundle::export_workspace(&ws).len();
    let compact: usize = bundle::export_backup(&ws).iter().map(Vec::len).sum();
    println!(
        "BENCH native export demo_workspace plans={} tariffs={} pretty_bytes={pretty} compact_bytes={compact} ratio={:.2}",
        ws.plans.len(),
        ws.tariffs.len(),
        pretty as f64 / compact as f64
    );
}
