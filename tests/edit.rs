//! Tree edits as a strategist makes them, and the invariant that no sequence of edits breaks a plan.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::BTreeSet;
use verksam::domain::bundle;
use verksam::domain::edit::{self, EditError};
use verksam::domain::import::{self, Resolution};
use verksam::domain::plan::*;
use verksam::domain::validate::validate_plan;
use verksam::domain::workspace::Workspace;
use verksam::seed::extract as demo;

fn orebro() -> Plan {
    let seed: serde_json::Value = serde_json::from_slice(
        &std::fs::read(format!(
            "{}/tests/fixtures/seed/orebro-ftv-plan-2024.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    demo::convert_seed(&seed).unwrap()
}

fn empty() -> Plan {
    Plan::new(
        "p".into(),
        "Plan".into(),
        "Nämnd".into(),
        2025,
        "2025-01-01T00:00:00Z".into(),
    )
}

/// Sibling orders are exactly 1..=n under every parent.
fn orders_are_dense(p: &Plan) -> bool {
    let parents: BTreeSet<Option<String>> = p.nodes.iter().map(|n| n.parent.clone()).collect();
    parents.iter().all(|par| {
        let orders: Vec<u32> = p.children(par.as_deref()).iter().map(|n| n.order).collect();
        orders == (1..=orders.len() as u32).collect::<Vec<_>>()
    })
}

fn texts(p: &Plan, parent: Option<&str>) -> Vec<String> {
    p.children(parent).iter().map(|n| n.text.clone()).collect()
}

#[test]
fn build_a_small_plan_and_rearrange_it() {
    let mut p = empty();
    let persp = edit::add_child(&mut p, None, NodeKind::Perspektiv).unwrap();
    let goals: Vec<String> = (0..3)
        .map(|_| edit::add_child(&mut p, Some(&persp), NodeKind::Mal).unwrap())
        .collect();
    for (i, g) in goals.iter().enumerate() {
        p.nodes.iter_mut().find(|n| &n.id == g).unwrap().text = format!("mål {i}");
    }
    assert_eq!(texts(&p, Some(&persp)), ["mål 0", "mål 1", "mål 2"]);
    // a sibling goes right after the one it was added to
    let s = edit::add_sibling(&mut p, &goals[0], NodeKind::Mal).unwrap();
    p.nodes.iter_mut().find(|n| n.id == s).unwrap().text = "mål 0b".into();
    assert_eq!(
        texts(&p, Some(&persp)),
        ["mål 0", "mål 0b", "mål 1", "mål 2"]
    );
    // up and down, and the edges say no
    assert!(edit::shift(&mut p, &goals[2], -1).unwrap());
    assert_eq!(
        texts(&p, Some(&persp)),
        ["mål 0", "mål 0b", "mål 2", "mål 1"]
    );
    assert!(!edit::shift(&mut p, &goals[0], -1).unwrap());
    assert!(!edit::shift(&mut p, &goals[1], 1).unwrap());
    // new nodes take the plan's own level name
    p.level_names.insert("matt".into(), "Styrmått".into());
    let m = edit::add_child(&mut p, Some(&goals[1]), NodeKind::Matt).unwrap();
    assert_eq!(p.node(&m).unwrap().label, "Styrmått");
    // move the measure to another goal, then try to move a goal under its own measure
    edit::reparent(&mut p, &m, Some(&goals[2])).unwrap();
    assert_eq!(
        p.node(&m).unwrap().parent.as_deref(),
        Some(goals[2].as_str())
    );
    assert_eq!(
        edit::reparent(&mut p, &goals[2], Some(&m)),
        Err(EditError::Cycle)
    );
    assert_eq!(
        edit::reparent(&mut p, &goals[2], Some(&goals[2])),
        Err(EditError::Cycle)
    );
    assert!(!edit::move_targets(&p, &goals[2]).contains(&m));
    // deleting a goal takes its measure with it
    assert_eq!(edit::delete(&mut p, &goals[2]).unwrap(), 2);
    assert!(p.node(&m).is_none());
    assert!(orders_are_dense(&p));
    validate_plan(&p, "p").unwrap();
    assert_eq!(
        edit::delete(&mut p, "nope"),
        Err(EditError::NotFound("nope".into()))
    );
}

#[test]
fn deleting_a_goal_removes_links_to_it() {
    let mut p = orebro();
    let (act, goal) = p
        .nodes
        .iter()
        .find_map(|n| match &n.data {
            NodeData::Aktivitet(a) if !a.links.is_empty() => {
                Some((n.id.clone(), a.links[0].goal.clone()))
            }
            _ => None,
        })
        .unwrap();
    edit::delete(&mut p, &goal).unwrap();
    if let Some(n) = p.node(&act) {
        let NodeData::Aktivitet(a) = &n.data else {
            panic!()
        };
        assert!(a.links.iter().all(|l| l.goal != goal));
    }
    validate_plan(&p, "p").unwrap();
}

#[test]
fn search_finds_text_in_tree_order_ignoring_case() {
    let p = orebro();
    let hits = edit::search(&p, "FOLKTANDVÅRDEN");
    assert!(hits.len() >= 2);
    for id in &hits {
        assert!(
            p.node(id)
                .unwrap()
                .text
                .to_lowercase()
                .contains("folktandvården")
                || p.node(id)
                    .unwrap()
                    .label
                    .to_lowercase()
                    .contains("folktandvården")
        );
    }
    assert!(edit::search(&p, "   ").is_empty());
    assert!(edit::search(&p, "zzzz-finns-inte").is_empty());
}

#[test]
fn duplicate_is_a_draft_copy_under_a_free_id() {
    let p = orebro();
    let taken = BTreeSet::from([p.id.clone(), format!("{}-kopia", p.id)]);
    let id = edit::free_plan_id(&format!("{}-kopia", p.id), &taken);
    assert_eq!(id, format!("{}-kopia-2", p.id));
    let copy = edit::duplicate(&p, id.clone(), "2026-01-01T00:00:00Z".into());
    assert_eq!(copy.id, id);
    assert_eq!(copy.status, PlanStatus::Utkast);
    assert_eq!(copy.nodes, p.nodes);
    assert!(copy.title.ends_with("(kopia)"));
}

#[test]
fn import_preview_and_resolution() {
    let mut incoming = Workspace::default();
    for id in ["a", "b"] {
        incoming.plans.push(Plan::new(
            id.into(),
            id.to_uppercase(),
            "N".into(),
            2025,
            "2025-01-01T00:00:00Z".into(),
        ));
    }
    let mut stored_a = incoming.plans[0].clone();
    stored_a.title = "A här".into();
    let rows = import::rows(&incoming, &[stored_a], &[], &[]);
    assert_eq!(
        rows.iter()
            .map(|r| (r.incoming.id.as_str(), r.status))
            .collect::<Vec<_>>(),
        [("a", import::Status::Differs), ("b", import::Status::New)]
    );
    // plans with one title are told apart by organisation and period
    assert_eq!(rows[1].incoming.about, "N · 2025");
    assert_eq!(import::about("", "2024–2035"), "2024–2035");
    let ids = BTreeSet::from(["a".to_string()]);
    let replace = import::resolve(&ids, incoming.clone(), Resolution::Replace);
    assert_eq!(
        replace.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    let both = import::resolve(&ids, incoming, Resolution::KeepBoth);
    assert_eq!(
        both.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["a-importerad", "b"]
    );
    assert_eq!(both[0].title, "A (importerad)");
}

#[derive(Debug, Clone)]
enum Op {
    AddChild(prop::sample::Index, prop::sample::Index),
    AddSibling(prop::sample::Index),
    Delete(prop::sample::Index),
    Shift(prop::sample::Index, bool),
    Reparent(prop::sample::Index, Option<prop::sample::Index>),
}

fn op() -> impl Strategy<Value = Op> {
    use prop::sample::Index;
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Op::AddChild(a, b)),
        any::<Index>().prop_map(Op::AddSibling),
        any::<Index>().prop_map(Op::Delete),
        (any::<Index>(), any::<bool>()).prop_map(|(a, up)| Op::Shift(a, up)),
        (any::<Index>(), prop::option::of(any::<Index>())).prop_map(|(a, b)| Op::Reparent(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]
    /// Whatever a user does in the tree, the plan stays valid, orders stay dense, and it round-trips.
    #[test]
    fn any_edit_sequence_keeps_the_plan_valid(ops in prop::collection::vec(op(), 1..40)) {
        let mut p = orebro();
        for o in ops {
            if p.nodes.is_empty() {
                edit::add_child(&mut p, None, NodeKind::Perspektiv).unwrap();
            }
            let pick = |i: &prop::sample::Index, p: &Plan| p.nodes[i.index(p.nodes.len())].id.clone();
            let _ = match o {
                Op::AddChild(a, k) => {
                    let id = pick(&a, &p);
                    let kinds = edit::allowed_children(Some(p.node(&id).unwrap().data.kind()));
                    if kinds.is_empty() { Ok(()) } else { edit::add_child(&mut p, Some(&id), kinds[k.index(kinds.len())]).map(|_| ()) }
                }
                Op::AddSibling(a) => { let id = pick(&a, &p); let k = p.node(&id).unwrap().data.kind(); edit::add_sibling(&mut p, &id, k).map(|_| ()) }
                Op::Delete(a) => { let id = pick(&a, &p); edit::delete(&mut p, &id).map(|_| ()) }
                Op::Shift(a, up) => { let id = pick(&a, &p); edit::shift(&mut p, &id, if up { -1 } else { 1 }).map(|_| ()) }
                Op::Reparent(a, b) => {
                    let id = pick(&a, &p);
                    let to = b.map(|b| pick(&b, &p));
                    edit::reparent(&mut p, &id, to.as_deref())
                }
            };
            prop_assert!(validate_plan(&p, "p").is_ok(), "{:?}", validate_plan(&p, "p"));
            prop_assert!(orders_are_dense(&p));
        }
        let back = bundle::import(&bundle::export(std::slice::from_ref(&p))).unwrap();
        prop_assert_eq!(back.plans, vec![p]);
    }
}

/// A goal added under a goal gets the level the plan uses there: under Norrbotten's strategic goal, a
/// framgångsfaktor (named so), not a plain "Mål".
#[test]
fn a_goal_added_under_a_goal_is_of_the_level_the_plan_uses_there() {
    let ws = verksam::domain::bundle::import(
        &std::fs::read(format!(
            "{}/public/demo/norrbotten-scorecard-2022.verksam.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let mut p = ws.plans.into_iter().find(|p| p.id == "nbd22").unwrap();
    let id = edit::add_child(&mut p, Some("nbd22.samhalle.sm"), NodeKind::Mal).unwrap();
    let n = p.node(&id).unwrap();
    assert_eq!(n.label, "Framgångsfaktor");
    assert!(matches!(&n.data, NodeData::Mal(g) if g.level == GoalLevel::Framgangsfaktor));
    // a goal under a perspective keeps the default
    let id = edit::add_child(&mut p, Some("nbd22.samhalle"), NodeKind::Mal).unwrap();
    assert!(matches!(&p.node(&id).unwrap().data, NodeData::Mal(g) if g.level == GoalLevel::Mal));
}

/// The plan's own word for its measures in running text ("Inga indikatorer följs upp"), with a safe fallback.
#[test]
fn a_plan_names_its_measures_in_its_own_word() {
    let with = |name: &str| {
        let mut p = empty();
        p.level_names.insert("matt".into(), name.into());
        p.measure_words()
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(empty().measure_words(), pair("mått", "mått"));
    assert_eq!(with("Styrmått"), pair("styrmått", "styrmått"));
    assert_eq!(with("Mätetal"), pair("mätetal", "mätetal"));
    assert_eq!(with("Indikator"), pair("indikator", "indikatorer"));
    assert_eq!(with("Nyckelvärde"), pair("nyckelvärde", "nyckelvärden"));
    // a word whose plural is not known is not guessed
    assert_eq!(with("Mätpunkt"), pair("mått", "mått"));
    assert_eq!(with("Mått att följa"), pair("mått", "mått"));
}
