//! Finding a measure's outcome values for grading: by period, sex and unit, from its outcomes or its baseline.
//! A missing value is `None`, never imputed.

use crate::domain::measure::*;
use crate::domain::period::Period;

/// Units are a few bytes: compare them in place rather than through a library call per outcome.
pub(super) fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

pub(super) fn unit_ok(o: &Outcome, unit: Option<&str>) -> bool {
    match (unit, o.unit.as_deref()) {
        (Some(u), Some(ou)) => same_text(u, ou),
        _ => true,
    }
}

/// The outcome value for a period and sex (`None` = total), preferring the target's unit when several differ.
/// A value in another unit (e.g. "322 st" beside a share target) is not this target's outcome.
pub fn outcome_at(m: &Measure, p: &Period, sex: Option<Sex>, unit: Option<&str>) -> Option<f64> {
    m.outcomes
        .iter()
        .filter(|o| o.sex == sex && o.subgroup.is_none() && unit_ok(o, unit))
        .filter(|o| p.matches(&o.period))
        .find_map(|o| o.value)
}

/// A measure's values for a period and the same period last year (total, kvinnor, män) in one unit, found in
/// one pass over its outcomes: grading a large plan reads each outcome once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Snapshot<'a> {
    pub(super) unit: Option<&'a str>,
    /// [this period, last year] × [total, kvinnor, män]
    pub(super) values: [[Option<f64>; 3]; 2],
}

pub(super) fn slot(sex: Option<Sex>) -> usize {
    match sex {
        None => 0,
        Some(Sex::Kvinnor) => 1,
        Some(Sex::Man) => 2,
    }
}

impl<'a> Snapshot<'a> {
    /// Same rules as [`outcome_at`]: the first value in `unit` (or without a unit).
    pub(super) fn new(m: &Measure, p: &Period, unit: Option<&'a str>) -> Snapshot<'a> {
        let prev = p.previous_year();
        let mut values = [[None; 3]; 2];
        for o in &m.outcomes {
            let Some(v) = o.value else { continue };
            if o.subgroup.is_some() || !unit_ok(o, unit) {
                continue;
            }
            let which = if p.matches(&o.period) {
                0
            } else if prev.matches(&o.period) {
                1
            } else {
                continue;
            };
            values[which][slot(o.sex)].get_or_insert(v);
        }
        Snapshot { unit, values }
    }
}

pub(super) fn baseline_value(
    m: &Measure,
    sex: Option<Sex>,
    unit: Option<&str>,
    year: Option<i32>,
) -> Option<f64> {
    m.baseline
        .as_ref()?
        .values
        .iter()
        .filter(|o| o.sex == sex && o.subgroup.is_none() && unit_ok(o, unit))
        .filter(|o| year.is_none() || o.period.year == year)
        .filter_map(|o| o.value.map(|v| (o.period.year.unwrap_or(i32::MIN), v)))
        // the latest baseline value
        .max_by_key(|(y, _)| *y)
        .map(|(_, v)| v)
}

pub(super) fn latest_before(
    m: &Measure,
    p: &Period,
    sex: Option<Sex>,
    unit: Option<&str>,
) -> Option<f64> {
    m.outcomes
        .iter()
        .filter(|o| o.sex == sex && o.subgroup.is_none() && unit_ok(o, unit))
        .filter_map(|o| {
            let q = Period::from_ref(&o.period)?;
            (q.sort_key() < p.sort_key()).then_some((q.sort_key(), o.value?))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|x| x.1)
}
