//! Follow-up of activities, uppdrag and internal control per period (bundle version 4): the model, its reading
//! and migration, the Uppföljning counts, late items, the risk matrix and the ISK judgement.

use verksam::domain::activities::{
    follow_up_rows, previous_report_period, reported_periods, risk_matrix, StatusCounts, WorkKind,
};
use verksam::domain::bundle;
use verksam::domain::edit::{self, EditError};
use verksam::domain::error::ErrorKind;
use verksam::domain::period::{Period, PeriodCode};
use verksam::domain::plan::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/bundles/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn demo(name: &str) -> Plan {
    let bytes =
        std::fs::read(format!("{}/public/demo/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    bundle::import(&bytes).unwrap().plans.remove(0)
}

fn per(key: &str) -> Period {
    Period::parse_key(key).unwrap()
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn node<'a>(p: &'a Plan, id: &str) -> &'a NodeData {
    &p.node(id).unwrap().data
}

#[test]
fn the_version_4_fixture_reads_every_field_and_writes_back_the_same_but_for_the_version() {
    let bytes = fixture("v4-followup.json");
    let ws = bundle::import(&bytes).unwrap();
    // version 5 only added fields, so a version 4 file writes back as it was with the new number
    assert_eq!(
        String::from_utf8(bundle::export_workspace(&ws)).unwrap(),
        String::from_utf8(bytes)
            .unwrap()
            .replacen("\"version\": 4,", "\"version\": 5,", 1)
    );
    let p = &ws.plans[0];
    let NodeData::IkPlan(c) = node(p, "ik") else {
        panic!()
    };
    assert_eq!(c.risk_scale, 5);
    let isk = c.isk.as_ref().unwrap();
    assert!(!isk.sufficient && isk.motivation.starts_with("Två åtgärder"));
    let NodeData::IkRisk(r) = node(p, "ik.hr.r1") else {
        panic!()
    };
    assert_eq!(
        (r.likelihood, r.consequence, r.value()),
        (Some(3), Some(5), Some(15))
    );
    let NodeData::IkRisk(r2) = node(p, "ik.hr.r2") else {
        panic!()
    };
    assert_eq!(r2.value(), None, "only one of the two assessed");
    let NodeData::IkAtgard(a) = node(p, "ik.hr.r1.a1") else {
        panic!()
    };
    assert_eq!(a.control, "Andel tillsatta tjänster");
    assert_eq!(a.timing, "april och augusti");
    assert_eq!(
        report_at(&a.followups, per("DÅ04 2024")).unwrap().analysis,
        "Sex av tio tjänster tillsatta."
    );
    let NodeData::Aktivitet(act) = node(p, "mal.a1") else {
        panic!()
    };
    assert_eq!(act.start, Some(When::Year(2024)));
    assert_eq!(act.end, Some(When::Date(date("2024-06-30"))));
    assert_eq!(act.end.unwrap().label(), "30 juni 2024");
    let r = report_at(&act.followups, per("DÅ04 2024")).unwrap();
    assert_eq!((r.status, r.delayed), (Some(WorkStatus::Pagar), true));
    let NodeData::Uppdrag(u) = node(p, "mal.u1") else {
        panic!()
    };
    assert_eq!(u.end, Some(When::Year(2024)));
    assert_eq!(
        reported_periods(p),
        vec![per("DÅ04 2024"), per("DÅ08 2024")]
    );
}

/// A status of version 1–3 had no period: it becomes the report of the period the plan opens on, and nothing
/// else changes. Items without a status get no report.
#[test]
fn an_old_status_becomes_the_report_of_the_period_the_plan_opens_on() {
    // the version-2 fixture: Norrbotten's scorecard opens on Delår april 2022
    let mut v: serde_json::Value =
        serde_json::from_slice(&fixture("v2-norrbotten-scorecard.json")).unwrap();
    let nodes = v["plans"][0]["nodes"].as_array_mut().unwrap();
    let i = nodes
        .iter()
        .position(|n| n["type"].get("aktivitet").is_some())
        .unwrap();
    nodes[i]["type"]["aktivitet"]["status"] = "pagar".into();
    nodes[i]["type"]["aktivitet"]["delayed"] = true.into();
    let id = nodes[i]["id"].as_str().unwrap().to_string();
    let ws = bundle::import(&serde_json::to_vec(&v).unwrap()).unwrap();
    let p = &ws.plans[0];
    let opening = verksam::domain::scorecard::rollup::opening_period(p);
    assert_eq!(opening, per("DÅ04 2022"));
    let NodeData::Aktivitet(a) = node(p, &id) else {
        panic!()
    };
    assert_eq!(
        a.followups,
        vec![WorkReport {
            period: opening,
            status: Some(WorkStatus::Pagar),
            delayed: true,
            analysis: String::new(),
        }]
    );
    // every other activity had no status and has no report
    let reported = p
        .nodes
        .iter()
        .filter(|n| n.data.work_reports().is_some_and(|r| !r.is_empty()))
        .count();
    assert_eq!(reported, 1);
    // and what is written now reads back the same
    let again = bundle::import(&bundle::export_workspace(&ws)).unwrap();
    assert_eq!(again, ws);
}

fn rejected(mutate: impl FnOnce(&mut serde_json::Value)) -> verksam::domain::error::LocatedError {
    let mut v: serde_json::Value = serde_json::from_slice(&fixture("v4-followup.json")).unwrap();
    mutate(&mut v);
    bundle::import(&serde_json::to_vec(&v).unwrap()).unwrap_err()
}

fn at(v: &mut serde_json::Value, i: usize, ty: &str) -> serde_json::Value {
    v["plans"][0]["nodes"][i]["type"][ty].clone()
}

#[test]
fn values_off_the_scale_unknown_periods_and_ends_before_starts_are_refused_with_their_place() {
    // the fixture's scale is 1–5: 0 and 6 are off it
    for bad in [0, 6] {
        let e =
            rejected(|v| v["plans"][0]["nodes"][2]["type"]["ik_risk"]["likelihood"] = bad.into());
        assert_eq!(e.path, "plans[0].nodes[2].type.ik_risk.likelihood");
        assert_eq!(
            e.kind,
            ErrorKind::OffScale {
                value: bad,
                scale: 5
            }
        );
        assert_eq!(
            e.to_string(),
            format!("plans[0].nodes[2].type.ik_risk.likelihood: {bad} ligger utanför skalan 1–5")
        );
    }
    // on the default scale 1–4, 5 is off it
    let e = rejected(|v| {
        let mut ik = at(v, 0, "ik_plan");
        ik.as_object_mut().unwrap().remove("risk_scale");
        v["plans"][0]["nodes"][0]["type"]["ik_plan"] = ik;
    });
    assert_eq!(e.path, "plans[0].nodes[2].type.ik_risk.consequence");
    assert_eq!(e.kind, ErrorKind::OffScale { value: 5, scale: 4 });
    // a scale of 1 or above the largest
    let e = rejected(|v| v["plans"][0]["nodes"][0]["type"]["ik_plan"]["risk_scale"] = 11.into());
    assert_eq!(e.path, "plans[0].nodes[0].type.ik_plan.risk_scale");
    // a period key that does not exist
    let e = rejected(|v| {
        v["plans"][0]["nodes"][7]["type"]["aktivitet"]["followups"][0]["period"] =
            "DÅ13 2024".into()
    });
    assert_eq!(
        e.path,
        "plans[0].nodes[7].type.aktivitet.followups[0].period"
    );
    assert!(matches!(e.kind, ErrorKind::BadPeriod { .. }), "{e}");
    assert!(e.to_string().contains("okänd period \"DÅ13 2024\""), "{e}");
    // the same period twice
    let e = rejected(|v| {
        v["plans"][0]["nodes"][7]["type"]["aktivitet"]["followups"][1]["period"] =
            "DÅ04 2024".into()
    });
    assert_eq!(
        e.path,
        "plans[0].nodes[7].type.aktivitet.followups[1].period"
    );
    assert_eq!(
        e.kind,
        ErrorKind::DuplicatePeriod {
            period: "DÅ04 2024".into()
        }
    );
    // an end before the start
    let e =
        rejected(|v| v["plans"][0]["nodes"][7]["type"]["aktivitet"]["end"] = "2023-12-31".into());
    assert_eq!(e.path, "plans[0].nodes[7].type.aktivitet.end");
    assert_eq!(
        e.to_string(),
        "plans[0].nodes[7].type.aktivitet.end: slutet (31 december 2023) ligger före starten (2024)"
    );
    // a start that is no year or date
    let e = rejected(|v| v["plans"][0]["nodes"][7]["type"]["aktivitet"]["start"] = "våren".into());
    assert_eq!(e.path, "plans[0].nodes[7].type.aktivitet.start");
    assert_eq!(
        e.kind,
        ErrorKind::BadWhen {
            value: "våren".into()
        }
    );
    // a status that is not one, and a field version 4 does not have
    let e = rejected(|v| {
        v["plans"][0]["nodes"][7]["type"]["aktivitet"]["followups"][0]["status"] = "klar".into()
    });
    assert_eq!(
        e.path,
        "plans[0].nodes[7].type.aktivitet.followups[0].status"
    );
    let e = rejected(|v| v["plans"][0]["nodes"][7]["type"]["aktivitet"]["status"] = "pagar".into());
    assert_eq!(e.path, "plans[0].nodes[7].type.aktivitet.status");
}

/// The end-to-end scenario in the domain: on Örebro's plan at DÅ08 2024, three activities done and one going on
/// but late; the counts say so, the rest are not reported, and DÅ04 is untouched.
#[test]
fn the_uppfoljning_counts_a_period_against_the_one_before() {
    let mut p = demo("orebro-ftv-plan-2024.verksam.json");
    let ids: Vec<String> = p
        .nodes
        .iter()
        .filter(|n| matches!(n.data, NodeData::Aktivitet(_)))
        .map(|n| n.id.clone())
        .take(4)
        .collect();
    let d8 = per("DÅ08 2024");
    let d4 = per("DÅ04 2024");
    for (k, id) in ids.iter().enumerate() {
        let n = p.nodes.iter_mut().find(|n| &n.id == id).unwrap();
        let r = n.data.work_reports_mut().unwrap();
        set_report(r, d8, |x| {
            x.status = Some(if k < 3 {
                WorkStatus::Genomford
            } else {
                WorkStatus::Pagar
            });
            x.delayed = k == 3;
        });
    }
    // one of them had said pågår in April
    let n = p.nodes.iter_mut().find(|n| n.id == ids[0]).unwrap();
    set_report(n.data.work_reports_mut().unwrap(), d4, |x| {
        x.status = Some(WorkStatus::Pagar)
    });
    let today = date("2026-12-06");
    let rows = follow_up_rows(&p, d8, today);
    let activities: Vec<_> = rows.iter().filter(|r| r.kind != WorkKind::Atgard).collect();
    let total = activities.len();
    assert_eq!(total, 98 + 2, "Örebro's 98 activities and 2 uppdrag");
    let now = StatusCounts::of(activities.iter().map(|r| r.now.as_ref()));
    assert_eq!(now.get(WorkStatus::Genomford), 3);
    assert_eq!(now.get(WorkStatus::Pagar), 1);
    assert_eq!(now.delayed, 1);
    assert_eq!(now.unreported, total - 4);
    assert_eq!(
        now.line(),
        format!(
            "3 genomförda, 1 pågår (1 försenad), {} ej rapporterade",
            total - 4
        )
    );
    let before = StatusCounts::of(activities.iter().map(|r| r.before.as_ref()));
    assert_eq!(before.get(WorkStatus::Pagar), 1);
    assert_eq!(before.reported(), 1);
    assert_eq!(previous_report_period(d8), d4);
    assert_eq!(previous_report_period(d4), per("ÅR 2023"));
    assert_eq!(previous_report_period(per("ÅR 2024")), d8);
    // DÅ04 is as it was: one report
    let april = StatusCounts::of(follow_up_rows(&p, d4, today).iter().map(|r| r.now.as_ref()));
    assert_eq!(april.reported(), 1);
    // the IK-åtgärder are rows of their own kind
    assert_eq!(
        rows.iter().filter(|r| r.kind == WorkKind::Atgard).count(),
        40
    );
}

#[test]
fn an_item_past_its_end_and_not_done_is_late_by_date() {
    let ws = bundle::import(&fixture("v4-followup.json")).unwrap();
    let p = &ws.plans[0];
    let late = |period: &str, today: &str| -> Vec<String> {
        follow_up_rows(p, per(period), date(today))
            .into_iter()
            .filter(|r| r.late_by_date)
            .map(|r| r.id)
            .collect()
    };
    // mal.a1 ends 30 June 2024 and is pågår in April: by the end of August it is late, unless done by then
    // (it is: genomförd in DÅ08), so only the uppdrag (ends 2024, ej påbörjad) can be late, and only after 2024
    assert_eq!(late("DÅ04 2024", "2026-12-06"), Vec::<String>::new());
    assert_eq!(late("DÅ08 2024", "2026-12-06"), Vec::<String>::new());
    assert_eq!(
        late("ÅR 2024", "2026-12-06"),
        Vec::<String>::new(),
        "the year's last day is not past itself"
    );
    assert_eq!(late("DÅ04 2025", "2026-12-06"), vec!["mal.u1".to_string()]);
    // as of a day before the period's end, today decides
    assert_eq!(late("DÅ04 2025", "2024-12-31"), Vec::<String>::new());
    // without the DÅ08 report, mal.a1 would be late at DÅ08 (30 June has passed by 31 August)
    let mut p2 = p.clone();
    let n = p2.nodes.iter_mut().find(|n| n.id == "mal.a1").unwrap();
    set_report(n.data.work_reports_mut().unwrap(), per("DÅ08 2024"), |x| {
        x.status = None
    });
    let rows = follow_up_rows(&p2, per("DÅ08 2024"), date("2026-12-06"));
    assert!(rows.iter().find(|r| r.id == "mal.a1").unwrap().late_by_date);
}

#[test]
fn the_risk_matrix_counts_each_cell_and_lists_the_unassessed() {
    let mut p = bundle::import(&fixture("v4-followup.json"))
        .unwrap()
        .plans
        .remove(0);
    let m = risk_matrix(&p);
    assert_eq!(m.scale, 5);
    assert_eq!(m.count(3, 5), 1);
    assert_eq!(m.cells[2][4], vec!["ik.hr.r1".to_string()]);
    assert_eq!(m.unassessed, vec!["ik.hr.r2".to_string()]);
    let total: usize = (1..=5)
        .flat_map(|l| (1..=5).map(move |c| (l, c)))
        .map(|(l, c)| m.count(l, c))
        .sum();
    assert_eq!(total, 1);
    // score the second risk 3 × 4: riskvärde 12, and cell (3,4) counts it
    let n = p.nodes.iter_mut().find(|n| n.id == "ik.hr.r2").unwrap();
    let NodeData::IkRisk(r) = &mut n.data else {
        panic!()
    };
    r.likelihood = Some(3);
    r.consequence = Some(4);
    assert_eq!(r.value(), Some(12));
    let m = risk_matrix(&p);
    assert_eq!(m.count(3, 4), 1);
    assert!(m.unassessed.is_empty());
    verksam::domain::validate::validate_plan(&p, "plans[0]").unwrap();
    // a second internkontrollplan on a larger scale: its risk at 7 × 2 has its cell too (the matrix takes the
    // largest scale), and the first plan's risks stay where they are
    let mut second = p.nodes[0].clone();
    second.id = "ik2".into();
    second.order = 3;
    if let NodeData::IkPlan(c) = &mut second.data {
        c.risk_scale = 8;
    }
    let mut risk = p.nodes[2].clone();
    risk.id = "ik2.r".into();
    risk.parent = Some("ik2".into());
    risk.order = 1;
    if let NodeData::IkRisk(r) = &mut risk.data {
        (r.likelihood, r.consequence) = (Some(7), Some(2));
    }
    p.nodes.extend([second, risk]);
    verksam::domain::validate::validate_plan(&p, "plans[0]").unwrap();
    let m = risk_matrix(&p);
    assert_eq!((m.scale, m.count(7, 2), m.count(3, 4)), (8, 1, 1));
    assert!(m.unassessed.is_empty());
}

#[test]
fn the_risk_scale_cannot_shrink_below_a_risk_already_assessed() {
    let mut p = bundle::import(&fixture("v4-followup.json"))
        .unwrap()
        .plans
        .remove(0);
    let before = p.clone();
    assert_eq!(
        edit::set_risk_scale(&mut p, "ik", 4),
        Err(EditError::ScaleBelowUse { scale: 4, used: 5 })
    );
    assert_eq!(p, before);
    assert_eq!(
        EditError::ScaleBelowUse { scale: 4, used: 5 }.to_string(),
        "Skalan kan inte bli 1–4: en risk är redan bedömd med 5. Ändra den först."
    );
    assert!(edit::set_risk_scale(&mut p, "ik", 1).is_err());
    edit::set_risk_scale(&mut p, "ik", 6).unwrap();
    let NodeData::IkPlan(c) = node(&p, "ik") else {
        panic!()
    };
    assert_eq!(c.risk_scale, 6);
    verksam::domain::validate::validate_plan(&p, "plans[0]").unwrap();
}

#[test]
fn reports_stay_one_per_period_in_time_order_and_an_emptied_one_goes() {
    let mut r: WorkReports = vec![];
    set_report(&mut r, per("DÅ08 2024"), |x| {
        x.status = Some(WorkStatus::Pagar)
    });
    set_report(&mut r, per("DÅ04 2024"), |x| x.analysis = "Start".into());
    set_report(&mut r, per("DÅ08 2024"), |x| x.delayed = true);
    assert_eq!(
        r.iter().map(|x| x.period.key()).collect::<Vec<_>>(),
        ["DÅ04 2024", "DÅ08 2024"]
    );
    assert_eq!(
        report_until(&r, per("ÅR 2024")).unwrap().period,
        per("DÅ08 2024")
    );
    assert_eq!(
        report_until(&r, per("DÅ04 2024")).unwrap().analysis,
        "Start"
    );
    assert!(report_until(&r, per("ÅR 2023")).is_none());
    set_report(&mut r, per("DÅ04 2024"), |x| x.analysis.clear());
    assert_eq!(r.len(), 1);
    assert!(When::parse("2024-02-30").is_none());
    assert!(When::parse("24").is_none());
    assert_eq!(When::parse(" 2024 "), Some(When::Year(2024)));
    assert_eq!(
        Period::new(2024, PeriodCode::Da08).label(),
        "Delår augusti 2024"
    );
}

/// The follow-up for Excel: one row per item and period reported, "Ej rapporterad" where an item said nothing.
#[test]
fn the_follow_up_csv_has_a_row_per_item_and_period() {
    use verksam::domain::activities::follow_up_csv;
    let p = bundle::import(&fixture("v4-followup.json"))
        .unwrap()
        .plans
        .remove(0);
    let csv = follow_up_csv(&p);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        lines[0],
        "Period;Slag;Under;Text;Status;Försenad;Analys;Start;Slut"
    );
    // 2 åtgärder + 2 activities + 1 uppdrag, in 2 periods
    assert_eq!(lines.len(), 1 + 5 * 2);
    assert!(lines.contains(&"Delår april 2024;Aktivitet;Fler barn har god munhälsa;Kallelser till riskgrupper;Pågår;Ja;Kallelserna försenade av systembyte.;2024;2024-06-30"));
    assert!(lines.contains(&"Delår augusti 2024;Uppdrag;Fler barn har god munhälsa;Utred förebyggande insatser för unga vuxna;Ej påbörjad;Ja;;;2024"));
    assert!(lines.contains(&"Delår april 2024;Åtgärd;Hot och våld mot personal;Utbildning i bemötande;Ej rapporterad;;;;"));
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains(";Ej rapporterad;"))
            .count(),
        5
    );
}

/// The committee's internal-control section: areas with risks and åtgärder, the period's reports, the counts,
/// the matrix and the ISK judgement in a sentence.
#[test]
fn the_control_report_of_a_period() {
    use verksam::domain::activities::{control_report, isk_sentence};
    let p = bundle::import(&fixture("v4-followup.json"))
        .unwrap()
        .plans
        .remove(0);
    let r = control_report(&p, per("DÅ04 2024")).unwrap();
    assert_eq!(r.areas.len(), 1);
    let (area, risks) = &r.areas[0];
    assert_eq!(area, "HR");
    assert_eq!(
        risks.iter().map(|x| x.value).collect::<Vec<_>>(),
        [Some(15), None]
    );
    assert_eq!(risks[0].actions[0].control, "Andel tillsatta tjänster");
    assert_eq!(r.counts.line(), "1 pågår, 1 ej rapporterad");
    assert_eq!(
        control_report(&p, per("DÅ08 2024")).unwrap().counts.line(),
        "1 genomförd, 1 ej rapporterad"
    );
    assert_eq!(r.matrix.count(3, 5), 1);
    assert_eq!(
        isk_sentence(r.isk.as_ref()),
        "Den interna kontrollen bedöms inte som tillräcklig. Två åtgärder inom informationssäkerhet är inte genomförda."
    );
    assert!(isk_sentence(None).starts_with("ISK-bedömning saknas"));
    // a plan without risks has no such section
    let stv = demo("orebro-stv-actionplan-2022-2035.verksam.json");
    assert!(control_report(&stv, per("DÅ08 2024")).is_none());
}

/// Seed 004's action plan on a timeline: four groups (three by time period, one by level), 18 activities, the
/// years 2022–2035; an activity's own end moves its bar.
#[test]
fn the_action_plan_is_laid_out_by_year() {
    use verksam::domain::activities::timeline;
    let mut p = demo("orebro-stv-actionplan-2022-2035.verksam.json");
    let t = timeline(&p).unwrap();
    assert_eq!((t.first, t.last), (2022, 2035));
    assert_eq!(
        t.groups
            .iter()
            .map(|(h, how, items)| (h.as_str(), *how, items.len()))
            .collect::<Vec<_>>(),
        [
            ("Aktiviteter vintern 2022-2023", "tidsperiod", 4),
            ("Aktiviteter 2023", "tidsperiod", 5),
            ("Aktiviteter 2024-2035", "tidsperiod", 5),
            (
                "Aktiviteter på en övergripande regional, sjukvårdsregional och nationell nivå",
                "nivå",
                4
            ),
        ]
    );
    let first = &t.groups[0].2[0];
    assert_eq!((first.from, first.to), (Some(2022), Some(2023)));
    assert_eq!(
        (t.groups[2].2[0].from, t.groups[2].2[0].to),
        (Some(2024), Some(2035))
    );
    // its own end wins over its group's period
    let id = first.id.clone();
    let n = p.nodes.iter_mut().find(|n| n.id == id).unwrap();
    if let NodeData::Aktivitet(a) = &mut n.data {
        a.end = Some(When::Date(date("2025-03-31")));
    }
    let t = timeline(&p).unwrap();
    assert_eq!(t.groups[0].2[0].to, Some(2025));
    // a plan without groups has no timeline
    assert!(timeline(&demo("orebro-ftv-plan-2024.verksam.json")).is_none());
}
