//! Bundle format version 1: serde DTOs, kept separate from the domain types so the model can change
//! while every file ever written still reads. Never change a shipped version; add `v2` with a migration.
//!
//! Shape: `{"format": "verksam-bundle", "version": 1, "exported_at", "generator", "plans": [...]}`.
//! Writing uses serde's derived `Serialize` (field order as declared: deterministic). Reading is [`Bundle::read`]
//! over a parsed JSON value: field by field, with exact error paths, rejecting unknown fields so a foreign
//! file fails loudly instead of losing data silently.

use super::reader::{decimal, text, Obj};
use crate::domain::error::LocatedError;
use crate::domain::plan as d;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

type Extra = BTreeMap<String, serde_json::Value>;

fn is_empty(e: &Extra) -> bool {
    e.is_empty()
}

#[derive(Debug, Serialize)]
pub struct Bundle {
    pub format: String,
    pub version: u64,
    /// The time of the latest change in the exported content (so the same content gives the same bytes).
    pub exported_at: String,
    pub generator: String,
    pub plans: Vec<Plan>,
}

#[derive(Debug, Serialize)]
pub struct Plan {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub region: String,
    pub kind: PlanKind,
    pub status: PlanStatus,
    pub period: Period,
    pub level_names: BTreeMap<String, String>,
    pub updated_at: String,
    pub source: Option<Source>,
    pub nodes: Vec<Node>,
    pub budget_tables: Vec<BudgetTable>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    Verksamhetsplan,
    Delarsrapport,
    Handlingsplan,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Utkast,
    Beslutad,
}

#[derive(Debug, Serialize)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Serialize)]
pub struct Source {
    pub file: String,
    pub line: u32,
    pub line_end: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct Node {
    pub id: String,
    pub parent: Option<String>,
    pub order: u32,
    pub label: String,
    pub text: String,
    #[serde(rename = "type")]
    pub data: NodeData,
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
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

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalLevel {
    Effektmal,
    StrategisktMal,
    Framgangsfaktor,
    Namndmal,
    Verksamhetsmal,
    Mal,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuerLevel {
    Regionfullmaktige,
    Namnd,
    Verksamhet,
}

#[derive(Debug, Serialize)]
pub struct Issuer {
    pub level: IssuerLevel,
    pub name: String,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    HogreBattre,
    LagreBattre,
}

#[derive(Debug, Serialize)]
pub struct Measure {
    pub unit: String,
    pub polarity: Option<Polarity>,
    pub issuer: Option<Issuer>,
    pub follow_up: Vec<String>,
    pub targets: Vec<Target>,
    pub outcomes: Vec<Outcome>,
}

#[derive(Debug, Clone, Copy, Serialize)]
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

#[derive(Debug, Serialize)]
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

#[derive(Debug, Serialize)]
pub struct PeriodRef {
    pub label: String,
    pub code: Option<String>,
    pub year: Option<i32>,
    pub from_month: Option<u8>,
    pub to_month: Option<u8>,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub period: PeriodRef,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub raw: String,
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkStatus {
    EjPaborjad,
    Pagar,
    Genomford,
    Avbruten,
}

#[derive(Debug, Serialize)]
pub struct TimePeriod {
    pub label: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
}

#[derive(Debug, Serialize)]
pub struct GoalLink {
    pub goal: String,
    pub source: Option<Source>,
    pub former_id: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Activity {
    pub status: Option<WorkStatus>,
    pub delayed: bool,
    pub comment: String,
    pub time_period: Option<TimePeriod>,
    pub links: Vec<GoalLink>,
}

#[derive(Debug, Serialize)]
pub struct Commission {
    pub issuer: Option<Issuer>,
    pub recipient: String,
    pub status: Option<WorkStatus>,
    pub report: String,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    Tidsperiod,
    Niva,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Regionovergripande,
    Namndspecifik,
}

#[derive(Debug, Serialize)]
pub struct BudgetTable {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub unit: String,
    pub columns: Vec<BudgetColumn>,
    pub rows: Vec<BudgetRow>,
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Serialize)]
pub struct BudgetColumn {
    pub id: String,
    pub label: String,
    pub scenario: String,
    pub year: i32,
}

#[derive(Debug, Serialize)]
pub struct BudgetRow {
    pub id: String,
    pub label: String,
    pub row_type: String,
    /// Amounts as decimal strings ("299.2"), never floats.
    pub values: BTreeMap<String, Option<Decimal>>,
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

// ---- structs with the same fields on both sides: one line each, both directions ----

/// How one field converts: `same` (moved as is), `into`, `opt` (Option of convertible), `vec` (Vec of convertible).
macro_rules! conv {
    (same, $e:expr) => {
        $e
    };
    (into, $e:expr) => {
        $e.into()
    };
    (opt, $e:expr) => {
        $e.map(Into::into)
    };
    (vec, $e:expr) => {
        $e.into_iter().map(Into::into).collect()
    };
}

macro_rules! mirror {
    ($dto:ident <=> $dom:path { $($f:ident: $m:ident),* $(,)? }) => {
        impl From<$dto> for $dom {
            fn from(x: $dto) -> Self {
                Self { $($f: conv!($m, x.$f)),* }
            }
        }
        impl From<$dom> for $dto {
            fn from(x: $dom) -> Self {
                Self { $($f: conv!($m, x.$f)),* }
            }
        }
    };
}

mirror!(Source <=> d::SourceRef { file: same, line: same, line_end: same });
mirror!(Issuer <=> d::Issuer { level: into, name: same });
mirror!(TimePeriod <=> d::TimePeriod { label: same, start_year: same, end_year: same });
mirror!(Period <=> d::YearPeriod { from: same, to: same });
mirror!(Target <=> d::Target { kind: into, raw: same, operator: same, value: same, value_high: same, unit: same, extra: same });
mirror!(PeriodRef <=> d::PeriodRef { label: same, code: same, year: same, from_month: same, to_month: same });
mirror!(Outcome <=> d::Outcome { period: into, value: same, unit: same, raw: same, origin: same, extra: same });
mirror!(Measure <=> d::Measure { unit: same, polarity: opt, issuer: opt, follow_up: same, targets: vec, outcomes: vec });
mirror!(GoalLink <=> d::GoalLink { goal: same, source: opt, former_id: same });
mirror!(Activity <=> d::Activity { status: opt, delayed: same, comment: same, time_period: opt, links: vec });
mirror!(Commission <=> d::Commission { issuer: opt, recipient: same, status: opt, report: same });
mirror!(Node <=> d::Node { id: same, parent: same, order: same, label: same, text: same, data: into, source: opt, extra: same });
mirror!(BudgetColumn <=> d::BudgetColumn { id: same, label: same, scenario: same, year: same });
mirror!(BudgetRow <=> d::BudgetRow { id: same, label: same, row_type: same, values: same, source: opt, extra: same });
mirror!(BudgetTable <=> d::BudgetTable {
    id: same, kind: same, title: same, unit: same, columns: vec, rows: vec, source: opt, extra: same
});
mirror!(Plan <=> d::Plan {
    id: same, title: same, organisation: same, region: same, kind: into, status: into, period: into,
    level_names: same, nodes: vec, budget_tables: vec, source: opt, updated_at: same, extra: same
});

// ---- the node kinds: variants differ in shape (unit vs struct), so written out ----

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
            NodeData::Aktivitet(a) => d::NodeData::Aktivitet(a.into()),
            NodeData::Uppdrag(c) => d::NodeData::Uppdrag(c.into()),
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
            d::NodeData::Aktivitet(a) => NodeData::Aktivitet(a.into()),
            d::NodeData::Uppdrag(c) => NodeData::Uppdrag(c.into()),
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

// ---- reading ----

type R<T> = Result<T, LocatedError>;

const PLAN_KINDS: &[(&str, PlanKind)] = &[
    ("verksamhetsplan", PlanKind::Verksamhetsplan),
    ("delarsrapport", PlanKind::Delarsrapport),
    ("handlingsplan", PlanKind::Handlingsplan),
];
const PLAN_STATUSES: &[(&str, PlanStatus)] = &[
    ("utkast", PlanStatus::Utkast),
    ("beslutad", PlanStatus::Beslutad),
];
const GOAL_LEVELS: &[(&str, GoalLevel)] = &[
    ("effektmal", GoalLevel::Effektmal),
    ("strategiskt_mal", GoalLevel::StrategisktMal),
    ("framgangsfaktor", GoalLevel::Framgangsfaktor),
    ("namndmal", GoalLevel::Namndmal),
    ("verksamhetsmal", GoalLevel::Verksamhetsmal),
    ("mal", GoalLevel::Mal),
];
const ISSUER_LEVELS: &[(&str, IssuerLevel)] = &[
    ("regionfullmaktige", IssuerLevel::Regionfullmaktige),
    ("namnd", IssuerLevel::Namnd),
    ("verksamhet", IssuerLevel::Verksamhet),
];
const POLARITIES: &[(&str, Polarity)] = &[
    ("hogre_battre", Polarity::HogreBattre),
    ("lagre_battre", Polarity::LagreBattre),
];
const TARGET_KINDS: &[(&str, TargetKind)] = &[
    ("niva", TargetKind::Niva),
    ("antal", TargetKind::Antal),
    ("riktning", TargetKind::Riktning),
    ("forandring", TargetKind::Forandring),
    ("intervall", TargetKind::Intervall),
    ("bibehalla", TargetKind::Bibehalla),
    ("tillstand", TargetKind::Tillstand),
    ("kvalitativ", TargetKind::Kvalitativ),
    ("efter_behov", TargetKind::EfterBehov),
    ("saknas", TargetKind::Saknas),
    ("oklar", TargetKind::Oklar),
];
const WORK_STATUSES: &[(&str, WorkStatus)] = &[
    ("ej_paborjad", WorkStatus::EjPaborjad),
    ("pagar", WorkStatus::Pagar),
    ("genomford", WorkStatus::Genomford),
    ("avbruten", WorkStatus::Avbruten),
];
const GROUPINGS: &[(&str, Grouping)] = &[
    ("tidsperiod", Grouping::Tidsperiod),
    ("niva", Grouping::Niva),
];
const SCOPES: &[(&str, Scope)] = &[
    ("regionovergripande", Scope::Regionovergripande),
    ("namndspecifik", Scope::Namndspecifik),
];
const NODE_TYPES: &[&str] = &[
    "avsnitt",
    "kontext",
    "perspektiv",
    "strategi",
    "mal",
    "matt",
    "aktivitet",
    "uppdrag",
    "nyckeltal",
    "grupp",
    "ik_plan",
    "ik_krav",
    "ik_omrade",
    "ik_risk",
    "ik_atgard",
];

impl Bundle {
    /// Read a version-1 bundle from parsed JSON (the caller has checked `format` and `version`).
    pub fn read(v: &serde_json::Value) -> R<Bundle> {
        let o = Obj::new(v, String::new())?;
        o.only(&["format", "version", "exported_at", "generator", "plans"])?;
        Ok(Bundle {
            format: o.str("format")?,
            version: o.u64("version")?,
            exported_at: o.str("exported_at")?,
            generator: o.str("generator")?,
            plans: o.list("plans", true, read_plan)?,
        })
    }
}

fn read_source(o: &Obj) -> R<Option<Source>> {
    o.opt_obj("source")?
        .map(|s| {
            s.only(&["file", "line", "line_end"])?;
            Ok(Source {
                file: s.str("file")?,
                line: s.u32("line")?,
                line_end: s.opt_u32("line_end")?,
            })
        })
        .transpose()
}

fn read_issuer(o: &Obj, key: &str) -> R<Option<Issuer>> {
    o.opt_obj(key)?
        .map(|i| {
            i.only(&["level", "name"])?;
            Ok(Issuer {
                level: i.choice("level", ISSUER_LEVELS)?,
                name: i.str("name")?,
            })
        })
        .transpose()
}

fn read_time_period(o: &Obj) -> R<Option<TimePeriod>> {
    o.opt_obj("time_period")?
        .map(|t| {
            t.only(&["label", "start_year", "end_year"])?;
            Ok(TimePeriod {
                label: t.str("label")?,
                start_year: t.opt_i32("start_year")?,
                end_year: t.opt_i32("end_year")?,
            })
        })
        .transpose()
}

fn read_plan(v: &serde_json::Value, path: String) -> R<Plan> {
    let o = Obj::new(v, path)?;
    o.only(&[
        "id",
        "title",
        "organisation",
        "region",
        "kind",
        "status",
        "period",
        "level_names",
        "updated_at",
        "source",
        "nodes",
        "budget_tables",
        "extra",
    ])?;
    let period = o.obj("period")?;
    period.only(&["from", "to"])?;
    Ok(Plan {
        id: o.str("id")?,
        title: o.str("title")?,
        organisation: o.str("organisation")?,
        region: o.str_or_empty("region")?,
        kind: o.choice("kind", PLAN_KINDS)?,
        status: o.choice("status", PLAN_STATUSES)?,
        period: Period {
            from: period.i32("from")?,
            to: period.i32("to")?,
        },
        level_names: o.map("level_names", text)?,
        updated_at: o.str("updated_at")?,
        source: read_source(&o)?,
        nodes: o.list("nodes", true, read_node)?,
        budget_tables: o.list("budget_tables", false, read_table)?,
        extra: o.extra("extra")?,
    })
}

fn read_node(v: &serde_json::Value, path: String) -> R<Node> {
    let o = Obj::new(v, path)?;
    o.only(&[
        "id", "parent", "order", "label", "text", "type", "source", "extra",
    ])?;
    Ok(Node {
        id: o.str("id")?,
        parent: o.opt_str("parent")?,
        order: o.u32("order")?,
        label: o.str("label")?,
        text: o.str("text")?,
        data: read_data(&o)?,
        source: read_source(&o)?,
        extra: o.extra("extra")?,
    })
}

fn read_data(node: &Obj) -> R<NodeData> {
    let (name, o) = node.variant("type", NODE_TYPES)?;
    let d = match name {
        "avsnitt" => {
            o.only(&[])?;
            NodeData::Avsnitt {}
        }
        "kontext" => {
            o.only(&["kind"])?;
            NodeData::Kontext {
                kind: o.str("kind")?,
            }
        }
        "perspektiv" => {
            o.only(&["description"])?;
            NodeData::Perspektiv {
                description: o.str("description")?,
            }
        }
        "strategi" => {
            o.only(&["statements"])?;
            NodeData::Strategi {
                statements: o.list("statements", true, text)?,
            }
        }
        "mal" => {
            o.only(&["level", "number", "issuer"])?;
            NodeData::Mal {
                level: o.choice("level", GOAL_LEVELS)?,
                number: o.opt_u32("number")?,
                issuer: read_issuer(&o, "issuer")?,
            }
        }
        "matt" => NodeData::Matt(read_measure(&o)?),
        "nyckeltal" => NodeData::Nyckeltal(read_measure(&o)?),
        "aktivitet" => {
            o.only(&["status", "delayed", "comment", "time_period", "links"])?;
            NodeData::Aktivitet(Activity {
                status: o.opt_choice("status", WORK_STATUSES)?,
                delayed: o.bool("delayed")?,
                comment: o.str("comment")?,
                time_period: read_time_period(&o)?,
                links: o.list("links", true, |v, p| {
                    let l = Obj::new(v, p)?;
                    l.only(&["goal", "source", "former_id"])?;
                    Ok(GoalLink {
                        goal: l.str("goal")?,
                        source: read_source(&l)?,
                        former_id: l.opt_str("former_id")?,
                    })
                })?,
            })
        }
        "uppdrag" => {
            o.only(&["issuer", "recipient", "status", "report"])?;
            NodeData::Uppdrag(Commission {
                issuer: read_issuer(&o, "issuer")?,
                recipient: o.str("recipient")?,
                status: o.opt_choice("status", WORK_STATUSES)?,
                report: o.str("report")?,
            })
        }
        "grupp" => {
            o.only(&["grouping", "time_period"])?;
            NodeData::Grupp {
                grouping: o.choice("grouping", GROUPINGS)?,
                time_period: read_time_period(&o)?,
            }
        }
        "ik_plan" => {
            o.only(&["description"])?;
            NodeData::IkPlan {
                description: o.str("description")?,
            }
        }
        "ik_krav" => {
            o.only(&["code", "group"])?;
            NodeData::IkKrav {
                code: o.str("code")?,
                group: o.str("group")?,
            }
        }
        "ik_omrade" => {
            o.only(&[])?;
            NodeData::IkOmrade {}
        }
        "ik_risk" => {
            o.only(&["scope"])?;
            NodeData::IkRisk {
                scope: o.choice("scope", SCOPES)?,
            }
        }
        _ => {
            o.only(&["scope", "status"])?;
            NodeData::IkAtgard {
                scope: o.choice("scope", SCOPES)?,
                status: o.opt_choice("status", WORK_STATUSES)?,
            }
        }
    };
    Ok(d)
}

fn read_measure(o: &Obj) -> R<Measure> {
    o.only(&[
        "unit",
        "polarity",
        "issuer",
        "follow_up",
        "targets",
        "outcomes",
    ])?;
    Ok(Measure {
        unit: o.str("unit")?,
        polarity: o.opt_choice("polarity", POLARITIES)?,
        issuer: read_issuer(o, "issuer")?,
        follow_up: o.list("follow_up", true, text)?,
        targets: o.list("targets", true, |v, p| {
            let t = Obj::new(v, p)?;
            t.only(&[
                "kind",
                "raw",
                "operator",
                "value",
                "value_high",
                "unit",
                "extra",
            ])?;
            Ok(Target {
                kind: t.choice("kind", TARGET_KINDS)?,
                raw: t.str("raw")?,
                operator: t.opt_str("operator")?,
                value: t.opt_f64("value")?,
                value_high: t.opt_f64("value_high")?,
                unit: t.opt_str("unit")?,
                extra: t.extra("extra")?,
            })
        })?,
        outcomes: o.list("outcomes", true, |v, p| {
            let x = Obj::new(v, p)?;
            x.only(&["period", "value", "unit", "raw", "origin", "extra"])?;
            let per = x.obj("period")?;
            per.only(&["label", "code", "year", "from_month", "to_month"])?;
            Ok(Outcome {
                period: PeriodRef {
                    label: per.str("label")?,
                    code: per.opt_str("code")?,
                    year: per.opt_i32("year")?,
                    from_month: per.opt_u8("from_month")?,
                    to_month: per.opt_u8("to_month")?,
                },
                value: x.opt_f64("value")?,
                unit: x.opt_str("unit")?,
                raw: x.str("raw")?,
                origin: x.opt_str("origin")?,
                extra: x.extra("extra")?,
            })
        })?,
    })
}

fn read_table(v: &serde_json::Value, path: String) -> R<BudgetTable> {
    let o = Obj::new(v, path)?;
    o.only(&[
        "id", "kind", "title", "unit", "columns", "rows", "source", "extra",
    ])?;
    Ok(BudgetTable {
        id: o.str("id")?,
        kind: o.str("kind")?,
        title: o.str("title")?,
        unit: o.str("unit")?,
        columns: o.list("columns", true, |v, p| {
            let c = Obj::new(v, p)?;
            c.only(&["id", "label", "scenario", "year"])?;
            Ok(BudgetColumn {
                id: c.str("id")?,
                label: c.str("label")?,
                scenario: c.str("scenario")?,
                year: c.i32("year")?,
            })
        })?,
        rows: o.list("rows", true, |v, p| {
            let r = Obj::new(v, p)?;
            r.only(&["id", "label", "row_type", "values", "source", "extra"])?;
            Ok(BudgetRow {
                id: r.str("id")?,
                label: r.str("label")?,
                row_type: r.str("row_type")?,
                values: r.map("values", decimal)?,
                source: read_source(&r)?,
                extra: r.extra("extra")?,
            })
        })?,
        source: read_source(&o)?,
        extra: o.extra("extra")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reading tables and serde's writing names must agree, or an export would not import.
    #[test]
    fn reading_tables_match_the_written_names() {
        fn check<T: Serialize + Copy>(table: &[(&str, T)]) {
            for (name, v) in table {
                assert_eq!(
                    serde_json::to_value(v).unwrap(),
                    serde_json::Value::from(*name)
                );
            }
        }
        check(PLAN_KINDS);
        check(PLAN_STATUSES);
        check(GOAL_LEVELS);
        check(ISSUER_LEVELS);
        check(POLARITIES);
        check(TARGET_KINDS);
        check(WORK_STATUSES);
        check(GROUPINGS);
        check(SCOPES);
        assert_eq!(
            (
                PLAN_KINDS.len(),
                GOAL_LEVELS.len(),
                TARGET_KINDS.len(),
                WORK_STATUSES.len()
            ),
            (3, 6, 11, 4)
        );
        // every node type is a variant name serde writes
        for name in NODE_TYPES {
            let data = read_data(
                &Obj::new(
                    &serde_json::json!({"type": {*name: minimal(name)}}),
                    String::new(),
                )
                .unwrap(),
            )
            .unwrap();
            let written = serde_json::to_value(&data).unwrap();
            assert!(written.get(*name).is_some(), "{name}: {written}");
        }
    }

    fn minimal(name: &str) -> serde_json::Value {
        let m = serde_json::json!({"unit": "", "polarity": null, "issuer": null, "follow_up": [], "targets": [], "outcomes": []});
        match name {
            "kontext" => serde_json::json!({"kind": ""}),
            "perspektiv" | "ik_plan" => serde_json::json!({"description": ""}),
            "strategi" => serde_json::json!({"statements": []}),
            "mal" => serde_json::json!({"level": "mal"}),
            "matt" | "nyckeltal" => m,
            "aktivitet" => serde_json::json!({"delayed": false, "comment": "", "links": []}),
            "uppdrag" => serde_json::json!({"recipient": "", "report": ""}),
            "grupp" => serde_json::json!({"grouping": "niva"}),
            "ik_krav" => serde_json::json!({"code": "", "group": ""}),
            "ik_risk" | "ik_atgard" => serde_json::json!({"scope": "namndspecifik"}),
            _ => serde_json::json!({}),
        }
    }
}
