//! Fuzzing the two readers of outside input, the bundle reader and the CSV reader, with mutated copies of real
//! files: byte flips, truncation, inserted bytes, wrong types, extreme numbers and strings, deep nesting,
//! duplicate keys. The properties:
//!
//! - nothing panics (reading, and every computation on what was read: scorecards, tariff totals, the jour
//!   tariff, comparisons, proposals);
//! - a bundle that is accepted stores (storage's validation agrees with reading's), reads back from storage
//!   equal, and exports to bytes that import and export again to the same bytes;
//! - a CSV that is accepted writes and reads back to the same rows and volumes.
//!
//! The test command runs a bounded number of cases (`FUZZ_CASES`, default 1 500 per reader); `scripts/bench.sh`
//! runs a long release run and prints cases per second. A failure prints the seed and the case to rerun it
//! (`FUZZ_SEED=… FUZZ_CASES=1`).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;
use verksam::domain::bundle::{self, summary};
use verksam::domain::plan::NodeData;
use verksam::domain::scorecard::{self, rollup, Structure};
use verksam::domain::tariff::{compare, csv_io, jour, proposal, Totals, VolumeIndex};
use verksam::domain::workspace::Workspace;
use verksam::storage::{self, Doc};

/// A small, seeded random source (xorshift64*): the same seed gives the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

fn cases() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500)
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_F00D_CAFE_0001)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A bundle cut down to its first `keep` nodes (those whose parent is kept), so a case reads in microseconds.
fn small_plan_bundle(name: &str, keep: usize) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(&fixture(name)).unwrap();
    let plans = v["plans"].as_array_mut().unwrap();
    plans.truncate(1);
    let nodes = plans[0]["nodes"].as_array_mut().unwrap();
    let mut kept: Vec<Value> = vec![];
    let mut ids = std::collections::BTreeSet::new();
    for n in nodes.iter() {
        let parent_ok = match n["parent"].as_str() {
            None => true,
            Some(p) => ids.contains(p),
        };
        if parent_ok && kept.len() < keep {
            ids.insert(n["id"].as_str().unwrap().to_string());
            kept.push(n.clone());
        }
    }
    *nodes = kept;
    // weights and links may name dropped nodes: keep only what still exists
    if let Some(w) = plans[0]
        .get_mut("scorecard")
        .and_then(|s| s.get_mut("weights"))
        .and_then(Value::as_object_mut)
    {
        w.retain(|k, _| ids.contains(k));
    }
    serde_json::to_vec_pretty(&v).unwrap()
}

fn bundle_seeds() -> Vec<Vec<u8>> {
    let seeds = vec![
        small_plan_bundle("bundles/v2-norrbotten-scorecard.json", 14),
        small_plan_bundle("bundles/v1-actionplan.json", 10),
        small_plan_bundle("bundles/v1-orebro-plan.json", 12),
        fixture("bundles/v3-tariffs.json"),
        fixture("bundles/v4-followup.json"),
        fixture("bundles/v5-stated.json"),
    ];
    for s in &seeds {
        bundle::import(s).expect("every seed reads");
    }
    seeds
}

/// Values that have broken readers before: wrong types, extreme numbers and strings.
fn odd_value(rng: &mut Rng) -> Value {
    let deep = {
        let mut v = Value::Null;
        for _ in 0..(100 + rng.below(60)) {
            v = Value::Array(vec![v]);
        }
        v
    };
    let choices: Vec<Value> = vec![
        Value::Null,
        Value::Bool(true),
        Value::from(0),
        Value::from(-1),
        Value::from(u64::MAX),
        Value::from(i64::MIN),
        serde_json::json!(1e308),
        serde_json::json!(-1e308),
        serde_json::json!(1e-28),
        serde_json::json!(0.1),
        Value::from("1e-28"),
        Value::from("0.000000000000000000000000001"),
        Value::from("79228162514264337593543950335"),
        Value::from("-5"),
        Value::from("NaN"),
        Value::from(""),
        Value::from(" "),
        Value::from("x".repeat(200_001)),
        Value::from("\u{0}\u{1f}\u{202e}<script>alert(1)</script>"),
        Value::from("DÅ08 2024"),
        Value::from("2024-02-30"),
        Value::from("=SUMMA(A1)"),
        Value::from("../../etc/passwd#?/"),
        Value::Array(vec![]),
        serde_json::json!({}),
        serde_json::json!({"okänt": 1}),
        deep,
    ];
    rng.pick(&choices).clone()
}

/// Every place in a JSON value, as a path of keys and indices.
fn places(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(Step::I(i));
                places(x, here, out);
                here.pop();
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                here.push(Step::K(k.clone()));
                places(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    K(String),
    I(usize),
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::K(k) => &mut v[k.as_str()],
        Step::I(i) => &mut v[*i],
    })
}

/// One mutated case from a seed.
fn mutate_bundle(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    match rng.below(9) {
        // flip bytes
        0 => {
            for _ in 0..=rng.below(4) {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            bytes
        }
        // cut the file short
        1 => {
            bytes.truncate(rng.below(bytes.len()));
            bytes
        }
        // insert JSON punctuation or a stray byte
        2 => {
            let i = rng.below(bytes.len());
            let ins: &[&[u8]] = &[
                b"{", b"}", b"[", b"]", b",", b":", b"\"", b"\\", b"\xff", b"\xc3", b"1e999",
            ];
            let piece = *rng.pick(ins);
            bytes.splice(i..i, piece.iter().copied());
            bytes
        }
        // a duplicate key: repeat a `"key": value` pair's key inside its object
        3 => {
            let text = String::from_utf8(bytes).unwrap();
            let keys: Vec<usize> = text.match_indices("\": ").map(|(i, _)| i).collect();
            if keys.is_empty() {
                return text.into_bytes();
            }
            let end = *rng.pick(&keys);
            let start = text[..end].rfind('"').unwrap();
            let key = &text[start..=end];
            let mut out = text.clone();
            out.insert_str(start, &format!("{key}: null, "));
            out.into_bytes()
        }
        // replace a value somewhere by an odd one, or drop or add a field
        _ => {
            let mut v: Value = serde_json::from_slice(&bytes).unwrap();
            let mut all = vec![];
            places(&v, &mut vec![], &mut all);
            let path = rng.pick(&all).clone();
            let odd = odd_value(rng);
            match rng.below(4) {
                0 if !path.is_empty() => {
                    let (last, parent) = path.split_last().unwrap();
                    match (at(&mut v, parent), last) {
                        (Value::Object(m), Step::K(k)) => {
                            m.remove(k);
                        }
                        (Value::Array(a), Step::I(i)) => {
                            a.remove(*i);
                        }
                        _ => {}
                    }
                }
                1 => {
                    if let Value::Object(m) = at(&mut v, &path) {
                        m.insert("extra_falt".into(), odd);
                    }
                }
                _ => *at(&mut v, &path) = odd,
            }
            if rng.below(2) == 0 {
                serde_json::to_vec(&v).unwrap()
            } else {
                serde_json::to_vec_pretty(&v).unwrap()
            }
        }
    }
}

/// What must hold for one case; returns whether the case was accepted.
fn check_bundle(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let _ = summary::summaries(&text);
    let _ = summary::plan_heading(bytes, None);
    let Ok(ws) = bundle::import(bytes) else {
        return false;
    };
    // accepted: every item stores, reads back equal from its record, and the lists read it
    for p in &ws.plans {
        let record =
            storage::encode(p).unwrap_or_else(|e| panic!("accepted but not storable: {e}"));
        assert_eq!(&storage::decode(&p.id, &record).unwrap(), p);
        let s = summary::summaries(&record).unwrap();
        assert_eq!(s.plans.len(), 1);
        assert!(p.validate().is_ok());
    }
    for t in &ws.tariffs {
        let record =
            storage::encode_tariff(t).unwrap_or_else(|e| panic!("accepted but not storable: {e}"));
        assert_eq!(&storage::decode_tariff(&t.id, &record).unwrap(), t);
    }
    for r in &ws.rule_sets {
        storage::encode_rule_set(r).unwrap_or_else(|e| panic!("accepted but not storable: {e}"));
    }
    // export, import, export: the same bytes
    let once = bundle::export_workspace(&ws);
    let mut back = bundle::import(&once).expect("our own export reads");
    assert_eq!(bundle::export_workspace(&back), once);
    // the same items (export sorts them by id)
    let mut ws = ws;
    for w in [&mut ws, &mut back] {
        w.plans.sort_by(|a, b| a.id.cmp(&b.id));
        w.tariffs.sort_by(|a, b| a.id.cmp(&b.id));
        w.rule_sets.sort_by(|a, b| a.id.cmp(&b.id));
    }
    assert_eq!(back, ws);
    for part in bundle::export_backup(&ws) {
        bundle::import(&part).expect("our own backup reads");
    }
    compute_everything(&ws);
    true
}

/// Everything the app computes on what it read: none of it may panic.
fn compute_everything(ws: &Workspace) {
    for p in &ws.plans {
        let st = Structure::new(p);
        let mut periods = rollup::periods_with_data(p);
        periods.truncate(3);
        for period in &periods {
            let card = scorecard::scorecard(p, &st, *period);
            for i in 0..p.nodes.len() {
                if let (Some(a), NodeData::Matt(m)) = (card.assessment(p, i), &p.nodes[i].data) {
                    let _ = a.reason(m, &p.scorecard);
                }
            }
            let _ = scorecard::report(p, &st, &card, &card);
        }
        let _ = scorecard::table::results_csv(p, &periods);
        let _ = rollup::default_period(p);
    }
    for t in &ws.tariffs {
        let idx = VolumeIndex::new(t);
        let totals = Totals::new(t, &idx);
        let _ = totals.explain(&t.volume_source);
        let _ = totals.total.deviation_label(t.params.max_deviation_pct);
        for r in &t.rows {
            let _ = r.deviation();
            let _ = r.explain_deviation();
        }
        let derived = jour::derive_jour_of(t);
        let _ = jour::compare_jour(&t.rows, &derived, &t.rows);
        let c = compare::compare(t, &idx, t);
        let _ = c.explain(t, t);
        for mode in [proposal::Mode::Uniform, proposal::Mode::PerGroup] {
            let req = proposal::Request {
                target_pct: t.params.max_deviation_pct,
                mode,
                only_lower: true,
            };
            if let Ok(p) = proposal::propose(t, &idx, req) {
                let _ = p.explain(t);
            }
        }
        let _ = csv_io::write_tariff(&t.rows);
    }
}

/// Run `cases` mutated cases of each seed through `check`, failing with the case to rerun it.
fn run(
    name: &str,
    seeds: &[Vec<u8>],
    mutate: fn(&[u8], &mut Rng) -> Vec<u8>,
    check: fn(&[u8]) -> bool,
) {
    let n = cases();
    let seed = seed();
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut accepted = 0;
    for case in 0..n {
        let s = &seeds[case % seeds.len()];
        let bytes = mutate(s, &mut rng);
        match catch_unwind(AssertUnwindSafe(|| check(&bytes))) {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(_) => {
                let path = std::env::temp_dir().join(format!("fuzz-{name}-{case}.bin"));
                std::fs::write(&path, &bytes).unwrap();
                panic!(
                    "{name}: case {case} (seed {seed}) failed; its input is in {}",
                    path.display()
                );
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "FUZZ {name}: {n} cases ({accepted} accepted) in {secs:.1} s, {:.0} cases/s",
        n as f64 / secs
    );
    assert!(
        accepted > 0,
        "{name}: no case was accepted; the mutations are too blunt"
    );
    assert!(
        accepted < n,
        "{name}: every case was accepted; the mutations do nothing"
    );
}

#[test]
fn bundle_reader_never_panics_and_what_it_accepts_round_trips() {
    run("bundle", &bundle_seeds(), mutate_bundle, check_bundle);
}

fn csv_seeds() -> Vec<Vec<u8>> {
    let tariff = String::from_utf8(fixture("seed/jonkoping-ftv-tariff-2025.csv")).unwrap();
    let head: String = tariff.lines().take(40).collect::<Vec<_>>().join("\n");
    let rows = csv_io::read_tariff(head.as_bytes()).unwrap();
    let volumes = "Kod;Text;Klinik;Antal\r\n101;;Centrum;1 200\r\n103;;Söder;17\r\n";
    vec![
        head.into_bytes(),
        csv_io::write_tariff(&rows),
        volumes.as_bytes().to_vec(),
        b"Kod;Pris\r\n=1+1;100\r\n'=x;12,50\r\n-abc;0\r\n".to_vec(),
    ]
}

fn mutate_csv(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(3) {
        let i = rng.below(bytes.len());
        match rng.below(6) {
            0 => bytes[i] = rng.next() as u8,
            1 => bytes.truncate(i.max(1)),
            2 => {
                let ins: &[&[u8]] = &[
                    b";",
                    b"\"",
                    b"\r\n",
                    b"\n",
                    b",",
                    b"\t",
                    b"'",
                    b"=",
                    b"\xe5",
                    b"\xc3\xa5",
                    b"\0",
                ];
                let piece = *rng.pick(ins);
                bytes.splice(i..i, piece.iter().copied());
            }
            3 => {
                let big = "9".repeat(rng.below(40));
                bytes.splice(i..i, big.bytes());
            }
            4 => {
                let cell = "å".repeat(rng.below(3) * 60_000);
                bytes.splice(i..i, cell.bytes());
            }
            _ => {
                // repeat a line
                let text = String::from_utf8_lossy(&bytes).to_string();
                let lines: Vec<&str> = text.lines().collect();
                let l = *rng.pick(&lines);
                bytes.extend_from_slice(format!("\r\n{l}").as_bytes());
            }
        }
    }
    bytes
}

fn check_csv(bytes: &[u8]) -> bool {
    let mut accepted = false;
    if let Ok(rows) = csv_io::read_tariff(bytes) {
        let again = csv_io::read_tariff(&csv_io::write_tariff(&rows)).expect("our own CSV reads");
        assert_eq!(again, rows);
        accepted = true;
    }
    if let Ok(v) = csv_io::read_volumes(bytes) {
        let again = csv_io::read_volumes(&csv_io::write_volumes(&v)).expect("our own CSV reads");
        assert_eq!(again, v);
        accepted = true;
    }
    accepted
}

#[test]
fn csv_reader_never_panics_and_what_it_accepts_round_trips() {
    run("csv", &csv_seeds(), mutate_csv, check_csv);
}
