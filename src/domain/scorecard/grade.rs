//! Grading one measure in one period: måluppfyllelse (uppfyllt / delvis / ej / ej bedömbar) with the numbers
//! behind it, and the trend against the same period last year. The rules are written out in README.md
//! (*Grading and rollup*); every tolerance is a plan setting. A missing outcome is never imputed.
//!
//! The result holds numbers, not text, so that grading a large plan does not allocate; `reason.rs` writes the
//! sentence a politician reads.

pub use super::assessment::*;
pub use super::outcomes::outcome_at;
use super::outcomes::{baseline_value, latest_before, same_text, slot, Snapshot};
use crate::domain::measure::*;
use crate::domain::period::Period;

const EPS: f64 = 1e-9;

impl Operator {
    fn holds(self, v: f64, t: f64) -> bool {
        match self {
            Self::Lt => v < t - EPS,
            Self::Le => v <= t + EPS,
            Self::Gt => v > t + EPS,
            Self::Ge => v >= t - EPS,
            Self::Eq => (v - t).abs() <= EPS,
        }
    }
    /// Which way the operator says is better (`=` says nothing).
    pub fn lower_is_better(self) -> Option<bool> {
        match self {
            Self::Lt | Self::Le => Some(true),
            Self::Gt | Self::Ge => Some(false),
            Self::Eq => None,
        }
    }
}

/// Which way is better for this measure: its polarity, else what its targets say.
pub fn lower_is_better(m: &Measure) -> Option<bool> {
    if let Some(p) = m.polarity {
        return Some(p == Polarity::LowerIsBetter);
    }
    m.targets.iter().find_map(|t| match t.direction {
        Some(Direction::Minska) => Some(true),
        Some(Direction::Oka) => Some(false),
        _ => t.operator.and_then(Operator::lower_is_better),
    })
}

fn better(v: f64, than: f64, lower: bool) -> bool {
    if lower {
        v < than - EPS
    } else {
        v > than + EPS
    }
}

struct Ctx<'a> {
    m: &'a Measure,
    p: &'a Period,
    s: &'a ScorecardSettings,
    lower: Option<bool>,
    snap: Snapshot<'a>,
}

impl Ctx<'_> {
    /// The value this period (`last_year` false) or the same period last year, from the snapshot when the
    /// unit is its unit.
    fn at(&self, last_year: bool, sex: Option<Sex>, unit: Option<&str>) -> Option<f64> {
        let same = match (unit, self.snap.unit) {
            (Some(a), Some(b)) => same_text(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        if same {
            self.snap.values[last_year as usize][slot(sex)]
        } else if last_year {
            outcome_at(self.m, &self.p.previous_year(), sex, unit)
        } else {
            outcome_at(self.m, self.p, sex, unit)
        }
    }

    /// The reference value a target names.
    fn reference(
        &self,
        t: &Target,
        sex: Option<Sex>,
        unit: Option<&str>,
    ) -> Option<(f64, RefSource)> {
        let (m, p) = (self.m, self.p);
        let last_year = || {
            self.at(true, sex, unit)
                .map(|v| (v, RefSource::SamePeriodLastYear))
        };
        let base = || baseline_value(m, sex, unit, None).map(|v| (v, RefSource::Baseline));
        match t.reference.map(|r| (r.kind, r.year)) {
            Some((ReferenceKind::Ingangsvarde, _)) => base(),
            Some((ReferenceKind::AngivetAr, Some(y))) => {
                outcome_at(m, &Period::new(y, p.code), sex, unit)
                    .or_else(|| baseline_value(m, sex, unit, Some(y)))
                    .map(|v| (v, RefSource::Year(y)))
            }
            Some((ReferenceKind::SenasteMatning, _)) => {
                latest_before(m, p, sex, unit).map(|v| (v, RefSource::Latest))
            }
            Some((ReferenceKind::ForegaendeAr | ReferenceKind::SammaPeriodForegaendeAr, _)) => {
                last_year()
            }
            _ => last_year().or_else(base),
        }
    }

    fn tolerance(&self, target: f64) -> f64 {
        self.s.tolerance_pct / 100.0 * target.abs()
    }

    /// Level logic: met → uppfyllt; else better than the reference → delvis; with no reference, within the
    /// tolerance → delvis; else ej.
    #[allow(clippy::too_many_arguments)]
    fn level(
        &self,
        t: &Target,
        sex: Option<Sex>,
        v: f64,
        target: f64,
        op: Operator,
        op_assumed: bool,
        reference: Option<(f64, RefSource)>,
        change: Option<(f64, bool)>,
    ) -> Comparison {
        let months = self.p.code.len_months();
        let prorate = self.s.prorate && self.m.flow && months < 12;
        let lower = op.lower_is_better().or(self.lower).unwrap_or(false);
        let (grade, why, compared) = level_rule(
            v,
            target,
            op,
            lower,
            reference.map(|r| r.0),
            prorate.then_some(months),
            self.s.tolerance_pct,
        );
        Comparison {
            sex,
            value: v,
            compared,
            prorated_months: prorate.then_some(months),
            op,
            op_assumed,
            target,
            target_high: None,
            change,
            reference,
            kind: t.kind,
            grade,
            why,
        }
    }

    /// The unit a target's values are in: its own, else the measure's.
    fn unit<'t>(&'t self, t: &'t Target) -> Option<&'t str> {
        t.unit
            .as_deref()
            .or(Some(self.m.unit.as_str()))
            .filter(|u| !u.is_empty())
    }

    fn default_op(&self) -> Operator {
        if self.lower == Some(true) {
            Operator::Le
        } else {
            Operator::Ge
        }
    }

    /// Grade one numeric target for one sex (or the total) whose outcome is `v`.
    fn compare(&self, t: &Target, sex: Option<Sex>, v: f64) -> Result<Comparison, Basis> {
        let unit = self.unit(t);
        let target_value = match sex {
            Some(s) if !t.groups.is_empty() => t.group_value(s),
            _ => t.value,
        };
        let op_of = |t: &Target| match t.operator {
            Some(Operator::Eq) | None => (self.default_op(), true),
            Some(op) => (op, false),
        };
        match t.kind {
            TargetKind::Niva | TargetKind::Antal => {
                let tv = target_value.ok_or(Basis::IncompleteTarget(t.kind))?;
                let (op, assumed) = op_of(t);
                let r = self.reference(t, sex, unit);
                Ok(self.level(t, sex, v, tv, op, assumed, r, None))
            }
            TargetKind::Bibehalla if target_value.is_some() => {
                let (op, assumed) = op_of(t);
                let r = self.reference(t, sex, unit);
                Ok(self.level(
                    t,
                    sex,
                    v,
                    target_value.unwrap_or_default(),
                    op,
                    assumed,
                    r,
                    None,
                ))
            }
            TargetKind::Intervall => {
                let (lo, hi) = match (t.value, t.value_high) {
                    (Some(a), Some(b)) => (a.min(b), a.max(b)),
                    _ => return Err(Basis::IncompleteTarget(t.kind)),
                };
                let (grade, why) = if v >= lo - EPS && v <= hi + EPS {
                    (Grade::Uppfyllt, Why::Met)
                } else {
                    let bound = if v < lo { lo } else { hi };
                    if (v - bound).abs() <= self.tolerance(bound) + EPS {
                        (Grade::Delvis, Why::WithinTolerance)
                    } else {
                        (Grade::EjUppfyllt, Why::NotMet)
                    }
                };
                Ok(Comparison {
                    sex,
                    value: v,
                    compared: v,
                    prorated_months: None,
                    op: Operator::Ge,
                    op_assumed: false,
                    target: lo,
                    target_high: Some(hi),
                    change: None,
                    reference: None,
                    kind: t.kind,
                    grade,
                    why,
                })
            }
            TargetKind::Forandring => {
                let c = t
                    .change
                    .or(target_value)
                    .ok_or(Basis::IncompleteTarget(t.kind))?;
                let pct = t.change_unit.as_deref().or(unit) == Some("%");
                let op = match (t.direction, t.operator) {
                    (_, Some(op)) if op != Operator::Eq => op,
                    (Some(Direction::Minska), _) => Operator::Le,
                    (Some(Direction::Oka), _) => Operator::Ge,
                    _ if c < 0.0 => Operator::Le,
                    _ => Operator::Ge,
                };
                let unstated = t
                    .reference
                    .is_none_or(|r| r.kind == ReferenceKind::EjAngiven);
                if unstated && t.change.is_none() {
                    // "-10 %" with no reference: the documents report the change itself as the outcome
                    return Ok(self.level(t, sex, v, c, op, false, None, None));
                }
                let r = self.reference(t, sex, None).ok_or(Basis::NoReference)?;
                let tv = if pct {
                    r.0 * (1.0 + c / 100.0)
                } else {
                    r.0 + c
                };
                Ok(self.level(t, sex, v, tv, op, false, Some(r), Some((c, pct))))
            }
            TargetKind::Riktning | TargetKind::Bibehalla => {
                let dir = match t.kind {
                    TargetKind::Bibehalla => Direction::Bibehalla,
                    _ => t.direction.unwrap_or(Direction::Forbattra),
                };
                let lower = match dir {
                    Direction::Oka => false,
                    Direction::Minska => true,
                    Direction::Forbattra | Direction::Bibehalla => {
                        self.lower.ok_or(Basis::UnknownDirection)?
                    }
                };
                let (r, src) = self.reference(t, sex, unit).ok_or(Basis::NoReference)?;
                let (grade, why) = if dir == Direction::Bibehalla {
                    if !better(r, v, lower) {
                        (Grade::Uppfyllt, Why::Met)
                    } else if (v - r).abs() <= self.tolerance(r) + EPS {
                        (Grade::Delvis, Why::WithinTolerance)
                    } else {
                        (Grade::EjUppfyllt, Why::NotMet)
                    }
                } else if better(v, r, lower) {
                    (Grade::Uppfyllt, Why::Improved)
                } else {
                    (Grade::EjUppfyllt, Why::NotImproved)
                };
                Ok(Comparison {
                    sex,
                    value: v,
                    compared: v,
                    prorated_months: None,
                    op: if lower { Operator::Lt } else { Operator::Gt },
                    op_assumed: false,
                    target: r,
                    target_high: None,
                    change: None,
                    reference: Some((r, src)),
                    kind: t.kind,
                    grade,
                    why,
                })
            }
            k => Err(Basis::NoNumericTarget(k)),
        }
    }

    /// Grade one target: per sex or the total, following the plan's group rule.
    fn target(&self, t: &Target, out: &mut Parts) -> Result<(), Basis> {
        let unit = self.unit(t);
        let total = self.at(false, None, unit);
        let k = self.at(false, Some(Sex::Kvinnor), unit);
        let men = self.at(false, Some(Sex::Man), unit);
        let per_sex = !t.groups.is_empty() || self.s.group_rule == GroupRule::Kombinera;
        let sexes = [(Sex::Kvinnor, k), (Sex::Man, men)];
        if (per_sex || total.is_none()) && (k.is_some() || men.is_some()) {
            for (s, v) in sexes {
                if let Some(v) = v {
                    out.push(self.compare(t, Some(s), v)?);
                }
            }
            Ok(())
        } else if let Some(v) = total {
            out.push(self.compare(t, None, v)?);
            Ok(())
        } else {
            Err(Basis::NoOutcome)
        }
    }
}

/// All uppfyllt → uppfyllt, all ej → ej, else delvis.
pub fn combine(grades: impl IntoIterator<Item = Grade>) -> Grade {
    let (mut n, mut u, mut e) = (0, 0, 0);
    for g in grades {
        match g {
            Grade::EjBedombar => continue,
            Grade::Uppfyllt => u += 1,
            Grade::EjUppfyllt => e += 1,
            Grade::Delvis => {}
        }
        n += 1;
    }
    match n {
        0 => Grade::EjBedombar,
        _ if u == n => Grade::Uppfyllt,
        _ if e == n => Grade::EjUppfyllt,
        _ => Grade::Delvis,
    }
}

/// The level rule on plain numbers: met → uppfyllt; else better than the reference → delvis; with no
/// reference, within the tolerance → delvis; else ej. `prorate_months` pro-rates `v` to a year. Returns the grade,
/// why, and the value compared. Shared by full grading and the outcome index's fast path.
pub(super) fn level_rule(
    v: f64,
    target: f64,
    op: Operator,
    lower: bool,
    reference: Option<f64>,
    prorate_months: Option<u8>,
    tolerance_pct: f64,
) -> (Grade, Why, f64) {
    let compared = match prorate_months {
        Some(months) => v * 12.0 / months as f64,
        None => v,
    };
    let (grade, why) = if op.holds(compared, target) {
        (Grade::Uppfyllt, Why::Met)
    } else if let Some(r) = reference {
        if better(v, r, lower) {
            (Grade::Delvis, Why::BetterThanReference)
        } else {
            (Grade::EjUppfyllt, Why::NotBetterThanReference)
        }
    } else if (compared - target).abs() <= tolerance_pct / 100.0 * target.abs() + EPS {
        (Grade::Delvis, Why::WithinTolerance)
    } else {
        (Grade::EjUppfyllt, Why::NotMet)
    };
    (grade, why, compared)
}

/// Whether a measure is followed up in a period.
pub fn scheduled(m: &Measure, p: &Period) -> bool {
    let a = &m.applicability;
    if a.kind == ApplicabilityKind::EjRelevant {
        return false;
    }
    if a.starts_from.is_some_and(|y| p.year < y) {
        return false;
    }
    m.follow_up.is_empty() || m.follow_up.iter().any(|f| f.includes(p))
}

/// The unit a measure's values are compared in: its first target's, else its own.
pub(super) fn main_unit(m: &Measure) -> Option<&str> {
    m.targets
        .iter()
        .find_map(|t| t.unit.as_deref())
        .or(Some(m.unit.as_str()))
        .filter(|u| !u.is_empty())
}

fn computed<'a>(
    m: &'a Measure,
    p: &'a Period,
    s: &'a ScorecardSettings,
    snap: Snapshot<'a>,
) -> (Grade, Basis) {
    if !scheduled(m, p) {
        return (Grade::EjBedombar, Basis::NotScheduled);
    }
    if matches!(
        m.applicability.kind,
        ApplicabilityKind::EjMatbar | ApplicabilityKind::DataSaknas
    ) {
        return (
            Grade::EjBedombar,
            Basis::NotApplicable(m.applicability.kind),
        );
    }
    let cx = Ctx {
        m,
        p,
        s,
        lower: lower_is_better(m),
        snap,
    };
    let mut parts = Parts::default();
    let mut first_err = None;
    let mut numeric = 0;
    for t in m.targets.iter().filter(|t| t.kind.is_numeric()) {
        numeric += 1;
        if let Err(b) = cx.target(t, &mut parts) {
            first_err.get_or_insert(b);
        }
    }
    if numeric == 0 {
        let kind = m.targets.first().map_or(TargetKind::Saknas, |t| t.kind);
        return (Grade::EjBedombar, Basis::NoNumericTarget(kind));
    }
    if let Some(b) = first_err {
        // a target that cannot be graded makes the whole measure ej bedömbar: half a verdict misleads
        return (Grade::EjBedombar, b);
    }
    match parts {
        Parts {
            first: Some(c),
            rest,
        } if rest.is_empty() => (c.grade, Basis::Compared(c)),
        Parts { first, rest } => {
            let all: Vec<Comparison> = first.into_iter().chain(rest).collect();
            (combine(all.iter().map(|c| c.grade)), Basis::Combined(all))
        }
    }
}

/// The comparisons of one measure: most have exactly one, kept without a heap allocation.
#[derive(Default)]
struct Parts {
    first: Option<Comparison>,
    rest: Vec<Comparison>,
}

impl Parts {
    fn push(&mut self, c: Comparison) {
        if self.first.is_none() {
            self.first = Some(c);
        } else {
            self.rest.push(c);
        }
    }
}

/// Which way is better for the trend: the measure's polarity or its targets, else the assumption grading
/// makes (a level target without an operator means "at least").
pub(super) fn trend_lower(m: &Measure) -> Option<bool> {
    let assumed = m
        .targets
        .iter()
        .any(|t| matches!(t.kind, TargetKind::Niva | TargetKind::Antal) && t.operator.is_none())
        .then_some(false);
    lower_is_better(m).or(assumed)
}

/// The trend from this period's and last year's totals.
pub(super) fn trend_of(
    now: Option<f64>,
    before: Option<f64>,
    lower: Option<bool>,
) -> (Trend, Option<(f64, f64)>) {
    match (now, before) {
        (Some(a), Some(b)) => {
            let t = if (a - b).abs() <= EPS {
                Trend::Oforandrad
            } else if let Some(lower) = lower {
                if better(a, b, lower) {
                    Trend::Forbattrad
                } else {
                    Trend::Forsamrad
                }
            } else {
                Trend::EjJamforbar
            };
            (t, Some((a, b)))
        }
        _ => (Trend::EjJamforbar, None),
    }
}

fn trend(m: &Measure, snap: &Snapshot) -> (Trend, Option<(f64, f64)>) {
    trend_of(snap.values[0][0], snap.values[1][0], trend_lower(m))
}

/// Grade a measure in a period.
pub fn assess(m: &Measure, p: &Period, s: &ScorecardSettings) -> Assessment {
    assess_snap(m, p, s, Snapshot::new(m, p, main_unit(m)))
}

/// [`assess`] with the outcomes already read for this period (by [`super::facts::Facts`]).
pub(super) fn assess_values(
    m: &Measure,
    p: &Period,
    s: &ScorecardSettings,
    values: [[Option<f64>; 3]; 2],
) -> Assessment {
    let unit = main_unit(m);
    assess_snap(m, p, s, Snapshot { unit, values })
}

fn assess_snap(m: &Measure, p: &Period, s: &ScorecardSettings, snap: Snapshot) -> Assessment {
    let (computed, basis) = computed(m, p, s, snap);
    let manual = m.manual_grade(p).map(|g| g.grade);
    let (trend, trend_values) = trend(m, &snap);
    let sexes = snap.values[0][1].zip(snap.values[0][2]);
    Assessment {
        grade: manual.unwrap_or(computed),
        computed,
        overridden: manual.is_some(),
        scheduled: !matches!(basis, Basis::NotScheduled),
        basis,
        trend,
        trend_values,
        sexes,
    }
}
