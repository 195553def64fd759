//! Revenue at tariff prices against revenue at reference prices, Σ volume × price, over the rows where the
//! comparison means something; in total, per group and per care type; and the check against the limit.
//!
//! Volumes are matched to rows once ([`VolumeIndex`]); a price edit then recomputes [`Totals`] over the rows
//! alone, whatever the number of volume rows (code × clinic).

use super::{Tariff, TariffRow, VolumeSource};
use crate::domain::format::{kr_sv, pct_plain_sv};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The annual volume of every tariff row, summed over clinics, and the volume rows that matched nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VolumeIndex {
    pub per_row: Vec<u64>,
    /// Volume rows whose code is not in the tariff: (index in `volumes`, code).
    pub unmatched: Vec<(usize, String)>,
    /// Codes on several rows given a volume without saying which row (by text); counted on the first row.
    pub ambiguous: Vec<String>,
    /// Number of clinics named.
    pub clinics: usize,
}

impl VolumeIndex {
    pub fn new(t: &Tariff) -> Self {
        Self::of(t, &t.volumes)
    }

    /// The index of `volumes` over `t`'s rows: a jour tariff without volumes of its own weighs by its normal
    /// tariff's (matched by code and text like its own would be).
    pub fn of(t: &Tariff, volumes: &[super::VolumeRow]) -> Self {
        let mut by_code: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, r) in t.rows.iter().enumerate() {
            by_code.entry(r.code.as_str()).or_default().push(i);
        }
        let mut out = VolumeIndex {
            per_row: vec![0; t.rows.len()],
            ..Default::default()
        };
        let unique: Vec<bool> = t
            .rows
            .iter()
            .map(|r| by_code.get(r.code.as_str()).is_some_and(|v| v.len() == 1))
            .collect();
        // rows with the same code and text cannot be told apart: their volume goes to the first of them
        let mut seen = std::collections::BTreeSet::new();
        let first_of_pair: Vec<bool> = t
            .rows
            .iter()
            .map(|r| seen.insert((r.code.as_str(), r.text.as_str())))
            .collect();
        let mut last_row: Option<usize> = None;
        let mut clinics = std::collections::BTreeSet::new();
        let mut last_clinic: Option<&str> = None;
        for (vi, v) in volumes.iter().enumerate() {
            // files come grouped by clinic: look the set up only when the clinic changes
            if let Some(c) = v.clinic.as_deref().filter(|c| last_clinic != Some(*c)) {
                clinics.insert(c);
                last_clinic = Some(c);
            }
            // files list codes in the tariff's order: try the row after the last one matched first
            let next = last_row.map_or(0, |r| r + 1);
            if t.rows.get(next).is_some_and(|r| {
                r.code == v.code
                    && match &v.text {
                        None => unique[next],
                        Some(text) => r.text == *text && first_of_pair[next],
                    }
            }) {
                out.per_row[next] = out.per_row[next].saturating_add(v.count);
                last_row = Some(next);
                continue;
            }
            let Some(rows) = by_code.get(v.code.as_str()) else {
                out.unmatched.push((vi, v.code.clone()));
                continue;
            };
            let row = match (&v.text, rows.len()) {
                (_, 1) => rows[0],
                (Some(text), _) => match rows.iter().find(|&&i| t.rows[i].text == *text) {
                    Some(&i) => i,
                    None => {
                        out.unmatched.push((vi, format!("{} ”{text}”", v.code)));
                        continue;
                    }
                },
                (None, _) => {
                    if !out.ambiguous.contains(&v.code) {
                        out.ambiguous.push(v.code.clone());
                    }
                    rows[0]
                }
            };
            out.per_row[row] = out.per_row[row].saturating_add(v.count);
            last_row = Some(row);
        }
        out.clinics = clinics.len();
        out
    }
}

/// Revenue at tariff prices against revenue at reference prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Revenue {
    pub at_price: Decimal,
    pub at_reference: Decimal,
    /// Rows counted.
    pub rows: usize,
}

impl Revenue {
    /// (at price − at reference) / at reference, in per cent, two decimals (half away from zero, as a person
    /// rounds); `None` with no reference revenue. For display: the limit is checked exactly by [`Revenue::within`].
    pub fn deviation_pct(&self) -> Option<Decimal> {
        self.exact_deviation_pct().map(|d| {
            d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        })
    }

    /// The deviation in per cent, unrounded.
    pub fn exact_deviation_pct(&self) -> Option<Decimal> {
        super::percent_of(
            self.at_price.checked_sub(self.at_reference)?,
            self.at_reference,
        )
    }

    /// Whether the deviation is at most `pct` per cent in either direction, compared exactly in `Decimal`
    /// (+7,005 % is over a 7 % limit, though it shows as +7,01 %); `None` with no reference revenue.
    pub fn within(&self, pct: Decimal) -> Option<bool> {
        let d = self.exact_deviation_pct()?;
        Some(d.abs() <= pct)
    }

    /// The deviation for display beside its verdict against ±`limit` (never contradicting it), or "–".
    pub fn deviation_label(&self, limit: Decimal) -> String {
        self.exact_deviation_pct()
            .map(|d| crate::domain::format::pct_against_limit(d, limit))
            .unwrap_or_else(|| "–".into())
    }

    /// Whether the deviation is at most `pct` (upwards only; any deviation below counts).
    pub fn at_most(&self, pct: Decimal) -> Option<bool> {
        Some(self.exact_deviation_pct()? <= pct)
    }

    fn add(&mut self, volume: Decimal, price: Decimal, reference: Decimal) {
        // within validated bounds (prices ≤ 10 Mkr, volumes ≤ 10⁹ per row) these sums stay far below the
        // largest Decimal; saturating keeps a wild value from panicking
        self.at_price = self.at_price.saturating_add(volume.saturating_mul(price));
        self.at_reference = self
            .at_reference
            .saturating_add(volume.saturating_mul(reference));
        self.rows += 1;
    }
}

/// Σ volume × price and Σ volume × reference price, per key (e.g. group or care type), and in total.
pub fn revenue_by<K: Ord>(
    rows: &[TariffRow],
    volume: impl Fn(usize, &TariffRow) -> Decimal,
    key: impl Fn(&TariffRow) -> K,
) -> (Revenue, BTreeMap<K, Revenue>) {
    let mut total = Revenue::default();
    let mut by = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let Ok(reference) = r.comparable_reference() else {
            continue;
        };
        let v = volume(i, r);
        total.add(v, r.price, reference);
        by.entry(key(r))
            .or_insert_with(Revenue::default)
            .add(v, r.price, reference);
    }
    (total, by)
}

/// Where the revenue stands against the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Within,
    Over,
    /// No volumes or no reference revenue: nothing to check.
    Unknown,
}

impl Check {
    pub fn word(self) -> &'static str {
        match self {
            Check::Within => "Inom gränsen",
            Check::Over => "Över gränsen",
            Check::Unknown => "Kan inte prövas",
        }
    }
}

/// The tariff's revenue, in total, per group and per care type, against its limit.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    pub total: Revenue,
    pub by_group: BTreeMap<String, Revenue>,
    pub by_care: BTreeMap<String, Revenue>,
    pub limit_pct: Decimal,
    /// Rows left out of the comparison (intern, utbytesåtgärder, no reference price).
    pub not_compared: usize,
    pub check: Check,
}

/// Whether a deviation keeps the limit (in either direction), compared exactly.
pub fn check_of(r: &Revenue, limit_pct: Decimal) -> Check {
    match r.within(limit_pct) {
        Some(true) => Check::Within,
        Some(false) => Check::Over,
        None => Check::Unknown,
    }
}

impl Totals {
    pub fn new(t: &Tariff, idx: &VolumeIndex) -> Self {
        let vol = |i: usize, _: &TariffRow| Decimal::from(idx.per_row.get(i).copied().unwrap_or(0));
        let mut by_care = BTreeMap::new();
        let (total, by_group) = revenue_by(&t.rows, vol, |r| r.group.clone());
        for (i, r) in t.rows.iter().enumerate() {
            if let Ok(reference) = r.comparable_reference() {
                let key = r.care_type.map(|c| c.label()).unwrap_or("Utan vårdform");
                by_care
                    .entry(key.to_string())
                    .or_insert_with(Revenue::default)
                    .add(vol(i, r), r.price, reference);
            }
        }
        let not_compared = t.rows.len() - total.rows;
        let limit_pct = t.params.max_deviation_pct;
        Totals {
            check: check_of(&total, limit_pct),
            total,
            by_group,
            by_care,
            limit_pct,
            not_compared,
        }
    }

    /// The check as sentences a controller can read.
    pub fn explain(&self, source: &VolumeSource) -> String {
        if self.total.exact_deviation_pct().is_none() {
            return format!(
                "Intäktsavvikelsen kan inte beräknas: {}",
                if matches!(source, VolumeSource::None) {
                    "volymer saknas. Importera volymer per kod."
                } else {
                    "ingen jämförbar rad har en volym."
                }
            );
        };
        let mut s = format!(
            "Intäkt enligt taxan {} mot {} enligt referenspriserna (Σ volym × pris över {} jämförbara rader; {} rader jämförs inte): {}. Gränsen är ±{}: {}.",
            kr_sv(self.total.at_price),
            kr_sv(self.total.at_reference),
            self.total.rows,
            self.not_compared,
            self.total.deviation_label(self.limit_pct),
            pct_plain_sv(self.limit_pct),
            self.check.word().to_lowercase()
        );
        if source.is_assumption() {
            s.push_str(" Volymerna är ett antagande, inte verkliga siffror.");
        }
        s
    }
}
