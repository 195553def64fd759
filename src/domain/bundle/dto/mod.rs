//! Bundle DTOs: serde types kept separate from the domain types so the model can change while every file ever
//! written still reads. These are the types of the current version (5); [`Bundle::read_header`] and `read::read_one_plan` read every version:
//!
//! - **1**: the first format. Scorecard data (direction, reference, per-sex targets, outcome groups, baseline,
//!   applicability) lived in free `extra` annotations; `bundle::migrate_v1` lifts it into typed fields.
//! - **2**: typed scorecard fields on measures, targets and outcomes; manual grades and analyses per period;
//!   the plan's `scorecard` settings. Fields that are empty or false are left out.
//! - **3**: `tariffs` (rows, parameters, volumes and where they come from) and subsidy `rule_sets`, both left
//!   out when empty; plans are as in version 2.
//! - **4**: activities, uppdrag and IK-åtgärder are followed up per period (`followups`: period, status,
//!   försenad, analysis) instead of one `status`/`delayed`; activities and uppdrag have `start` and `end` (a year
//!   or a date); risks `likelihood` and `consequence`; the internkontrollplan its `risk_scale` (left out at 4) and
//!   its `isk` judgement; åtgärder their kontrollmoment (`control`, `method`, `responsible`, `timing`). A status
//!   of version 1–3 becomes the report of the period the plan opens on (`bundle::migrate_v3`).
//!
//! - **5**: what a report states beside what verksam computes: a measure's `stated` grades per period (grade,
//!   the report's words and the source line) and the plan's `stated_counts` (a report's own måluppfyllelse
//!   rows per period and group: politically decided or the unit's own), both left out when empty. Nothing of
//!   version 4 changes shape, so a version 4 file reads as it is; a version 4 reader refuses a version 5 file
//!   instead of dropping what it does not know.
//!
//! A version's shape never changes once shipped; `tests/fixtures/bundles/` keeps a file of each.
//!
//! Shape: `{"format": "verksam-bundle", "version": 5, "exported_at", "generator", "plans": [...], "tariffs": [...],
//! "rule_sets": [...]}`.
//! Writing uses serde's derived `Serialize` (field order as declared: deterministic). Reading is [`Bundle::read_header`] and `read::read_one_plan`
//! over a parsed JSON value: field by field, with exact error paths, rejecting unknown fields so a foreign
//! file fails loudly instead of losing data silently.

pub(super) mod read;
mod read_measure;
mod read_parts;
pub mod tariff;

use crate::domain::plan as d;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

type Extra = BTreeMap<String, serde_json::Value>;

fn is_empty(e: &Extra) -> bool {
    e.is_empty()
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Serialize)]
pub struct Bundle {
    pub format: String,
    pub version: u64,
    /// The time of the latest change in the exported content (so the same content gives the same bytes).
    pub exported_at: String,
    pub generator: String,
    pub plans: Vec<Plan>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tariffs: Vec<tariff::Tariff>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule_sets: Vec<tariff::RuleSet>,
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
    pub scorecard: ScorecardSettings,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stated_counts: Vec<StatedCounts>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Serialize)]
pub struct StatedCounts {
    #[serde(serialize_with = "period_key")]
    pub period: crate::domain::period::Period,
    pub decided: Decided,
    pub uppfyllt: u32,
    pub delvis: u32,
    pub ej: u32,
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decided {
    Politiskt,
    Eget,
}

#[derive(Debug, Serialize)]
pub struct ScorecardSettings {
    pub method: RollupMethod,
    pub tolerance_pct: f64,
    pub prorate: bool,
    pub group_rule: GroupRule,
    pub green_at: f64,
    pub yellow_at: f64,
    pub min_coverage: f64,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RollupMethod {
    ViktadAndel,
    Samsta,
    Majoritet,
    EndastFordelning,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupRule {
    TotalForst,
    Kombinera,
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
    IkPlan(ControlPlan),
    IkKrav {
        code: String,
        group: String,
    },
    IkOmrade {},
    IkRisk(Risk),
    IkAtgard(ControlAction),
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
    #[serde(serialize_with = "follow_up_keys")]
    pub follow_up: Vec<crate::domain::period::FollowUp>,
    pub targets: Vec<Target>,
    pub outcomes: Vec<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    #[serde(skip_serializing_if = "Applicability::is_default")]
    pub applicability: Applicability,
    #[serde(skip_serializing_if = "is_false")]
    pub flow: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub critical: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub analyses: Vec<Analysis>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub manual: Vec<ManualGrade>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stated: Vec<StatedGrade>,
}

#[derive(Debug, Serialize)]
pub struct StatedGrade {
    #[serde(serialize_with = "period_key")]
    pub period: crate::domain::period::Period,
    pub grade: Grade,
    pub quote: String,
    pub source: Option<Source>,
}

#[derive(Debug, Serialize)]
pub struct Baseline {
    pub raw: String,
    pub values: Vec<Outcome>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Serialize)]
pub struct Applicability {
    pub kind: ApplicabilityKind,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts_from: Option<i32>,
}

impl Applicability {
    fn is_default(&self) -> bool {
        matches!(self.kind, ApplicabilityKind::Aktuell)
            && self.reason.is_empty()
            && self.starts_from.is_none()
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicabilityKind {
    Aktuell,
    SenareStart,
    EjMatbar,
    EjRelevant,
    DataSaknas,
}

/// A period as its key ("DÅ08 2024"): the model holds a typed period, the file its key.
fn period_key<S: serde::Serializer>(
    p: &crate::domain::period::Period,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.key())
}

/// Follow-up codes as written ("DÅ04", "MÅNAD", …).
fn follow_up_keys<S: serde::Serializer>(
    f: &[crate::domain::period::FollowUp],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(f.iter().map(|c| c.key()))
}

#[derive(Debug, Serialize)]
pub struct Analysis {
    #[serde(serialize_with = "period_key")]
    pub period: crate::domain::period::Period,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct ManualGrade {
    #[serde(serialize_with = "period_key")]
    pub period: crate::domain::period::Period,
    pub grade: Grade,
    pub motivation: String,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Uppfyllt,
    Delvis,
    EjUppfyllt,
    EjBedombar,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub enum Operator {
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "=")]
    Eq,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Oka,
    Minska,
    Forbattra,
    Bibehalla,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    ForegaendeAr,
    SammaPeriodForegaendeAr,
    AngivetAr,
    Ingangsvarde,
    SenasteMatning,
    EjAngiven,
}

#[derive(Debug, Serialize)]
pub struct Reference {
    pub kind: ReferenceKind,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub enum Sex {
    #[serde(rename = "K")]
    Kvinnor,
    #[serde(rename = "M")]
    Man,
}

#[derive(Debug, Serialize)]
pub struct GroupTarget {
    pub sex: Sex,
    pub value: f64,
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
    pub operator: Option<Operator>,
    pub value: Option<f64>,
    pub value_high: Option<f64>,
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupTarget>,
    #[serde(skip_serializing_if = "is_false")]
    pub annual: bool,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subgroup: Option<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    Tidsperiod,
    Niva,
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
enum_map!(RollupMethod <=> d::RollupMethod {
    ViktadAndel <=> ViktadAndel, Samsta <=> Samsta, Majoritet <=> Majoritet, EndastFordelning <=> EndastFordelning
});
enum_map!(GroupRule <=> d::GroupRule { TotalForst <=> TotalForst, Kombinera <=> Kombinera });
enum_map!(ApplicabilityKind <=> d::ApplicabilityKind {
    Aktuell <=> Aktuell, SenareStart <=> SenareStart, EjMatbar <=> EjMatbar, EjRelevant <=> EjRelevant,
    DataSaknas <=> DataSaknas
});
enum_map!(Decided <=> d::Decided { Politiskt <=> Politiskt, Eget <=> Eget });
enum_map!(Grade <=> d::Grade { Uppfyllt <=> Uppfyllt, Delvis <=> Delvis, EjUppfyllt <=> EjUppfyllt, EjBedombar <=> EjBedombar });
enum_map!(Operator <=> d::Operator { Lt <=> Lt, Le <=> Le, Gt <=> Gt, Ge <=> Ge, Eq <=> Eq });
enum_map!(Direction <=> d::Direction { Oka <=> Oka, Minska <=> Minska, Forbattra <=> Forbattra, Bibehalla <=> Bibehalla });
enum_map!(ReferenceKind <=> d::ReferenceKind {
    ForegaendeAr <=> ForegaendeAr, SammaPeriodForegaendeAr <=> SammaPeriodForegaendeAr, AngivetAr <=> AngivetAr,
    Ingangsvarde <=> Ingangsvarde, SenasteMatning <=> SenasteMatning, EjAngiven <=> EjAngiven
});
enum_map!(Sex <=> d::Sex { Kvinnor <=> Kvinnor, Man <=> Man });
enum_map!(Grouping <=> d::Grouping { Tidsperiod <=> Tidsperiod, Niva <=> Niva });

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
mirror!(Reference <=> d::Reference { kind: into, year: same });
mirror!(GroupTarget <=> d::GroupTarget { sex: into, value: same });
mirror!(Target <=> d::Target {
    kind: into, raw: same, operator: opt, value: same, value_high: same, unit: same, direction: opt, change: same,
    change_unit: same, reference: opt, groups: vec, annual: same, extra: same
});
mirror!(PeriodRef <=> d::PeriodRef { label: same, code: same, year: same, from_month: same, to_month: same });
mirror!(Outcome <=> d::Outcome {
    period: into, value: same, unit: same, raw: same, origin: same, sex: opt, subgroup: same, extra: same
});
mirror!(Baseline <=> d::Baseline { raw: same, values: vec, extra: same });
mirror!(Applicability <=> d::Applicability { kind: into, reason: same, starts_from: same });
mirror!(Analysis <=> d::Analysis { period: same, text: same });
mirror!(ManualGrade <=> d::ManualGrade { period: same, grade: into, motivation: same });
mirror!(StatedGrade <=> d::StatedGrade { period: same, grade: into, quote: same, source: opt });
mirror!(StatedCounts <=> d::StatedCounts {
    period: same, decided: into, uppfyllt: same, delvis: same, ej: same, source: opt
});
mirror!(Measure <=> d::Measure {
    unit: same, polarity: opt, issuer: opt, follow_up: same, targets: vec, outcomes: vec, baseline: opt,
    applicability: into, flow: same, critical: same, analyses: vec, manual: vec, stated: vec
});
mirror!(ScorecardSettings <=> d::ScorecardSettings {
    method: into, tolerance_pct: same, prorate: same, group_rule: into, green_at: same, yellow_at: same,
    min_coverage: same, weights: same
});
mirror!(Node <=> d::Node { id: same, parent: same, order: same, label: same, text: same, data: into, source: opt, extra: same });
mirror!(BudgetColumn <=> d::BudgetColumn { id: same, label: same, scenario: same, year: same });
mirror!(BudgetRow <=> d::BudgetRow { id: same, label: same, row_type: same, values: same, source: opt, extra: same });
mirror!(BudgetTable <=> d::BudgetTable {
    id: same, kind: same, title: same, unit: same, columns: vec, rows: vec, source: opt, extra: same
});
mirror!(Plan <=> d::Plan {
    id: same, title: same, organisation: same, region: same, kind: into, status: into, period: into,
    level_names: same, nodes: vec, budget_tables: vec, scorecard: into, source: opt, updated_at: same,
    stated_counts: vec, extra: same
});

// the work items' DTOs and their mappings (they use the macros above, so declared after them)
mod work;
pub use work::*;

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
            NodeData::IkPlan(c) => d::NodeData::IkPlan(c.into()),
            NodeData::IkKrav { code, group } => d::NodeData::IkKrav { code, group },
            NodeData::IkOmrade {} => d::NodeData::IkOmrade,
            NodeData::IkRisk(r) => d::NodeData::IkRisk(r.into()),
            NodeData::IkAtgard(a) => d::NodeData::IkAtgard(a.into()),
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
            d::NodeData::IkPlan(c) => NodeData::IkPlan(c.into()),
            d::NodeData::IkKrav { code, group } => NodeData::IkKrav { code, group },
            d::NodeData::IkOmrade => NodeData::IkOmrade {},
            d::NodeData::IkRisk(r) => NodeData::IkRisk(r.into()),
            d::NodeData::IkAtgard(a) => NodeData::IkAtgard(a.into()),
        }
    }
}

/// For the tests that the domain's stable names (`key()`) are the wire names: `table` (a reader's table of wire
/// names) names exactly `keys`, and each entry's value (mapped to the domain by `to`) has that name as its key.
#[cfg(test)]
pub(in crate::domain::bundle) fn same_keys<T: Copy, D: Copy + PartialEq + std::fmt::Debug>(
    table: &[(&str, T)],
    keys: &[&str],
    to: impl Fn(T) -> D,
    key: impl Fn(D) -> &'static str,
    from_key: impl Fn(&str) -> Option<D>,
) {
    let mut names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
    names.sort_unstable();
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "the wire names and the domain's keys differ");
    for (name, v) in table {
        let d = to(*v);
        assert_eq!(key(d), *name, "{d:?}");
        assert_eq!(from_key(name), Some(d), "{name}");
    }
}
