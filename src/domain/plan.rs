//! The plan model: a plan is a flat list of nodes forming a tree (parent + explicit order),
//! plus budget tables. Pure data: no serde here; the bundle module maps it to and from versioned JSON.

pub use super::measure::*;
pub use super::origin::{Decided, Extra, Issuer, IssuerLevel, SourceRef};
pub use super::work::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What kind of document a plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanKind {
    Verksamhetsplan,
    Delarsrapport,
    Handlingsplan,
}

crate::domain::keys::keys!(PlanKind {
    Verksamhetsplan => "verksamhetsplan",
    Delarsrapport => "delarsrapport",
    Handlingsplan => "handlingsplan",
});

impl PlanKind {
    pub const ALL: [PlanKind; 3] = [
        Self::Verksamhetsplan,
        Self::Delarsrapport,
        Self::Handlingsplan,
    ];
    /// Swedish display name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Verksamhetsplan => "Verksamhetsplan",
            Self::Delarsrapport => "Delårsrapport",
            Self::Handlingsplan => "Handlingsplan",
        }
    }
}

/// Draft or adopted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanStatus {
    Utkast,
    Beslutad,
}

crate::domain::keys::keys!(PlanStatus {
    Utkast => "utkast",
    Beslutad => "beslutad",
});

impl PlanStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Utkast => "Utkast",
            Self::Beslutad => "Beslutad",
        }
    }
}

/// A plan period in whole years, `from <= to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearPeriod {
    pub from: i32,
    pub to: i32,
}

impl YearPeriod {
    /// "2024" or "2022–2035".
    pub fn label(&self) -> String {
        if self.from == self.to {
            self.from.to_string()
        } else {
            format!("{}–{}", self.from, self.to)
        }
    }
}

/// A verksamhetsplan, delårsrapport or handlingsplan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub region: String,
    pub kind: PlanKind,
    pub status: PlanStatus,
    pub period: YearPeriod,
    /// The plan's own names for its levels (key → name), e.g. `matt` → "Indikator" or "Styrmått".
    pub level_names: BTreeMap<String, String>,
    pub nodes: Vec<Node>,
    pub budget_tables: Vec<BudgetTable>,
    /// How measures are graded and rolled up.
    pub scorecard: ScorecardSettings,
    pub source: Option<SourceRef>,
    /// RFC 3339 UTC time of the last change (set by the caller; the domain has no clock).
    pub updated_at: String,
    /// Counts a report states in its måluppfyllelse table where the grades behind them are not in the plan
    /// (e.g. the same period last year's column).
    pub stated_counts: Vec<StatedCounts>,
    pub extra: Extra,
}

/// A row of a report's own måluppfyllelse table: for one period and one group of measures (by who decided
/// them), how many the report says are uppfyllda, delvis uppfyllda and ej uppfyllda; "mäts" is their sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedCounts {
    pub period: crate::domain::period::Period,
    pub decided: Decided,
    pub uppfyllt: u32,
    pub delvis: u32,
    pub ej: u32,
    pub source: Option<SourceRef>,
}

/// One item of the plan tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Unique within its plan.
    pub id: String,
    pub parent: Option<String>,
    /// Position among its siblings, 1-based; siblings are kept numbered 1..=n by edits.
    pub order: u32,
    /// The level name as written in the document ("Effektmål", "Indikator", "Åtgärd" …).
    pub label: String,
    pub text: String,
    pub data: NodeData,
    pub source: Option<SourceRef>,
    pub extra: Extra,
}

/// The key that names a node kind in bundles and in [`Plan::level_names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Avsnitt,
    Kontext,
    Perspektiv,
    Strategi,
    Mal,
    Matt,
    Aktivitet,
    Uppdrag,
    Nyckeltal,
    Grupp,
    IkPlan,
    IkKrav,
    IkOmrade,
    IkRisk,
    IkAtgard,
}

crate::domain::keys::keys!(NodeKind {
    Avsnitt => "avsnitt",
    Kontext => "kontext",
    Perspektiv => "perspektiv",
    Strategi => "strategi",
    Mal => "mal",
    Matt => "matt",
    Aktivitet => "aktivitet",
    Uppdrag => "uppdrag",
    Nyckeltal => "nyckeltal",
    Grupp => "grupp",
    IkPlan => "ik_plan",
    IkKrav => "ik_krav",
    IkOmrade => "ik_omrade",
    IkRisk => "ik_risk",
    IkAtgard => "ik_atgard",
});

impl NodeKind {
    pub const ALL: [NodeKind; 15] = [
        Self::Avsnitt,
        Self::Kontext,
        Self::Perspektiv,
        Self::Strategi,
        Self::Mal,
        Self::Matt,
        Self::Aktivitet,
        Self::Uppdrag,
        Self::Nyckeltal,
        Self::Grupp,
        Self::IkPlan,
        Self::IkKrav,
        Self::IkOmrade,
        Self::IkRisk,
        Self::IkAtgard,
    ];
    /// Default Swedish name when a plan names no level of its own.
    pub fn default_name(self) -> &'static str {
        match self {
            Self::Avsnitt => "Avsnitt",
            Self::Kontext => "Kontext",
            Self::Perspektiv => "Perspektiv",
            Self::Strategi => "Strategi",
            Self::Mal => "Mål",
            Self::Matt => "Mått",
            Self::Aktivitet => "Aktivitet",
            Self::Uppdrag => "Uppdrag",
            Self::Nyckeltal => "Nyckeltal",
            Self::Grupp => "Grupp",
            Self::IkPlan => "Internkontrollplan",
            Self::IkKrav => "Krav",
            Self::IkOmrade => "Område",
            Self::IkRisk => "Risk",
            Self::IkAtgard => "Åtgärd",
        }
    }
    /// Part of the internal control plan rather than the goal tree.
    pub fn is_internal_control(self) -> bool {
        matches!(
            self,
            Self::IkPlan | Self::IkKrav | Self::IkOmrade | Self::IkRisk | Self::IkAtgard
        )
    }
}

/// Kind-specific fields of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeData {
    Avsnitt,
    /// Context text: vision, syfte, fokusområde … (`kind` names which).
    Kontext {
        kind: String,
    },
    Perspektiv {
        description: String,
    },
    Strategi {
        statements: Vec<String>,
    },
    Mal(Goal),
    Matt(Measure),
    Aktivitet(Activity),
    Uppdrag(Commission),
    /// A key figure followed without a target; same shape as a measure.
    Nyckeltal(Measure),
    /// A group of activities in an action plan, by time period or by level.
    Grupp {
        grouping: Grouping,
        time_period: Option<TimePeriod>,
    },
    IkPlan(ControlPlan),
    IkKrav {
        code: String,
        group: String,
    },
    IkOmrade,
    IkRisk(Risk),
    IkAtgard(ControlAction),
}

impl NodeData {
    pub fn kind(&self) -> NodeKind {
        match self {
            Self::Avsnitt => NodeKind::Avsnitt,
            Self::Kontext { .. } => NodeKind::Kontext,
            Self::Perspektiv { .. } => NodeKind::Perspektiv,
            Self::Strategi { .. } => NodeKind::Strategi,
            Self::Mal(_) => NodeKind::Mal,
            Self::Matt(_) => NodeKind::Matt,
            Self::Aktivitet(_) => NodeKind::Aktivitet,
            Self::Uppdrag(_) => NodeKind::Uppdrag,
            Self::Nyckeltal(_) => NodeKind::Nyckeltal,
            Self::Grupp { .. } => NodeKind::Grupp,
            Self::IkPlan(_) => NodeKind::IkPlan,
            Self::IkKrav { .. } => NodeKind::IkKrav,
            Self::IkOmrade => NodeKind::IkOmrade,
            Self::IkRisk(_) => NodeKind::IkRisk,
            Self::IkAtgard(_) => NodeKind::IkAtgard,
        }
    }

    /// The reports per period of an item that is followed up that way (activity, uppdrag, IK-åtgärd).
    pub fn work_reports(&self) -> Option<&WorkReports> {
        match self {
            Self::Aktivitet(a) => Some(&a.followups),
            Self::Uppdrag(c) => Some(&c.followups),
            Self::IkAtgard(a) => Some(&a.followups),
            _ => None,
        }
    }

    /// The same, to change.
    pub fn work_reports_mut(&mut self) -> Option<&mut WorkReports> {
        match self {
            Self::Aktivitet(a) => Some(&mut a.followups),
            Self::Uppdrag(c) => Some(&mut c.followups),
            Self::IkAtgard(a) => Some(&mut a.followups),
            _ => None,
        }
    }

    /// Empty data for a new node of this kind.
    pub fn empty(kind: NodeKind) -> NodeData {
        match kind {
            NodeKind::Avsnitt => Self::Avsnitt,
            NodeKind::Kontext => Self::Kontext {
                kind: String::new(),
            },
            NodeKind::Perspektiv => Self::Perspektiv {
                description: String::new(),
            },
            NodeKind::Strategi => Self::Strategi { statements: vec![] },
            NodeKind::Mal => Self::Mal(Goal::default()),
            NodeKind::Matt => Self::Matt(Measure::default()),
            NodeKind::Aktivitet => Self::Aktivitet(Activity::default()),
            NodeKind::Uppdrag => Self::Uppdrag(Commission::default()),
            NodeKind::Nyckeltal => Self::Nyckeltal(Measure::default()),
            NodeKind::Grupp => Self::Grupp {
                grouping: Grouping::Tidsperiod,
                time_period: None,
            },
            NodeKind::IkPlan => Self::IkPlan(ControlPlan::default()),
            NodeKind::IkKrav => Self::IkKrav {
                code: String::new(),
                group: String::new(),
            },
            NodeKind::IkOmrade => Self::IkOmrade,
            NodeKind::IkRisk => Self::IkRisk(Risk {
                scope: Scope::Namndspecifik,
                likelihood: None,
                consequence: None,
            }),
            NodeKind::IkAtgard => Self::IkAtgard(ControlAction::new(Scope::Namndspecifik)),
        }
    }
}

/// The level of a goal; plans name these in their own words through [`Plan::level_names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum GoalLevel {
    Effektmal,
    StrategisktMal,
    Framgangsfaktor,
    Namndmal,
    Verksamhetsmal,
    #[default]
    Mal,
}

crate::domain::keys::keys!(GoalLevel {
    Effektmal => "effektmal",
    StrategisktMal => "strategiskt_mal",
    Framgangsfaktor => "framgangsfaktor",
    Namndmal => "namndmal",
    Verksamhetsmal => "verksamhetsmal",
    Mal => "mal",
});

impl GoalLevel {
    pub const ALL: [GoalLevel; 6] = [
        Self::Effektmal,
        Self::StrategisktMal,
        Self::Framgangsfaktor,
        Self::Namndmal,
        Self::Verksamhetsmal,
        Self::Mal,
    ];
    pub fn default_name(self) -> &'static str {
        match self {
            Self::Effektmal => "Effektmål",
            Self::StrategisktMal => "Strategiskt mål",
            Self::Framgangsfaktor => "Framgångsfaktor",
            Self::Namndmal => "Nämndmål",
            Self::Verksamhetsmal => "Verksamhetsmål",
            Self::Mal => "Mål",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Goal {
    pub level: GoalLevel,
    pub number: Option<u32>,
    pub issuer: Option<Issuer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Tidsperiod,
    Niva,
}

crate::domain::keys::keys!(Grouping {
    Tidsperiod => "tidsperiod",
    Niva => "niva",
});

/// A budget table: columns are scenario × year, rows hold amounts (money, so `Decimal`).
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetTable {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub unit: String,
    pub columns: Vec<BudgetColumn>,
    pub rows: Vec<BudgetRow>,
    pub source: Option<SourceRef>,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetColumn {
    pub id: String,
    pub label: String,
    pub scenario: String,
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    pub id: String,
    pub label: String,
    /// post, summa, resultat …
    pub row_type: String,
    /// column id → amount; `None` where the cell is empty.
    pub values: BTreeMap<String, Option<Decimal>>,
    pub source: Option<SourceRef>,
    pub extra: Extra,
}

/// The default Swedish name of a node kind or goal level key ("matt" → "Mått", "effektmal" → "Effektmål").
pub fn default_level_name(key: &str) -> String {
    NodeKind::ALL
        .iter()
        .find(|k| k.key() == key)
        .map(|k| k.default_name().to_string())
        .or_else(|| {
            GoalLevel::ALL
                .iter()
                .find(|g| g.key() == key)
                .map(|g| g.default_name().to_string())
        })
        .unwrap_or_else(|| key.to_string())
}

impl Plan {
    /// A new, empty draft plan.
    pub fn new(id: String, title: String, organisation: String, year: i32, now: String) -> Plan {
        Plan {
            id,
            title,
            organisation,
            region: String::new(),
            kind: PlanKind::Verksamhetsplan,
            status: PlanStatus::Utkast,
            period: YearPeriod {
                from: year,
                to: year,
            },
            level_names: BTreeMap::new(),
            nodes: vec![],
            budget_tables: vec![],
            scorecard: Default::default(),
            source: None,
            updated_at: now,
            stated_counts: vec![],
            extra: Extra::new(),
        }
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The name this plan uses for a kind of node (or goal level), else the default name.
    pub fn level_name(&self, key: &str) -> String {
        match self.level_names.get(key) {
            Some(n) => n.clone(),
            None => default_level_name(key),
        }
    }

    /// The plan's own word for its measures in running text, singular and plural, lower case: ("styrmått",
    /// "styrmått"), ("mätetal", "mätetal"), ("indikator", "indikatorer"). A word whose plural is not known
    /// falls back to ("mått", "mått") rather than guessing Swedish inflection.
    pub fn measure_words(&self) -> (String, String) {
        let one = self.level_name(NodeKind::Matt.key()).trim().to_lowercase();
        let many = if one.ends_with("mått") || one.ends_with("tal") {
            Some(one.clone())
        } else if one.ends_with("or") {
            Some(format!("{one}er"))
        } else if one.ends_with("värde") {
            Some(format!("{one}n"))
        } else {
            None
        };
        match many {
            Some(many) if !one.is_empty() && !one.contains(' ') => (one, many),
            _ => ("mått".into(), "mått".into()),
        }
    }

    /// The level name of a node in this plan: its goal level for goals, else its kind.
    pub fn level_of(&self, n: &Node) -> String {
        match &n.data {
            NodeData::Mal(g) => self.level_name(g.level.key()),
            d => self.level_name(d.kind().key()),
        }
    }

    /// Children of `parent` (None = roots) in their explicit order.
    /// Every node's children in order, built in one pass: for walking the whole tree, where calling
    /// [`Plan::children`] per node would scan the plan once per node.
    pub fn child_index(&self) -> BTreeMap<Option<&str>, Vec<&Node>> {
        let mut m: BTreeMap<Option<&str>, Vec<&Node>> = BTreeMap::new();
        for n in &self.nodes {
            m.entry(n.parent.as_deref()).or_default().push(n);
        }
        for v in m.values_mut() {
            v.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        }
        m
    }

    /// Every node in the tree's reading order (depth first, siblings in order). Nodes whose parent is missing
    /// (never in a valid plan) are left out.
    pub fn tree_order(&self) -> Vec<&Node> {
        let index = self.child_index();
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<&Node> = index
            .get(&None)
            .into_iter()
            .flatten()
            .rev()
            .copied()
            .collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            if out.len() > self.nodes.len() {
                break; // a cycle: never in a valid plan
            }
            if let Some(kids) = index.get(&Some(n.id.as_str())) {
                stack.extend(kids.iter().rev().copied());
            }
        }
        out
    }

    pub fn children(&self, parent: Option<&str>) -> Vec<&Node> {
        let mut v: Vec<&Node> = self
            .nodes
            .iter()
            .filter(|n| n.parent.as_deref() == parent)
            .collect();
        v.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        v
    }

    /// How many nodes each level has, keyed by level (node kind, or goal level for goals), in the order the
    /// levels first occur in the plan.
    pub fn level_counts(&self) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&'static str, usize)> = vec![];
        for n in &self.nodes {
            let key = match &n.data {
                NodeData::Mal(g) => g.level.key(),
                d => d.kind().key(),
            };
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, c)) => *c += 1,
                None => counts.push((key, 1)),
            }
        }
        counts
    }
}
