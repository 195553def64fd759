//! A compact index of every measure's outcomes (16 bytes each, contiguous) so that grading a large plan reads
//! a few cache lines per measure instead of the full outcome records. Built from the plan whenever its
//! outcomes change (the page keeps it in a memo); grading with it gives exactly the same results as without
//! (a test compares them).

use super::grade::main_unit;
use super::period::Period;
use crate::domain::measure::{Measure, Sex};
use crate::domain::plan::{NodeData, Plan};

const ROLLING: u8 = 1;
const UNIT_OK: u8 = 2;

/// One outcome with a value, as grading reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fact {
    year: i32,
    from: u8,
    to: u8,
    flags: u8,
    /// 0 total, 1 kvinnor, 2 män.
    slot: u8,
    value: f64,
}

/// The facts of every measure of a plan, by node index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    ranges: Vec<(u32, u32)>,
    /// Whether any outcome of the measure states a unit (see `grade::outcome_at`).
    any_unit: Vec<bool>,
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

fn measure_facts(m: &Measure, out: &mut Vec<Fact>) -> bool {
    let unit = main_unit(m);
    let mut any_unit = false;
    for o in &m.outcomes {
        any_unit |= o.unit.is_some();
        let Some(value) = o.value else { continue };
        if o.subgroup.is_some() {
            continue;
        }
        let Some((year, from, to, rolling)) = months(&o.period) else {
            continue;
        };
        let unit_ok = match (unit, o.unit.as_deref()) {
            (Some(u), Some(ou)) => u == ou,
            _ => true,
        };
        out.push(Fact {
            year,
            from,
            to,
            flags: (rolling as u8 * ROLLING) | (unit_ok as u8 * UNIT_OK),
            slot: match o.sex {
                None => 0,
                Some(Sex::Kvinnor) => 1,
                Some(Sex::Man) => 2,
            },
            value,
        });
    }
    any_unit
}

impl Facts {
    pub fn new(plan: &Plan) -> Facts {
        let mut f = Facts {
            ranges: Vec::with_capacity(plan.nodes.len()),
            any_unit: Vec::with_capacity(plan.nodes.len()),
            facts: Vec::new(),
        };
        for n in &plan.nodes {
            let start = f.facts.len() as u32;
            let any = match &n.data {
                NodeData::Matt(m) => measure_facts(m, &mut f.facts),
                _ => false,
            };
            f.ranges.push((start, f.facts.len() as u32));
            f.any_unit.push(any);
        }
        f
    }

    /// Whether these facts were built for a plan with this many nodes (a cheap guard against a stale index).
    pub fn fits(&self, plan: &Plan) -> bool {
        self.ranges.len() == plan.nodes.len()
    }

    /// The values of node `i` this period and the same period last year, [now, last] × [total, K, M], in the
    /// measure's main unit: the same rules as reading the outcomes.
    pub(super) fn values(&self, i: usize, p: &Period, unit: Option<&str>) -> [[Option<f64>; 3]; 2] {
        let (a, b) = self.ranges[i];
        let (pa, pb) = p.code.months();
        let rolling = p.is_rolling() as u8;
        let mut best = [[None; 3]; 2];
        let mut other = [[None; 3]; 2];
        for f in &self.facts[a as usize..b as usize] {
            if (f.from, f.to) != (pa, pb) || (f.flags & ROLLING) != rolling {
                continue;
            }
            let which = if f.year == p.year {
                0
            } else if f.year == p.year - 1 {
                1
            } else {
                continue;
            };
            let cell = if f.flags & UNIT_OK != 0 {
                &mut best
            } else {
                &mut other
            };
            cell[which][f.slot as usize].get_or_insert(f.value);
        }
        // a value in another unit only when no outcome of the measure states a unit
        if unit.is_none() || !self.any_unit[i] {
            best.iter_mut()
                .zip(other)
                .for_each(|(b, o)| b.iter_mut().zip(o).for_each(|(b, o)| *b = b.or(o)));
        }
        best
    }
}
