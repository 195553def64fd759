//! The shipped demo bundles are made by project code from the seed extracts, lose nothing, and are current.
#![cfg(not(target_arch = "wasm32"))]
//! Regenerate with `UPDATE_DEMO=1 cargo test --test demo_data`.

use std::collections::BTreeMap;
use verksam::domain::{bundle, plan::*};
use verksam::seed::{self, extract as demo};

fn seed(name: &str) -> serde_json::Value {
    let p = format!("{}/tests/fixtures/seed/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn convert(name: &str) -> Plan {
    demo::convert_seed(&seed(name)).unwrap()
}

#[test]
fn shipped_demo_bundles_equal_a_fresh_conversion() {
    for f in seed::EXTRACTS {
        let (src, out) = (f.sources[0], f.bundle);
        let bytes = bundle::export(&[convert(src)]);
        let path = format!("{}/public/demo/{out}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("UPDATE_DEMO").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        let shipped = std::fs::read(&path).unwrap_or_default();
        assert!(
            shipped == bytes,
            "{out} is stale: run UPDATE_DEMO=1 cargo test --test demo_data"
        );
        // and it imports back to the same plan
        assert_eq!(bundle::import(&shipped).unwrap().plans, vec![convert(src)]);
    }
}

/// Occurrences per seed type: stored nodes of that kind/level, plus activity repetitions kept as links.
fn counts(p: &Plan) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for n in &p.nodes {
        let key = match &n.data {
            NodeData::Mal(g) => g.level.key().to_string(),
            d => d.kind().key().to_string(),
        };
        *m.entry(key).or_insert(0) += 1;
        if let NodeData::Aktivitet(a) = &n.data {
            *m.entry("aktivitet".to_string()).or_insert(0) += a.links.len();
        }
    }
    m
}

fn seed_counts(name: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for n in seed(name)["nodes"].as_array().unwrap() {
        *m.entry(n["type"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    m
}

#[test]
fn orebro_plan_keeps_every_node_of_the_data_readme() {
    let p = convert("orebro-ftv-plan-2024.json");
    let c = counts(&p);
    // the counts the seed extracts' documentation states: 3 perspektiv, 7 effektmål, 6 strategier, 30 mål, 46 indikatorer, 104 aktiviteter,
    // 2 uppdrag, internkontrollplan 9 areas, 27 risks, 40 åtgärder, 4 budget tables; 306 nodes in all
    assert_eq!(c["perspektiv"], 3);
    assert_eq!(c["effektmal"], 7);
    assert_eq!(c["strategi"], 6);
    assert_eq!(c["mal"], 30);
    assert_eq!(
        p.nodes.iter().filter(|n| n.label == "Indikator").count(),
        46
    );
    assert_eq!(c["aktivitet"], 104);
    assert_eq!(c["uppdrag"], 2);
    assert_eq!(c["ik_omrade"], 9);
    assert_eq!(c["ik_risk"], 27);
    assert_eq!(c["ik_atgard"], 40);
    assert_eq!(p.budget_tables.len(), 4);
    assert_eq!(c.values().sum::<usize>(), 306);
    // six repeated activities are stored once and linked
    let links: usize = p
        .nodes
        .iter()
        .map(|n| {
            if let NodeData::Aktivitet(a) = &n.data {
                a.links.len()
            } else {
                0
            }
        })
        .sum();
    assert_eq!(links, 6);
    assert_eq!(c, seed_counts("orebro-ftv-plan-2024.json"));
    // what the plan page shows per level, in order of first occurrence
    let shown = p.level_counts();
    assert!(
        shown.contains(&("perspektiv", 3))
            && shown.contains(&("effektmal", 7))
            && shown.contains(&("aktivitet", 98))
    );
    assert_eq!(shown.iter().map(|(_, n)| n).sum::<usize>(), p.nodes.len());
    assert_eq!(shown[0].0, "avsnitt");
}

#[test]
fn norrbotten_scorecard_keeps_every_measure_and_outcome() {
    let p = convert("norrbotten-scorecard-2022.json");
    let c = counts(&p);
    assert_eq!(p.nodes.len(), 145);
    assert_eq!(c["perspektiv"], 5);
    assert_eq!(c["strategiskt_mal"], 5);
    assert_eq!(c["framgangsfaktor"], 15);
    assert_eq!(c["matt"], 46);
    assert_eq!(c["nyckeltal"], 10);
    assert_eq!(c["aktivitet"], 30);
    let measures: Vec<&Measure> = p
        .nodes
        .iter()
        .filter_map(|n| {
            if let NodeData::Matt(m) = &n.data {
                Some(m)
            } else {
                None
            }
        })
        .collect();
    let with_target = measures
        .iter()
        .filter(|m| m.targets.iter().any(|t| t.kind != TargetKind::Saknas))
        .count();
    assert_eq!(with_target, 26);
    // baselines and the women/men split are typed, so the scorecard can use them
    let with_baseline = measures.iter().filter(|m| m.baseline.is_some()).count();
    assert_eq!(with_baseline, 11);
    let with_sexes = measures
        .iter()
        .filter(|m| m.outcomes.iter().any(|o| o.sex.is_some()))
        .count();
    assert_eq!(with_sexes, 6);
    assert!(p.nodes.iter().all(|n| !n.extra.contains_key("baseline")));
    // 77 outcome values: typed on measures and key figures, kept verbatim on goals and actions
    let outcomes: usize = p
        .nodes
        .iter()
        .map(|n| match &n.data {
            NodeData::Matt(m) | NodeData::Nyckeltal(m) => m.outcomes.len(),
            _ => n
                .extra
                .get("outcomes")
                .and_then(|o| o.as_array())
                .map_or(0, Vec::len),
        })
        .sum();
    assert_eq!(outcomes, 77);
    assert_eq!(
        measures
            .iter()
            .map(|m| m.outcomes.iter().filter(|o| o.value.is_some()).count())
            .sum::<usize>(),
        56
    );
    assert_eq!(c, seed_counts("norrbotten-scorecard-2022.json"));
}

#[test]
fn action_plan_keeps_groups_and_activities() {
    let p = convert("orebro-stv-actionplan-2022-2035.json");
    let c = counts(&p);
    assert_eq!(p.nodes.len(), 22);
    assert_eq!(c["grupp"], 4);
    assert_eq!(c["aktivitet"], 18);
    assert_eq!(p.kind, PlanKind::Handlingsplan);
    assert_eq!((p.period.from, p.period.to), (2022, 2035));
}

/// A version-1 file (written before the scorecard, with its data in free annotations) migrates to exactly
/// what the converter makes today: the typed fields are lifted and nothing is lost.
#[test]
fn version_1_fixture_migrates_to_todays_conversion() {
    let path = format!(
        "{}/tests/fixtures/bundles/v1-orebro-plan.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let ws = verksam::domain::bundle::import(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(ws.plans[0], convert("orebro-ftv-plan-2024.json"));
}

// ---- Jönköping's mätetal as demo scorecards ----

fn jonkoping() -> (Vec<Plan>, verksam::seed::jonkoping_plans::ParseCounts) {
    let p = format!(
        "{}/tests/fixtures/seed/{}",
        env!("CARGO_MANIFEST_DIR"),
        seed::JONKOPING_MEASURES.sources[0]
    );
    verksam::seed::jonkoping_plans::convert(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn jonkoping_measures_become_seven_scorecards_and_the_shipped_bundle_is_current() {
    let (plans, counts) = jonkoping();
    let bytes = bundle::export(&plans);
    let path = format!(
        "{}/public/demo/{}",
        env!("CARGO_MANIFEST_DIR"),
        seed::JONKOPING_MEASURES.bundle
    );
    if std::env::var_os("UPDATE_DEMO").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    assert!(
        std::fs::read(&path).unwrap_or_default() == bytes,
        "stale: run UPDATE_DEMO=1 cargo test --test demo_data"
    );
    assert_eq!(plans.len(), 7);
    assert_eq!(counts.rows, 243);
    // every row is a measure; nothing is dropped
    let measures: usize = plans
        .iter()
        .map(|p| {
            p.nodes
                .iter()
                .filter(|n| matches!(n.data, NodeData::Matt(_)))
                .count()
        })
        .sum();
    assert_eq!(measures, 243);
    // 9 empty target cells (data README); the parse counts are printed for the closing note
    assert_eq!(counts.targets_empty, 9);
    println!("JONKOPING {counts:?}");
    assert!(counts.targets_typed >= 220, "{counts:?}");
    assert_eq!(counts.results_present, 199);
    assert_eq!(counts.results_typed, counts.results_present);
    // the raw text is kept on every target
    let raw: Vec<String> = plans
        .iter()
        .flat_map(|p| &p.nodes)
        .filter_map(|n| match &n.data {
            NodeData::Matt(m) => Some(m.targets[0].raw.clone()),
            _ => None,
        })
        .collect();
    assert!(raw.contains(&"Öka jfm fg år 5 %".to_string()));
    // Folktandvården's report: 21 measures, graded at DÅ08 2024
    let ftv = plans.iter().find(|p| p.id == "jkp24-ftv").unwrap();
    assert_eq!(ftv.organisation, "Folktandvården");
    let ftv_measures = ftv
        .nodes
        .iter()
        .filter(|n| matches!(n.data, NodeData::Matt(_)))
        .count();
    assert_eq!(ftv_measures, 21);
}

#[test]
fn folktandvarden_report_grades_like_the_document() {
    use verksam::domain::period::{Period, PeriodCode};
    use verksam::domain::scorecard::{scorecard, Structure};
    let (plans, _) = jonkoping();
    let ftv = plans.iter().find(|p| p.id == "jkp24-ftv").unwrap();
    let sc = scorecard(
        ftv,
        &Structure::new(ftv),
        Period::new(2024, PeriodCode::Da08),
    );
    let grade = |start: &str| {
        let i = ftv
            .nodes
            .iter()
            .position(|n| n.text.starts_with(start))
            .unwrap();
        sc.measures[i].as_ref().unwrap().grade
    };
    // 58 % against 70 %: not met, no reference
    assert_eq!(grade("Täckningsgrad för den uppsökande"), Grade::EjUppfyllt);
    // 86 % against 90 %: within 5 % of the target
    assert_eq!(
        grade("Allmäntandvård: Andel revisionspatienter"),
        Grade::Delvis
    );
    // 97 % against 91 %
    assert_eq!(grade("Andel heltidsanställda"), Grade::Uppfyllt);
    // sick leave 5,7 % against 5,5 %: lower is better (from the name), within tolerance
    assert_eq!(grade("Personalhälsa - Sjukfrånvaro"), Grade::Delvis);
    // annual measure with an empty result cell: never imputed
    assert_eq!(grade("Andel kariesfria 19-åringar"), Grade::EjBedombar);
}

fn jonkoping_tariffs() -> verksam::domain::workspace::Workspace {
    use verksam::domain::tariff::subsidy;
    use verksam::seed::jonkoping_tariffs as jonkoping;
    let read = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/seed/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    verksam::domain::workspace::Workspace {
        plans: vec![],
        tariffs: jonkoping::convert(
            &read(seed::JONKOPING_TARIFFS.sources[0]),
            &read(seed::JONKOPING_TARIFFS.sources[1]),
        )
        .unwrap(),
        rule_sets: subsidy::builtin(),
    }
}

#[test]
fn jonkoping_tariffs_ship_with_427_and_399_rows_and_the_bundle_is_current() {
    let ws = jonkoping_tariffs();
    let bytes = bundle::export_workspace(&ws);
    let path = format!(
        "{}/public/demo/{}",
        env!("CARGO_MANIFEST_DIR"),
        seed::JONKOPING_TARIFFS.bundle
    );
    if std::env::var_os("UPDATE_DEMO").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let shipped = std::fs::read(&path).unwrap_or_default();
    assert!(
        shipped == bytes,
        "the tariff demo is stale: run UPDATE_DEMO=1 cargo test --test demo_data"
    );
    let back = bundle::import(&shipped).unwrap();
    let rows: Vec<usize> = back.tariffs.iter().map(|t| t.rows.len()).collect();
    // exported in id order: jour first
    assert_eq!(rows, [399, 427]);
    assert_eq!(back.rule_sets.len(), 2);
    // equal volumes, and said to be an assumption
    let normal = &back.tariffs[1];
    assert!(normal.volume_source.is_assumption());
    assert!(normal.volumes.iter().all(|v| v.count == 100));
    assert!(normal.volume_source.label().starts_with("Antagande"));
}

/// What a reader of each shipped demo plan, published, gets: the page's sections, the first sentence, and for
/// the action plan its activities with their periods; for a plan without outcomes, every measure with its target.
#[test]
fn each_demo_plan_published_shows_its_reader_what_it_has() {
    use verksam::domain::activities::{status_line, work_groups};
    use verksam::domain::publish::{first_sentence, reader_sections};
    use verksam::domain::scorecard::print::planned;
    use verksam::domain::scorecard::Structure;
    let ids = |p: &Plan, t: bool| {
        reader_sections(p, t)
            .into_iter()
            .map(|(_, l)| l)
            .collect::<Vec<_>>()
    };

    let stv = convert("orebro-stv-actionplan-2022-2035.json");
    assert_eq!(ids(&stv, false), ["Aktiviteter", "Översikt"]);
    assert!(first_sentence(&stv).contains("inga mått"));
    let g = work_groups(&stv, None);
    assert_eq!(g.len(), 4);
    assert_eq!(g.iter().map(|g| g.items.len()).sum::<usize>(), 18);
    assert_eq!(g[0].heading, "Avsnitt: Aktiviteter vintern 2022-2023");
    assert_eq!(g[0].items[0].period.as_deref(), Some("vintern 2022-2023"));
    assert_eq!(status_line(&g), "18 aktiviteter: 18 ej rapporterade");

    // Örebro's plan for 2024 has targets but no outcomes: its 49 measures are listed with their targets
    let ore = convert("orebro-ftv-plan-2024.json");
    assert_eq!(
        ids(&ore, true),
        [
            "Resultat",
            "Aktiviteter",
            "Intern kontroll",
            "Taxa",
            "Översikt"
        ]
    );
    assert_eq!(first_sentence(&ore), "Planen har inga utfall ännu");
    let parts = planned(&ore, &Structure::new(&ore));
    let measures: Vec<_> = parts
        .iter()
        .flat_map(|p| &p.goals)
        .flat_map(|g| &g.measures)
        .collect();
    assert_eq!(measures.len(), 49);
    assert!(measures.iter().all(|m| m.level == "Indikator"));
    assert!(measures.iter().filter(|m| !m.target.is_empty()).count() > 40);
    let items = work_groups(&ore, None)
        .iter()
        .flat_map(|g| g.items.clone())
        .collect::<Vec<_>>();
    assert_eq!(items.iter().filter(|i| i.uppdrag).count(), 2);
    assert_eq!(items.iter().filter(|i| !i.uppdrag).count(), 98);

    // Norrbotten's scorecard opens on its latest report with the document's counts
    let nbd = convert("norrbotten-scorecard-2022.json");
    assert_eq!(
        ids(&nbd, false),
        ["Resultat", "Styrkort", "Aktiviteter", "Översikt"]
    );
    assert!(
        first_sentence(&nbd).starts_with("Delår april 2022: 2 uppfyllda"),
        "{}",
        first_sentence(&nbd)
    );
}
