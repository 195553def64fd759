//! A proposal that meets the revenue limit: new prices, by one factor for every comparable row or one factor
//! per group, rounded as the tariff rounds, so that the revenue deviation ends at or just below the target.
//!
//! Guarantees (tested): the new deviation is ≤ the target (and the target may not exceed the limit); when
//! prices are lowered no row's price goes up (rounding up is capped at the old price); when the target cannot
//! be reached the answer says why instead of proposing something that breaks the rule.

use super::revenue::{Revenue, Totals, VolumeIndex};
use super::{PriceUnit, Rounding, Tariff, TariffRow};
use crate::domain::format::{kr_sv, pct_plain_sv, pct_sv};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One factor for every comparable row.
    Uniform,
    /// One factor per group; every group ends at or below the target.
    PerGroup,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    /// The revenue deviation to reach, in % (at most the tariff's limit).
    pub target_pct: Decimal,
    pub mode: Mode,
    /// Only lower prices: groups (or the tariff) already at or below the target stay as they are.
    pub only_lower: bool,
}

/// One row the proposal changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub row: usize,
    pub code: String,
    pub text: String,
    pub group: String,
    pub old: Decimal,
    pub new: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The factor per group (or `"Alla jämförbara rader"` for a uniform proposal).
    pub factors: BTreeMap<String, Decimal>,
    pub changes: Vec<Change>,
    pub before: Totals,
    pub after: Totals,
}

/// Why no proposal exists.
#[derive(Debug, Clone, PartialEq)]
pub enum NoProposal {
    TargetAboveLimit {
        target: Decimal,
        limit: Decimal,
    },
    NoVolumes,
    /// Even the lowest prices rounding allows stay above the target (in this group, if per group).
    Unreachable {
        group: Option<String>,
        lowest: Decimal,
    },
}

impl std::fmt::Display for NoProposal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoProposal::TargetAboveLimit { target, limit } => write!(
                f,
                "Inget förslag: målet {} ligger utanför regeln (högst ±{}).",
                pct_sv(*target),
                pct_plain_sv(*limit)
            ),
            NoProposal::NoVolumes => write!(
                f,
                "Inget förslag: utan volymer på jämförbara rader går intäkten inte att beräkna."
            ),
            NoProposal::Unreachable { group, lowest } => write!(
                f,
                "Inget förslag: {} kan inte nå målet; även med lägsta möjliga priser efter avrundning blir avvikelsen {}.",
                group
                    .as_ref()
                    .map(|g| format!("gruppen ”{g}”"))
                    .unwrap_or_else(|| "taxan".into()),
                pct_sv(*lowest)
            ),
        }
    }
}

/// A new price: per-action prices round as the tariff rounds; per-minute and per-item prices to whole öre.
/// Lowering never rounds a price above the old one.
fn new_price(r: &TariffRow, f: Decimal, rounding: Rounding) -> Decimal {
    if f == Decimal::ONE {
        return r.price;
    }
    let raw = r.price.saturating_mul(f);
    let p = match r.unit {
        PriceUnit::PerAction => rounding.apply(raw),
        _ => crate::domain::format::round2(raw),
    };
    if f < Decimal::ONE {
        p.min(r.price)
    } else {
        p
    }
}

/// Revenue of `rows` (indices into the tariff) with every price scaled by `f`.
fn revenue_at(t: &Tariff, idx: &VolumeIndex, rows: &[usize], f: Decimal) -> Revenue {
    let mut rev = Revenue::default();
    for &i in rows {
        let r = &t.rows[i];
        let Ok(reference) = r.comparable_reference() else {
            continue;
        };
        let v = Decimal::from(idx.per_row[i]);
        rev.at_price =
            rev.at_price
                .saturating_add(v.saturating_mul(new_price(r, f, t.params.rounding)));
        rev.at_reference = rev.at_reference.saturating_add(v.saturating_mul(reference));
        rev.rows += 1;
    }
    rev
}

/// The largest factor whose rounded revenue keeps `target`, for these rows.
fn factor_for(
    t: &Tariff,
    idx: &VolumeIndex,
    rows: &[usize],
    target: Decimal,
    only_lower: bool,
    group: Option<&str>,
) -> Result<Decimal, NoProposal> {
    // whether the revenue at factor f keeps the target, compared exactly (not on the rounded percentage)
    let keeps = |f: Decimal| revenue_at(t, idx, rows, f).at_most(target);
    let now_keeps = keeps(Decimal::ONE).ok_or(NoProposal::NoVolumes)?;
    if now_keeps && only_lower {
        return Ok(Decimal::ONE);
    }
    let tiny = Decimal::new(1, 6);
    if keeps(tiny) == Some(false) {
        let lowest = revenue_at(t, idx, rows, tiny)
            .deviation_pct()
            .unwrap_or_default();
        return Err(NoProposal::Unreachable {
            group: group.map(str::to_string),
            lowest,
        });
    }
    // the deviation is non-decreasing in f: bisect for the largest f that keeps the target
    let (mut lo, mut hi) = if now_keeps {
        let mut hi = Decimal::TWO;
        while keeps(hi) == Some(true) && hi < Decimal::from(1000) {
            hi *= Decimal::TWO;
        }
        (Decimal::ONE, hi)
    } else {
        (tiny, Decimal::ONE)
    };
    for _ in 0..48 {
        let mid = ((lo + hi) / Decimal::TWO).round_dp(12);
        if mid == lo || mid == hi {
            break;
        }
        if keeps(mid) == Some(true) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// Propose new prices that bring the revenue deviation to at most `req.target_pct`.
pub fn propose(t: &Tariff, idx: &VolumeIndex, req: Request) -> Result<Proposal, NoProposal> {
    let limit = t.params.max_deviation_pct;
    if req.target_pct.abs() > limit {
        return Err(NoProposal::TargetAboveLimit {
            target: req.target_pct,
            limit,
        });
    }
    let comparable: Vec<usize> = (0..t.rows.len())
        .filter(|&i| t.rows[i].comparable_reference().is_ok())
        .collect();
    let mut factors = BTreeMap::new();
    let mut factor_of_row = vec![Decimal::ONE; t.rows.len()];
    match req.mode {
        Mode::Uniform => {
            let f = factor_for(t, idx, &comparable, req.target_pct, req.only_lower, None)?;
            for &i in &comparable {
                factor_of_row[i] = f;
            }
            factors.insert("Alla jämförbara rader".to_string(), f);
        }
        Mode::PerGroup => {
            let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for &i in &comparable {
                groups.entry(t.rows[i].group.as_str()).or_default().push(i);
            }
            for (g, rows) in groups {
                let f = match factor_for(t, idx, &rows, req.target_pct, req.only_lower, Some(g)) {
                    Ok(f) => f,
                    // a group without volume has no revenue to weigh: leave it
                    Err(NoProposal::NoVolumes) => Decimal::ONE,
                    Err(e) => return Err(e),
                };
                for &i in &rows {
                    factor_of_row[i] = f;
                }
                factors.insert(g.to_string(), f);
            }
        }
    }
    let before = Totals::new(t, idx);
    if before.total.at_reference.is_zero() {
        return Err(NoProposal::NoVolumes);
    }
    let mut next = t.clone();
    let mut changes = vec![];
    for (i, r) in t.rows.iter().enumerate() {
        let p = new_price(r, factor_of_row[i], t.params.rounding);
        if p != r.price {
            changes.push(Change {
                row: i,
                code: r.code.clone(),
                text: r.text.clone(),
                group: r.group.clone(),
                old: r.price,
                new: p,
            });
            next.rows[i].price = p;
        }
    }
    let after = Totals::new(&next, idx);
    Ok(Proposal {
        factors,
        changes,
        before,
        after,
    })
}

impl Proposal {
    /// Write the proposed prices into the tariff.
    pub fn apply(&self, t: &mut Tariff) {
        for c in &self.changes {
            if let Some(r) = t.rows.get_mut(c.row) {
                r.price = c.new;
            }
        }
    }

    pub fn explain(&self, t: &Tariff) -> String {
        let dev = |r: &Revenue| r.deviation_label(t.params.max_deviation_pct);
        if self.changes.is_empty() {
            return format!(
                "Taxan håller redan målet ({}); inga priser ändras.",
                dev(&self.before.total)
            );
        }
        format!(
            "{} rader ändras ({}). Intäkt enligt taxan {} → {}; avvikelse {} → {} mot gränsen ±{}.",
            self.changes.len(),
            t.params.rounding.describe(),
            kr_sv(self.before.total.at_price),
            kr_sv(self.after.total.at_price),
            dev(&self.before.total),
            dev(&self.after.total),
            pct_plain_sv(t.params.max_deviation_pct)
        )
    }
}
