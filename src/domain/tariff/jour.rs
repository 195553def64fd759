//! The jour (after-hours) tariff: derived from the normal one (surcharge, rounding, codes kept unchanged), and a
//! given jour tariff compared with the derived one, difference by difference.

use super::{Rounding, Tariff, TariffRow};
use crate::domain::format::{kr_sv, pct_plain_sv};
use rust_decimal::Decimal;

/// The jour rows: every price × (1 + surcharge %), rounded as `rounding` says; codes in `keep` unchanged.
pub fn derive_jour(
    normal: &[TariffRow],
    surcharge_pct: Decimal,
    rounding: Rounding,
    keep: &[String],
) -> Vec<TariffRow> {
    let factor = surcharge_factor(surcharge_pct);
    let keep: std::collections::BTreeSet<&str> = keep.iter().map(String::as_str).collect();
    normal
        .iter()
        .map(|r| {
            let mut j = r.clone();
            if !keep.contains(r.code.as_str()) {
                j.price = rounding.apply(r.price.saturating_mul(factor));
            }
            j
        })
        .collect()
}

/// 1 + surcharge / 100 (a surcharge is validated to 0–1 000 %).
fn surcharge_factor(surcharge_pct: Decimal) -> Decimal {
    Decimal::ONE.saturating_add(
        surcharge_pct
            .checked_div(Decimal::ONE_HUNDRED)
            .unwrap_or_default(),
    )
}

/// The jour rows by the tariff's own parameters.
pub fn derive_jour_of(normal: &Tariff) -> Vec<TariffRow> {
    let p = &normal.params;
    derive_jour(&normal.rows, p.jour_surcharge_pct, p.rounding, &p.jour_keep)
}

/// How a derived jour price came about, as a sentence.
pub fn explain_derived(normal: &TariffRow, params: &super::TariffParams) -> String {
    if params.jour_keep.contains(&normal.code) {
        return format!("{}: oförändrad (avgift)", kr_sv(normal.price));
    }
    format!(
        "{} + {} = {}, {}",
        kr_sv(normal.price),
        pct_plain_sv(params.jour_surcharge_pct),
        kr_sv(
            normal
                .price
                .saturating_mul(surcharge_factor(params.jour_surcharge_pct))
        ),
        params.rounding.describe()
    )
}

/// A row whose given jour price differs from the derived one.
#[derive(Debug, Clone, PartialEq)]
pub struct JourDifference {
    pub code: String,
    pub text: String,
    /// The normal price it was derived from.
    pub normal: Decimal,
    pub derived: Decimal,
    pub given: Decimal,
}

/// The outcome of comparing a given jour tariff with the derived one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JourComparison {
    pub differences: Vec<JourDifference>,
    /// Rows matched with equal prices.
    pub equal: usize,
    /// Codes only in the derived (normal) tariff, and only in the given jour tariff.
    pub only_derived: Vec<String>,
    pub only_given: Vec<String>,
}

/// Compare a given jour tariff with one derived from the normal tariff. Rows match by code and text (codes
/// repeat with different texts), else by code when it occurs once on each side (texts are sometimes worded
/// differently).
pub fn compare_jour(
    normal: &[TariffRow],
    derived: &[TariffRow],
    given: &[TariffRow],
) -> JourComparison {
    let mut out = JourComparison::default();
    for ((n, d), g) in normal.iter().zip(derived).zip(match_rows(derived, given)) {
        let Some(g) = g.map(|g| &given[g]) else {
            continue;
        };
        if g.price != d.price {
            out.differences.push(JourDifference {
                code: d.code.clone(),
                text: d.text.clone(),
                normal: n.price,
                derived: d.price,
                given: g.price,
            });
        } else {
            out.equal += 1;
        }
    }
    out.only_derived = codes_missing_from(derived, given);
    out.only_given = codes_missing_from(given, derived);
    out.only_derived.sort();
    out.only_given.sort();
    out
}

/// The codes of `a` that `b` does not have, each once, in `a`'s order (one pass over each side).
pub fn codes_missing_from(a: &[TariffRow], b: &[TariffRow]) -> Vec<String> {
    let in_b: std::collections::BTreeSet<&str> = b.iter().map(|r| r.code.as_str()).collect();
    let mut seen = std::collections::BTreeSet::new();
    a.iter()
        .filter(|r| !in_b.contains(r.code.as_str()) && seen.insert(r.code.as_str()))
        .map(|r| r.code.clone())
        .collect()
}

/// For every row of `a`, the row of `b` it matches: same code and text, else the same code when it occurs
/// once on each side (texts are sometimes worded differently between tables and years).
pub fn match_rows(a: &[TariffRow], b: &[TariffRow]) -> Vec<Option<usize>> {
    use std::collections::BTreeMap;
    let mut count_a: BTreeMap<&str, usize> = BTreeMap::new();
    for r in a {
        *count_a.entry(r.code.as_str()).or_default() += 1;
    }
    // per code: how many rows b has and its first; per code and text: b's first such row
    let mut b_by_code: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut b_by_text: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (i, r) in b.iter().enumerate() {
        b_by_code.entry(r.code.as_str()).or_insert((0, i)).0 += 1;
        b_by_text
            .entry((r.code.as_str(), r.text.as_str()))
            .or_insert(i);
    }
    a.iter()
        .map(|r| {
            let &(n_b, first) = b_by_code.get(r.code.as_str())?;
            b_by_text
                .get(&(r.code.as_str(), r.text.as_str()))
                .copied()
                .or_else(|| (count_a[r.code.as_str()] == 1 && n_b == 1).then_some(first))
        })
        .collect()
}

impl JourDifference {
    /// "Givet 1 100 kr, härlett 1 650 kr: givet pris är 550 kr lägre."
    pub fn explain(&self) -> String {
        let diff = self.given - self.derived;
        let (amount, word) = if diff < Decimal::ZERO {
            (-diff, "lägre")
        } else {
            (diff, "högre")
        };
        let same_as_normal = if self.given == self.normal {
            " Samma som normaltaxan."
        } else {
            ""
        };
        format!(
            "Givet {}, härlett {}: givet pris är {} {word}.{same_as_normal}",
            kr_sv(self.given),
            kr_sv(self.derived),
            kr_sv(amount)
        )
    }
}
