//! Generated data for benchmarks and large-data tests (not product rules, so not in `src/domain`; pure, and held to
//! that by `tests/tidy.rs`): copies of a plan under fresh ids until a size is reached.

use verksam::domain::plan::Plan;

/// Copies of `template` (ids `bench-0`, `bench-1` …) until the exported bundle is at least `bytes` long.
pub fn replicate(template: &Plan, bytes: usize) -> Vec<Plan> {
    let one = verksam::domain::bundle::export(std::slice::from_ref(template))
        .len()
        .max(1);
    let n = bytes.div_ceil(one);
    (0..n)
        .map(|i| {
            let mut p = template.clone();
            p.id = format!("bench-{i}");
            p.title = format!("{} ({})", template.title, i + 1);
            p
        })
        .collect()
}

/// A plan for the scorecard benchmark: 10 perspectives, `measures / 100` goals spread over them, 100 measures
/// per goal; each measure has a level target and 12 monthly outcomes for the year and the year before (so trend
/// and "better than last year" have data), and every 10th is split by sex.
pub fn scorecard_plan(measures: usize) -> Plan {
    use verksam::domain::measure::*;
    use verksam::domain::period::{Period, PeriodCode};
    use verksam::domain::plan::{Extra, Goal, Node, NodeData};
    let mut p = Plan::new(
        "bench-sc".into(),
        "Styrkort".into(),
        "Nämnd".into(),
        2024,
        "2025-01-01T00:00:00Z".into(),
    );
    let node = |id: String, parent: Option<String>, order: u32, data: NodeData| Node {
        id,
        parent,
        order,
        label: String::new(),
        text: String::new(),
        data,
        source: None,
        extra: Extra::new(),
    };
    for per in 0..10 {
        p.nodes.push(node(
            format!("p{per}"),
            None,
            per + 1,
            NodeData::Perspektiv {
                description: String::new(),
            },
        ));
    }
    let goals = measures.div_ceil(100);
    for g in 0..goals {
        p.nodes.push(node(
            format!("g{g}"),
            Some(format!("p{}", g % 10)),
            (g / 10) as u32 + 1,
            NodeData::Mal(Goal::default()),
        ));
    }
    for i in 0..measures {
        let mut t = Target::new(TargetKind::Niva);
        t.value = Some(80.0);
        t.unit = Some("%".into());
        let mut outcomes = Vec::with_capacity(24);
        for year in [2023, 2024] {
            for month in 1..=12u8 {
                let v = 60.0 + ((i * 7 + month as usize * 3 + year as usize) % 40) as f64;
                let sex = match i % 10 {
                    0 if month % 2 == 0 => Some(Sex::Kvinnor),
                    0 => Some(Sex::Man),
                    _ => None,
                };
                outcomes.push(Outcome {
                    period: Period::new(year, PeriodCode::Manad(month)).to_ref(),
                    value: Some(v),
                    unit: Some("%".into()),
                    raw: String::new(),
                    origin: None,
                    sex,
                    subgroup: None,
                    extra: Extra::new(),
                });
            }
        }
        let m = Measure {
            unit: "%".into(),
            targets: vec![t],
            outcomes,
            critical: i % 97 == 0,
            ..Default::default()
        };
        p.nodes.push(node(
            format!("m{i}"),
            Some(format!("g{}", i / 100)),
            (i % 100) as u32 + 1,
            NodeData::Matt(m),
        ));
    }
    p
}

/// The tariff with volumes for every code at each of `clinics` clinics (code × clinic rows), for benchmarks.
pub fn tariff_with_clinics(
    base: &verksam::domain::tariff::Tariff,
    clinics: usize,
) -> verksam::domain::tariff::Tariff {
    use verksam::domain::tariff::{VolumeRow, VolumeSource};
    let mut t = base.clone();
    t.volumes.clear();
    for c in 0..clinics {
        for (i, r) in base.rows.iter().enumerate() {
            let dup = base.rows.iter().filter(|o| o.code == r.code).count() > 1;
            t.volumes.push(VolumeRow {
                code: r.code.clone(),
                text: dup.then(|| r.text.clone()),
                clinic: Some(format!("Klinik {c:03}")),
                count: ((i * 7 + c * 13) % 50 + 1) as u64,
            });
        }
    }
    t.volume_source = VolumeSource::Imported {
        file: "bench".into(),
    };
    t
}

/// Recompute after one price edit, for `base` (427 rows) and for it with ≥ `volume_rows` volume rows; `now`
/// is the caller's clock in milliseconds. Returns the BENCH line (medians).
pub fn bench_tariff(
    base: &verksam::domain::tariff::Tariff,
    volume_rows: usize,
    runs: usize,
    now: &dyn Fn() -> f64,
) -> String {
    use verksam::domain::tariff::{Totals, VolumeIndex};
    let edit = |t: &mut verksam::domain::tariff::Tariff, idx: &VolumeIndex, k: usize| {
        let start = now();
        let i = k % t.rows.len();
        t.rows[i].price += rust_decimal::Decimal::ONE;
        let totals = Totals::new(t, idx);
        let ms = now() - start;
        assert!(totals.total.rows > 0);
        ms
    };
    let mut small = base.clone();
    let idx_small = VolumeIndex::new(&small);
    let small_ms: Vec<f64> = (0..runs).map(|k| edit(&mut small, &idx_small, k)).collect();
    let clinics = volume_rows.div_ceil(base.rows.len());
    let mut big = tariff_with_clinics(base, clinics);
    let (mut index_ms, mut full_ms) = (vec![], vec![]);
    let mut idx_big = VolumeIndex::default();
    for k in 0..7 {
        let start = now();
        idx_big = VolumeIndex::new(&big);
        index_ms.push(now() - start);
        let start = now();
        let i = VolumeIndex::new(&big);
        let _ = edit(&mut big, &i, k);
        full_ms.push(now() - start);
    }
    assert!(idx_big.unmatched.is_empty());
    // the same volumes in no particular order (the index's fast path for tariff order does not apply)
    let mut shuffled = big.clone();
    let mut seed = 11u64;
    for i in (1..shuffled.volumes.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        shuffled.volumes.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let shuffled_ms: Vec<f64> = (0..7)
        .map(|_| {
            let start = now();
            let i = VolumeIndex::new(&shuffled);
            let ms = now() - start;
            assert_eq!(i.per_row, idx_big.per_row);
            ms
        })
        .collect();
    let big_ms: Vec<f64> = (0..runs).map(|k| edit(&mut big, &idx_big, k)).collect();
    format!(
        "rows={} edit_recompute_ms={:.3} volume_rows={} edit_recompute_cached_index_ms={:.3} volume_index_ms={:.2} volume_index_any_order_ms={:.2} edit_with_index_rebuild_ms={:.2}",
        base.rows.len(),
        median(small_ms),
        big.volumes.len(),
        median(big_ms),
        median(index_ms),
        median(shuffled_ms),
        median(full_ms)
    )
}

/// The published heading benchmark (`bench_published_heading_*`, native and in the browser): medians of `runs`
/// timings of [`plan_heading`](verksam::domain::bundle::summary::plan_heading), the published link's first read, against
/// the full summary read it replaced. On `publication` (the site bench's 300 KB file) and on a ~10 MB bundle of
/// copies of `template`, with its first plan, an absent one and its last named by the link. `now` is the clock
/// in milliseconds. One line per case.
pub fn published_heading(
    publication: &[u8],
    template: &Plan,
    runs: usize,
    now: &dyn Fn() -> f64,
) -> Vec<String> {
    use verksam::domain::bundle::summary::{plan_heading, summaries};
    let plans = replicate(template, 10_000_000);
    let large = verksam::domain::bundle::export(&plans);
    let last = plans.last().map(|p| p.id.as_str());
    let cases = [
        ("300KB", publication, None),
        ("10MB_first", &large, None),
        ("10MB_none", &large, Some("none-such")),
        ("10MB_last", &large, last),
    ];
    cases
        .into_iter()
        .map(|(name, bytes, wanted)| {
            let (mut heading, mut summary) = (vec![], vec![]);
            for _ in 0..runs {
                let t = now();
                let h = plan_heading(bytes, wanted).unwrap().unwrap();
                heading.push(now() - t);
                let t = now();
                let s = summaries(std::str::from_utf8(bytes).unwrap()).unwrap();
                summary.push(now() - t);
                assert!(s.plans.iter().any(|p| p.id == h.id));
            }
            format!(
                "file={name} heading_ms={:.2} full_summary_ms={:.2}",
                median(heading),
                median(summary)
            )
        })
        .collect()
}

/// The median of a benchmark's timings.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A plan whose `n` goals form one chain (each the child of the one before): the deepest tree a file can
/// describe, for the validation benchmark and tests (the first [`verksam::domain::limits::MAX_DEPTH`] levels are allowed).
pub fn chain_plan(n: usize) -> Plan {
    use verksam::domain::plan::{Extra, Goal, Node, NodeData};
    let mut p = Plan::new(
        "kedja".into(),
        "Kedja".into(),
        "Nämnd".into(),
        2024,
        "2025-01-01T00:00:00Z".into(),
    );
    p.nodes = (0..n)
        .map(|i| Node {
            id: format!("k{i}"),
            parent: (i > 0).then(|| format!("k{}", i - 1)),
            order: 1,
            label: String::new(),
            text: String::new(),
            data: NodeData::Mal(Goal::default()),
            source: None,
            extra: Extra::new(),
        })
        .collect();
    p
}

/// The time to validate the chain of `n` goals (median of `runs`, in ms), with the caller's clock.
pub fn validate_chain(n: usize, runs: usize, clock: &dyn Fn() -> f64) -> f64 {
    let p = chain_plan(n);
    let mut times = vec![];
    for _ in 0..runs {
        let t = clock();
        let r = verksam::domain::validate::validate_plan(&p, "plans[0]");
        times.push(clock() - t);
        assert!(r.is_err() == (n > verksam::domain::limits::MAX_DEPTH));
    }
    median(times)
}
