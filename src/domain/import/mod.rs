//! Deciding what an import does: which incoming plans and tariffs are new, which share an id with a stored one,
//! and what to write for the choice made ([`decide`], the one decision for the data page's import, the
//! published view's *Spara en kopia* and the demo loaders). Pure: storage writes the result in one transaction.

use super::edit::{free_plan_id, with_suffix};
use super::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use super::plan::Plan;
use super::tariff::subsidy::RuleSet;
use super::tariff::Tariff;
use super::workspace::Workspace;
use std::collections::BTreeSet;

mod table;
pub use table::{choice_of, resolution_for, rows, Choice, Choices, RecordKind, Row, Status, Tally};

/// A stored plan as the import dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanBrief {
    pub id: String,
    pub title: String,
    /// What tells plans with the same title apart: organisation and period ("Kirurgisk vård · 2024").
    pub about: String,
    pub nodes: usize,
}

/// "Kirurgisk vård · 2024" (or the period alone when the organisation is not named).
pub fn about(organisation: &str, period: &str) -> String {
    match organisation.trim() {
        "" => period.to_string(),
        o => format!("{o} · {period}"),
    }
}

impl From<&Plan> for PlanBrief {
    fn from(p: &Plan) -> Self {
        PlanBrief {
            id: p.id.clone(),
            title: p.title.clone(),
            about: about(&p.organisation, &p.period.label()),
            nodes: p.nodes.len(),
        }
    }
}

impl From<&Tariff> for PlanBrief {
    fn from(t: &Tariff) -> Self {
        PlanBrief {
            id: t.id.clone(),
            title: t.name.clone(),
            about: about(&t.organisation, &t.year.to_string()),
            nodes: t.rows.len(),
        }
    }
}

/// What to do with incoming plans and tariffs whose id is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The incoming one replaces the stored one (the data page's *Importera* / *Ersätt sparade*).
    Replace,
    /// The incoming one is added under a new id; the stored one stays (*Behåll båda*, *Spara en kopia*).
    KeepBoth,
    /// The stored one stays and the incoming one is left out (the demo loaders: loading the examples again
    /// never undoes the user's changes to them).
    KeepStored,
    /// The incoming one is left out whether or not one is stored (a row of the import table set to *Hoppa
    /// över*).
    LeaveOut,
}

impl Resolution {
    /// Whether an incoming record is left out under this choice, given whether its id is stored.
    fn leaves_out(self, stored: bool) -> bool {
        match self {
            Resolution::LeaveOut => true,
            Resolution::KeepStored => stored,
            Resolution::Replace | Resolution::KeepBoth => false,
        }
    }
}

/// What an import writes, in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    /// Plans that replace the stored plan with their id.
    pub replace: Vec<Plan>,
    /// Plans under ids not stored: new ones, and copies given a new id to keep the stored one.
    pub add: Vec<Plan>,
    /// Tariffs to write (new, replacing, or under a new id).
    pub tariffs: Vec<Tariff>,
    /// Subsidy rule sets to write. A rule set is the rules of its date, so one with a stored id replaces it
    /// under every choice but [`Resolution::KeepStored`].
    pub rule_sets: Vec<RuleSet>,
    /// Ids of incoming plans and tariffs left out because the stored one stays ([`Resolution::KeepStored`]).
    pub left_out: Vec<String>,
}

impl Decision {
    /// How many plans are written.
    pub fn plans(&self) -> usize {
        self.replace.len() + self.add.len()
    }
}

/// The one import decision: given the ids stored (plans, tariffs, rule sets) and what comes in, what to write
/// for `how`. New records keep their ids; records whose id is stored are replaced, added under a new id with
/// "(importerad)" (a jour tariff follows its normal tariff to the new id), or left out.
pub fn decide(
    stored_plans: &BTreeSet<String>,
    stored_tariffs: &BTreeSet<String>,
    stored_rule_sets: &BTreeSet<String>,
    incoming: Workspace,
    how: Resolution,
) -> Decision {
    decide_each(
        stored_plans,
        stored_tariffs,
        stored_rule_sets,
        incoming,
        &|_, _| how,
    )
}

/// [`decide`] with a choice per record (the import table: one row, one choice). Rule sets follow the choice
/// made for the kind [`RecordKind::RuleSet`] and the id.
pub fn decide_each(
    stored_plans: &BTreeSet<String>,
    stored_tariffs: &BTreeSet<String>,
    stored_rule_sets: &BTreeSet<String>,
    incoming: Workspace,
    how: &dyn Fn(RecordKind, &str) -> Resolution,
) -> Decision {
    let Workspace {
        plans,
        tariffs,
        rule_sets,
    } = incoming;
    let mut left_out = vec![];
    let mut keep_new = |kind: RecordKind, id: &str, stored: &BTreeSet<String>| {
        let out = how(kind, id).leaves_out(stored.contains(id));
        if out && kind != RecordKind::RuleSet {
            left_out.push(id.to_string());
        }
        !out
    };
    let plans: Vec<Plan> = plans
        .into_iter()
        .filter(|p| keep_new(RecordKind::Plan, &p.id, stored_plans))
        .collect();
    let tariffs: Vec<Tariff> = tariffs
        .into_iter()
        .filter(|t| keep_new(RecordKind::Tariff, &t.id, stored_tariffs))
        .collect();
    let rule_sets: Vec<RuleSet> = rule_sets
        .into_iter()
        .filter(|r| keep_new(RecordKind::RuleSet, &r.id, stored_rule_sets))
        .collect();
    let plans = resolve_each(stored_plans, plans, &|id| how(RecordKind::Plan, id));
    let (replace, add) = plans
        .into_iter()
        .partition(|p| stored_plans.contains(&p.id));
    Decision {
        replace,
        add,
        tariffs: resolve_tariffs(stored_tariffs, tariffs, &|id| how(RecordKind::Tariff, id)),
        rule_sets,
        left_out,
    }
}

/// The tariffs to write; with `KeepBoth`, conflicting ones get a free id and "(importerad)" in the name (and
/// a jour tariff follows its normal tariff to the new id).
fn resolve_tariffs(
    stored_ids: &BTreeSet<String>,
    incoming: Vec<Tariff>,
    how: &dyn Fn(&str) -> Resolution,
) -> Vec<Tariff> {
    let mut taken: BTreeSet<String> = stored_ids.clone();
    taken.extend(incoming.iter().map(|t| t.id.clone()));
    let mut renamed: Vec<(String, String)> = vec![];
    let mut out: Vec<Tariff> = incoming
        .into_iter()
        .map(|mut t| {
            if how(&t.id) == Resolution::KeepBoth && stored_ids.contains(&t.id) {
                let id = free_plan_id(&format!("{}-importerad", t.id), &taken);
                taken.insert(id.clone());
                renamed.push((t.id.clone(), id.clone()));
                t.id = id;
                t.name = with_suffix(&t.name, " (importerad)", MAX_NAME_CHARS);
            }
            t
        })
        .collect();
    for t in &mut out {
        if let Some((_, new)) = renamed
            .iter()
            .find(|(old, _)| t.normal_id.as_deref() == Some(old.as_str()))
        {
            t.normal_id = Some(new.clone());
        }
    }
    out
}

/// The plans to write. With `KeepBoth`, conflicting plans get a free id and "(importerad)" in the title.
pub fn resolve(stored_ids: &BTreeSet<String>, incoming: Workspace, how: Resolution) -> Vec<Plan> {
    resolve_each(stored_ids, incoming.plans, &|_| how)
}

fn resolve_each(
    stored_ids: &BTreeSet<String>,
    incoming: Vec<Plan>,
    how: &dyn Fn(&str) -> Resolution,
) -> Vec<Plan> {
    let mut taken: BTreeSet<String> = stored_ids.clone();
    taken.extend(incoming.iter().map(|p| p.id.clone()));
    incoming
        .into_iter()
        .map(|mut p| {
            if how(&p.id) == Resolution::KeepBoth && stored_ids.contains(&p.id) {
                let id = free_plan_id(&format!("{}-importerad", p.id), &taken);
                taken.insert(id.clone());
                p.id = id;
                p.title = with_suffix(&p.title, " (importerad)", MAX_TEXT_CHARS);
            }
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tariff::{subsidy, TariffKind};

    fn plan(id: &str, title: &str) -> Plan {
        Plan::new(
            id.into(),
            title.into(),
            "Nämnd".into(),
            2025,
            "2025-01-01T00:00:00Z".into(),
        )
    }
    fn tariff(id: &str, normal: Option<&str>) -> Tariff {
        let mut t = Tariff::new(
            id.into(),
            format!("Taxa {id}"),
            2025,
            "2025-01-01T00:00:00Z".into(),
        );
        if let Some(n) = normal {
            t.kind = TariffKind::Jour;
            t.normal_id = Some(n.into());
        }
        t
    }
    fn ids(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }
    /// Stored: plan "a", tariffs "n" (normal) and "j" (its jour), the 2025 rule set. Incoming: plans "a" and
    /// "b", tariffs "n" and "j", the 2025 rule set and a new one.
    fn incoming() -> Workspace {
        let mut other = subsidy::rules_2025();
        other.id = "egen".into();
        Workspace {
            plans: vec![plan("a", "Ny version av A"), plan("b", "B")],
            tariffs: vec![tariff("n", None), tariff("j", Some("n"))],
            rule_sets: vec![subsidy::rules_2025(), other],
        }
    }
    fn decide_for(how: Resolution) -> Decision {
        let rule_2025 = subsidy::rules_2025().id;
        decide(
            &ids(&["a"]),
            &ids(&["n", "j"]),
            &ids(&[&rule_2025]),
            incoming(),
            how,
        )
    }
    fn ids_of<T>(v: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
        v.iter().map(|x| id(x).to_string()).collect()
    }

    #[test]
    fn replace_writes_everything_under_its_own_id() {
        let d = decide_for(Resolution::Replace);
        assert_eq!(ids_of(&d.replace, |p| &p.id), ["a"]);
        assert_eq!(d.replace[0].title, "Ny version av A");
        assert_eq!(ids_of(&d.add, |p| &p.id), ["b"]);
        assert_eq!(ids_of(&d.tariffs, |t| &t.id), ["n", "j"]);
        assert_eq!(
            d.rule_sets.len(),
            2,
            "a rule set with a stored id replaces it"
        );
        assert!(d.left_out.is_empty());
        assert_eq!(d.plans(), 2);
    }

    #[test]
    fn keep_both_adds_copies_under_new_ids_and_the_jour_tariff_follows() {
        let d = decide_for(Resolution::KeepBoth);
        assert!(d.replace.is_empty(), "nothing stored is overwritten");
        assert_eq!(ids_of(&d.add, |p| &p.id), ["a-importerad", "b"]);
        assert_eq!(d.add[0].title, "Ny version av A (importerad)");
        assert_eq!(d.add[1].title, "B");
        assert_eq!(
            ids_of(&d.tariffs, |t| &t.id),
            ["n-importerad", "j-importerad"]
        );
        assert_eq!(d.tariffs[1].normal_id.as_deref(), Some("n-importerad"));
        assert_eq!(d.rule_sets.len(), 2);
        assert!(d.left_out.is_empty());
    }

    #[test]
    fn keep_stored_leaves_out_what_is_stored() {
        let d = decide_for(Resolution::KeepStored);
        assert!(d.replace.is_empty());
        assert_eq!(ids_of(&d.add, |p| &p.id), ["b"]);
        assert!(d.tariffs.is_empty());
        assert_eq!(ids_of(&d.rule_sets, |r| &r.id), ["egen"]);
        assert_eq!(d.left_out, ["a", "n", "j"]);
    }

    #[test]
    fn a_new_id_is_free_among_stored_and_incoming_ids() {
        // "a-importerad" is stored and also comes in: the copy of "a" gets the next free id
        let d = decide(
            &ids(&["a", "a-importerad"]),
            &BTreeSet::new(),
            &BTreeSet::new(),
            Workspace {
                plans: vec![plan("a", "A"), plan("a-importerad", "A igen")],
                ..Default::default()
            },
            Resolution::KeepBoth,
        );
        let added = ids_of(&d.add, |p| &p.id);
        assert_eq!(added.len(), 2);
        assert!(
            !added.contains(&"a".to_string()) && !added.contains(&"a-importerad".to_string()),
            "{added:?}"
        );
        assert_ne!(added[0], added[1]);
    }
}
