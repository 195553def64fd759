//! Measures (mått / indikator / styrmått / mätetal): targets, outcomes per period with women/men, a baseline,
//! analyses and manual grades. Stored losslessly (`raw` keeps the text as written); `scorecard` grades them.

use super::origin::{Extra, Issuer, SourceRef};
pub use super::period::PeriodRef;
use super::period::{FollowUp, Period};

/// Higher or lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
}

crate::domain::keys::keys!(Polarity {
    HigherIsBetter => "hogre_battre",
    LowerIsBetter => "lagre_battre",
});

impl Polarity {
    pub fn label(self) -> &'static str {
        match self {
            Self::HigherIsBetter => "Högre är bättre",
            Self::LowerIsBetter => "Lägre är bättre",
        }
    }
}

/// Kvinnor or män: individual-based statistics are reported by sex (förordning 2001:100 14 §).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sex {
    Kvinnor,
    Man,
}

crate::domain::keys::keys!(Sex {
    Kvinnor => "K",
    Man => "M",
});

impl Sex {
    pub const ALL: [Sex; 2] = [Self::Kvinnor, Self::Man];
    pub fn label(self) -> &'static str {
        match self {
            Self::Kvinnor => "Kvinnor",
            Self::Man => "Män",
        }
    }
    /// "K" / "M" as the documents write it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Kvinnor => "K",
            Self::Man => "M",
        }
    }
}

/// A measure. Which periods it is followed up in, its targets and every reported value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measure {
    pub unit: String,
    pub polarity: Option<Polarity>,
    pub issuer: Option<Issuer>,
    /// When the measure is followed up (T1, DÅ04, ÅR, MÅNAD …); empty = every period.
    pub follow_up: Vec<FollowUp>,
    pub targets: Vec<Target>,
    pub outcomes: Vec<Outcome>,
    /// Ingångsvärde: the values the targets were set against.
    pub baseline: Option<Baseline>,
    pub applicability: Applicability,
    /// A flow (count that accumulates over the year, e.g. "43 000 på helår"): annual targets are pro-rated at
    /// interim periods. A stock or share (e.g. "andel 90 %") is compared as it is.
    pub flow: bool,
    /// Critical: if it is ej uppfyllt, its goal is ej uppfyllt whatever the rest says.
    pub critical: bool,
    /// Analysis text per period.
    pub analyses: Vec<Analysis>,
    /// Manual grades per period; each overrides the computed grade, which is still kept and shown.
    pub manual: Vec<ManualGrade>,
    /// The grades a report states for the measure ("(delvis uppfyllt)"), per period, with where it says so:
    /// shown beside the computed grade and counted when the måluppfyllelse table counts the report's grades.
    pub stated: Vec<StatedGrade>,
}

impl Measure {
    /// The analysis text for a period, if written.
    pub fn analysis(&self, period: &Period) -> Option<&str> {
        self.analyses
            .iter()
            .find(|a| a.period == *period)
            .map(|a| a.text.as_str())
    }
    /// The grade the report states for a period, if it states one.
    pub fn stated_grade(&self, period: &Period) -> Option<&StatedGrade> {
        self.stated.iter().find(|g| g.period == *period)
    }
    /// The manual grade for a period, if set.
    pub fn manual_grade(&self, period: &Period) -> Option<&ManualGrade> {
        self.manual.iter().find(|m| m.period == *period)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

crate::domain::keys::keys!(TargetKind {
    Niva => "niva",
    Antal => "antal",
    Riktning => "riktning",
    Forandring => "forandring",
    Intervall => "intervall",
    Bibehalla => "bibehalla",
    Tillstand => "tillstand",
    Kvalitativ => "kvalitativ",
    EfterBehov => "efter_behov",
    Saknas => "saknas",
    Oklar => "oklar",
});

impl TargetKind {
    pub const ALL: [TargetKind; 11] = [
        Self::Niva,
        Self::Antal,
        Self::Riktning,
        Self::Forandring,
        Self::Intervall,
        Self::Bibehalla,
        Self::Tillstand,
        Self::Kvalitativ,
        Self::EfterBehov,
        Self::Saknas,
        Self::Oklar,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Niva => "Nivå",
            Self::Antal => "Antal",
            Self::Riktning => "Riktning",
            Self::Forandring => "Förändring",
            Self::Intervall => "Intervall",
            Self::Bibehalla => "Bibehålla",
            Self::Tillstand => "Tillstånd",
            Self::Kvalitativ => "Kvalitativ",
            Self::EfterBehov => "Efter behov",
            Self::Saknas => "Saknas",
            Self::Oklar => "Oklar",
        }
    }
    /// Kinds the engine can grade from numbers; the rest need a manual grade.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Self::Niva
                | Self::Antal
                | Self::Riktning
                | Self::Forandring
                | Self::Intervall
                | Self::Bibehalla
        )
    }
}

/// How an outcome is compared with a target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Operator {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

crate::domain::keys::keys!(Operator {
    Lt => "<",
    Le => "<=",
    Gt => ">",
    Ge => ">=",
    Eq => "=",
});

impl Operator {
    pub const ALL: [Operator; 5] = [Self::Lt, Self::Le, Self::Gt, Self::Ge, Self::Eq];
    /// As written in bundles and targets: `<`, `<=`, `>`, `>=`, `=`.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::Eq => "=",
        }
    }
    /// As shown to a reader: `<`, `≤`, `>`, `≥`, `=`.
    pub fn sign(self) -> &'static str {
        match self {
            Self::Lt => "<",
            Self::Le => "≤",
            Self::Gt => ">",
            Self::Ge => "≥",
            Self::Eq => "=",
        }
    }
    pub fn from_symbol(s: &str) -> Option<Operator> {
        Self::ALL.into_iter().find(|o| o.symbol() == s)
    }
}

/// Which way a direction or change target points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    Oka,
    Minska,
    /// "Förbättra": the measure's polarity says which way.
    Forbattra,
    Bibehalla,
}

crate::domain::keys::keys!(Direction {
    Oka => "oka",
    Minska => "minska",
    Forbattra => "forbattra",
    Bibehalla => "bibehalla",
});

impl Direction {
    pub const ALL: [Direction; 4] = [Self::Oka, Self::Minska, Self::Forbattra, Self::Bibehalla];
    pub fn label(self) -> &'static str {
        match self {
            Self::Oka => "Öka",
            Self::Minska => "Minska",
            Self::Forbattra => "Förbättra",
            Self::Bibehalla => "Bibehålla",
        }
    }
}

/// What a direction or change target is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReferenceKind {
    /// The previous year (the same period of it, when the period is shorter than a year).
    ForegaendeAr,
    SammaPeriodForegaendeAr,
    /// A named year (`Reference::year`).
    AngivetAr,
    /// The baseline (ingångsvärde).
    Ingangsvarde,
    /// The latest earlier measurement.
    SenasteMatning,
    /// Not stated: the same period last year, else the baseline.
    EjAngiven,
}

crate::domain::keys::keys!(ReferenceKind {
    ForegaendeAr => "foregaende_ar",
    SammaPeriodForegaendeAr => "samma_period_foregaende_ar",
    AngivetAr => "angivet_ar",
    Ingangsvarde => "ingangsvarde",
    SenasteMatning => "senaste_matning",
    EjAngiven => "ej_angiven",
});

impl ReferenceKind {
    pub const ALL: [ReferenceKind; 6] = [
        Self::ForegaendeAr,
        Self::SammaPeriodForegaendeAr,
        Self::AngivetAr,
        Self::Ingangsvarde,
        Self::SenasteMatning,
        Self::EjAngiven,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::ForegaendeAr => "Föregående år",
            Self::SammaPeriodForegaendeAr => "Samma period föregående år",
            Self::AngivetAr => "Angivet år",
            Self::Ingangsvarde => "Ingångsvärde",
            Self::SenasteMatning => "Senaste mätning",
            Self::EjAngiven => "Ej angiven",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub kind: ReferenceKind,
    pub year: Option<i32>,
}

/// A target value for one sex ("K: 16 % M: 17,2 %").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupTarget {
    pub sex: Sex,
    pub value: f64,
}

/// A target as written (`raw`) plus what could be read from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub kind: TargetKind,
    pub raw: String,
    pub operator: Option<Operator>,
    pub value: Option<f64>,
    pub value_high: Option<f64>,
    pub unit: Option<String>,
    /// For direction and change targets.
    pub direction: Option<Direction>,
    /// For change targets: the change, in `change_unit` (`%` = per cent of the reference; else absolute).
    pub change: Option<f64>,
    pub change_unit: Option<String>,
    pub reference: Option<Reference>,
    /// Separate target values for kvinnor and män.
    pub groups: Vec<GroupTarget>,
    /// The value is for the whole year ("på helår"): pro-rated at interim periods when the measure is a flow.
    pub annual: bool,
    pub extra: Extra,
}

impl Target {
    /// An empty target of a kind, for the editor.
    pub fn new(kind: TargetKind) -> Target {
        Target {
            kind,
            raw: String::new(),
            operator: None,
            value: None,
            value_high: None,
            unit: None,
            direction: None,
            change: None,
            change_unit: None,
            reference: None,
            groups: vec![],
            annual: false,
            extra: Extra::new(),
        }
    }
    /// The target value for one sex, if the target has one.
    pub fn group_value(&self, sex: Sex) -> Option<f64> {
        self.groups.iter().find(|g| g.sex == sex).map(|g| g.value)
    }
}

/// An outcome value as reported; `value` is `None` when the document gives none (never imputed).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub period: PeriodRef,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub raw: String,
    /// Where it came from: tabell, kommentar, text (or manuell when typed in).
    pub origin: Option<String>,
    /// Kvinnor or män; `None` with no subgroup is the total.
    pub sex: Option<Sex>,
    /// Another breakdown as written ("alder: 40 år", "delmatt: Filialer"); such values are shown, not graded.
    pub subgroup: Option<String>,
    pub extra: Extra,
}

impl Outcome {
    /// The total for its period: no sex and no other breakdown.
    pub fn is_total(&self) -> bool {
        self.sex.is_none() && self.subgroup.is_none()
    }
}

/// The baseline (ingångsvärde): its text and the values read from it (outcome-shaped, `raw` may be empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub raw: String,
    pub values: Vec<Outcome>,
    /// Source reference and notes as written.
    pub extra: Extra,
}

/// Whether a measure is followed up at all (Norrbotten's "Följs upp fr om 2023", "Inte relevant mått").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum ApplicabilityKind {
    #[default]
    Aktuell,
    /// Followed up from `starts_from`.
    SenareStart,
    /// Cannot be measured for this organisation.
    EjMatbar,
    /// Not relevant for this organisation: excluded from the scorecard.
    EjRelevant,
    /// Data is missing.
    DataSaknas,
}

crate::domain::keys::keys!(ApplicabilityKind {
    Aktuell => "aktuell",
    SenareStart => "senare_start",
    EjMatbar => "ej_matbar",
    EjRelevant => "ej_relevant",
    DataSaknas => "data_saknas",
});

impl ApplicabilityKind {
    pub const ALL: [ApplicabilityKind; 5] = [
        Self::Aktuell,
        Self::SenareStart,
        Self::EjMatbar,
        Self::EjRelevant,
        Self::DataSaknas,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Aktuell => "Aktuell",
            Self::SenareStart => "Följs upp senare",
            Self::EjMatbar => "Ej mätbar",
            Self::EjRelevant => "Ej relevant",
            Self::DataSaknas => "Data saknas",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applicability {
    pub kind: ApplicabilityKind,
    pub reason: String,
    pub starts_from: Option<i32>,
}

/// Måluppfyllelse of a measure or a rolled-up node in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Uppfyllt,
    Delvis,
    EjUppfyllt,
    EjBedombar,
}

crate::domain::keys::keys!(Grade {
    Uppfyllt => "uppfyllt",
    Delvis => "delvis",
    EjUppfyllt => "ej_uppfyllt",
    EjBedombar => "ej_bedombar",
});

impl Grade {
    pub const ALL: [Grade; 4] = [
        Self::Uppfyllt,
        Self::Delvis,
        Self::EjUppfyllt,
        Self::EjBedombar,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Uppfyllt => "Uppfyllt",
            Self::Delvis => "Delvis uppfyllt",
            Self::EjUppfyllt => "Ej uppfyllt",
            Self::EjBedombar => "Ej bedömbar",
        }
    }
    /// Points in the weighted share: uppfyllt 1, delvis ½, ej 0; ej bedömbar has none.
    pub fn score(self) -> Option<f64> {
        match self {
            Self::Uppfyllt => Some(1.0),
            Self::Delvis => Some(0.5),
            Self::EjUppfyllt => Some(0.0),
            Self::EjBedombar => None,
        }
    }
}

/// A grade set by hand for one period, with its mandatory motivation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualGrade {
    pub period: Period,
    pub grade: Grade,
    pub motivation: String,
}

/// A grade as a report states it for one period: the grade, the words it is stated in and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedGrade {
    pub period: Period,
    pub grade: Grade,
    /// The report's words, e.g. "Delvis uppfylls mätetalen avseende … personalfrånvaro".
    pub quote: String,
    pub source: Option<SourceRef>,
}

/// The analysis text of one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub period: Period,
    pub text: String,
}

/// How grades roll up from measures to goals, perspectives and the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RollupMethod {
    /// Weighted share of points (uppfyllt 1, delvis ½, ej 0), graded by thresholds.
    #[default]
    ViktadAndel,
    /// The worst grade among the children.
    Samsta,
    /// The most common grade among the children (a tie goes to the worse grade).
    Majoritet,
    /// No grade for rolled-up nodes: the distribution of grades only.
    EndastFordelning,
}

crate::domain::keys::keys!(RollupMethod {
    ViktadAndel => "viktad_andel",
    Samsta => "samsta",
    Majoritet => "majoritet",
    EndastFordelning => "endast_fordelning",
});

impl RollupMethod {
    pub const ALL: [RollupMethod; 4] = [
        Self::ViktadAndel,
        Self::Samsta,
        Self::Majoritet,
        Self::EndastFordelning,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::ViktadAndel => "Viktad andel",
            Self::Samsta => "Sämsta utfall",
            Self::Majoritet => "Majoritet",
            Self::EndastFordelning => "Endast fördelning",
        }
    }
}

/// When a measure has values for kvinnor and män: what sets its grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum GroupRule {
    /// Per-sex targets grade each sex and combine; otherwise the total sets the grade when there is one
    /// (the gap between women and men is shown beside it).
    #[default]
    TotalForst,
    /// Always grade each sex that has a value and combine (all uppfyllt → uppfyllt, all ej → ej, else delvis).
    Kombinera,
}

crate::domain::keys::keys!(GroupRule {
    TotalForst => "total_forst",
    Kombinera => "kombinera",
});

impl GroupRule {
    pub const ALL: [GroupRule; 2] = [Self::TotalForst, Self::Kombinera];
    pub fn label(self) -> &'static str {
        match self {
            Self::TotalForst => "Totalen avgör (kön visas bredvid)",
            Self::Kombinera => "Kvinnor och män bedöms var för sig",
        }
    }
}

/// The plan's grading and rollup settings; README.md (*Grading and rollup*) gives the rules and these defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorecardSettings {
    pub method: RollupMethod,
    /// Per cent of the target within which a miss counts as delvis when there is no reference value.
    pub tolerance_pct: f64,
    /// Pro-rate annual targets of flow measures at interim periods (value × 12 / months).
    pub prorate: bool,
    pub group_rule: GroupRule,
    /// Weighted share at or above this is uppfyllt …
    pub green_at: f64,
    /// … at or above this delvis, else ej uppfyllt.
    pub yellow_at: f64,
    /// A rolled-up node with a smaller share of its scheduled measures graded is ej bedömbar.
    pub min_coverage: f64,
    /// Weights per node id (default 1).
    pub weights: std::collections::BTreeMap<String, f64>,
}

impl Default for ScorecardSettings {
    fn default() -> Self {
        ScorecardSettings {
            method: RollupMethod::ViktadAndel,
            tolerance_pct: 5.0,
            prorate: true,
            group_rule: GroupRule::TotalForst,
            green_at: 0.8,
            yellow_at: 0.4,
            min_coverage: 0.5,
            weights: Default::default(),
        }
    }
}

impl ScorecardSettings {
    pub fn weight(&self, id: &str) -> f64 {
        self.weights.get(id).copied().unwrap_or(1.0)
    }
}
