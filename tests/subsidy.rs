//! What the patient pays under the state dental subsidy: hand-computed cases on the 2025 rules (among them the
//! worked check: a reference basis of 20 000 kr, of which the state pays 0,5 × 12 000 + 0,85 × 5 000 =
//! 10 250 kr), the 2026 rule set, and properties that must hold for any treatment.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use verksam::domain::tariff::subsidy::*;
use verksam::domain::tariff::*;

fn kr(n: i64) -> Decimal {
    Decimal::from(n)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn row(code: &str, price: i64, reference: Option<i64>) -> TariffRow {
    TariffRow {
        code: code.into(),
        care_type: Some(CareType::A),
        group: "G".into(),
        kind: if reference.is_some() {
            CodeKind::Extern
        } else {
            CodeKind::Intern
        },
        text: format!("Åtgärd {code}"),
        price: kr(price),
        reference: reference.map(kr),
        unit: PriceUnit::PerAction,
        source_line: None,
    }
}

fn tariff(rows: Vec<TariffRow>) -> Tariff {
    let mut t = Tariff::new("t".into(), "T".into(), 2025, "2025-01-01T00:00:00Z".into());
    t.rows = rows;
    t
}

fn case(birth_year: i32, lines: &[(usize, u32)]) -> Case {
    Case {
        birth_year,
        date: date(2025, 6, 2),
        lines: lines
            .iter()
            .map(|&(row, count)| Line { row, count })
            .collect(),
        prior_basis: Decimal::ZERO,
        period_start: None,
        atb_left: Some(Decimal::ZERO),
        stb_left: Decimal::ZERO,
    }
}

#[test]
fn the_worked_example_20_000_basis_gives_the_state_10_250() {
    // one action at 22 000 kr with a reference price of 20 000 kr
    let t = tariff(vec![row("800", 22_000, Some(20_000))]);
    let b = patient_cost(&rules_2025(), &t, &case(1980, &[(0, 1)])).unwrap();
    assert_eq!(b.basis, kr(20_000));
    // 0,5 × 12 000 + 0,85 × 5 000
    assert_eq!(b.state, kr(10_250));
    assert_eq!(b.patient, kr(11_750));
    assert!(
        b.lines[0]
            .rule
            .starts_with("2\u{a0}000\u{a0}kr över referenspriset"),
        "{}",
        b.lines[0].rule
    );
}

#[test]
fn free_care_through_the_year_the_patient_turns_19() {
    let t = tariff(vec![row("101", 1100, Some(1015))]);
    let b = patient_cost(&rules_2025(), &t, &case(2006, &[(0, 1)])).unwrap();
    assert_eq!(
        (b.age, b.patient, b.region, b.state),
        (19, kr(0), kr(1100), kr(0))
    );
    assert!(b.notes.iter().any(|n| n.contains("Avgiftsfri")));
    let mut c = case(2005, &[(0, 1)]);
    c.atb_left = None;
    let b = patient_cost(&rules_2025(), &t, &c).unwrap();
    // 20 this year: not free, and the full ATB of 600 kr pays part of the bill
    assert_eq!((b.age, b.region, b.atb), (20, kr(0), kr(600)));
    assert_eq!(b.patient, kr(500));
}

#[test]
fn atb_is_600_for_20_to_23_and_from_65_otherwise_300() {
    let r = rules_2025();
    let bands: Vec<(u32, i64)> = [19, 20, 23, 24, 64, 65, 90]
        .iter()
        .map(|&a| (a, r.atb_for(a).try_into().unwrap()))
        .collect();
    assert_eq!(
        bands,
        [
            (19, 0),
            (20, 600),
            (23, 600),
            (24, 300),
            (64, 300),
            (65, 600),
            (90, 600)
        ]
    );
}

#[test]
fn thresholds_at_3_000_and_15_000() {
    let r = rules_2025();
    let state = |basis: i64| {
        let t = tariff(vec![row("x", basis, Some(basis))]);
        patient_cost(&r, &t, &case(1970, &[(0, 1)])).unwrap().state
    };
    assert_eq!(state(3_000), kr(0));
    assert_eq!(state(3_001), Decimal::new(50, 2));
    assert_eq!(state(15_000), kr(6_000));
    assert_eq!(state(15_100), kr(6_085));
}

#[test]
fn the_patient_pays_what_is_above_the_reference_price() {
    // 10 × 1 100 against 1 015: 850 kr above the reference is the patient's, whatever the state pays
    let t = tariff(vec![row("101", 1100, Some(1015)), row("951", 250, None)]);
    let b = patient_cost(&rules_2025(), &t, &case(1970, &[(0, 10), (1, 1)])).unwrap();
    assert_eq!(b.lines[0].excess, kr(850));
    assert_eq!(b.lines[0].basis, kr(10_150));
    // basis 10 150: 0,5 × 7 150
    assert_eq!(b.state, Decimal::new(357_500, 2));
    // the fee has no reference price: the patient pays it all
    assert_eq!((b.lines[1].state, b.lines[1].patient), (kr(0), kr(250)));
    assert!(b.lines[1].rule.contains("inget referenspris"));
    assert_eq!(b.patient, b.clinic - b.state);
}

#[test]
fn earlier_costs_in_the_period_count_until_the_period_ends() {
    let t = tariff(vec![row("x", 2_000, Some(2_000))]);
    let mut c = case(1970, &[(0, 1)]);
    c.prior_basis = kr(14_000);
    c.period_start = Some(date(2024, 9, 1));
    let b = patient_cost(&rules_2025(), &t, &c).unwrap();
    // S(16 000) − S(14 000) = 6 850 − 5 500
    assert_eq!(b.state, kr(1_350));
    assert_eq!(b.period_basis_after, kr(16_000));
    // twelve months on, a new period begins: 2 000 is below the threshold
    c.period_start = Some(date(2024, 6, 1));
    let b = patient_cost(&rules_2025(), &t, &c).unwrap();
    assert_eq!(b.state, kr(0));
    assert!(b.notes.iter().any(|n| n.contains("ny period")));
    c.period_start = Some(date(2025, 7, 1));
    assert_eq!(
        patient_cost(&rules_2025(), &t, &c).unwrap_err(),
        CostError::BeforePeriod
    );
}

#[test]
fn atb_and_stb_pay_first_and_earn_nothing_more() {
    let t = tariff(vec![row("x", 20_000, Some(20_000))]);
    let mut c = case(1970, &[(0, 1)]);
    c.atb_left = None; // 300 kr at 55
    c.stb_left = kr(600);
    let b = patient_cost(&rules_2025(), &t, &c).unwrap();
    assert_eq!((b.stb, b.atb), (kr(600), kr(300)));
    // counted 19 100: 0,5 × 12 000 + 0,85 × 4 100 = 9 485
    assert_eq!(b.state, kr(9_485));
    assert_eq!(b.patient, kr(20_000 - 600 - 300 - 9_485));
}

#[test]
fn the_rule_set_follows_the_date_and_2026_has_tiotandvard() {
    let sets = builtin();
    assert_eq!(
        rule_for(&sets, date(2025, 12, 31)).unwrap().id,
        "tandvardsstod-2025"
    );
    assert_eq!(
        rule_for(&sets, date(2026, 1, 1)).unwrap().id,
        "tandvardsstod-2026"
    );
    assert!(rule_for(&sets, date(2024, 12, 31)).is_none());
    let r = rules_2026();
    assert_eq!(r.stb_per_half_year, kr(1000));
    let t = tariff(vec![row("101", 1100, Some(1015))]);
    let mut c = case(1958, &[(0, 1)]);
    c.date = date(2026, 3, 1);
    let b = patient_cost(&r, &t, &c).unwrap();
    // 68 years: the state pays 90 % of 1 015
    assert_eq!(b.state, Decimal::new(91_350, 2));
    assert_eq!(b.patient, Decimal::new(18_650, 2));
    // at 66 the högkostnadsskydd applies as before
    c.birth_year = 1960;
    assert_eq!(patient_cost(&r, &t, &c).unwrap().state, kr(0));
}

fn any_tariff() -> impl Strategy<Value = Tariff> {
    prop::collection::vec((1i64..30_000, prop::option::of(1i64..30_000)), 1..8).prop_map(|v| {
        tariff(
            v.into_iter()
                .enumerate()
                .map(|(i, (p, r))| row(&format!("{}", 100 + i), p, r))
                .collect(),
        )
    })
}

fn any_case(n: usize) -> impl Strategy<Value = Case> {
    (
        1930i32..2025,
        prop::collection::vec((0..n, 1u32..5), 0..10),
        0i64..40_000,
        prop::option::of(0i64..700),
        0i64..1200,
        any::<bool>(),
    )
        .prop_map(|(birth, lines, prior, atb, stb, y2026)| Case {
            birth_year: birth,
            date: if y2026 {
                date(2026, 5, 5)
            } else {
                date(2025, 5, 5)
            },
            lines: lines
                .into_iter()
                .map(|(row, count)| Line { row, count })
                .collect(),
            prior_basis: kr(prior),
            period_start: None,
            atb_left: atb.map(kr),
            stb_left: kr(stb),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_patient_pays_between_nothing_and_the_clinic_price(
        (t, c) in any_tariff().prop_flat_map(|t| { let n = t.rows.len(); (Just(t), any_case(n)) })
    ) {
        let r = rule_for(&builtin(), c.date).unwrap().clone();
        let b = patient_cost(&r, &t, &c).unwrap();
        prop_assert!(b.patient >= Decimal::ZERO);
        prop_assert!(b.patient <= b.clinic);
        for l in &b.lines {
            prop_assert!(l.patient >= Decimal::ZERO && l.patient <= l.clinic, "{l:?}");
        }
        prop_assert_eq!(b.patient + b.state + b.atb + b.stb + b.region, b.clinic);
    }

    #[test]
    fn the_state_never_pays_more_than_85_percent_above_the_first_threshold(
        (t, c) in any_tariff().prop_flat_map(|t| { let n = t.rows.len(); (Just(t), any_case(n)) })
    ) {
        let r = rules_2025();
        let b = patient_cost(&r, &t, &c).unwrap();
        let above = (c.prior_basis + b.basis - kr(3_000)).max(Decimal::ZERO).min(b.basis);
        prop_assert!(b.state <= above * Decimal::new(85, 2), "{} > 0,85 × {}", b.state, above);
    }

    #[test]
    fn more_treatment_never_lowers_what_the_patient_pays(
        (t, c, extra) in any_tariff().prop_flat_map(|t| {
            let n = t.rows.len();
            (Just(t), any_case(n), (0..n, 1u32..4))
        })
    ) {
        let r = rule_for(&builtin(), c.date).unwrap().clone();
        let before = patient_cost(&r, &t, &c).unwrap();
        let mut more = c.clone();
        more.lines.push(Line { row: extra.0, count: extra.1 });
        let after = patient_cost(&r, &t, &more).unwrap();
        prop_assert!(after.patient >= before.patient, "{} < {}", after.patient, before.patient);
    }
}
