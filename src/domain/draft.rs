//! One edit, checked before it is kept. An editor names what a change touches ([`Part`]: the document's own
//! fields, one node of a plan, one row of a tariff) so that a keystroke can be checked against the same rules
//! storage applies ([`super::validate`]) without checking, or copying, the whole document; and so that a
//! refused keystroke can be put back from a copy of just that part.
//!
//! ```
//! use verksam::domain::draft::{Editable, Part};
//! use verksam::domain::plan::Plan;
//! let mut p = Plan::new("p".into(), "Plan".into(), "Nämnd".into(), 2025, "2025-01-01T00:00:00Z".into());
//! let kept = p.keep(&Part::Header);
//! p.title = "x".repeat(200_001);
//! assert!(p.check(&Part::Header).is_err());
//! p.put_back(kept);
//! assert_eq!(p.title, "Plan");
//! ```

use super::error::LocatedError;
use super::plan::{Node, Plan};
use super::tariff::{Tariff, TariffRow};
use super::validate;

/// What an edit changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Anything (structure: adding, moving, deleting, undo): the whole document is checked.
    Whole,
    /// The document's own fields: a plan's title, period, names, settings, budget tables; a tariff's name,
    /// year and parameters.
    Header,
    /// One node of a plan, by id.
    Node(String),
    /// One row of a tariff, by position.
    Row(usize),
}

/// What a typed change is: the part it touches and the field, so that typing in one field coalesces into one
/// undo step and an error can be shown at that field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditKey {
    pub part: Part,
    pub field: String,
}

impl EditKey {
    pub fn header(field: impl Into<String>) -> Self {
        EditKey {
            part: Part::Header,
            field: field.into(),
        }
    }
    pub fn node(id: impl Into<String>, field: impl Into<String>) -> Self {
        EditKey {
            part: Part::Node(id.into()),
            field: field.into(),
        }
    }
    pub fn row(i: usize, field: impl Into<String>) -> Self {
        EditKey {
            part: Part::Row(i),
            field: field.into(),
        }
    }
    /// One name per field and part, for the undo history.
    pub fn name(&self) -> String {
        match &self.part {
            Part::Whole => format!("*:{}", self.field),
            Part::Header => format!("h:{}", self.field),
            Part::Node(id) => format!("n:{id}:{}", self.field),
            Part::Row(i) => format!("r:{i}:{}", self.field),
        }
    }
}

/// A document an editor changes a part at a time.
pub trait Editable: Sized {
    /// A copy of one part.
    type Kept;
    /// Copy what an edit of `part` may change (for [`Part::Whole`], everything).
    fn keep(&self, part: &Part) -> Self::Kept;
    /// Put a kept part back.
    fn put_back(&mut self, kept: Self::Kept);
    /// The rules reading applies, for `part` only ([`Part::Whole`]: all of them).
    fn check(&self, part: &Part) -> Result<(), LocatedError>;
}

/// A part of a plan, as kept.
pub enum PlanPart {
    Whole(Box<Plan>),
    /// The plan without its nodes.
    Header(Box<Plan>),
    Node(usize, Box<Node>),
    Nothing,
}

impl Editable for Plan {
    type Kept = PlanPart;

    fn keep(&self, part: &Part) -> PlanPart {
        match part {
            Part::Whole | Part::Row(_) => PlanPart::Whole(Box::new(self.clone())),
            Part::Header => PlanPart::Header(Box::new(Plan {
                id: self.id.clone(),
                title: self.title.clone(),
                organisation: self.organisation.clone(),
                region: self.region.clone(),
                kind: self.kind,
                status: self.status,
                period: self.period,
                level_names: self.level_names.clone(),
                nodes: vec![],
                budget_tables: self.budget_tables.clone(),
                scorecard: self.scorecard.clone(),
                source: self.source.clone(),
                updated_at: self.updated_at.clone(),
                stated_counts: self.stated_counts.clone(),
                extra: self.extra.clone(),
            })),
            Part::Node(id) => match self.nodes.iter().position(|n| &n.id == id) {
                Some(i) => PlanPart::Node(i, Box::new(self.nodes[i].clone())),
                None => PlanPart::Nothing,
            },
        }
    }

    fn put_back(&mut self, kept: PlanPart) {
        match kept {
            PlanPart::Whole(p) => *self = *p,
            PlanPart::Header(mut p) => {
                p.nodes = std::mem::take(&mut self.nodes);
                *self = *p;
            }
            PlanPart::Node(i, n) => {
                if let Some(slot) = self.nodes.get_mut(i) {
                    *slot = *n;
                }
            }
            PlanPart::Nothing => {}
        }
    }

    fn check(&self, part: &Part) -> Result<(), LocatedError> {
        match part {
            Part::Header => validate::validate_plan_header(self, "plan"),
            Part::Node(id) => match self.nodes.iter().position(|n| &n.id == id) {
                Some(i) => validate::validate_plan_node(self, i, "plan"),
                None => validate::validate_plan(self, "plan"),
            },
            Part::Whole | Part::Row(_) => validate::validate_plan(self, "plan"),
        }
    }
}

/// A part of a tariff, as kept.
pub enum TariffPart {
    Whole(Box<Tariff>),
    /// The tariff without its rows and volumes.
    Header(Box<Tariff>),
    Row(usize, Box<TariffRow>),
    Nothing,
}

impl Editable for Tariff {
    type Kept = TariffPart;

    fn keep(&self, part: &Part) -> TariffPart {
        match part {
            Part::Whole | Part::Node(_) => TariffPart::Whole(Box::new(self.clone())),
            Part::Header => TariffPart::Header(Box::new(Tariff {
                id: self.id.clone(),
                organisation: self.organisation.clone(),
                name: self.name.clone(),
                year: self.year,
                valid_from: self.valid_from,
                kind: self.kind,
                normal_id: self.normal_id.clone(),
                params: self.params.clone(),
                rows: vec![],
                volume_source: self.volume_source.clone(),
                volumes: vec![],
                updated_at: self.updated_at.clone(),
                source: self.source.clone(),
            })),
            Part::Row(i) => match self.rows.get(*i) {
                Some(r) => TariffPart::Row(*i, Box::new(r.clone())),
                None => TariffPart::Nothing,
            },
        }
    }

    fn put_back(&mut self, kept: TariffPart) {
        match kept {
            TariffPart::Whole(t) => *self = *t,
            TariffPart::Header(mut t) => {
                t.rows = std::mem::take(&mut self.rows);
                t.volumes = std::mem::take(&mut self.volumes);
                *self = *t;
            }
            TariffPart::Row(i, r) => {
                if let Some(slot) = self.rows.get_mut(i) {
                    *slot = *r;
                }
            }
            TariffPart::Nothing => {}
        }
    }

    fn check(&self, part: &Part) -> Result<(), LocatedError> {
        match part {
            Part::Header => validate::validate_tariff_header(self, "taxa"),
            Part::Row(i) if *i < self.rows.len() => validate::validate_tariff_row(self, *i, "taxa"),
            _ => validate::validate_tariff(self, "taxa"),
        }
    }
}
