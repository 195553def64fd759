//! A compact index of every measure's outcomes (16 bytes each, contiguous) so that grading a large plan reads
//! a few cache lines per measure instead of the full outcome records. Built from the plan whenever its
//! outcomes change (the page keeps it in a memo); grading with it gives exactly the same results as without
//! (a test compares them).

use super::assessment::{Assessment, Brief};
use super::grade::{level_rule, lower_is_better, main_unit, trend_lower, trend_of};
use crate::domain::measure::{Applicability, Grade, Operator, ScorecardSettings, TargetKind};
use crate::domain::measure::{Measure, Sex};
use crate::domain::period::Period;
use crate::domain::plan::{NodeData, Plan};

/// One outcome with a value, as grading reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fact {
    year: i32,
    from: u8,
    to: u8,
    rolling: bool,
    /// 0 total, 1 kvinnor, 2 män.
    slot: u8,
    value: f64,
}

/// A measure with one plain level target and nothing else that affects its grade (no per-sex targets,
/// reference, baseline, schedule, applicability or manual grade): it can be graded from the index alone.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Simple {
    op: Operator,
    target: f64,
    /// The measure's polarity or what its targets say (for "better than last year").
    lower: Option<bool>,
    /// The same with grading's assumption, for the trend.
    trend_lower: Option<bool>,
    flow: bool,
    critical: bool,
}

fn simple(m: &Measure) -> Option<Simple> {
    let [t] = m.targets.as_slice() else {
        return None;
    };
    let plain = matches!(t.kind, TargetKind::Niva | TargetKind::Antal)
        && t.groups.is_empty()
        && t.reference.is_none()
        && m.manual.is_empty()
        && m.follow_up.is_empty()
        && m.baseline.is_none()
        && m.applicability == Applicability::default();
    if !plain {
        return None;
    }
    let lower = lower_is_better(m);
    let op = match t.operator {
        Some(Operator::Eq) | None if lower == Some(true) => Operator::Le,
        Some(Operator::Eq) | None => Operator::Ge,
        Some(op) => op,
    };
    Some(Simple {
        op,
        target: t.value?,
        lower,
        trend_lower: trend_lower(m),
        flow: m.flow,
        critical: m.critical,
    })
}

/// The facts of every measure of a plan, by node index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    /// By node index: the measure can be graded from the index alone.
    simple: Vec<Option<Simple>>,
    ranges: Vec<(u32, u32)>,
    facts: Vec<Fact>,
}

fn months(r: &crate::domain::measure::PeriodRef) -> Option<(i32, u8, u8, bool)> {
    let year = r.year?;
    let rolling = r
        .code
        .as_deref()
        .is_some_and(|c| matches!(c.as_bytes(), [b'R', b'1', b'2', ..]));
    match (r.from_month, r.to_month) {
        (Some(a), Some(b)) if (1..=12).contains(&a) && (a..=12).contains(&b) => {
            Some((year, a, b, rolling))
        }
        _ => {
            let p = Period::from_ref(r)?;
            let (a, b) = p.code.months();
            Some((year, a, b, p.is_rolling()))
        }
    }
}

/// The outcomes grading reads: with a value, no other breakdown, a placeable period, and in the measure's unit
/// (or without a unit), as `grade::outcome_at` reads them.
fn measure_facts(m: &Measure, out: &mut Vec<Fact>) {
    let unit = main_unit(m);
    for o in &m.outcomes {
        let Some(value) = o.value else { continue };
        let unit_ok = match (unit, o.unit.as_deref()) {
            (Some(u), Some(ou)) => u == ou,
            _ => true,
        };
        if o.subgroup.is_some() || !unit_ok {
            continue;
        }
        let Some((year, from, to, rolling)) = months(&o.period) else {
            continue;
        };
        out.push(Fact {
            year,
            from,
            to,
            rolling,
            slot: match o.sex {
                None => 0,
                Some(Sex::Kvinnor) => 1,
                Some(Sex::Man) => 2,
            },
            value,
        });
    }
}

impl Facts {
    pub fn new(plan: &Plan) -> Facts {
        let mut f = Facts {
            simple: Vec::with_capacity(plan.nodes.len()),
            ranges: Vec::with_capacity(plan.nodes.len()),
            facts: Vec::new(),
        };
        for n in &plan.nodes {
            let start = f.facts.len() as u32;
            match &n.data {
                NodeData::Matt(m) => {
                    f.simple.push(simple(m));
                    measure_facts(m, &mut f.facts);
                }
                _ => f.simple.push(None),
            }
            f.ranges.push((start, f.facts.len() as u32));
        }
        f
    }

    /// Grade measure `m`, node `i` of the plan this index was built for, reading its outcomes from the index
    /// (the same [`Assessment`] as [`super::grade::assess`], which a test checks).
    pub fn assess(&self, m: &Measure, p: &Period, s: &ScorecardSettings, i: usize) -> Assessment {
        super::grade::assess_values(m, p, s, self.values(i, p))
    }

    /// Whether these facts were built for a plan with this many nodes (a cheap guard against a stale index).
    pub fn fits(&self, plan: &Plan) -> bool {
        self.ranges.len() == plan.nodes.len()
    }

    /// The brief grade of node `i` from the index alone, when it is a simple measure with no values by sex this
    /// period (those go through full grading); `None` otherwise.
    pub(super) fn brief(
        &self,
        i: usize,
        p: &Period,
        s: &ScorecardSettings,
    ) -> Option<(Brief, bool)> {
        let m = self.simple.get(i).copied().flatten()?;
        let v = self.values(i, p);
        if v[0][1].is_some() || v[0][2].is_some() {
            return None;
        }
        let (trend, _) = trend_of(v[0][0], v[1][0], m.trend_lower);
        let grade = match v[0][0] {
            None => Grade::EjBedombar,
            Some(x) => {
                let months = p.code.len_months();
                let prorate = (s.prorate && m.flow && months < 12).then_some(months);
                let lower = m.op.lower_is_better().or(m.lower).unwrap_or(false);
                level_rule(x, m.target, m.op, lower, v[1][0], prorate, s.tolerance_pct).0
            }
        };
        Some((
            Brief {
                grade,
                computed: grade,
                trend,
                scheduled: true,
                overridden: false,
            },
            m.critical,
        ))
    }

    /// The values of node `i` this period and the same period last year, [now, last] × [total, K, M], in the
    /// measure's main unit: the same rules as reading the outcomes.
    pub(super) fn values(&self, i: usize, p: &Period) -> [[Option<f64>; 3]; 2] {
        let (a, b) = self.ranges[i];
        let (pa, pb) = p.code.months();
        let rolling = p.is_rolling();
        let mut values = [[None; 3]; 2];
        for f in &self.facts[a as usize..b as usize] {
            if (f.from, f.to) != (pa, pb) || f.rolling != rolling {
                continue;
            }
            let which = if f.year == p.year {
                0
            } else if f.year == p.year - 1 {
                1
            } else {
                continue;
            };
            values[which][f.slot as usize].get_or_insert(f.value);
        }
        values
    }
}
