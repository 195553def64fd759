//! Nothing is lost and nothing crashes: writes are validated the way reads are, arithmetic never panics, trees
//! of any shape validate in one pass, what the app writes (ids, CSV, backups) always reads back, and every
//! message a user can meet is Swedish.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::bench_data::chain_plan;
use futures::executor::block_on;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::str::FromStr;
use verksam::domain::bundle::{self, MAX_BUNDLE_BYTES};
use verksam::domain::edit;
use verksam::domain::error::ErrorKind;
use verksam::domain::limits::{MAX_DEPTH, MAX_ID_CHARS, MAX_TARIFF_ROWS, MAX_TEXT_CHARS};
use verksam::domain::plan::{NodeData, NodeKind, Plan};
use verksam::domain::spreadsheet::{neutralise, restore};
use verksam::domain::tariff::revenue::{check_of, Check, Revenue};
use verksam::domain::tariff::subsidy::{self, Case, CostError, Line};
use verksam::domain::tariff::{
    compare, csv_io, jour, proposal, Rounding, Tariff, Totals, VolumeIndex,
};
use verksam::domain::workspace::Workspace;
use verksam::domain::{limits, validate};
use verksam::storage::memory::MemoryRepository;
use verksam::storage::{self, Repository, StorageError, WriteBatch};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn plan(id: &str) -> Plan {
    let mut p = Plan::new(
        id.into(),
        "Plan".into(),
        "Nämnd".into(),
        2025,
        "2025-01-01T00:00:00.000Z".into(),
    );
    let per = edit::add_child(&mut p, None, NodeKind::Perspektiv).unwrap();
    edit::add_child(&mut p, Some(&per), NodeKind::Mal).unwrap();
    p
}

fn demo_tariff() -> Tariff {
    let ws = bundle::import(
        &std::fs::read(format!(
            "{}/public/demo/jonkoping-taxa-2025.verksam.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let t = ws
        .tariffs
        .into_iter()
        .find(|t| t.kind == verksam::domain::tariff::TariffKind::Normal)
        .unwrap();
    assert!(!t.volumes.is_empty());
    t
}

/// The error a write of `p` gets, if refused.
fn refused(p: &Plan) -> Option<ErrorKind> {
    let repo = MemoryRepository::new();
    match block_on(repo.save(p)) {
        Ok(()) => None,
        Err(StorageError::Invalid { error, .. }) => Some(error.kind),
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[test]
fn each_kind_of_write_that_would_not_read_back_is_refused() {
    let ok = plan("p");
    assert_eq!(refused(&ok), None);
    let mut long_title = ok.clone();
    long_title.title = "x".repeat(MAX_TEXT_CHARS + 1);
    assert!(matches!(
        refused(&long_title),
        Some(ErrorKind::TooLong { .. })
    ));
    let mut exactly = ok.clone();
    exactly.title = "x".repeat(MAX_TEXT_CHARS);
    assert_eq!(refused(&exactly), None);
    let long_id = plan(&"p".repeat(MAX_ID_CHARS + 1));
    assert!(matches!(refused(&long_id), Some(ErrorKind::TooLong { .. })));
    let mut control = ok.clone();
    control.nodes[0].id = "a\u{7}".into();
    control.nodes[1].parent = Some("a\u{7}".into());
    assert!(matches!(
        refused(&control),
        Some(ErrorKind::ControlInId { .. })
    ));
    let mut cycle = ok.clone();
    cycle.nodes[0].parent = Some(cycle.nodes[1].id.clone());
    assert!(matches!(refused(&cycle), Some(ErrorKind::Cycle { .. })));
    assert!(matches!(
        refused(&chain_plan(MAX_DEPTH + 1)),
        Some(ErrorKind::TooDeep { .. })
    ));
    assert_eq!(refused(&chain_plan(MAX_DEPTH)), None);
    let mut bad_time = ok.clone();
    bad_time.updated_at = "igår".into();
    assert!(matches!(
        refused(&bad_time),
        Some(ErrorKind::BadTimestamp { .. })
    ));
    // a record larger than reading accepts: 300 nodes of 200 000 characters
    let mut huge = ok.clone();
    for _ in 0..300 {
        let id = edit::add_child(&mut huge, None, NodeKind::Perspektiv).unwrap();
        let i = huge.nodes.iter().position(|n| n.id == id).unwrap();
        huge.nodes[i].text = "å".repeat(MAX_TEXT_CHARS / 2);
    }
    assert!(matches!(
        refused(&huge),
        Some(ErrorKind::TooLarge { limit, .. }) if limit == MAX_BUNDLE_BYTES
    ));
    // tariffs: a tiny reference price or rounding step, too many rows
    let repo = MemoryRepository::new();
    let mut t = demo_tariff();
    t.rows[0].reference = Some(d("1e-28").max(Decimal::new(1, 28)));
    assert!(matches!(
        block_on(repo.save_tariff(&t)),
        Err(StorageError::Invalid { error, .. }) if matches!(error.kind, ErrorKind::TooSmall { .. })
    ));
    let mut t = demo_tariff();
    t.params.rounding.step = Decimal::new(1, 28);
    assert!(block_on(repo.save_tariff(&t)).is_err());
    t.params.rounding.step = Decimal::ZERO;
    block_on(repo.save_tariff(&t)).unwrap();
    let mut t = demo_tariff();
    let row = t.rows[0].clone();
    t.rows = vec![row; MAX_TARIFF_ROWS + 1];
    assert!(matches!(
        block_on(repo.save_tariff(&t)),
        Err(StorageError::Invalid { error, .. }) if matches!(error.kind, ErrorKind::TooMany { .. })
    ));
}

#[test]
fn ids_and_titles_the_app_makes_stay_within_the_limits() {
    let long = "å".repeat(MAX_ID_CHARS);
    let taken: BTreeSet<String> = [long.clone()].into();
    let id = edit::free_plan_id(&format!("{long}-kopia"), &taken);
    assert!(id.chars().count() <= MAX_ID_CHARS, "{}", id.len());
    assert!(!taken.contains(&id));
    let again = edit::free_plan_id(&format!("{long}-kopia"), &[id.clone()].into());
    assert_ne!(again, id);
    assert!(again.chars().count() <= MAX_ID_CHARS);
    // duplicating a plan with a long id and the longest title still stores
    let mut p = plan(&long);
    p.title = "t".repeat(MAX_TEXT_CHARS);
    let copy = edit::duplicate(&p, id, "2025-01-02T00:00:00.000Z".into());
    assert!(copy.title.ends_with(" (kopia)"));
    assert!(validate::validate_plan(&copy, "p").is_ok());
    // "keep both" on import
    let ws = Workspace {
        plans: vec![p.clone()],
        ..Default::default()
    };
    let kept = verksam::domain::import::resolve(
        &[long.clone()].into(),
        ws,
        verksam::domain::import::Resolution::KeepBoth,
    );
    assert!(
        validate::validate_plan(&kept[0], "p").is_ok(),
        "{:?}",
        kept[0].id
    );
    // a child deep in the tree, whose parent's id is already long, still gets an id within the limit
    let mut deep = plan(&"d".repeat(MAX_ID_CHARS));
    let mut parent = deep.nodes[1].id.clone();
    for _ in 0..10 {
        let id = edit::add_child(&mut deep, Some(&parent), NodeKind::Mal).unwrap();
        assert!(id.chars().count() <= MAX_ID_CHARS, "{}", id.len());
        parent = id;
    }
    assert!(validate::validate_plan(&deep, "p").is_ok());
}

#[test]
fn a_chain_of_any_length_is_judged_in_one_pass() {
    // the whole chain is read, and refused where it gets too deep
    let e = validate::validate_plan(&chain_plan(100_000), "plans[0]").unwrap_err();
    assert_eq!(e.path, format!("plans[0].nodes[{MAX_DEPTH}].parent"));
    assert!(matches!(e.kind, ErrorKind::TooDeep { limit, .. } if limit == MAX_DEPTH));
    assert!(e.to_string().contains("för djupt"), "{e}");
    // a chain in reverse order (children listed before their parents) too
    let mut rev = chain_plan(MAX_DEPTH);
    rev.nodes.reverse();
    assert!(validate::validate_plan(&rev, "p").is_ok());
    // a cycle anywhere in a long list is found
    let mut cyc = chain_plan(MAX_DEPTH);
    cyc.nodes[0].parent = Some(format!("k{}", MAX_DEPTH - 1));
    let e = validate::validate_plan(&cyc, "p").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Cycle { .. }), "{e:?}");
    // and a file with the 100 000-node chain is refused with that place
    let bytes = bundle::export(&[chain_plan(100_000)]);
    let e = bundle::import(&bytes).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::TooDeep { .. }));
}

#[test]
fn money_arithmetic_never_panics_at_its_bounds() {
    let tiny = Decimal::new(1, 28);
    // rounding by a step too small to divide by leaves the value
    let r = Rounding {
        step: tiny,
        up: true,
    };
    assert_eq!(r.apply(Decimal::MAX), Decimal::MAX);
    assert_eq!(r.apply(d("1100")), d("1100"));
    let r = Rounding {
        step: d("0.01"),
        up: false,
    };
    assert_eq!(r.apply(d("10.005")), d("10.01"));
    // a tiny reference price gives no deviation instead of a panic
    let mut t = demo_tariff();
    t.rows[0].reference = Some(tiny);
    t.rows[0].price = Decimal::MAX;
    assert_eq!(t.rows[0].deviation(), None);
    let _ = t.rows[0].explain_deviation();
    let idx = VolumeIndex::new(&t);
    let totals = Totals::new(&t, &idx);
    let _ = totals.explain(&t.volume_source);
    let _ = compare::compare(&t, &idx, &demo_tariff());
    let _ = compare::compare(&demo_tariff(), &idx, &t);
    let _ = jour::derive_jour_of(&t);
    let rev = Revenue {
        at_price: Decimal::MAX,
        at_reference: tiny,
        rows: 1,
    };
    assert_eq!(rev.deviation_pct(), None);
    assert_eq!(check_of(&rev, d("7")), Check::Unknown);
    // the patient's cost refuses absurd inputs instead of overflowing
    let rules = subsidy::rules_2025();
    let case = |prior: Decimal, count: u32| Case {
        birth_year: 1960,
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        lines: vec![Line { row: 0, count }],
        prior_basis: prior,
        period_start: None,
        atb_left: None,
        stb_left: Decimal::ZERO,
    };
    let t = demo_tariff();
    assert!(subsidy::patient_cost(&rules, &t, &case(Decimal::ZERO, 2)).is_ok());
    assert_eq!(
        subsidy::patient_cost(&rules, &t, &case(Decimal::MAX, 1)),
        Err(CostError::TooLarge)
    );
    assert_eq!(
        subsidy::patient_cost(&rules, &t, &case(Decimal::ZERO, u32::MAX)),
        Err(CostError::TooMany)
    );
    let mut old = case(Decimal::ZERO, 1);
    old.birth_year = i32::MIN;
    assert!(matches!(
        subsidy::patient_cost(&rules, &t, &old),
        Err(CostError::BadBirthYear(_))
    ));
}

#[test]
fn the_revenue_limit_is_compared_exactly_and_shown_without_contradiction() {
    let at = |price: &str| Revenue {
        at_price: d(price),
        at_reference: d("100"),
        rows: 1,
    };
    // +7,005 % is over a 7 % limit, though two decimals half-to-even would make it 7,00
    assert_eq!(check_of(&at("107.005"), d("7")), Check::Over);
    assert_eq!(at("107.005").deviation_label(d("7")), "+7,01\u{a0}%");
    assert_eq!(check_of(&at("107"), d("7")), Check::Within);
    assert_eq!(at("107").deviation_label(d("7")), "+7,0\u{a0}%");
    assert_eq!(check_of(&at("92.99"), d("7")), Check::Over);
    assert_eq!(at("92.99").deviation_label(d("7")), "−7,01\u{a0}%");
    assert_eq!(at("107.0001").deviation_label(d("7")), "+7,0001\u{a0}%");
    assert_eq!(
        at("107.0000001").deviation_label(d("7")),
        "strax över +7,0\u{a0}%"
    );
    // within the limit, rounding up to the limit does not contradict the verdict
    assert_eq!(at("106.96").deviation_label(d("7")), "+7,0\u{a0}%");
    // a proposal never lands above its target, compared exactly
    let t = demo_tariff();
    let idx = VolumeIndex::new(&t);
    for target in ["7", "6.999", "5.005", "0"] {
        let req = proposal::Request {
            target_pct: d(target),
            mode: proposal::Mode::Uniform,
            only_lower: true,
        };
        let p = proposal::propose(&t, &idx, req).unwrap();
        assert!(
            p.after.total.exact_deviation_pct().unwrap() <= d(target),
            "{target}: {:?}",
            p.after.total.exact_deviation_pct()
        );
    }
}

#[test]
fn comparing_large_tariffs_finds_the_codes_only_on_one_side() {
    let t = demo_tariff();
    let mut other = t.clone();
    other.rows.retain(|r| r.code != "101");
    other.rows.push(verksam::domain::tariff::TariffRow {
        code: "X1".into(),
        ..t.rows[0].clone()
    });
    let idx = VolumeIndex::new(&t);
    let c = compare::compare(&t, &idx, &other);
    assert_eq!(c.only_new, ["101"]);
    assert_eq!(c.only_old, ["X1"]);
    // a 100 000-row tariff against itself matches every row to itself
    let mut big = t.clone();
    big.rows = (0..100_000)
        .map(|i| verksam::domain::tariff::TariffRow {
            code: format!("{}", i / 3),
            text: format!("rad {i}"),
            ..t.rows[0].clone()
        })
        .collect();
    let m = jour::match_rows(&big.rows, &big.rows);
    assert!(m.iter().enumerate().all(|(i, x)| *x == Some(i)));
    let derived = jour::derive_jour_of(&big);
    assert_eq!(
        jour::compare_jour(&big.rows, &derived, &derived).equal,
        100_000
    );
}

#[test]
fn duplicate_keys_are_refused_with_their_path() {
    let text = r#"{"format":"verksam-bundle","version":3,"exported_at":"2025-01-01T00:00:00.000Z","generator":"x",
        "plans":[{"id":"a","title":"A","title":"B"}]}"#;
    let e = bundle::import(text.as_bytes()).unwrap_err();
    assert_eq!(e.path, "plans[0].title");
    assert!(matches!(&e.kind, ErrorKind::DuplicateKey { key } if key == "title"));
    assert_eq!(
        e.to_string(),
        "plans[0].title: nyckeln \"title\" förekommer två gånger i samma objekt"
    );
    let e = bundle::import(br#"{"format":"verksam-bundle","format":"x"}"#).unwrap_err();
    assert_eq!(e.path, "format");
}

#[test]
fn every_message_from_a_broken_file_is_swedish() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let inputs: Vec<Vec<u8>> = vec![
        b"{\"a\": }".to_vec(),
        b"{\"a\": 1,}".to_vec(),
        b"[1,]".to_vec(),
        b"{\"a\": \"x\ny\"}".to_vec(),
        b"{\"a\": 1e999}".to_vec(),
        b"{\"a\": tru}".to_vec(),
        b"{\"a\" 1}".to_vec(),
        b"{1: 2}".to_vec(),
        b"{\"a\": \"\\q\"}".to_vec(),
        b"{\"a\": \"\\ud800\"}".to_vec(),
        b"{} x".to_vec(),
        b"{\"version\": 3}".to_vec(),
        br#"{"format":"verksam-bundle","version":3,"plans":[{"id":5}]}"#.to_vec(),
        br#"{"format":"verksam-bundle","version":3,"plans":{}}"#.to_vec(),
        deep.into_bytes(),
        vec![0xff, 0xfe],
    ];
    let english = [
        "expected",
        "value",
        "trailing",
        "recursion",
        "number out of range",
        "control character",
        "invalid",
        "missing",
        "unknown",
        "formatet är saknas",
        "EOF",
        "string",
        "integer",
    ];
    for input in inputs {
        let msg = bundle::import(&input).unwrap_err().to_string();
        let lower = msg.to_lowercase();
        for word in english {
            assert!(
                !lower.contains(&word.to_lowercase()),
                "{:?} gives ”{msg}”, which has ”{word}”",
                String::from_utf8_lossy(&input)
            );
        }
    }
    // the light list read of a stored record, too
    for input in [
        r#"{"format":"verksam-bundle","version":3,"plans":[{"id":5}]}"#,
        r#"{"format":"verksam-bundle","version":"3"}"#,
        r#"{"format":"verksam-bundle","version":3,"plans":[{"title":"x","title":"y"}]}"#,
    ] {
        let msg = bundle::summary::summaries(input).unwrap_err().to_string();
        for word in [
            "expected",
            "invalid type",
            "missing field",
            "duplicate field",
            "a string",
        ] {
            assert!(!msg.contains(word), "{input} gives ”{msg}”");
        }
    }
}

#[test]
fn csv_cells_are_safe_for_spreadsheets_and_read_back() {
    for s in [
        "=SUMMA(A1:A3)",
        "+46 70 123",
        "-foo",
        "@x",
        "\tx",
        "\rx",
        "'=x",
        "''=x",
        "'",
        "''",
        "'x",
        "-5,2",
        "+7,0",
        "normal",
        "",
    ] {
        assert_eq!(restore(&neutralise(s)), s, "{s:?}");
    }
    assert_eq!(neutralise("=1+1"), "'=1+1");
    assert_eq!(neutralise("-12,50"), "-12,50");
    // a tariff whose texts look like formulas writes them guarded and reads them back
    let mut t = demo_tariff();
    t.rows[0].text = "=HYPERLINK(\"http://x\")".into();
    t.rows[1].group = "+Grupp".into();
    t.rows[2].code = "@12".into();
    let bytes = csv_io::write_tariff(&t.rows);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("'=HYPERLINK"));
    assert!(text.contains(";'+Grupp;"));
    assert!(!text.contains(";=") && !text.contains("\n=") && !text.contains("\n@"));
    let back = csv_io::read_tariff(&bytes).unwrap();
    assert_eq!(back[0].text, t.rows[0].text);
    assert_eq!(back[1].group, "+Grupp");
    assert_eq!(back[2].code, "@12");
}

#[test]
fn a_csv_with_an_unclosed_quote_or_a_stray_byte_is_refused_with_its_line() {
    let e =
        csv_io::read_tariff(b"Kod;Text;Pris\r\n101;\"Bas;100\r\n102;Akut;200\r\n103;\"x\";300\r\n")
            .unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.to_string().contains("citattecken"), "{e}");
    let e = csv_io::read_tariff(b"Kod;Text;Pris\r\n101;Bas;100\r\n102;\"Akut;200").unwrap_err();
    assert_eq!(e.line, 3);
    // a UTF-8 file with one stray byte on line 3
    let mut bytes = "Kod;Text;Pris\r\n101;Basundersökning;100\r\n102;Akut"
        .as_bytes()
        .to_vec();
    bytes.push(0xE5);
    bytes.extend_from_slice(b";200\r\n");
    let e = csv_io::read_tariff(&bytes).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.to_string().contains("UTF-8"), "{e}");
    // a whole Windows-1252 file still reads
    let mut cp = b"Kod;Text;Pris\r\n101;Basunders".to_vec();
    cp.push(0xF6);
    cp.extend_from_slice(b"kning;100\r\n");
    assert_eq!(csv_io::read_tariff(&cp).unwrap()[0].text, "Basundersökning");
    // quotes that pair up, with escaped quotes, read
    let ok = csv_io::read_tariff(b"Kod;Text;Pris\r\n101;\"Sa \"\"ja\"\"; nu\";100\r\n").unwrap();
    assert_eq!(ok[0].text, "Sa \"ja\"; nu");
}

#[test]
fn a_csv_over_the_limits_is_refused_where_it_goes_over() {
    let mut text = String::from("Kod;Pris\n");
    for i in 0..=MAX_TARIFF_ROWS {
        text.push_str(&format!("{i};1\n"));
    }
    let e = csv_io::read_tariff(text.as_bytes()).unwrap_err();
    assert_eq!(e.line, MAX_TARIFF_ROWS + 2);
    assert!(e.to_string().contains("högst"), "{e}");
    let cell = "x".repeat(limits::MAX_CODE_CHARS + 1);
    let e = csv_io::read_tariff(format!("Kod;Pris\n{cell};1\n").as_bytes()).unwrap_err();
    assert_eq!((e.line, e.column.as_str()), (2, "Kod"));
}

#[test]
fn the_backup_always_fits_what_import_accepts() {
    let demo = bundle::import(
        &std::fs::read(format!(
            "{}/public/demo/orebro-ftv-plan-2024.verksam.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let mut ws = Workspace {
        plans: common::bench_data::replicate(&demo.plans[0], 1_500_000),
        tariffs: vec![demo_tariff()],
        rule_sets: vec![subsidy::rules_2025()],
    };
    // one file when it fits; compact, with the same content as the pretty export
    let whole = bundle::export_backup(&ws);
    assert_eq!(whole.len(), 1);
    assert!(whole[0].len() * 3 < bundle::export_workspace(&ws).len() * 2);
    assert_eq!(
        bundle::export_workspace(&bundle::import(&whole[0]).unwrap()),
        bundle::export_workspace(&ws)
    );
    // with a limit of 400 kB the same workspace is split; every part reads and together they are the whole
    let limit = 400_000;
    let parts = bundle::export_backup_within(&ws, limit);
    assert!(parts.len() > 2, "{}", parts.len());
    let mut back = Workspace::default();
    for part in &parts {
        assert!(part.len() <= limit, "{} > {limit}", part.len());
        let mut w = bundle::import(part).unwrap();
        back.plans.append(&mut w.plans);
        back.tariffs.append(&mut w.tariffs);
        back.rule_sets.append(&mut w.rule_sets);
    }
    assert_eq!(
        bundle::export_workspace(&back),
        bundle::export_workspace(&ws)
    );
    // deterministic: the same content in another order gives the same files
    ws.plans.reverse();
    assert_eq!(bundle::export_backup_within(&ws, limit), parts);
}

#[test]
fn a_refused_batch_leaves_storage_as_it_was() {
    let repo = MemoryRepository::new();
    block_on(repo.save(&plan("a"))).unwrap();
    let before = block_on(repo.records()).unwrap();
    let mut bad = plan("b");
    if let NodeData::Mal(g) = &mut bad.nodes[1].data {
        g.number = Some(1);
    }
    bad.nodes[1].text = "x".repeat(MAX_TEXT_CHARS + 1);
    let err = block_on(repo.write(WriteBatch {
        delete: &["a".into()],
        add_new: &[plan("c"), bad],
        ..Default::default()
    }))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("planen ”Plan” kan inte sparas: plan.nodes[1].text: texten är för lång"),
        "{err}"
    );
    assert_eq!(block_on(repo.records()).unwrap(), before);
    // and the record encoder agrees with the reader on what is storable
    let p = plan("d");
    let rec = storage::encode(&p).unwrap();
    assert_eq!(storage::decode("d", &rec).unwrap(), p);
}

#[test]
fn a_refused_edit_of_one_part_is_put_back_exactly() {
    use verksam::domain::draft::{Editable, Part};
    let original = plan("p");
    let node_id = original.nodes[1].id.clone();
    type Breaks = Box<dyn Fn(&mut Plan)>;
    let cases: Vec<(Part, Breaks)> = vec![
        (
            Part::Header,
            Box::new(|p: &mut Plan| p.title = "x".repeat(MAX_TEXT_CHARS + 1)),
        ),
        (
            Part::Header,
            Box::new(|p: &mut Plan| p.period.from = p.period.to + 1),
        ),
        (
            Part::Node(node_id.clone()),
            Box::new(|p: &mut Plan| p.nodes[1].text = "y".repeat(MAX_TEXT_CHARS + 1)),
        ),
        (
            Part::Whole,
            Box::new(|p: &mut Plan| p.nodes[0].parent = Some(p.nodes[1].id.clone())),
        ),
    ];
    for (part, edit) in cases {
        let mut p = original.clone();
        let kept = p.keep(&part);
        edit(&mut p);
        assert!(p.check(&part).is_err(), "{part:?}");
        // what the part check refuses, storage refuses too
        assert!(storage::encode(&p).is_err(), "{part:?}");
        p.put_back(kept);
        assert_eq!(p, original, "{part:?}");
    }
    // tariffs: a row and the parameters
    let t0 = demo_tariff();
    let mut t = t0.clone();
    let kept = t.keep(&Part::Row(3));
    t.rows[3].price = Decimal::new(1, 28);
    assert!(t.check(&Part::Row(3)).is_err());
    assert!(storage::encode_tariff(&t).is_err());
    t.put_back(kept);
    assert_eq!(t, t0);
    let kept = t.keep(&Part::Header);
    t.params.rounding.step = Decimal::new(1, 28);
    assert!(t.check(&Part::Header).is_err());
    t.put_back(kept);
    assert_eq!(t, t0);
    // an accepted part edit of a valid document keeps the whole valid
    let kept = t.keep(&Part::Row(0));
    t.rows[0].price = d("1234.5");
    assert!(t.check(&Part::Row(0)).is_ok());
    assert!(storage::encode_tariff(&t).is_ok());
    drop(kept);
}

#[test]
fn a_csv_amount_below_one_ore_is_refused_with_its_place() {
    let e =
        csv_io::read_tariff(b"Kod;Pris;Referenspris\r\n101;100;0,0000000000000000000000000001\r\n")
            .unwrap_err();
    assert_eq!((e.line, e.column.as_str()), (2, "Referenspris"));
    assert!(e.to_string().contains("öre"), "{e}");
    assert!(csv_io::read_tariff(b"Kod;Pris;Referenspris\r\n101;100;0\r\n").is_ok());
}
