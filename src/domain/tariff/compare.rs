//! One tariff against another (e.g. 2025 against 2024): the change per row, and the change weighted by the
//! newer tariff's volumes.

use super::jour::{codes_missing_from, match_rows};
use super::percent_of;
use super::revenue::VolumeIndex;
use super::Tariff;
use crate::domain::format::{kr_sv, pct_sv};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub code: String,
    pub text: String,
    pub old: Decimal,
    pub new: Decimal,
    /// (new − old) / old in %, two decimals; `None` when the old price is 0.
    pub change_pct: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// Every matched row, in the newer tariff's order.
    pub rows: Vec<RowChange>,
    /// Codes only in the newer / only in the older tariff.
    pub only_new: Vec<String>,
    pub only_old: Vec<String>,
    /// Σ volume × new / Σ volume × old − 1, in %, over matched rows; `None` without volumes.
    pub weighted_pct: Option<Decimal>,
    /// The plain mean of the per-row changes, in %.
    pub mean_pct: Option<Decimal>,
}

/// Compare `new` with `old`; volumes are the newer tariff's.
pub fn compare(new: &Tariff, idx: &VolumeIndex, old: &Tariff) -> Comparison {
    let mut out = Comparison::default();
    let (mut at_new, mut at_old, mut sum_pct, mut n_pct) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, 0u32);
    let matches = match_rows(&new.rows, &old.rows);
    for (i, (r, m)) in new.rows.iter().zip(&matches).enumerate() {
        let Some(o) = m.map(|m| &old.rows[m]) else {
            continue;
        };
        let change_pct =
            percent_of(r.price.saturating_sub(o.price), o.price).map(|c| c.round_dp(2));
        if let Some(c) = change_pct {
            sum_pct = sum_pct.saturating_add(c);
            n_pct += 1;
        }
        let v = Decimal::from(idx.per_row.get(i).copied().unwrap_or(0));
        at_new = at_new.saturating_add(v.saturating_mul(r.price));
        at_old = at_old.saturating_add(v.saturating_mul(o.price));
        out.rows.push(RowChange {
            code: r.code.clone(),
            text: r.text.clone(),
            old: o.price,
            new: r.price,
            change_pct,
        });
    }
    out.only_new = codes_missing_from(&new.rows, &old.rows);
    out.only_old = codes_missing_from(&old.rows, &new.rows);
    out.weighted_pct = percent_of(at_new.saturating_sub(at_old), at_old).map(|c| c.round_dp(2));
    out.mean_pct = sum_pct
        .checked_div(Decimal::from(n_pct))
        .map(|m| m.round_dp(2));
    out
}

impl Comparison {
    pub fn explain(&self, new: &Tariff, old: &Tariff) -> String {
        let changed = self.rows.iter().filter(|r| r.old != r.new).count();
        let mut s = format!(
            "{} mot {}: {} rader jämförda, {} med ändrat pris.",
            new.name,
            old.name,
            self.rows.len(),
            changed
        );
        if let Some(w) = self.weighted_pct {
            s.push_str(&format!(" Volymvägd förändring {}.", pct_sv(w)));
        }
        if let Some(m) = self.mean_pct {
            s.push_str(&format!(" Ovägt medel per rad {}.", pct_sv(m)));
        }
        if let Some(big) = self
            .rows
            .iter()
            .filter(|r| r.change_pct.is_some())
            .max_by_key(|r| r.change_pct.unwrap_or_default().abs())
        {
            s.push_str(&format!(
                " Största ändring: {} {} → {}.",
                big.code,
                kr_sv(big.old),
                kr_sv(big.new)
            ));
        }
        s
    }
}
