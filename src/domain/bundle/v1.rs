//! Bundle format version 1: serde DTOs, kept separate from the domain types so the model can change
//! while every file ever written still reads. Never change a shipped version; add `v2` with a migration.
//!
//! Shape: `{"format": "verksam-bundle", "version": 1, "exported_at", "generator", "plans": [...]}`.
//! Every struct denies unknown fields: a foreign file fails loudly instead of losing data silently.

use crate::domain::plan as d;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

type Extra = BTreeMap<String, serde_json::Value>;

fn is_empty(e: &Extra) -> bool {
    e.is_empty()
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub version: u64,
    /// The time of the latest change in the exported content (so the same content gives the same bytes).
    pub exported_at: String,
    pub generator: String,
    pub plans: Vec<Plan>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub title: String,
    pub organisation: String,
    #[serde(default)]
    pub region: String,
    pub kind: PlanKind,
    pub status: PlanStatus,
    pub period: Period,
    #[serde(default)]
    pub level_names: BTreeMap<String, String>,
    pub updated_at: String,
    #[serde(default)]
    pub source: Option<Source>,
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub budget_tables: Vec<BudgetTable>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    Verksamhetsplan,
    Delarsrapport,
    Handlingsplan,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Utkast,
    Beslutad,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub file: String,
    pub line: u32,
    #[serde(default)]
    pub line_end: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    pub parent: Option<String>,
    pub order: u32,
    pub label: String,
    pub text: String,
    #[serde(rename = "type")]
    pub data: NodeData,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum NodeData {
    Avsnitt {},
    Kontext {
        kind: String,
    },
    Perspektiv {
        description: String,
    },
    Strategi {
        statements: Vec<String>,
    },
    Mal {
        level: GoalLevel,
        number: Option<u32>,
        issuer: Option<Issuer>,
    },
    Matt(Measure),
    Aktivitet(Activity),
    Uppdrag(Commission),
    Nyckeltal(Measure),
    Grupp {
        grouping: Grouping,
        time_period: Option<TimePeriod>,
    },
    IkPlan {
        description: String,
    },
    IkKrav {
        code: String,
        group: String,
    },
    IkOmrade {},
    IkRisk {
        scope: Scope,
    },
    IkAtgard {
        scope: Scope,
        status: Option<WorkStatus>,
    },
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalLevel {
    Effektmal,
    StrategisktMal,
    Framgangsfaktor,
    Namndmal,
    Verksamhetsmal,
    Mal,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuerLevel {
    Regionfullmaktige,
    Namnd,
    Verksamhet,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    pub level: IssuerLevel,
    pub name: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    HogreBattre,
    LagreBattre,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub unit: String,
    pub polarity: Option<Polarity>,
    pub issuer: Option<Issuer>,
    pub follow_up: Vec<String>,
    pub targets: Vec<Target>,
    pub outcomes: Vec<Outcome>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Niva,
    Antal,
    Riktning,
    Forandring,
    Intervall,
    Bibehalla,
    Tillstand,
    Kvalitativ,
    EfterBehov,
    Saknas,
    Oklar,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub kind: TargetKind,
    pub raw: String,
    pub operator: Option<String>,
    pub value: Option<f64>,
    pub value_high: Option<f64>,
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodRef {
    pub label: String,
    pub code: Option<String>,
    pub year: Option<i32>,
    pub from_month: Option<u8>,
    pub to_month: Option<u8>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub period: PeriodRef,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub raw: String,
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkStatus {
    EjPaborjad,
    Pagar,
    Genomford,
    Avbruten,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimePeriod {
    pub label: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalLink {
    pub goal: String,
    pub source: Option<Source>,
    pub former_id: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub status: Option<WorkStatus>,
    pub delayed: bool,
    pub comment: String,
    pub time_period: Option<TimePeriod>,
    pub links: Vec<GoalLink>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commission {
    pub issuer: Option<Issuer>,
    pub recipient: String,
    pub status: Option<WorkStatus>,
    pub report: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    Tidsperiod,
    Niva,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Regionovergripande,
    Namndspecifik,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetTable {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub unit: String,
    pub columns: Vec<BudgetColumn>,
    pub rows: Vec<BudgetRow>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetColumn {
    pub id: String,
    pub label: String,
    pub scenario: String,
    pub year: i32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetRow {
    pub id: String,
    pub label: String,
    pub row_type: String,
    /// Amounts as decimal strings ("299.2"), never floats.
    pub values: BTreeMap<String, Option<Decimal>>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

// ---- mapping enums both ways: one macro so each pair is written once ----

macro_rules! enum_map {
    ($dto:ident <=> $dom:path { $($a:ident <=> $b:ident),* $(,)? }) => {
        impl From<$dto> for $dom {
            fn from(v: $dto) -> Self {
                match v { $($dto::$a => <$dom>::$b),* }
            }
        }
        impl From<$dom> for $dto {
            fn from(v: $dom) -> Self {
                match v { $(<$dom>::$b => $dto::$a),* }
            }
        }
    };
}

enum_map!(PlanKind <=> d::PlanKind { Verksamhetsplan <=> Verksamhetsplan, Delarsrapport <=> Delarsrapport, Handlingsplan <=> Handlingsplan });
enum_map!(PlanStatus <=> d::PlanStatus { Utkast <=> Utkast, Beslutad <=> Beslutad });
enum_map!(GoalLevel <=> d::GoalLevel {
    Effektmal <=> Effektmal, StrategisktMal <=> StrategisktMal, Framgangsfaktor <=> Framgangsfaktor,
    Namndmal <=> Namndmal, Verksamhetsmal <=> Verksamhetsmal, Mal <=> Mal
});
enum_map!(IssuerLevel <=> d::IssuerLevel { Regionfullmaktige <=> Regionfullmaktige, Namnd <=> Namnd, Verksamhet <=> Verksamhet });
enum_map!(Polarity <=> d::Polarity { HogreBattre <=> HigherIsBetter, LagreBattre <=> LowerIsBetter });
enum_map!(TargetKind <=> d::TargetKind {
    Niva <=> Niva, Antal <=> Antal, Riktning <=> Riktning, Forandring <=> Forandring, Intervall <=> Intervall,
    Bibehalla <=> Bibehalla, Tillstand <=> Tillstand, Kvalitativ <=> Kvalitativ, EfterBehov <=> EfterBehov,
    Saknas <=> Saknas, Oklar <=> Oklar
});
enum_map!(WorkStatus <=> d::WorkStatus { EjPaborjad <=> EjPaborjad, Pagar <=> Pagar, Genomford <=> Genomford, Avbruten <=> Avbruten });
enum_map!(Grouping <=> d::Grouping { Tidsperiod <=> Tidsperiod, Niva <=> Niva });
enum_map!(Scope <=> d::Scope { Regionovergripande <=> Regionovergripande, Namndspecifik <=> Namndspecifik });

// ---- structs: DTO -> domain ----

impl From<Source> for d::SourceRef {
    fn from(s: Source) -> Self {
        d::SourceRef {
            file: s.file,
            line: s.line,
            line_end: s.line_end,
        }
    }
}
impl From<d::SourceRef> for Source {
    fn from(s: d::SourceRef) -> Self {
        Source {
            file: s.file,
            line: s.line,
            line_end: s.line_end,
        }
    }
}
impl From<Issuer> for d::Issuer {
    fn from(i: Issuer) -> Self {
        d::Issuer {
            level: i.level.into(),
            name: i.name,
        }
    }
}
impl From<d::Issuer> for Issuer {
    fn from(i: d::Issuer) -> Self {
        Issuer {
            level: i.level.into(),
            name: i.name,
        }
    }
}
impl From<TimePeriod> for d::TimePeriod {
    fn from(t: TimePeriod) -> Self {
        d::TimePeriod {
            label: t.label,
            start_year: t.start_year,
            end_year: t.end_year,
        }
    }
}
impl From<d::TimePeriod> for TimePeriod {
    fn from(t: d::TimePeriod) -> Self {
        TimePeriod {
            label: t.label,
            start_year: t.start_year,
            end_year: t.end_year,
        }
    }
}

impl From<Measure> for d::Measure {
    fn from(m: Measure) -> Self {
        d::Measure {
            unit: m.unit,
            polarity: m.polarity.map(Into::into),
            issuer: m.issuer.map(Into::into),
            follow_up: m.follow_up,
            targets: m
                .targets
                .into_iter()
                .map(|t| d::Target {
                    kind: t.kind.into(),
                    raw: t.raw,
                    operator: t.operator,
                    value: t.value,
                    value_high: t.value_high,
                    unit: t.unit,
                    extra: t.extra,
                })
                .collect(),
            outcomes: m
                .outcomes
                .into_iter()
                .map(|o| d::Outcome {
                    period: d::PeriodRef {
                        label: o.period.label,
                        code: o.period.code,
                        year: o.period.year,
                        from_month: o.period.from_month,
                        to_month: o.period.to_month,
                    },
                    value: o.value,
                    unit: o.unit,
                    raw: o.raw,
                    origin: o.origin,
                    extra: o.extra,
                })
                .collect(),
        }
    }
}

impl From<d::Measure> for Measure {
    fn from(m: d::Measure) -> Self {
        Measure {
            unit: m.unit,
            polarity: m.polarity.map(Into::into),
            issuer: m.issuer.map(Into::into),
            follow_up: m.follow_up,
            targets: m
                .targets
                .into_iter()
                .map(|t| Target {
                    kind: t.kind.into(),
                    raw: t.raw,
                    operator: t.operator,
                    value: t.value,
                    value_high: t.value_high,
                    unit: t.unit,
                    extra: t.extra,
                })
                .collect(),
            outcomes: m
                .outcomes
                .into_iter()
                .map(|o| Outcome {
                    period: PeriodRef {
                        label: o.period.label,
                        code: o.period.code,
                        year: o.period.year,
                        from_month: o.period.from_month,
                        to_month: o.period.to_month,
                    },
                    value: o.value,
                    unit: o.unit,
                    raw: o.raw,
                    origin: o.origin,
                    extra: o.extra,
                })
                .collect(),
        }
    }
}

impl From<NodeData> for d::NodeData {
    fn from(n: NodeData) -> Self {
        match n {
            NodeData::Avsnitt {} => d::NodeData::Avsnitt,
            NodeData::Kontext { kind } => d::NodeData::Kontext { kind },
            NodeData::Perspektiv { description } => d::NodeData::Perspektiv { description },
            NodeData::Strategi { statements } => d::NodeData::Strategi { statements },
            NodeData::Mal {
                level,
                number,
                issuer,
            } => d::NodeData::Mal(d::Goal {
                level: level.into(),
                number,
                issuer: issuer.map(Into::into),
            }),
            NodeData::Matt(m) => d::NodeData::Matt(m.into()),
            NodeData::Nyckeltal(m) => d::NodeData::Nyckeltal(m.into()),
            NodeData::Aktivitet(a) => d::NodeData::Aktivitet(d::Activity {
                status: a.status.map(Into::into),
                delayed: a.delayed,
                comment: a.comment,
                time_period: a.time_period.map(Into::into),
                links: a
                    .links
                    .into_iter()
                    .map(|l| d::GoalLink {
                        goal: l.goal,
                        source: l.source.map(Into::into),
                        former_id: l.former_id,
                    })
                    .collect(),
            }),
            NodeData::Uppdrag(c) => d::NodeData::Uppdrag(d::Commission {
                issuer: c.issuer.map(Into::into),
                recipient: c.recipient,
                status: c.status.map(Into::into),
                report: c.report,
            }),
            NodeData::Grupp {
                grouping,
                time_period,
            } => d::NodeData::Grupp {
                grouping: grouping.into(),
                time_period: time_period.map(Into::into),
            },
            NodeData::IkPlan { description } => d::NodeData::IkPlan { description },
            NodeData::IkKrav { code, group } => d::NodeData::IkKrav { code, group },
            NodeData::IkOmrade {} => d::NodeData::IkOmrade,
            NodeData::IkRisk { scope } => d::NodeData::IkRisk {
                scope: scope.into(),
            },
            NodeData::IkAtgard { scope, status } => d::NodeData::IkAtgard {
                scope: scope.into(),
                status: status.map(Into::into),
            },
        }
    }
}

impl From<d::NodeData> for NodeData {
    fn from(n: d::NodeData) -> Self {
        match n {
            d::NodeData::Avsnitt => NodeData::Avsnitt {},
            d::NodeData::Kontext { kind } => NodeData::Kontext { kind },
            d::NodeData::Perspektiv { description } => NodeData::Perspektiv { description },
            d::NodeData::Strategi { statements } => NodeData::Strategi { statements },
            d::NodeData::Mal(g) => NodeData::Mal {
                level: g.level.into(),
                number: g.number,
                issuer: g.issuer.map(Into::into),
            },
            d::NodeData::Matt(m) => NodeData::Matt(m.into()),
            d::NodeData::Nyckeltal(m) => NodeData::Nyckeltal(m.into()),
            d::NodeData::Aktivitet(a) => NodeData::Aktivitet(Activity {
                status: a.status.map(Into::into),
                delayed: a.delayed,
                comment: a.comment,
                time_period: a.time_period.map(Into::into),
                links: a
                    .links
                    .into_iter()
                    .map(|l| GoalLink {
                        goal: l.goal,
                        source: l.source.map(Into::into),
                        former_id: l.former_id,
                    })
                    .collect(),
            }),
            d::NodeData::Uppdrag(c) => NodeData::Uppdrag(Commission {
                issuer: c.issuer.map(Into::into),
                recipient: c.recipient,
                status: c.status.map(Into::into),
                report: c.report,
            }),
            d::NodeData::Grupp {
                grouping,
                time_period,
            } => NodeData::Grupp {
                grouping: grouping.into(),
                time_period: time_period.map(Into::into),
            },
            d::NodeData::IkPlan { description } => NodeData::IkPlan { description },
            d::NodeData::IkKrav { code, group } => NodeData::IkKrav { code, group },
            d::NodeData::IkOmrade => NodeData::IkOmrade {},
            d::NodeData::IkRisk { scope } => NodeData::IkRisk {
                scope: scope.into(),
            },
            d::NodeData::IkAtgard { scope, status } => NodeData::IkAtgard {
                scope: scope.into(),
                status: status.map(Into::into),
            },
        }
    }
}

impl From<Plan> for d::Plan {
    fn from(p: Plan) -> Self {
        d::Plan {
            id: p.id,
            title: p.title,
            organisation: p.organisation,
            region: p.region,
            kind: p.kind.into(),
            status: p.status.into(),
            period: d::YearPeriod {
                from: p.period.from,
                to: p.period.to,
            },
            level_names: p.level_names,
            nodes: p
                .nodes
                .into_iter()
                .map(|n| d::Node {
                    id: n.id,
                    parent: n.parent,
                    order: n.order,
                    label: n.label,
                    text: n.text,
                    data: n.data.into(),
                    source: n.source.map(Into::into),
                    extra: n.extra,
                })
                .collect(),
            budget_tables: p
                .budget_tables
                .into_iter()
                .map(|t| d::BudgetTable {
                    id: t.id,
                    kind: t.kind,
                    title: t.title,
                    unit: t.unit,
                    columns: t
                        .columns
                        .into_iter()
                        .map(|c| d::BudgetColumn {
                            id: c.id,
                            label: c.label,
                            scenario: c.scenario,
                            year: c.year,
                        })
                        .collect(),
                    rows: t
                        .rows
                        .into_iter()
                        .map(|r| d::BudgetRow {
                            id: r.id,
                            label: r.label,
                            row_type: r.row_type,
                            values: r.values,
                            source: r.source.map(Into::into),
                            extra: r.extra,
                        })
                        .collect(),
                    source: t.source.map(Into::into),
                    extra: t.extra,
                })
                .collect(),
            source: p.source.map(Into::into),
            updated_at: p.updated_at,
            extra: p.extra,
        }
    }
}

impl From<d::Plan> for Plan {
    fn from(p: d::Plan) -> Self {
        Plan {
            id: p.id,
            title: p.title,
            organisation: p.organisation,
            region: p.region,
            kind: p.kind.into(),
            status: p.status.into(),
            period: Period {
                from: p.period.from,
                to: p.period.to,
            },
            level_names: p.level_names,
            updated_at: p.updated_at,
            source: p.source.map(Into::into),
            nodes: p
                .nodes
                .into_iter()
                .map(|n| Node {
                    id: n.id,
                    parent: n.parent,
                    order: n.order,
                    label: n.label,
                    text: n.text,
                    data: n.data.into(),
                    source: n.source.map(Into::into),
                    extra: n.extra,
                })
                .collect(),
            budget_tables: p
                .budget_tables
                .into_iter()
                .map(|t| BudgetTable {
                    id: t.id,
                    kind: t.kind,
                    title: t.title,
                    unit: t.unit,
                    columns: t
                        .columns
                        .into_iter()
                        .map(|c| BudgetColumn {
                            id: c.id,
                            label: c.label,
                            scenario: c.scenario,
                            year: c.year,
                        })
                        .collect(),
                    rows: t
                        .rows
                        .into_iter()
                        .map(|r| BudgetRow {
                            id: r.id,
                            label: r.label,
                            row_type: r.row_type,
                            values: r.values,
                            source: r.source.map(Into::into),
                            extra: r.extra,
                        })
                        .collect(),
                    source: t.source.map(Into::into),
                    extra: t.extra,
                })
                .collect(),
            extra: p.extra,
        }
    }
}
