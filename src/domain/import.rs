//! Deciding what an import does: which incoming plans are new, which share an id with a stored plan, and the
//! plans to write for the user's choice. Pure: storage writes the result in one transaction.

use super::edit::free_plan_id;
use super::plan::{Plan, Workspace};
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
    let mut p = ImportPreview {
        new_plans: vec![],
        conflicts: vec![],
    };
    for plan in &incoming.plans {
        match stored.iter().find(|s| s.id == plan.id) {
            Some(s) => p.conflicts.push((plan.into(), s.clone())),
            None => p.new_plans.push(plan.into()),
        }
    }
    p
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
                p.title = format!("{} (importerad)", p.title);
            }
            p
        })
        .collect()
}
