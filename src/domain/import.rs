//! Deciding what an import does: which incoming plans are new, which share an id with a stored plan, and the
//! plans to write for the user's choice. Pure: storage writes the result in one transaction.

use super::edit::{free_plan_id, with_suffix};
use super::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use super::plan::Plan;
use super::tariff::Tariff;
use super::workspace::Workspace;
use std::collections::BTreeSet;

/// A stored plan as the import dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanBrief {
    pub id: String,
    pub title: String,
    pub nodes: usize,
}

impl From<&Plan> for PlanBrief {
    fn from(p: &Plan) -> Self {
        PlanBrief {
            id: p.id.clone(),
            title: p.title.clone(),
            nodes: p.nodes.len(),
        }
    }
}

/// What a file contains and what it would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    /// Incoming plans whose id is not stored.
    pub new_plans: Vec<PlanBrief>,
    /// (incoming, stored) pairs with the same id.
    pub conflicts: Vec<(PlanBrief, PlanBrief)>,
    /// Incoming tariffs (`nodes` = rows) whose id is not stored, and those that share an id.
    pub new_tariffs: Vec<PlanBrief>,
    pub tariff_conflicts: Vec<(PlanBrief, PlanBrief)>,
    /// Subsidy rule sets in the file (they replace stored ones with the same id).
    pub rule_sets: usize,
}

impl ImportPreview {
    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty() || !self.tariff_conflicts.is_empty()
    }
}

impl From<&Tariff> for PlanBrief {
    fn from(t: &Tariff) -> Self {
        PlanBrief {
            id: t.id.clone(),
            title: t.name.clone(),
            nodes: t.rows.len(),
        }
    }
}

/// What to do with plans whose id is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The incoming plan replaces the stored one.
    Replace,
    /// The incoming plan is added under a new id; the stored one stays.
    KeepBoth,
}

pub fn preview(stored: &[PlanBrief], incoming: &Workspace) -> ImportPreview {
    preview_all(stored, &[], incoming)
}

/// The preview with stored tariffs too.
pub fn preview_all(
    stored: &[PlanBrief],
    stored_tariffs: &[PlanBrief],
    incoming: &Workspace,
) -> ImportPreview {
    let mut p = ImportPreview {
        new_plans: vec![],
        conflicts: vec![],
        new_tariffs: vec![],
        tariff_conflicts: vec![],
        rule_sets: incoming.rule_sets.len(),
    };
    for plan in &incoming.plans {
        match stored.iter().find(|s| s.id == plan.id) {
            Some(s) => p.conflicts.push((plan.into(), s.clone())),
            None => p.new_plans.push(plan.into()),
        }
    }
    for t in &incoming.tariffs {
        match stored_tariffs.iter().find(|s| s.id == t.id) {
            Some(s) => p.tariff_conflicts.push((t.into(), s.clone())),
            None => p.new_tariffs.push(t.into()),
        }
    }
    p
}

/// The tariffs to write; with `KeepBoth`, conflicting ones get a free id and "(importerad)" in the name (and
/// a jour tariff follows its normal tariff to the new id).
pub fn resolve_tariffs(
    stored_ids: &BTreeSet<String>,
    incoming: Vec<Tariff>,
    how: Resolution,
) -> Vec<Tariff> {
    let mut taken: BTreeSet<String> = stored_ids.clone();
    taken.extend(incoming.iter().map(|t| t.id.clone()));
    let mut renamed: Vec<(String, String)> = vec![];
    let mut out: Vec<Tariff> = incoming
        .into_iter()
        .map(|mut t| {
            if how == Resolution::KeepBoth && stored_ids.contains(&t.id) {
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
    let mut taken: BTreeSet<String> = stored_ids.clone();
    taken.extend(incoming.plans.iter().map(|p| p.id.clone()));
    incoming
        .plans
        .into_iter()
        .map(|mut p| {
            if how == Resolution::KeepBoth && stored_ids.contains(&p.id) {
                let id = free_plan_id(&format!("{}-importerad", p.id), &taken);
                taken.insert(id.clone());
                p.id = id;
                p.title = with_suffix(&p.title, " (importerad)", MAX_TEXT_CHARS);
            }
            p
        })
        .collect()
}
