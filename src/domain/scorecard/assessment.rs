//! What grading one measure in one period gives: the grade, the comparisons behind it (`Basis`, `Comparison`,
//! `Why`) and the trend. Numbers, not text: `reason.rs` writes the sentences.

use crate::domain::measure::*;

/// Why a comparison came out as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The target is met.
    Met,
    /// Not met, but better than the reference value.
    BetterThanReference,
    /// Not met, not better than the reference.
    NotBetterThanReference,
    /// Not met, no reference, but within the tolerance.
    WithinTolerance,
    /// Not met, no reference, outside the tolerance.
    NotMet,
    /// Direction target: better than the reference.
    Improved,
    /// Direction target: equal to or worse than the reference.
    NotImproved,
}

/// Where a reference value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefSource {
    SamePeriodLastYear,
    Baseline,
    Year(i32),
    Latest,
}

/// One outcome against one target value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// Kvinnor, män, or the total.
    pub sex: Option<Sex>,
    pub value: f64,
    /// The value compared with the target: the pro-rated forecast when `prorated_months` is set.
    pub compared: f64,
    pub prorated_months: Option<u8>,
    pub op: Operator,
    /// The operator was not written; it was taken from the measure's polarity (or assumed ≥).
    pub op_assumed: bool,
    pub target: f64,
    /// Upper bound of a range target.
    pub target_high: Option<f64>,
    /// A change target: the change that gave `target` from the reference.
    pub change: Option<(f64, bool)>,
    pub reference: Option<(f64, RefSource)>,
    pub kind: TargetKind,
    pub grade: Grade,
    pub why: Why,
}

/// Why a measure got its computed grade.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// Not followed up in this period.
    NotScheduled,
    /// Marked as not applicable (ej mätbar, ej relevant, data saknas, senare start).
    NotApplicable(ApplicabilityKind),
    /// No target the engine can grade (qualitative, state, none …): needs a manual grade.
    NoNumericTarget(TargetKind),
    /// The target lacks the value it needs.
    IncompleteTarget(TargetKind),
    /// Direction "förbättra" without a polarity.
    UnknownDirection,
    /// No outcome for the period.
    NoOutcome,
    /// A direction or change target whose reference value is missing.
    NoReference,
    Compared(Comparison),
    /// Several comparisons (per sex or several targets), combined.
    Combined(Vec<Comparison>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trend {
    Forbattrad,
    Oforandrad,
    Forsamrad,
    EjJamforbar,
}

impl Trend {
    pub fn label(self) -> &'static str {
        match self {
            Self::Forbattrad => "Förbättrad",
            Self::Oforandrad => "Oförändrad",
            Self::Forsamrad => "Försämrad",
            Self::EjJamforbar => "Ej jämförbar",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Self::Forbattrad => "forbattrad",
            Self::Oforandrad => "oforandrad",
            Self::Forsamrad => "forsamrad",
            Self::EjJamforbar => "ej_jamforbar",
        }
    }
}

/// The grade of a measure in a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// What counts: the manual grade if one is set, else the computed one.
    pub grade: Grade,
    pub computed: Grade,
    pub basis: Basis,
    /// A manual grade is set for this period (the measure holds it and its motivation).
    pub overridden: bool,
    /// The measure is followed up in this period (counts in the report's "mäts").
    pub scheduled: bool,
    pub trend: Trend,
    /// This period's and last year's total, when both exist.
    pub trend_values: Option<(f64, f64)>,
    /// Kvinnor and män this period, when both exist: the gap is shown beside the grade.
    pub sexes: Option<(f64, f64)>,
}

/// A measure's grade in brief: what rollup, tables and filters need. The full [`Assessment`] (with the numbers
/// behind the grade, for the reason) is [`super::Scorecard::assessment`]; keeping it out keeps a large plan's
/// scorecard small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Brief {
    pub grade: Grade,
    pub computed: Grade,
    pub trend: Trend,
    pub scheduled: bool,
    pub overridden: bool,
}

impl From<&Assessment> for Brief {
    fn from(a: &Assessment) -> Brief {
        Brief {
            grade: a.grade,
            computed: a.computed,
            trend: a.trend,
            scheduled: a.scheduled,
            overridden: a.overridden,
        }
    }
}
