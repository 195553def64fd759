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
    let factor = Decimal::ONE + surcharge_pct / Decimal::ONE_HUNDRED;
    normal
        .iter()
        .map(|r| {
            let mut j = r.clone();
            if !keep.contains(&r.code) {
                j.price = rounding.apply(r.price * factor);
            }
            j
        })
        .collect()
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
        kr_sv(normal.price * (Decimal::ONE + params.jour_surcharge_pct / Decimal::ONE_HUNDRED)),
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
    let only = |a: &[TariffRow], b: &[TariffRow]| {
        let mut v: Vec<String> = a
            .iter()
            .filter(|r| !b.iter().any(|x| x.code == r.code))
            .map(|r| r.code.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    out.only_derived = only(derived, given);
    out.only_given = only(given, derived);
    out
}

/// For every row of `a`, the row of `b` it matches: same code and text, else the same code when it occurs
/// once on each side (texts are sometimes worded differently between tables and years).
pub fn match_rows(a: &[TariffRow], b: &[TariffRow]) -> Vec<Option<usize>> {
    let mut count_a: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut b_by_code: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for r in a {
        *count_a.entry(r.code.as_str()).or_default() += 1;
    }
    for (i, r) in b.iter().enumerate() {
        b_by_code.entry(r.code.as_str()).or_default().push(i);
    }
    a.iter()
        .map(|r| {
            let cands = b_by_code.get(r.code.as_str())?;
            cands
                .iter()
                .copied()
                .find(|&i| b[i].text == r.text)
                .or_else(|| (count_a[r.code.as_str()] == 1 && cands.len() == 1).then(|| cands[0]))
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
