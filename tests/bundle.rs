//! Bundle import/export: round trip, determinism, and every rejected input with its error kind and place.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::BTreeMap;
use verksam::domain::bundle::summary::{
    find, plan_heading, summaries, PlanHeading, PlanSummary, Summaries,
};
use verksam::domain::bundle::{self, MAX_BUNDLE_BYTES};
use verksam::domain::error::{ErrorKind, LocatedError};
use verksam::domain::period::{FollowUp, Period};
use verksam::domain::plan::*;
use verksam::domain::workspace::Workspace;

fn demo() -> Vec<u8> {
    std::fs::read(format!(
        "{}/public/demo/orebro-ftv-plan-2024.verksam.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn demo_json() -> serde_json::Value {
    serde_json::from_slice(&demo()).unwrap()
}

/// Import `bytes`, expect an error at `path` whose kind satisfies `kind`.
fn check_rejected(bytes: &[u8], path: &str, kind: impl Fn(&ErrorKind) -> bool) {
    match bundle::import(bytes) {
        Ok(_) => panic!("accepted a bad bundle (expected error at {path})"),
        Err(LocatedError { path: p, kind: k }) => {
            assert_eq!(p, path, "wrong place for {k:?}");
            assert!(kind(&k), "wrong kind at {p}: {k:?}");
        }
    }
}

fn mutate(f: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut v = demo_json();
    f(&mut v);
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn demo_bundle_round_trips_to_identical_bytes() {
    let ws = bundle::import(&demo()).unwrap();
    assert_eq!(bundle::export(&ws.plans), demo());
}

#[test]
fn export_sorts_plans_and_dates_by_latest_change() {
    let a = Plan::new(
        "b".into(),
        "B".into(),
        "N".into(),
        2025,
        "2025-03-01T10:00:00Z".into(),
    );
    let b = Plan::new(
        "a".into(),
        "A".into(),
        "N".into(),
        2025,
        "2025-05-01T10:00:00+02:00".into(),
    );
    let one = bundle::export(&[a.clone(), b.clone()]);
    assert_eq!(one, bundle::export(&[b, a]));
    let v: serde_json::Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(v["plans"][0]["id"], "a");
    assert_eq!(v["exported_at"], "2025-05-01T08:00:00.000Z");
    assert!(one.starts_with(b"{\n  \"format\": \"verksam-bundle\",\n  \"version\": 5,"));
}

#[test]
fn rejects_not_json() {
    check_rejected(b"hello world", "", |k| {
        matches!(k, ErrorKind::NotJson { line: 1, .. })
    });
}

#[test]
fn rejects_empty_file() {
    check_rejected(b"  \n", "", |k| matches!(k, ErrorKind::Empty));
}

#[test]
fn rejects_another_format() {
    check_rejected(
        br#"{"format":"excalidraw","version":2}"#,
        "format",
        |k| matches!(k, ErrorKind::WrongFormat { found } if found.contains("excalidraw")),
    );
    check_rejected(br#"{"type":"x"}"#, "format", |k| {
        matches!(k, ErrorKind::WrongFormat { .. })
    });
    check_rejected(b"[1,2,3]", "", |k| {
        matches!(k, ErrorKind::WrongFormat { .. })
    });
}

#[test]
fn rejects_a_newer_version() {
    let b = mutate(|v| v["version"] = 6.into());
    check_rejected(&b, "version", |k| {
        matches!(
            k,
            ErrorKind::NewerVersion {
                found: 6,
                supported: 5
            }
        )
    });
}

#[test]
fn rejects_a_truncated_file() {
    let full = demo();
    check_rejected(&full[..full.len() / 2], "", |k| {
        matches!(k, ErrorKind::Truncated { .. })
    });
}

#[test]
fn rejects_duplicate_node_ids() {
    let b = mutate(|v| {
        let first = v["plans"][0]["nodes"][0]["id"].clone();
        v["plans"][0]["nodes"][41]["id"] = first;
    });
    check_rejected(&b, "plans[0].nodes[41].id", |k| {
        matches!(k, ErrorKind::DuplicateId { .. })
    });
}

#[test]
fn rejects_duplicate_plan_ids() {
    let b = mutate(|v| {
        let p = v["plans"][0].clone();
        v["plans"].as_array_mut().unwrap().push(p);
    });
    check_rejected(&b, "plans[1].id", |k| {
        matches!(k, ErrorKind::DuplicateId { .. })
    });
}

#[test]
fn rejects_a_missing_parent() {
    let b = mutate(|v| v["plans"][0]["nodes"][41]["parent"] = "no-such-node".into());
    check_rejected(
        &b,
        "plans[0].nodes[41].parent",
        |k| matches!(k, ErrorKind::MissingParent { parent } if parent == "no-such-node"),
    );
}

#[test]
fn rejects_a_cycle() {
    let b = mutate(|v| {
        let nodes = v["plans"][0]["nodes"].as_array_mut().unwrap();
        // a perspective under its own goal
        let persp = nodes
            .iter()
            .position(|n| n["type"].get("perspektiv").is_some())
            .unwrap();
        let pid = nodes[persp]["id"].clone();
        let child = nodes.iter().find(|n| n["parent"] == pid).unwrap()["id"].clone();
        nodes[persp]["parent"] = child;
    });
    let err = bundle::import(&b).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Cycle { .. }), "{err:?}");
    assert!(
        err.path.starts_with("plans[0].nodes[") && err.path.ends_with("].parent"),
        "{}",
        err.path
    );
}

#[test]
fn rejects_an_unknown_kind_or_status() {
    let b = mutate(|v| v["plans"][0]["status"] = "arkiverad".into());
    check_rejected(
        &b,
        "plans[0].status",
        |k| matches!(k, ErrorKind::UnknownValue { detail } if detail.contains("arkiverad")),
    );
    let b = mutate(|v| v["plans"][0]["nodes"][3]["type"] = serde_json::json!({"hemligt": {}}));
    check_rejected(&b, "plans[0].nodes[3].type", |k| {
        matches!(k, ErrorKind::UnknownValue { .. })
    });
}

#[test]
fn rejects_unknown_fields_and_wrong_types() {
    let b = mutate(|v| v["plans"][0]["nodes"][2]["colour"] = "red".into());
    check_rejected(
        &b,
        "plans[0].nodes[2].colour",
        |k| matches!(k, ErrorKind::Schema { detail } if detail.contains("colour")),
    );
    let b = mutate(|v| v["plans"][0]["nodes"][2]["order"] = "first".into());
    check_rejected(&b, "plans[0].nodes[2].order", |k| {
        matches!(k, ErrorKind::Schema { .. })
    });
}

#[test]
fn rejects_absurd_numbers_and_years() {
    let idx = demo_json()["plans"][0]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .position(|n| {
            n["type"]["matt"]["targets"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t["value"].is_number()))
        })
        .unwrap();
    let b = mutate(|v| {
        let t = v["plans"][0]["nodes"][idx]["type"]["matt"]["targets"]
            .as_array_mut()
            .unwrap();
        let ti = t.iter().position(|t| t["value"].is_number()).unwrap();
        t[ti]["value"] = serde_json::json!(1e300);
    });
    let err = bundle::import(&b).unwrap_err();
    assert!(
        matches!(err.kind, ErrorKind::AbsurdNumber { .. }),
        "{err:?}"
    );
    assert!(
        err.path
            .starts_with(&format!("plans[0].nodes[{idx}].type.matt.targets[")),
        "{}",
        err.path
    );
    // 1e999 is not a finite number at all
    let text = String::from_utf8(demo())
        .unwrap()
        .replacen("\"line\": 1,", "\"line\": 1e999,", 1);
    assert!(bundle::import(text.as_bytes()).is_err());
    let b = mutate(|v| v["plans"][0]["period"]["from"] = 20240.into());
    check_rejected(&b, "plans[0].period.from", |k| {
        matches!(k, ErrorKind::AbsurdYear { year: 20240 })
    });
    let b =
        mutate(|v| v["plans"][0]["budget_tables"][0]["rows"][0]["values"]["b2024"] = "1e40".into());
    assert!(bundle::import(&b).is_err());
}

#[test]
fn rejects_a_file_over_the_size_limit() {
    let big = vec![b' '; MAX_BUNDLE_BYTES + 1];
    check_rejected(&big, "", |k| matches!(k, ErrorKind::TooLarge { .. }));
}

#[test]
fn rejects_invalid_text_encoding() {
    let mut b = demo();
    b[200] = 0xFF;
    check_rejected(&b, "", |k| matches!(k, ErrorKind::Encoding { byte: 200 }));
    // Latin-1 "ö" inside a string
    let latin1 = b"{\"format\":\"verksam-bundle\",\"version\":1,\"x\":\"\xF6\"}";
    check_rejected(latin1, "", |k| matches!(k, ErrorKind::Encoding { .. }));
}

#[test]
fn accepts_a_utf8_bom_and_keeps_html_as_text() {
    let b =
        mutate(|v| v["plans"][0]["nodes"][2]["text"] = "<script>alert(1)</script><b>x</b>".into());
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&b);
    let ws = bundle::import(&with_bom).unwrap();
    assert_eq!(
        ws.plans[0].nodes[2].text,
        "<script>alert(1)</script><b>x</b>"
    );
}

#[test]
fn error_messages_are_swedish_and_located() {
    let b = mutate(|v| v["plans"][0]["nodes"][41]["parent"] = "x".into());
    let msg = bundle::import(&b).unwrap_err().to_string();
    assert_eq!(
        msg,
        "plans[0].nodes[41].parent: föräldern \"x\" finns inte i planen"
    );
}

#[test]
fn every_fixture_ever_shipped_still_imports() {
    let dir = format!("{}/tests/fixtures/bundles", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let ws = bundle::import(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(!ws.plans.is_empty() || !ws.tariffs.is_empty());
        // the lists' light read agrees with the full read in every version
        let text = std::str::from_utf8(&bytes).unwrap();
        assert_eq!(
            summaries(text).unwrap(),
            full_summaries(&ws),
            "{}",
            p.display()
        );
        // and so does a published link's first read, for each plan it may name
        assert_eq!(
            plan_heading(&bytes, None).unwrap(),
            ws.plans.first().map(heading)
        );
        for plan in &ws.plans {
            assert_eq!(
                plan_heading(&bytes, Some(&plan.id)).unwrap(),
                Some(heading(plan))
            );
        }
        n += 1;
    }
    assert!(n >= 4, "fixtures missing: one per version");
}

// ---- property: import(export(w)) == w over generated workspaces ----

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zåäöA-Z0-9 <>&\"'\\\\/\n\t]{0,20}",
        any::<String>().prop_map(|s| s.chars().take(30).collect())
    ]
}

fn number() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (-1e12f64..1e12).prop_map(Some),
        any::<i32>().prop_map(|i| Some(i as f64))
    ]
}

fn data() -> impl Strategy<Value = NodeData> {
    let target = (
        (text(), number(), number(), prop::option::of(text())),
        (0usize..6, 0usize..5, 0usize..7, any::<bool>(), number()),
    )
        .prop_map(
            |((raw, v, h, unit), (op, dir, rf, annual, change))| Target {
                kind: TargetKind::ALL[op * 2 % TargetKind::ALL.len()],
                raw,
                operator: Operator::ALL.get(op).copied(),
                value: v,
                value_high: h,
                unit,
                direction: Direction::ALL.get(dir).copied(),
                change,
                change_unit: change.map(|_| "%".to_string()),
                reference: ReferenceKind::ALL.get(rf).map(|&kind| Reference {
                    kind,
                    year: (rf % 2 == 0).then_some(2020),
                }),
                groups: if annual {
                    vec![
                        GroupTarget {
                            sex: Sex::Kvinnor,
                            value: 16.0,
                        },
                        GroupTarget {
                            sex: Sex::Man,
                            value: 17.2,
                        },
                    ]
                } else {
                    vec![]
                },
                annual,
                extra: Extra::new(),
            },
        );
    let outcome = || {
        (number(), text(), 0usize..3, prop::option::of(text())).prop_map(|(v, raw, sx, sub)| {
            Outcome {
                period: PeriodRef {
                    label: "T1 2024".into(),
                    code: Some("T1".into()),
                    year: Some(2024),
                    from_month: Some(1),
                    to_month: Some(4),
                },
                value: v,
                unit: None,
                raw,
                origin: Some("tabell".into()),
                sex: Sex::ALL.get(sx).copied(),
                subgroup: sub,
                extra: Extra::from([(
                    "note".to_string(),
                    serde_json::json!({"z": 1, "a": [1, "x"]}),
                )]),
            }
        })
    };
    let measure = (
        (text(), prop::option::of(text()), any::<bool>(), 0usize..6),
        (
            prop::collection::vec(target, 0..3),
            prop::collection::vec(outcome(), 0..3),
        ),
        (
            prop::option::of(prop::collection::vec(outcome(), 0..2)),
            any::<bool>(),
            any::<bool>(),
            text(),
        ),
    )
        .prop_map(
            |((raw, unit, lower, app), (targets, outcomes), (baseline, flow, critical, note))| {
                Measure {
                    unit: unit.clone().unwrap_or_default(),
                    polarity: Some(if lower {
                        Polarity::LowerIsBetter
                    } else {
                        Polarity::HigherIsBetter
                    }),
                    issuer: Some(Issuer {
                        level: IssuerLevel::Namnd,
                        name: raw.clone(),
                    }),
                    follow_up: vec![FollowUp::parse("T1"), FollowUp::parse("ÅR")],
                    targets,
                    outcomes,
                    baseline: baseline.map(|values| Baseline {
                        raw: raw.clone(),
                        values,
                        extra: Extra::new(),
                    }),
                    applicability: Applicability {
                        kind: ApplicabilityKind::ALL.get(app).copied().unwrap_or_default(),
                        reason: note.clone(),
                        starts_from: (app == 1).then_some(2023),
                    },
                    flow,
                    critical,
                    analyses: if flow {
                        vec![Analysis {
                            period: Period::parse_key("DÅ04 2024").unwrap(),
                            text: note.clone(),
                        }]
                    } else {
                        vec![]
                    },
                    manual: if critical {
                        vec![ManualGrade {
                            period: Period::parse_key("ÅR 2023").unwrap(),
                            grade: Grade::ALL[app % 4],
                            motivation: format!("motivering {note}"),
                        }]
                    } else {
                        vec![]
                    },
                    stated: if lower {
                        vec![StatedGrade {
                            period: Period::parse_key("DÅ08 2024").unwrap(),
                            grade: Grade::ALL[(app + 1) % 4],
                            quote: note.clone(),
                            source: (app % 2 == 0).then(|| SourceRef {
                                file: "002.txt".into(),
                                line: 3168,
                                line_end: Some(3170),
                            }),
                        }]
                    } else {
                        vec![]
                    },
                }
            },
        );
    prop_oneof![
        Just(NodeData::Avsnitt),
        text().prop_map(|d| NodeData::Perspektiv { description: d }),
        (prop::option::of(1u32..20), any::<bool>()).prop_map(|(n, rf)| NodeData::Mal(Goal {
            level: if rf {
                GoalLevel::Effektmal
            } else {
                GoalLevel::Namndmal
            },
            number: n,
            issuer: rf.then(|| Issuer {
                level: IssuerLevel::Regionfullmaktige,
                name: "RF".into()
            }),
        })),
        measure.prop_map(NodeData::Matt),
        (text(), any::<bool>(), 0usize..5, text(), 0u8..3).prop_map(
            |(c, delayed, s, analysis, n)| {
                NodeData::Aktivitet(Activity {
                    comment: c,
                    time_period: Some(TimePeriod {
                        label: "2024".into(),
                        start_year: Some(2024),
                        end_year: None,
                    }),
                    links: vec![],
                    start: (n > 0).then_some(When::Year(2024)),
                    end: (n > 1)
                        .then(|| When::Date(chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap())),
                    followups: reports(n, WorkStatus::ALL.get(s).copied(), delayed, analysis),
                })
            }
        ),
        (text(), text(), 0u8..3).prop_map(|(r, rep, n)| NodeData::Uppdrag(Commission {
            issuer: None,
            recipient: r,
            report: rep,
            start: None,
            end: (n == 1).then_some(When::Year(2026)),
            followups: reports(n, Some(WorkStatus::Pagar), false, String::new()),
        })),
        (
            prop::option::of(1u8..=4),
            prop::option::of(1u8..=4),
            any::<bool>()
        )
            .prop_map(|(l, c, rg)| {
                NodeData::IkRisk(Risk {
                    scope: if rg {
                        Scope::Regionovergripande
                    } else {
                        Scope::Namndspecifik
                    },
                    likelihood: l,
                    consequence: c,
                })
            }),
        (text(), 4u8..=10, 0u8..3).prop_map(|(d, scale, isk)| NodeData::IkPlan(ControlPlan {
            description: d.clone(),
            risk_scale: scale,
            isk: match isk {
                0 => None,
                i => Some(IskJudgement {
                    sufficient: i == 1,
                    motivation: d
                }),
            },
        })),
        (text(), text(), 0u8..3).prop_map(|(control, who, n)| NodeData::IkAtgard(ControlAction {
            control,
            responsible: who.clone(),
            timing: if n == 2 {
                "april och augusti".into()
            } else {
                String::new()
            },
            followups: reports(n, Some(WorkStatus::Genomford), n == 1, who),
            ..ControlAction::new(Scope::Namndspecifik)
        })),
    ]
}

/// `n` reports (0–2) of distinct periods, in time order.
fn reports(n: u8, status: Option<WorkStatus>, delayed: bool, analysis: String) -> Vec<WorkReport> {
    ["DÅ04 2024", "DÅ08 2024"]
        .iter()
        .take(n as usize)
        .map(|k| WorkReport {
            period: Period::parse_key(k).unwrap(),
            status,
            delayed,
            analysis: analysis.clone(),
        })
        .collect()
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        "[a-z]{1,8}",
        text(),
        prop::collection::vec((data(), text(), any::<prop::sample::Index>()), 0..25),
        0usize..3,
        2000i32..2030,
        0i32..10,
        prop::option::of(-1e6f64..1e6),
    )
        .prop_map(|(id, title, nodes, kind, from, len, amount)| {
            let mut p = Plan::new(
                id,
                title,
                "Org".into(),
                from,
                "2025-02-03T04:05:06.789Z".into(),
            );
            p.period.to = from + len;
            p.kind = PlanKind::ALL[kind];
            p.level_names = BTreeMap::from([("matt".to_string(), "Styrmått".to_string())]);
            for (i, (data, text, parent)) in nodes.into_iter().enumerate() {
                let parent = if i == 0 {
                    None
                } else {
                    Some(format!("n{}", parent.index(i)))
                };
                p.nodes.push(Node {
                    id: format!("n{i}"),
                    parent,
                    order: i as u32 + 1,
                    label: "Etikett".into(),
                    text,
                    data,
                    source: (i % 2 == 0).then(|| SourceRef {
                        file: "000.txt".into(),
                        line: i as u32,
                        line_end: None,
                    }),
                    extra: Extra::new(),
                });
            }
            if len % 3 == 0 {
                p.stated_counts.push(StatedCounts {
                    period: Period::parse_key("DÅ08 2023").unwrap(),
                    decided: Decided::ALL[(len % 2) as usize],
                    uppfyllt: len as u32,
                    delvis: 2,
                    ej: 6,
                    source: (len == 0).then(|| SourceRef {
                        file: "002.txt".into(),
                        line: 3146,
                        line_end: None,
                    }),
                });
            }
            if let Some(a) = amount {
                // a plan with budget tables also gets non-default scorecard settings and a weight
                p.scorecard = ScorecardSettings {
                    method: RollupMethod::ALL[(len % 4) as usize],
                    tolerance_pct: 7.5,
                    prorate: len % 2 == 0,
                    group_rule: GroupRule::ALL[(len % 2) as usize],
                    green_at: 0.75,
                    yellow_at: 0.25,
                    min_coverage: 0.6,
                    weights: if p.nodes.is_empty() {
                        BTreeMap::new()
                    } else {
                        BTreeMap::from([("n0".to_string(), 2.5)])
                    },
                };
                let amount = rust_decimal::Decimal::from_f64_retain(a).map(|d| d.round_dp(1));
                p.budget_tables.push(BudgetTable {
                    id: "t".into(),
                    kind: "driftbudget".into(),
                    title: "Driftbudget".into(),
                    unit: "mnkr".into(),
                    columns: vec![BudgetColumn {
                        id: "b".into(),
                        label: "Budget".into(),
                        scenario: "budget".into(),
                        year: from,
                    }],
                    rows: vec![BudgetRow {
                        id: "r".into(),
                        label: "Summa".into(),
                        row_type: "summa".into(),
                        values: BTreeMap::from([("b".to_string(), amount)]),
                        source: None,
                        extra: Extra::new(),
                    }],
                    source: None,
                    extra: Extra::new(),
                });
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn import_of_export_is_identity(plans in prop::collection::vec(plan(), 0..4)) {
        let mut plans = plans;
        plans.sort_by(|a, b| a.id.cmp(&b.id));
        plans.dedup_by(|a, b| a.id == b.id);
        let bytes = bundle::export(&plans);
        let back = bundle::import(&bytes).unwrap();
        prop_assert_eq!(&back.plans, &plans);
        prop_assert_eq!(bundle::export(&back.plans), bytes);
        let compact = bundle::export_compact(&plans);
        prop_assert_eq!(summaries(&compact).unwrap(), full_summaries(&back));
        let last = back.plans.last();
        prop_assert_eq!(plan_heading(compact.as_bytes(), last.map(|p| p.id.as_str())).unwrap(), last.map(heading));
        prop_assert_eq!(plan_heading(compact.as_bytes(), Some("none-such")).unwrap(), back.plans.first().map(heading));
    }
}

fn heading(p: &Plan) -> PlanHeading {
    PlanHeading {
        id: p.id.clone(),
        title: p.title.clone(),
        organisation: p.organisation.clone(),
        kind: p.kind,
        status: p.status,
        period: p.period,
    }
}

#[test]
fn a_published_heading_is_read_without_reading_the_plan_after_it() {
    let text = String::from_utf8(demo()).unwrap();
    let full = bundle::import(text.as_bytes()).unwrap();
    let expected = Some(heading(&full.plans[0]));
    // everything after the plan's items begin is cut off: the heading still reads, so nothing after it was read
    let cut = &text[..text.find("\"nodes\"").unwrap() + 20];
    assert!(summaries(cut).is_err());
    assert!(bundle::import(cut.as_bytes()).is_err());
    assert_eq!(plan_heading(cut.as_bytes(), None).unwrap(), expected);
    assert_eq!(
        plan_heading(cut.as_bytes(), Some("ore24")).unwrap(),
        expected
    );
    // a file ordered otherwise (here: keys sorted, so `nodes` comes before `title` and `version` after
    // `plans`) is read on until everything is known
    let v = demo_json();
    let at =
        |map: &serde_json::Value, key: &str| map.as_object().unwrap().keys().position(|k| k == key);
    assert!(at(&v["plans"][0], "nodes") < at(&v["plans"][0], "title"));
    assert!(at(&v, "plans") < at(&v, "version"));
    let sorted = serde_json::to_string(&v).unwrap();
    assert_eq!(plan_heading(sorted.as_bytes(), None).unwrap(), expected);
    // (so such a file cut off inside the items is found out: they had to be read)
    let cut = &sorted[..sorted.find("\"nodes\"").unwrap() + 20];
    let e = plan_heading(cut.as_bytes(), None).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Truncated { .. }), "{e:?}");
}

#[test]
fn a_published_heading_checks_the_file_and_the_plan_it_shows() {
    let text = String::from_utf8(demo()).unwrap();
    let err = |t: &str| plan_heading(t.as_bytes(), None).unwrap_err();
    assert!(matches!(err("").kind, ErrorKind::Truncated { .. }));
    assert!(matches!(err("[1]").kind, ErrorKind::Schema { .. }));
    assert!(matches!(
        err("{\"format\": ").kind,
        ErrorKind::Truncated { .. }
    ));
    let e = err(&text.replacen("verksam-bundle", "annat", 1));
    assert_eq!(e.path, "format");
    assert!(matches!(e.kind, ErrorKind::WrongFormat { .. }));
    let e = err(&text.replacen("\"version\": 5", "\"version\": 99", 1));
    assert_eq!(e.path, "version");
    assert!(
        matches!(e.kind, ErrorKind::NewerVersion { found: 99, .. }),
        "{e:?}"
    );
    let e = err(&text.replacen("\"kind\": \"verksamhetsplan\"", "\"kind\": \"budget\"", 1));
    assert_eq!(e.path, "plans[0].kind");
    assert!(matches!(e.kind, ErrorKind::UnknownValue { .. }), "{e:?}");
    // a heading field missing from the plan to show
    let mut v = demo_json();
    v["plans"][0].as_object_mut().unwrap().remove("title");
    let e = err(&serde_json::to_string(&v).unwrap());
    assert_eq!(e.path, "plans[0]");
    assert!(e.to_string().contains("`title`"), "{e}");
    // format and version are required even when they would come after the plan
    let mut v = demo_json();
    v.as_object_mut().unwrap().remove("version");
    let e = err(&serde_json::to_string(&v).unwrap());
    assert!(e.to_string().contains("`version`"), "{e}");
    let mut v = demo_json();
    v["format"] = "annat".into();
    let e = err(&serde_json::to_string(&v).unwrap());
    assert!(matches!(e.kind, ErrorKind::WrongFormat { .. }), "{e:?}");
    // no plan: nothing to show, and not an error of the file
    let mut v = demo_json();
    v["plans"] = serde_json::json!([]);
    assert_eq!(
        plan_heading(serde_json::to_string(&v).unwrap().as_bytes(), None).unwrap(),
        None
    );
}

fn full_summaries(ws: &Workspace) -> Summaries {
    Summaries {
        plans: ws.plans.iter().map(Into::into).collect(),
        tariffs: ws.tariffs.iter().map(Into::into).collect(),
    }
}

#[test]
fn summaries_reject_what_is_not_a_bundle_of_ours() {
    let text = String::from_utf8(demo()).unwrap();
    let err = |t: &str| summaries(t).unwrap_err();
    assert!(matches!(err("").kind, ErrorKind::Truncated { .. }));
    assert!(matches!(err("[1]").kind, ErrorKind::Schema { .. }));
    let e = err(&text.replacen("verksam-bundle", "annat", 1));
    assert_eq!(e.path, "format");
    assert!(matches!(e.kind, ErrorKind::WrongFormat { .. }));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = v.clone();
        f(&mut v);
        v.to_string()
    };
    let e = err(&with(&|v| v["version"] = 99.into()));
    assert!(matches!(e.kind, ErrorKind::NewerVersion { found: 99, .. }));
    let e = err(&with(&|v| v["plans"][0]["kind"] = "budget".into()));
    assert_eq!(e.path, "plans[0].kind");
    assert!(matches!(e.kind, ErrorKind::UnknownValue { .. }));
    let e = err(&with(&|v| v["plans"][0]["nodes"] = 3.into()));
    assert!(matches!(e.kind, ErrorKind::Schema { .. }), "{e:?}");
    // fields the list does not show are not read: the full read is where they are checked
    let ok = summaries(&with(&|v| {
        v["plans"][0]["nodes"][3]["parent"] = "nowhere".into()
    }))
    .unwrap();
    assert_eq!(ok.plans[0].id, "ore24");
    assert!(bundle::import(
        with(&|v| v["plans"][0]["nodes"][3]["parent"] = "nowhere".into()).as_bytes()
    )
    .is_err());
}

#[test]
fn rejects_hostile_nesting_without_crashing() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let b = mutate(|v| v["plans"][0]["extra"] = serde_json::json!({"x": "PLACEHOLDER"}));
    let text = String::from_utf8(b)
        .unwrap()
        .replace("\"PLACEHOLDER\"", &deep);
    let err = bundle::import(text.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err.kind,
            ErrorKind::NotJson { .. } | ErrorKind::Schema { .. }
        ),
        "{err:?}"
    );
}

#[test]
fn rejects_overlong_text() {
    let b = mutate(|v| v["plans"][0]["nodes"][5]["text"] = "x".repeat(300_000).into());
    check_rejected(&b, "plans[0].nodes[5].text", |k| {
        matches!(k, ErrorKind::TooLong { len: 300_000, .. })
    });
}

#[test]
fn rejects_wrong_types_inside_lists_and_maps() {
    let b = mutate(|v| v["plans"][0]["level_names"]["matt"] = serde_json::json!({"nested": true}));
    check_rejected(
        &b,
        "plans[0].level_names.matt",
        |k| matches!(k, ErrorKind::Schema { detail } if detail.contains("väntat text")),
    );
    let b = mutate(|v| {
        let nodes = v["plans"][0]["nodes"].as_array_mut().unwrap();
        let i = nodes
            .iter()
            .position(|n| n["type"].get("strategi").is_some())
            .unwrap();
        nodes[i]["type"]["strategi"]["statements"][1] = 7.into();
    });
    let err = bundle::import(&b).unwrap_err();
    assert!(
        err.path.ends_with(".type.strategi.statements[1]"),
        "{}",
        err.path
    );
}

/// The version-2 fixture keeps its scorecard data: a manual grade with motivation, an analysis, a critical
/// measure, a women's value and the plan's rollup settings.
#[test]
fn version_2_fixture_keeps_scorecard_data() {
    let path = format!(
        "{}/tests/fixtures/bundles/v2-norrbotten-scorecard.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    let ws = bundle::import(&bytes).unwrap();
    let p = &ws.plans[0];
    assert_eq!(p.scorecard.method, RollupMethod::Samsta);
    let m = p
        .nodes
        .iter()
        .find_map(|n| match &n.data {
            NodeData::Matt(m) if n.text.starts_with("Andelen barn och unga") => Some(m),
            _ => None,
        })
        .unwrap();
    assert!(m.critical);
    let g = m
        .manual_grade(&Period::parse_key("DÅ04 2022").unwrap())
        .unwrap();
    assert_eq!(g.grade, Grade::Delvis);
    assert!(g.motivation.starts_with("Nära målet"));
    assert!(m
        .analysis(&Period::parse_key("DÅ04 2022").unwrap())
        .is_some());
    assert!(m
        .outcomes
        .iter()
        .any(|o| o.sex == Some(Sex::Kvinnor) && o.value == Some(66.0)));
    // written today, its measures are as they were in version 2 (activities changed shape in version 4; version 5 added stated grades),
    // and that export reads back to the same plans
    let old: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let out = bundle::export(&ws.plans);
    let new: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(new["version"], bundle::CURRENT_VERSION);
    let measures = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["plans"][0]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["type"].get("matt").is_some())
            .cloned()
            .collect()
    };
    assert!(!measures(&old).is_empty());
    assert_eq!(measures(&new), measures(&old));
    assert_eq!(bundle::import(&out).unwrap().plans, ws.plans);
}

fn first_measure(v: &serde_json::Value) -> usize {
    v["plans"][0]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .position(|n| n["type"].get("matt").is_some())
        .unwrap()
}

#[test]
fn rejects_bad_scorecard_data_with_its_place() {
    let b = mutate(|v| v["plans"][0]["scorecard"]["yellow_at"] = 0.9.into());
    check_rejected(&b, "plans[0].scorecard.yellow_at", |k| {
        matches!(k, ErrorKind::ThresholdOrder { .. })
    });
    let b = mutate(|v| v["plans"][0]["scorecard"]["tolerance_pct"] = 250.into());
    check_rejected(&b, "plans[0].scorecard.tolerance_pct", |k| {
        matches!(k, ErrorKind::OutOfRange { .. })
    });
    let b =
        mutate(|v| v["plans"][0]["scorecard"]["weights"] = serde_json::json!({"finns-inte": 2}));
    check_rejected(&b, "plans[0].scorecard.weights.finns-inte", |k| {
        matches!(k, ErrorKind::UnknownNode { .. })
    });
    let b = mutate(|v| v["plans"][0]["scorecard"]["method"] = "medel".into());
    check_rejected(&b, "plans[0].scorecard.method", |k| {
        matches!(k, ErrorKind::UnknownValue { .. })
    });
    let mut i = 0;
    let b = mutate(|v| {
        i = first_measure(v);
        v["plans"][0]["nodes"][i]["type"]["matt"]["manual"] =
            serde_json::json!([{"period": "DÅ08 2024", "grade": "delvis", "motivation": "  "}]);
    });
    check_rejected(
        &b,
        &format!("plans[0].nodes[{i}].type.matt.manual[0].motivation"),
        |k| matches!(k, ErrorKind::Blank),
    );
    let b = mutate(|v| {
        v["plans"][0]["nodes"][i]["type"]["matt"]["analyses"] = serde_json::json!([
            {"period": "DÅ08 2024", "text": "a"}, {"period": "Q3 2024", "text": "b"}
        ]);
    });
    check_rejected(
        &b,
        &format!("plans[0].nodes[{i}].type.matt.analyses[1].period"),
        |k| matches!(k, ErrorKind::BadPeriod { value } if value == "Q3 2024"),
    );
    let b = mutate(|v| {
        v["plans"][0]["nodes"][i]["type"]["matt"]["outcomes"] = serde_json::json!([{
            "period": {"label": "x", "code": null, "year": 2024, "from_month": 1, "to_month": 4},
            "value": 1, "unit": null, "raw": "", "origin": null, "sex": "X"
        }]);
    });
    check_rejected(
        &b,
        &format!("plans[0].nodes[{i}].type.matt.outcomes[0].sex"),
        |k| matches!(k, ErrorKind::UnknownValue { .. }),
    );
}

#[test]
fn a_version_1_file_may_not_carry_version_2_fields() {
    let b = mutate(|v| {
        v["version"] = 1.into();
        v["plans"][0].as_object_mut().unwrap().remove("scorecard");
        let i = first_measure(v);
        v["plans"][0]["nodes"][i]["type"]["matt"]["critical"] = true.into();
    });
    let err = bundle::import(&b).unwrap_err();
    assert!(err.path.ends_with(".type.matt.critical"), "{err}");
    assert!(matches!(err.kind, ErrorKind::Schema { .. }));
}

#[test]
fn export_files_are_named_by_the_day() {
    use verksam::domain::bundle::{backup_file_names, plan_file_name};
    assert_eq!(
        backup_file_names("2026-12-06", 1),
        ["verksam-2026-12-06.json"]
    );
    assert_eq!(
        backup_file_names("2026-12-06", 3),
        [
            "verksam-2026-12-06-del-1-av-3.json",
            "verksam-2026-12-06-del-2-av-3.json",
            "verksam-2026-12-06-del-3-av-3.json"
        ]
    );
    assert_eq!(
        plan_file_name("stv2235", "2026-12-06"),
        "stv2235-2026-12-06.verksam.json"
    );
}

/// The app's own export, imported again, is identical record for record: the import table skips all of it
/// and would write nothing.
#[test]
fn own_export_reads_back_identical_in_the_import_table() {
    use verksam::domain::import::{rows, Choices, Status, Tally};
    let dir = format!("{}/public/demo", env!("CARGO_MANIFEST_DIR"));
    let mut stored = Workspace::default();
    for f in std::fs::read_dir(dir).unwrap() {
        let mut w = bundle::import(&std::fs::read(f.unwrap().path()).unwrap()).unwrap();
        stored.plans.append(&mut w.plans);
        stored.tariffs.append(&mut w.tariffs);
        stored.rule_sets.append(&mut w.rule_sets);
    }
    assert!(stored.plans.len() >= 5 && !stored.tariffs.is_empty());
    let again = bundle::import(&bundle::export_workspace(&stored)).unwrap();
    let table = rows(&again, &stored.plans, &stored.tariffs, &stored.rule_sets);
    assert_eq!(
        table.len(),
        stored.plans.len() + stored.tariffs.len() + stored.rule_sets.len()
    );
    for r in &table {
        assert_eq!(r.status, Status::Identical, "{}", r.incoming.title);
    }
    assert_eq!(Tally::of(&table, &Choices::new()).written(), 0);
}

#[test]
fn the_start_list_is_searched_by_every_word_and_grouped_by_organisation() {
    let plan = |id: &str, title: &str, org: &str, year: i32| {
        PlanSummary::from(&Plan::new(
            id.into(),
            title.into(),
            org.into(),
            year,
            "2025-01-01T00:00:00Z".into(),
        ))
    };
    let list = vec![
        plan("a", "Delårsrapport 2 2024 – mätetal", "Psykiatri", 2024),
        plan(
            "b",
            "Delårsrapport 2 2024 – mätetal",
            "Kirurgisk vård",
            2024,
        ),
        plan("c", "Verksamhetsplan", "", 2025),
        plan("d", "Styrkort", "kirurgisk vård", 2022),
    ];
    let ids = |g: &[&PlanSummary]| g.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    let all = find(&list, "", false);
    assert_eq!(all.len(), 1);
    assert_eq!(ids(&all[0].1), ["a", "b", "c", "d"]);
    // every word, any case, in the title, the organisation and the period
    assert_eq!(
        ids(&find(&list, "delårsrapport KIRURGISK", false)[0].1),
        ["b"]
    );
    assert_eq!(ids(&find(&list, "2022", false)[0].1), ["d"]);
    assert!(find(&list, "finns inte", false)[0].1.is_empty());
    let groups = find(&list, "", true);
    let names: Vec<&str> = groups.iter().map(|(n, _)| n.as_deref().unwrap()).collect();
    assert_eq!(
        names,
        ["Kirurgisk vård", "Psykiatri", "Organisation saknas"]
    );
    assert_eq!(ids(&groups[0].1), ["b", "d"], "one group whatever the case");
    assert_eq!(find(&list, "psykiatri", true).len(), 1);
}
