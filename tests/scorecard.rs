//! The scorecard engine as a user meets it: a measure, its target and outcomes → a grade with a reason;
//! grades → rollup and the report table. Table-driven per target kind, plus properties.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use verksam::domain::period::{FollowUp, Period, PeriodCode};
use verksam::domain::plan::*;
use verksam::domain::scorecard::grade::{assess, Basis};
use verksam::domain::scorecard::{report, scorecard, Issue, Structure, Trend};

const DA04: Period = Period {
    year: 2024,
    code: PeriodCode::Da04,
};
const DA08: Period = Period {
    year: 2024,
    code: PeriodCode::Da08,
};

fn target(kind: TargetKind, op: Option<Operator>, v: Option<f64>, unit: &str) -> Target {
    Target {
        operator: op,
        value: v,
        unit: Some(unit.to_string()).filter(|u| !u.is_empty()),
        ..Target::new(kind)
    }
}

fn out(p: Period, v: f64, sex: Option<Sex>) -> Outcome {
    Outcome {
        period: p.to_ref(),
        value: Some(v),
        unit: None,
        raw: String::new(),
        origin: Some("tabell".into()),
        sex,
        subgroup: None,
        extra: Extra::new(),
    }
}

fn measure(t: Target, outcomes: Vec<Outcome>) -> Measure {
    Measure {
        unit: t.unit.clone().unwrap_or_default(),
        targets: vec![t],
        outcomes,
        ..Default::default()
    }
}

fn grade_of(m: &Measure, p: Period) -> (Grade, String) {
    grade_with(m, p, &ScorecardSettings::default())
}

fn grade_with(m: &Measure, p: Period, s: &ScorecardSettings) -> (Grade, String) {
    let a = assess(m, &p, s);
    (a.grade, a.reason(m, s))
}

#[test]
fn level_target_reads_like_the_report() {
    let t = target(TargetKind::Niva, None, Some(90.0), "%");
    let m = measure(
        t,
        vec![out(DA08, 86.0, None), out(DA08.previous_year(), 77.0, None)],
    );
    let (g, why) = grade_of(&m, DA08);
    assert_eq!(g, Grade::Delvis);
    assert_eq!(
        why,
        "86\u{a0}% mot målvärde 90\u{a0}%; bättre än samma period i fjol, 77\u{a0}%"
    );
    let a = assess(&m, &DA08, &ScorecardSettings::default());
    assert_eq!(a.trend, Trend::Forbattrad);
    assert_eq!(a.trend_values, Some((86.0, 77.0)));
}

#[test]
fn level_target_table() {
    use Grade::*;
    // (operator, polarity, target, outcome, last year, expected)
    let lower = Some(Polarity::LowerIsBetter);
    type Case = (
        Option<Operator>,
        Option<Polarity>,
        f64,
        Option<f64>,
        Option<f64>,
        Grade,
    );
    let cases: &[Case] = &[
        (None, None, 90.0, Some(90.0), None, Uppfyllt), // equal to the target
        (None, None, 90.0, Some(95.0), None, Uppfyllt),
        (None, None, 90.0, Some(86.0), Some(88.0), EjUppfyllt), // not better than last year
        (None, None, 90.0, Some(86.0), None, Delvis),           // within 5 % of 90 (4,5)
        (None, None, 90.0, Some(85.0), None, EjUppfyllt),       // outside the tolerance
        (None, lower, 7.0, Some(6.0), None, Uppfyllt),          // lower is better
        (None, lower, 7.0, Some(7.3), None, Delvis),
        (None, lower, 7.0, Some(25.0), None, EjUppfyllt),
        (None, lower, 7.0, Some(25.0), Some(30.0), Delvis), // worse than target, better than last year
        (Some(Operator::Lt), None, 85.0, Some(85.0), None, Delvis), // strict bound, within tolerance
        (Some(Operator::Lt), None, 85.0, Some(84.9), None, Uppfyllt),
        (Some(Operator::Lt), None, 85.0, Some(95.0), None, EjUppfyllt),
        (
            Some(Operator::Gt),
            None,
            300.0,
            Some(300.0),
            Some(280.0),
            Delvis,
        ),
        (Some(Operator::Gt), None, 300.0, Some(301.0), None, Uppfyllt),
        (Some(Operator::Le), None, 104.0, Some(104.0), None, Uppfyllt), // "Max 104 %"
        (None, None, 90.0, None, Some(80.0), EjBedombar), // missing outcome, never imputed
    ];
    for (i, &(op, pol, tv, now, last, want)) in cases.iter().enumerate() {
        let mut outs = vec![];
        if let Some(v) = now {
            outs.push(out(DA08, v, None));
        }
        if let Some(v) = last {
            outs.push(out(DA08.previous_year(), v, None));
        }
        let mut m = measure(target(TargetKind::Niva, op, Some(tv), "%"), outs);
        m.polarity = pol;
        let (g, why) = grade_of(&m, DA08);
        assert_eq!(g, want, "case {i}: {why}");
    }
}

#[test]
fn missing_outcome_is_ej_bedombar_with_a_reason() {
    let m = measure(target(TargetKind::Niva, None, Some(90.0), "%"), vec![]);
    let a = assess(&m, &DA08, &ScorecardSettings::default());
    assert_eq!(
        (a.grade, a.basis.clone()),
        (Grade::EjBedombar, Basis::NoOutcome)
    );
    assert_eq!(
        a.reason(&m, &ScorecardSettings::default()),
        "Utfall saknas för perioden"
    );
    assert_eq!(a.trend, Trend::EjJamforbar);
}

#[test]
fn annual_flow_target_is_pro_rated_at_interim_periods() {
    let mut t = target(TargetKind::Antal, Some(Operator::Ge), Some(43_000.0), "st");
    t.annual = true;
    let mut m = measure(
        t,
        vec![out(DA04, 18_464.0, None), out(DA08, 25_000.0, None)],
    );
    m.flow = true;
    // T1/DÅ04: 18 464 × 12 / 4 = 55 392 ≥ 43 000
    let (g, why) = grade_of(&m, DA04);
    assert_eq!(g, Grade::Uppfyllt, "{why}");
    assert!(why.contains("prognos helår 55\u{a0}392"), "{why}");
    // DÅ08: 25 000 × 12 / 8 = 37 500, more than 5 % short
    assert_eq!(grade_of(&m, DA08).0, Grade::EjUppfyllt);
    // T1 is the same months as DÅ04
    assert_eq!(
        grade_of(&m, Period::new(2024, PeriodCode::T1)).0,
        Grade::Uppfyllt
    );
    // a stock is not pro-rated, and neither is anything when the plan says so
    let mut stock = m.clone();
    stock.flow = false;
    assert_eq!(grade_of(&stock, DA04).0, Grade::EjUppfyllt);
    let s = ScorecardSettings {
        prorate: false,
        ..Default::default()
    };
    assert_eq!(grade_with(&m, DA04, &s).0, Grade::EjUppfyllt);
}

#[test]
fn per_sex_targets_grade_each_sex_and_combine() {
    let mut t = target(TargetKind::Niva, Some(Operator::Le), None, "%");
    t.groups = vec![
        GroupTarget {
            sex: Sex::Kvinnor,
            value: 16.0,
        },
        GroupTarget {
            sex: Sex::Man,
            value: 17.2,
        },
    ];
    let with = |k: f64, m: f64| {
        measure(
            t.clone(),
            vec![
                out(DA08, k, Some(Sex::Kvinnor)),
                out(DA08, m, Some(Sex::Man)),
            ],
        )
    };
    assert_eq!(grade_of(&with(15.0, 17.0), DA08).0, Grade::Uppfyllt);
    assert_eq!(grade_of(&with(15.0, 19.0), DA08).0, Grade::Delvis);
    assert_eq!(grade_of(&with(18.0, 19.0), DA08).0, Grade::EjUppfyllt);
    let (_, why) = grade_of(&with(15.0, 19.0), DA08);
    assert!(
        why.starts_with("Kvinnor: 15\u{a0}% mot målvärde ≤ 16\u{a0}%; Män: 19"),
        "{why}"
    );
}

#[test]
fn total_sets_the_grade_and_the_sexes_are_shown_beside_it() {
    let t = target(TargetKind::Niva, None, Some(70.0), "%");
    let m = measure(
        t,
        vec![
            out(DA08, 72.0, None),
            out(DA08, 60.0, Some(Sex::Kvinnor)),
            out(DA08, 80.0, Some(Sex::Man)),
        ],
    );
    let s = ScorecardSettings::default();
    let a = assess(&m, &DA08, &s);
    assert_eq!(a.grade, Grade::Uppfyllt);
    assert_eq!(a.sexes, Some((60.0, 80.0)));
    // the plan may grade each sex instead
    let s = ScorecardSettings {
        group_rule: GroupRule::Kombinera,
        ..Default::default()
    };
    assert_eq!(grade_with(&m, DA08, &s).0, Grade::Delvis);
    // only the sexes, no total: each sex is graded
    let m = measure(
        target(TargetKind::Niva, None, Some(70.0), "%"),
        vec![
            out(DA08, 43.0, Some(Sex::Kvinnor)),
            out(DA08, 54.0, Some(Sex::Man)),
        ],
    );
    assert_eq!(grade_of(&m, DA08).0, Grade::EjUppfyllt);
}

#[test]
fn a_manual_grade_overrides_and_both_are_kept() {
    let mut m = measure(
        target(TargetKind::Niva, None, Some(70.0), "%"),
        vec![out(DA08, 72.0, None)],
    );
    m.manual.push(ManualGrade {
        period: DA08,
        grade: Grade::EjUppfyllt,
        motivation: "Mätningen omfattar bara två kliniker".into(),
    });
    let a = assess(&m, &DA08, &ScorecardSettings::default());
    assert_eq!(
        (a.grade, a.computed, a.overridden),
        (Grade::EjUppfyllt, Grade::Uppfyllt, true)
    );
    // another period is not overridden
    let a = assess(&m, &DA04, &ScorecardSettings::default());
    assert!(!a.overridden);
}

#[test]
fn direction_targets_against_baseline_and_last_year() {
    let mut t = target(TargetKind::Riktning, None, None, "%");
    t.direction = Some(Direction::Oka);
    t.reference = Some(Reference {
        kind: ReferenceKind::Ingangsvarde,
        year: None,
    });
    let mut m = measure(t, vec![out(DA04, 12.0, None)]);
    m.baseline = Some(Baseline {
        raw: "Ingångsvärde per tertial 2020 T1: 14%".into(),
        values: vec![out(Period::new(2020, PeriodCode::T1), 14.0, None)],
        extra: Extra::new(),
    });
    let (g, why) = grade_of(&m, DA04);
    assert_eq!(g, Grade::EjUppfyllt);
    assert_eq!(why, "12\u{a0}% mot ingångsvärdet 14\u{a0}% (mål: öka)");
    m.outcomes[0].value = Some(15.0);
    assert_eq!(grade_of(&m, DA04).0, Grade::Uppfyllt);
    // "minska" against the same period last year; equal is not an improvement
    let mut t = target(TargetKind::Riktning, None, None, "%");
    t.direction = Some(Direction::Minska);
    let m = measure(
        t,
        vec![out(DA04, 14.3, None), out(DA04.previous_year(), 11.7, None)],
    );
    assert_eq!(grade_of(&m, DA04).0, Grade::EjUppfyllt);
    let mut same = m.clone();
    same.outcomes[0].value = Some(11.7);
    assert_eq!(grade_of(&same, DA04).0, Grade::EjUppfyllt);
    // no reference at all: not gradable
    let mut none = m.clone();
    none.outcomes.truncate(1);
    assert_eq!(grade_of(&none, DA04).1, "Jämförelsevärde saknas");
    // "förbättra" needs a polarity
    let mut t = target(TargetKind::Riktning, None, None, "");
    t.direction = Some(Direction::Forbattra);
    let mut m = measure(
        t,
        vec![out(DA04, 3.0, None), out(DA04.previous_year(), 2.0, None)],
    );
    assert_eq!(grade_of(&m, DA04).0, Grade::EjBedombar);
    m.polarity = Some(Polarity::HigherIsBetter);
    assert_eq!(grade_of(&m, DA04).0, Grade::Uppfyllt);
}

#[test]
fn change_targets_derive_the_target_from_the_reference() {
    // "Minska med 50 % jämfört med 2020", 2020 = 4 → target 2
    let mut t = target(TargetKind::Forandring, None, None, "");
    t.direction = Some(Direction::Minska);
    t.change = Some(-50.0);
    t.change_unit = Some("%".into());
    t.reference = Some(Reference {
        kind: ReferenceKind::AngivetAr,
        year: Some(2020),
    });
    let mut m = measure(t, vec![out(DA04, 6.0, None)]);
    m.baseline = Some(Baseline {
        raw: "Helår 2021=8 Helår 2020=4".into(),
        values: vec![
            out(Period::new(2021, PeriodCode::Ar), 8.0, None),
            out(Period::new(2020, PeriodCode::Ar), 4.0, None),
        ],
        extra: Extra::new(),
    });
    let (g, why) = grade_of(&m, DA04);
    assert_eq!(g, Grade::EjUppfyllt, "{why}");
    assert_eq!(
        why,
        "6 mot målvärde ≤ 2 (−50\u{a0}% mot värdet 2020 4); inte bättre än referensvärdet"
    );
    m.outcomes[0].value = Some(3.0);
    assert_eq!(grade_of(&m, DA04).0, Grade::Delvis);
    m.outcomes[0].value = Some(2.0);
    assert_eq!(grade_of(&m, DA04).0, Grade::Uppfyllt);
    // "-10 %" with no reference: the reported outcome is the change itself (Jönköping's queue measure)
    let m = measure(
        target(TargetKind::Forandring, None, Some(-10.0), "%"),
        vec![out(DA08, -9.0, None)],
    );
    assert_eq!(grade_of(&m, DA08).0, Grade::EjUppfyllt);
    let m = measure(
        target(TargetKind::Forandring, None, Some(-10.0), "%"),
        vec![out(DA08, -12.0, None)],
    );
    assert_eq!(grade_of(&m, DA08).0, Grade::Uppfyllt);
}

#[test]
fn range_maintain_and_qualitative() {
    let mut t = target(TargetKind::Intervall, None, Some(77.0), "");
    t.value_high = Some(80.0);
    for (v, want) in [
        (78.0, Grade::Uppfyllt),
        (80.0, Grade::Uppfyllt),
        (76.0, Grade::Delvis),
        (70.0, Grade::EjUppfyllt),
        (83.0, Grade::Delvis),
    ] {
        let m = measure(t.clone(), vec![out(DA08, v, None)]);
        assert_eq!(grade_of(&m, DA08).0, want, "{v}");
    }
    let t = target(TargetKind::Bibehalla, None, None, "%");
    for (v, want) in [
        (90.0, Grade::Uppfyllt),
        (92.0, Grade::Uppfyllt),
        (89.0, Grade::Delvis),
        (80.0, Grade::EjUppfyllt),
    ] {
        let mut m = measure(
            t.clone(),
            vec![out(DA08, v, None), out(DA08.previous_year(), 90.0, None)],
        );
        m.polarity = Some(Polarity::HigherIsBetter);
        assert_eq!(grade_of(&m, DA08).0, want, "{v}");
    }
    let m = measure(
        target(TargetKind::Kvalitativ, None, None, ""),
        vec![out(DA08, 1.0, None)],
    );
    let (g, why) = grade_of(&m, DA08);
    assert_eq!(
        (g, why.as_str()),
        (Grade::EjBedombar, "Kvalitativ mål; bedöms manuellt")
    );
}

#[test]
fn schedule_and_applicability() {
    let mut m = measure(
        target(TargetKind::Niva, None, Some(90.0), "%"),
        vec![out(DA04, 95.0, None)],
    );
    m.follow_up = vec![FollowUp::parse("ÅR")];
    let a = assess(&m, &DA04, &ScorecardSettings::default());
    assert!(!a.scheduled);
    m.follow_up = vec![
        FollowUp::parse("DÅ04"),
        FollowUp::parse("DÅ08"),
        FollowUp::parse("ÅR"),
    ];
    assert_eq!(grade_of(&m, DA04).0, Grade::Uppfyllt);
    m.applicability = Applicability {
        kind: ApplicabilityKind::SenareStart,
        reason: "Följs upp fr om 2025".into(),
        starts_from: Some(2025),
    };
    assert!(!assess(&m, &DA04, &ScorecardSettings::default()).scheduled);
    m.applicability = Applicability {
        kind: ApplicabilityKind::DataSaknas,
        reason: "Följs upp av FHV.".into(),
        starts_from: None,
    };
    let (g, why) = grade_of(&m, DA04);
    assert_eq!(
        (g, why.as_str()),
        (Grade::EjBedombar, "Data saknas: Följs upp av FHV.")
    );
}

#[test]
fn trend_is_separate_from_the_grade() {
    let mut m = measure(
        target(TargetKind::Niva, None, Some(90.0), "%"),
        vec![out(DA08, 50.0, None), out(DA08.previous_year(), 60.0, None)],
    );
    let a = assess(&m, &DA08, &ScorecardSettings::default());
    assert_eq!((a.grade, a.trend), (Grade::EjUppfyllt, Trend::Forsamrad));
    m.outcomes[1].value = Some(50.0);
    assert_eq!(
        assess(&m, &DA08, &ScorecardSettings::default()).trend,
        Trend::Oforandrad
    );
    m.polarity = Some(Polarity::LowerIsBetter);
    m.outcomes[1].value = Some(40.0);
    assert_eq!(
        assess(&m, &DA08, &ScorecardSettings::default()).trend,
        Trend::Forsamrad
    );
}

// ---- rollup ----

fn node(id: &str, parent: Option<&str>, order: u32, data: NodeData) -> Node {
    Node {
        id: id.into(),
        parent: parent.map(str::to_string),
        order,
        label: String::new(),
        text: id.into(),
        data,
        source: None,
        extra: Extra::new(),
    }
}

/// A measure at DÅ08 2024 graded `g` (level target 100, outcome chosen to give the grade), or with no
/// outcome when `g` is ej bedömbar.
fn graded(id: &str, parent: &str, order: u32, g: Grade) -> Node {
    let v = match g {
        Grade::Uppfyllt => Some(100.0),
        Grade::Delvis => Some(97.0),
        Grade::EjUppfyllt => Some(10.0),
        Grade::EjBedombar => None,
    };
    let m = measure(
        target(TargetKind::Niva, Some(Operator::Ge), Some(100.0), ""),
        v.map(|v| vec![out(DA08, v, None)]).unwrap_or_default(),
    );
    node(id, Some(parent), order, NodeData::Matt(m))
}

fn plan_with(goals: &[&[Grade]]) -> Plan {
    let mut p = Plan::new(
        "p".into(),
        "P".into(),
        "N".into(),
        2024,
        "2024-01-01T00:00:00Z".into(),
    );
    p.nodes.push(node(
        "per",
        None,
        1,
        NodeData::Perspektiv {
            description: String::new(),
        },
    ));
    for (gi, grades) in goals.iter().enumerate() {
        let gid = format!("g{gi}");
        p.nodes.push(node(
            &gid,
            Some("per"),
            gi as u32 + 1,
            NodeData::Mal(Goal::default()),
        ));
        for (mi, g) in grades.iter().enumerate() {
            p.nodes
                .push(graded(&format!("{gid}m{mi}"), &gid, mi as u32 + 1, *g));
        }
    }
    p
}

fn rolled(p: &Plan) -> verksam::domain::scorecard::Scorecard {
    scorecard(p, &Structure::new(p), DA08)
}

fn node_grade(p: &Plan, sc: &verksam::domain::scorecard::Scorecard, id: &str) -> Option<Grade> {
    let i = p.nodes.iter().position(|n| n.id == id).unwrap();
    sc.nodes[i].as_ref().and_then(|r| r.grade)
}

#[test]
fn weighted_share_with_thresholds_and_weights() {
    use Grade::*;
    let mut p = plan_with(&[&[Uppfyllt, Delvis, EjUppfyllt], &[Uppfyllt, Uppfyllt]]);
    let sc = rolled(&p);
    assert_eq!(node_grade(&p, &sc, "g0"), Some(Delvis)); // 0.5
    assert_eq!(node_grade(&p, &sc, "g1"), Some(Uppfyllt));
    let per = sc.nodes[0].as_ref().unwrap();
    assert_eq!(per.score, Some(0.75)); // (0.5 + 1) / 2
    assert_eq!(
        (per.counts.uppfyllt, per.counts.delvis, per.counts.ej),
        (3, 1, 1)
    );
    assert_eq!(sc.plan.grade, Some(Delvis));
    // weight the met measure of g0 three times: (3 + 0.5 + 0) / 5 = 0.7
    p.scorecard.weights.insert("g0m0".into(), 3.0);
    let i = p.nodes.iter().position(|n| n.id == "g0").unwrap();
    assert!((rolled(&p).nodes[i].as_ref().unwrap().score.unwrap() - 0.7).abs() < 1e-12);
}

#[test]
fn coverage_below_half_is_ej_bedombar_with_an_issue() {
    use Grade::*;
    let p = plan_with(&[&[Uppfyllt, EjBedombar, EjBedombar]]);
    let sc = rolled(&p);
    assert_eq!(node_grade(&p, &sc, "g0"), Some(EjBedombar));
    assert!(sc.issues.contains(&Issue::LowCoverage {
        node: Some("g0".into()),
        graded: 1,
        scheduled: 3
    }));
    assert_eq!(
        sc.issues[0].message(&p),
        " g0: 1 av 3 mått bedömda, färre än hälften; ej bedömbar"
    );
    // the message names the plan's own requirement
    let mut p = p;
    p.scorecard.min_coverage = 0.75;
    let sc = rolled(&p);
    assert_eq!(
        sc.issues[0].message(&p),
        " g0: 1 av 3 mått bedömda, färre än 75\u{a0}%; ej bedömbar"
    );
}

#[test]
fn other_rollup_methods() {
    use Grade::*;
    let mut p = plan_with(&[&[Uppfyllt, Uppfyllt, EjUppfyllt], &[Delvis, EjUppfyllt]]);
    p.scorecard.method = RollupMethod::Samsta;
    let sc = rolled(&p);
    assert_eq!(node_grade(&p, &sc, "g0"), Some(EjUppfyllt));
    p.scorecard.method = RollupMethod::Majoritet;
    let sc = rolled(&p);
    assert_eq!(node_grade(&p, &sc, "g0"), Some(Uppfyllt));
    assert_eq!(node_grade(&p, &sc, "g1"), Some(EjUppfyllt)); // a tie goes to the worse grade
    p.scorecard.method = RollupMethod::EndastFordelning;
    let sc = rolled(&p);
    assert_eq!(node_grade(&p, &sc, "g0"), None);
    assert_eq!(sc.plan.counts.scheduled(), 5);
}

#[test]
fn a_critical_measure_decides_its_goal() {
    use Grade::*;
    let mut p = plan_with(&[&[Uppfyllt, Uppfyllt, Uppfyllt, Uppfyllt, EjUppfyllt]]);
    assert_eq!(node_grade(&p, &rolled(&p), "g0"), Some(Uppfyllt)); // 4 of 5 = 0.8
    if let NodeData::Matt(m) = &mut p.nodes.iter_mut().find(|n| n.id == "g0m4").unwrap().data {
        m.critical = true;
    }
    let sc = rolled(&p);
    assert_eq!(node_grade(&p, &sc, "g0"), Some(EjUppfyllt));
    assert!(sc
        .issues
        .iter()
        .any(|i| matches!(i, Issue::CriticalFailed { goal, .. } if goal == "g0")));
}

#[test]
fn report_table_counts_this_period_against_last_year() {
    use Grade::*;
    let mut p = plan_with(&[&[Uppfyllt, Delvis, EjUppfyllt, EjBedombar]]);
    // last year: two of them had outcomes (100 met; 96 within the tolerance, and this year's 97 beats it)
    for n in &mut p.nodes {
        if let NodeData::Matt(m) = &mut n.data {
            match n.id.as_str() {
                "g0m0" => m.outcomes.push(out(DA08.previous_year(), 100.0, None)),
                "g0m1" => m.outcomes.push(out(DA08.previous_year(), 96.0, None)),
                _ => {}
            }
        }
    }
    let st = Structure::new(&p);
    let now = scorecard(&p, &st, DA08);
    let last = scorecard(&p, &st, DA08.previous_year());
    let rows = report(&p, &st, &now, &last);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].label, "Hela planen");
    assert_eq!(rows[1].node.as_deref(), Some("per"));
    let c = rows[1].now;
    assert_eq!((c.uppfyllt, c.delvis, c.ej, c.scheduled()), (1, 1, 1, 4));
    assert_eq!(c.share(Uppfyllt), Some(0.25));
    let l = rows[1].last_year;
    assert_eq!((l.uppfyllt, l.delvis, l.ej, l.scheduled()), (1, 1, 0, 4));
}

// ---- properties ----

fn grade_strategy() -> impl Strategy<Value = Grade> {
    prop::sample::select(Grade::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn rollup_score_stays_in_unit_interval(
        goals in prop::collection::vec(prop::collection::vec(grade_strategy(), 0..6), 1..5),
        weights in prop::collection::vec(0.0f64..50.0, 0..8),
    ) {
        let refs: Vec<&[Grade]> = goals.iter().map(Vec::as_slice).collect();
        let mut p = plan_with(&refs);
        let ids: Vec<String> = p.nodes.iter().map(|n| n.id.clone()).collect();
        for (w, id) in weights.iter().zip(ids.iter().rev()) {
            p.scorecard.weights.insert(id.clone(), *w);
        }
        let sc = rolled(&p);
        for r in sc.nodes.iter().flatten().chain([&sc.plan]) {
            if let Some(s) = r.score {
                prop_assert!((0.0..=1.0).contains(&s), "{s}");
            }
        }
    }

    #[test]
    fn raising_the_outcome_never_lowers_the_grade(
        tv in -1000.0f64..1000.0, a in -2000.0f64..2000.0, d in 0.0f64..500.0,
        last in prop::option::of(-2000.0f64..2000.0), tol in 0.0f64..20.0,
    ) {
        let rank = |g: Grade| match g { Grade::EjUppfyllt => 0, Grade::Delvis => 1, Grade::Uppfyllt => 2, Grade::EjBedombar => 9 };
        let s = ScorecardSettings { tolerance_pct: tol, ..Default::default() };
        let mk = |v: f64| {
            let mut outs = vec![out(DA08, v, None)];
            if let Some(l) = last { outs.push(out(DA08.previous_year(), l, None)); }
            let mut m = measure(target(TargetKind::Niva, Some(Operator::Ge), Some(tv), ""), outs);
            m.polarity = Some(Polarity::HigherIsBetter);
            m
        };
        let lo = grade_with(&mk(a), DA08, &s).0;
        let hi = grade_with(&mk(a + d), DA08, &s).0;
        prop_assert!(rank(hi) >= rank(lo), "{a} → {lo:?}, {} → {hi:?}", a + d);
    }

    #[test]
    fn all_uppfyllt_children_give_uppfyllt(
        goals in prop::collection::vec(1usize..6, 1..5), method in 0usize..3,
    ) {
        let grades: Vec<Vec<Grade>> = goals.iter().map(|&n| vec![Grade::Uppfyllt; n]).collect();
        let refs: Vec<&[Grade]> = grades.iter().map(Vec::as_slice).collect();
        let mut p = plan_with(&refs);
        p.scorecard.method = RollupMethod::ALL[method];
        let sc = rolled(&p);
        prop_assert_eq!(sc.plan.grade, Some(Grade::Uppfyllt));
        for r in sc.nodes.iter().flatten() {
            prop_assert_eq!(r.grade, Some(Grade::Uppfyllt));
        }
    }

    #[test]
    fn removing_an_ungraded_measure_never_changes_the_score(
        goals in prop::collection::vec(prop::collection::vec(grade_strategy(), 1..6), 1..4),
        pick in any::<prop::sample::Index>(),
    ) {
        let refs: Vec<&[Grade]> = goals.iter().map(Vec::as_slice).collect();
        let mut p = plan_with(&refs);
        // coverage would change with the count; this property is about the score
        p.scorecard.min_coverage = 0.0;
        let ungraded: Vec<String> = p.nodes.iter().filter(|n| {
            matches!(&n.data, NodeData::Matt(m) if m.outcomes.is_empty())
        }).map(|n| n.id.clone()).collect();
        prop_assume!(!ungraded.is_empty());
        let before = rolled(&p).plan.score;
        let id = pick.get(&ungraded).clone();
        verksam::domain::edit::delete(&mut p, &id).unwrap();
        let after = rolled(&p).plan.score;
        prop_assert_eq!(before, after);
    }
}

// ---- the Norrbotten demo grades ----

fn norrbotten() -> Plan {
    let path = format!(
        "{}/public/demo/norrbotten-scorecard-2022.verksam.json",
        env!("CARGO_MANIFEST_DIR")
    );
    verksam::domain::bundle::import(&std::fs::read(path).unwrap())
        .unwrap()
        .plans
        .remove(0)
}

fn by_text<'a>(
    p: &'a Plan,
    sc: &verksam::domain::scorecard::Scorecard,
    start: &str,
) -> (&'a Measure, verksam::domain::scorecard::Assessment) {
    let i = p
        .nodes
        .iter()
        .position(|n| n.text.starts_with(start))
        .unwrap();
    match (&p.nodes[i].data, sc.assessment(p, i)) {
        (NodeData::Matt(m), Some(a)) => (m, a),
        _ => panic!("{start} is not a measure"),
    }
}

#[test]
fn norrbotten_styrmatt_grade_at_the_april_report() {
    let p = norrbotten();
    let periods = verksam::domain::scorecard::rollup::periods_with_data(&p);
    assert!(periods.contains(&Period::new(2022, PeriodCode::Da04)));
    // the report period, not the stray monthly figure of April
    assert_eq!(
        verksam::domain::scorecard::rollup::default_period(&p),
        Some(Period::new(2022, PeriodCode::Da04))
    );
    let sc = scorecard(&p, &Structure::new(&p), Period::new(2022, PeriodCode::Da04));
    let measures: Vec<_> = sc.measures.iter().flatten().collect();
    assert_eq!(measures.len(), 46);
    // every scheduled measure with a numeric target and an outcome this period gets a grade
    for i in 0..p.nodes.len() {
        let Some(a) = sc.assessment(&p, i) else {
            continue;
        };
        if matches!(a.basis, Basis::Compared(_) | Basis::Combined(_)) {
            assert_ne!(a.computed, Grade::EjBedombar, "{}", p.nodes[i].text);
        }
    }
    // children and young people finished in one visit: 67,4 % against 70 %, last year 68,1 %
    let (m, a) = by_text(&p, &sc, "Andelen barn och unga");
    assert_eq!((a.grade, a.trend), (Grade::EjUppfyllt, Trend::Forsamrad));
    assert_eq!(
        a.reason(m, &p.scorecard),
        "67,4\u{a0}% mot målvärde ≥ 70\u{a0}%; inte bättre än samma period i fjol, 68,1\u{a0}%"
    );
    // the annual triage target is pro-rated: 18 464 in four months → 55 392 a year ≥ 43 000
    assert_eq!(
        by_text(&p, &sc, "Antal slutförda triage").1.grade,
        Grade::Uppfyllt
    );
    // women and men against their own targets (≤ 16 %, ≤ 17,2 %): women meet it, men do not
    let (_, a) = by_text(&p, &sc, "Oplanerade återinskrivningar");
    assert_eq!(a.grade, Grade::Delvis);
    assert_eq!(a.sexes, Some((14.7, 23.1)));
    // "Följs upp fr om 2023" is not scheduled in 2022
    assert!(!by_text(&p, &sc, "Fast läkarkontakt").1.scheduled);
    // the plan's count table adds up
    let c = sc.plan.counts;
    assert_eq!(
        c.scheduled() as usize,
        measures.iter().filter(|a| a.scheduled).count()
    );
    assert!(c.graded() >= 10, "{c:?}");
}

#[test]
fn table_rows_and_csv_agree_with_the_grades() {
    use verksam::domain::scorecard::table::{results_csv, rows};
    let p = norrbotten();
    let period = Period::new(2022, PeriodCode::Da04);
    let st = Structure::new(&p);
    let sc = scorecard(&p, &st, period);
    let all = rows(&p, &st, &sc, false);
    let failing = rows(&p, &st, &sc, true);
    assert!(failing.len() < all.len());
    // the filter keeps exactly the ej uppfyllda measures (and the nodes above them)
    let failing_measures: Vec<usize> = failing
        .iter()
        .filter(|r| sc.measures[r.index].is_some())
        .map(|r| r.index)
        .collect();
    assert_eq!(failing_measures.len() as u32, sc.plan.counts.ej);
    assert!(failing_measures
        .iter()
        .all(|&i| sc.measures[i].as_ref().unwrap().grade == Grade::EjUppfyllt));
    // depth grows by one from a parent to its child
    assert_eq!(all[0].depth, 0);
    let csv = results_csv(&p, &[period]);
    assert!(csv.starts_with("\u{feff}Period;Perspektiv;Mål;Mått;"));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len() - 1, sc.plan.counts.scheduled() as usize);
    let line = lines
        .iter()
        .find(|l| l.contains("Andelen barn och unga"))
        .unwrap();
    // a reason with a semicolon is quoted, as Excel expects
    assert!(
        line.ends_with(";70%;67,4;;;%;Ej uppfyllt;Ej uppfyllt;;Försämrad;\"67,4 % mot målvärde ≥ 70 %; inte bättre än samma period i fjol, 68,1 %\";;;"),
        "{line}"
    );
}

/// The prepared outcome index is only a speed-up: every demo plan and the benchmark plan grade the same with it.
#[test]
fn the_outcome_index_gives_the_same_scorecard() {
    use verksam::domain::scorecard::{rollup::periods_with_data, scorecard_with, Facts};
    let mut plans = vec![norrbotten(), common::bench_data::scorecard_plan(500)];
    // variations the index's fast path must follow: flows, lower-is-better, stated operators, other settings
    let mut varied = common::bench_data::scorecard_plan(300);
    varied.id = "varied".into();
    varied.scorecard.tolerance_pct = 12.0;
    varied.scorecard.prorate = false;
    varied.scorecard.method = RollupMethod::Samsta;
    for (k, n) in varied.nodes.iter_mut().enumerate() {
        if let NodeData::Matt(m) = &mut n.data {
            m.flow = k % 3 == 0;
            if k % 5 == 0 {
                m.polarity = Some(Polarity::LowerIsBetter);
            }
            if k % 7 == 0 {
                m.targets[0].operator = Some(Operator::Lt);
            }
            if k % 11 == 0 {
                m.targets[0].unit = Some("st".into());
            }
        }
    }
    let mut prorating = varied.clone();
    prorating.id = "prorating".into();
    prorating.scorecard.prorate = true;
    plans.push(varied);
    plans.push(prorating);
    let v2 = format!(
        "{}/tests/fixtures/bundles/v2-norrbotten-scorecard.json",
        env!("CARGO_MANIFEST_DIR")
    );
    plans.extend(
        verksam::domain::bundle::import(&std::fs::read(v2).unwrap())
            .unwrap()
            .plans,
    );
    let jkp = format!(
        "{}/public/demo/jonkoping-matetal-2024.verksam.json",
        env!("CARGO_MANIFEST_DIR")
    );
    plans.extend(
        verksam::domain::bundle::import(&std::fs::read(jkp).unwrap())
            .unwrap()
            .plans,
    );
    let mut compared = 0;
    for p in &plans {
        let st = Structure::new(p);
        let facts = Facts::new(p);
        let mut periods = periods_with_data(p);
        periods.push(Period::new(2024, PeriodCode::Da08));
        periods.push(Period::new(2024, PeriodCode::R12(6)));
        for per in periods {
            assert_eq!(
                scorecard_with(p, &st, Some(&facts), per),
                scorecard(p, &st, per),
                "{} {}",
                p.id,
                per.key()
            );
            compared += 1;
        }
    }
    assert!(compared > 20);
    // an index built for another plan is not used
    let other = Facts::new(&plans[1]);
    let p = &plans[0];
    let per = Period::new(2022, PeriodCode::Da04);
    assert_eq!(
        scorecard_with(p, &Structure::new(p), Some(&other), per),
        scorecard(p, &Structure::new(p), per)
    );
}

/// The page keeps a measure's row while this fingerprint is unchanged, so it must change with anything the
/// reason shows.
#[test]
fn reason_fingerprint_follows_what_the_reason_shows() {
    use verksam::domain::scorecard::table::reason_fingerprint;
    let s = ScorecardSettings::default();
    let m = measure(
        target(TargetKind::Niva, None, Some(90.0), "%"),
        vec![out(DA08, 86.0, None), out(DA08.previous_year(), 77.0, None)],
    );
    let fp = reason_fingerprint(&m, &s);
    assert_eq!(fp, reason_fingerprint(&m.clone(), &s));
    let mut changed = m.clone();
    changed.outcomes[1].value = Some(78.0);
    assert_ne!(fp, reason_fingerprint(&changed, &s));
    let mut changed = m.clone();
    changed.targets[0].operator = Some(Operator::Gt);
    assert_ne!(fp, reason_fingerprint(&changed, &s));
    let mut changed = m.clone();
    changed.manual.push(ManualGrade {
        period: DA08,
        grade: Grade::Uppfyllt,
        motivation: "x".into(),
    });
    assert_ne!(fp, reason_fingerprint(&changed, &s));
    let s2 = ScorecardSettings {
        tolerance_pct: 10.0,
        ..Default::default()
    };
    assert_ne!(fp, reason_fingerprint(&m, &s2));
}

#[test]
fn the_printed_reports_legend_says_what_the_grades_mean_with_the_plans_settings() {
    use verksam::domain::scorecard::print::legend;
    let p = norrbotten();
    let l = legend(&p.scorecard);
    assert_eq!(l.len(), 6);
    assert!(l[1].starts_with("◐ Delvis:"), "{}", l[1]);
    assert!(
        l[1].contains(&format!(
            "inom {}\u{a0}% av målvärdet",
            verksam::domain::format::number_sv(p.scorecard.tolerance_pct)
        )),
        "{}",
        l[1]
    );
    let wider = ScorecardSettings {
        tolerance_pct: 10.0,
        min_coverage: 0.25,
        ..p.scorecard.clone()
    };
    let l = legend(&wider);
    assert!(l[1].contains("inom 10\u{a0}% av målvärdet"), "{}", l[1]);
    assert!(l[4].contains("minst 25\u{a0}% av måtten"), "{}", l[4]);
}

#[test]
fn targets_are_printed_like_results_or_as_written() {
    use verksam::domain::measure::{Operator, Target, TargetKind};
    use verksam::domain::scorecard::print::target_sv;
    let mut t = Target::new(TargetKind::Niva);
    t.raw = "minst 1200 besök".into();
    t.value = Some(1200.0);
    t.operator = Some(Operator::Ge);
    assert_eq!(
        target_sv(&t, "st"),
        "≥\u{a0}1\u{a0}200\u{a0}st"
            .replace("1\u{a0}200", &verksam::domain::format::number_sv(1200.0))
    );
    t.annual = true;
    assert!(target_sv(&t, "st").ends_with(" på helår"));
    let mut i = Target::new(TargetKind::Intervall);
    i.value = Some(2.0);
    i.value_high = Some(4.5);
    assert_eq!(target_sv(&i, "dagar"), "2–4,5\u{a0}dagar");
    let mut r = Target::new(TargetKind::Riktning);
    r.raw = "  ska öka jämfört med 2023 ".into();
    assert_eq!(target_sv(&r, "%"), "ska öka jämfört med 2023");
}

#[test]
fn the_printed_report_lists_each_perspectives_followed_up_measures_with_their_values() {
    use verksam::domain::scorecard::print::printed;
    let p = norrbotten();
    let st = Structure::new(&p);
    let sc = scorecard(&p, &st, Period::new(2022, PeriodCode::Da04));
    let sections = printed(&p, &st, &sc);
    assert_eq!(sections.len(), 5, "the five perspectives");
    // every measure followed up in the period is listed exactly once; the others are not
    let mut listed: Vec<&str> = sections
        .iter()
        .flat_map(|s| s.goals.iter())
        .flat_map(|g| g.measures.iter())
        .map(|m| m.id.as_str())
        .collect();
    let mut scheduled: Vec<&str> = (0..p.nodes.len())
        .filter(|&i| sc.measures[i].is_some_and(|b| b.scheduled))
        .map(|i| p.nodes[i].id.as_str())
        .collect();
    assert!(listed.len() > 20);
    listed.sort();
    scheduled.sort();
    let before = listed.len();
    listed.dedup();
    assert_eq!(listed.len(), before, "no measure twice");
    assert_eq!(listed, scheduled);
    let all: Vec<_> = sections
        .iter()
        .flat_map(|s| s.goals.iter())
        .flat_map(|g| g.measures.iter())
        .collect();
    assert!(!all.iter().any(|m| m.text.starts_with("Fast läkarkontakt")));
    // a row carries målvärde, resultat, the sexes, the status and the trend as the report writes them
    let row = all
        .iter()
        .find(|m| m.text.starts_with("Andelen barn och unga"))
        .unwrap();
    assert_eq!(row.total.as_deref(), Some("67,4\u{a0}%"));
    // the target is written like the result beside it
    assert_eq!(row.target, "≥\u{a0}70\u{a0}%");
    assert_eq!(
        (row.grade, row.trend),
        (Grade::EjUppfyllt, Trend::Forsamrad)
    );
    let row = all
        .iter()
        .find(|m| m.text.starts_with("Oplanerade återinskrivningar"))
        .unwrap();
    assert_eq!(
        (row.kvinnor.as_deref(), row.man.as_deref()),
        (Some("14,7\u{a0}%"), Some("23,1\u{a0}%"))
    );
    assert_eq!(row.grade, Grade::Delvis);
    // each goal heading names its level and each goal's table has at least one measure
    for s in &sections {
        assert!(!s.heading.is_empty());
        for g in &s.goals {
            assert!(
                g.heading.contains(": ") && !g.measures.is_empty(),
                "{}",
                g.heading
            );
        }
    }
}

/// The shipped Norrbotten scorecard opens at its April report, and the reader is first told how it went there
/// (the issue's own example), and each perspective why it has its grade, naming every ej uppfyllt below it.
#[test]
fn the_norrbotten_demo_headline_and_reasons() {
    use verksam::domain::scorecard::rollup::default_period;
    use verksam::domain::scorecard::summary::{headline, node_reason};
    let path = format!(
        "{}/public/demo/norrbotten-scorecard-2022.verksam.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let p = verksam::domain::bundle::import(&std::fs::read(path).unwrap())
        .unwrap()
        .plans
        .remove(0);
    let period = default_period(&p).unwrap();
    assert_eq!(period, Period::new(2022, PeriodCode::Da04));
    let st = Structure::new(&p);
    let card = scorecard(&p, &st, period);
    assert_eq!(
        headline(&period, &card.plan.counts, &p.measure_words().1),
        "Delår april 2022: 2 uppfyllda, 3 delvis, 9 ej uppfyllda av 14 bedömda styrmått (11 kan inte bedömas)"
    );
    // the issue's own example: Ekonomi has one outcome of three
    let ekonomi = st
        .roots
        .iter()
        .find(|&&i| p.nodes[i].text == "Ekonomi")
        .copied()
        .unwrap();
    assert_eq!(
        node_reason(card.nodes[ekonomi].as_ref().unwrap(), &p.scorecard),
        "Kan inte bedömas: bara 1 av 3 mått har utfall (minst hälften krävs). Det bedömda måttet är ej uppfyllt."
    );
    for &i in &st.roots {
        let Some(r) = &card.nodes[i] else { continue };
        let reason = node_reason(r, &p.scorecard);
        if r.counts.ej > 0 {
            let said = if r.counts.ej == 1 {
                "1 ej uppfyllt".to_string()
            } else {
                format!("{} ej uppfyllda", r.counts.ej)
            };
            assert!(
                reason.contains(&said) || reason.ends_with("Det bedömda måttet är ej uppfyllt."),
                "{}: {reason}",
                p.nodes[i].text
            );
        }
        // the tally comes first, in words; a number alone ("andel 12,5 %") is never the whole reason
        assert!(
            reason.contains("bedömda mått") || reason.starts_with("Kan inte bedömas"),
            "{reason}"
        );
    }
}

/// The target a history chart draws: a level target's value with its words; none for a flow measure's annual
/// target (its interim outcomes are the year so far).
#[test]
fn the_chart_draws_a_level_target_but_not_an_annual_one() {
    use verksam::domain::scorecard::edit::target_line;
    let mut m = measure(
        target(TargetKind::Niva, Some(Operator::Ge), Some(70.0), "%"),
        vec![out(DA08, 72.0, None)],
    );
    assert_eq!(target_line(&m), Some(("Mål ≥ 70\u{a0}%".to_string(), 70.0)));
    m.targets[0].annual = true;
    m.flow = true;
    assert_eq!(target_line(&m), None);
    m.targets[0].kind = TargetKind::Riktning;
    m.flow = false;
    assert_eq!(target_line(&m), None);
}
