//! A workspace: everything the user keeps in this browser, or a bundle carries: plans, tariffs, subsidy rule sets.

use crate::domain::plan::Plan;

/// All plans the user keeps in this browser.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workspace {
    pub plans: Vec<Plan>,
    pub tariffs: Vec<crate::domain::tariff::Tariff>,
    /// Subsidy rule sets brought in by the user (the built-in ones are not stored).
    pub rule_sets: Vec<crate::domain::tariff::subsidy::RuleSet>,
}

impl Workspace {
    /// The plan with this id, if any.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }
}
