//! Dental tariffs (tandvårdstaxa): a price list per action code next to the state's reference prices, with the
//! region's rules as parameters, and annual volumes per code (optionally per clinic).
//!
//! - [`revenue`]: deviation per row, revenue at tariff vs reference prices and the check against the limit;
//! - [`proposal`]: new prices that meet the limit, by a uniform factor or per group;
//! - [`jour`]: the after-hours tariff derived from the normal one, and a given one compared with it;
//! - [`compare`]: one tariff against another (e.g. 2025 against 2024);
//! - [`subsidy`]: what a patient pays under the state dental subsidy, by dated rule sets;
//! - [`csv_io`]: CSV in our columns and in what Swedish Excel writes (the demo tariffs are converted in `crate::seed`).
//!
//! Money is `Decimal` kronor, never a float.

pub mod compare;
pub mod csv_io;
pub mod jour;
pub mod proposal;
pub mod revenue;
pub mod subsidy;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

pub use jour::{compare_jour, derive_jour, JourDifference};
pub use revenue::{Revenue, Totals, VolumeIndex};

/// Allmäntandvård or specialisttandvård.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CareType {
    A,
    S,
}

crate::domain::keys::keys!(CareType {
    A => "A",
    S => "S",
});

impl CareType {
    pub fn label(self) -> &'static str {
        match self {
            CareType::A => "Allmäntandvård",
            CareType::S => "Specialisttandvård",
        }
    }
}

/// Extern: a TLV code with a reference price. Intern: a local code without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeKind {
    Extern,
    Intern,
}

crate::domain::keys::keys!(CodeKind {
    Extern => "extern",
    Intern => "intern",
});

/// What a price is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PriceUnit {
    PerAction,
    PerMinute,
    PerItem,
}

crate::domain::keys::keys!(PriceUnit {
    PerAction => "per_atgard",
    PerMinute => "per_minut",
    PerItem => "per_styck",
});

impl PriceUnit {
    pub fn label(self) -> &'static str {
        match self {
            PriceUnit::PerAction => "per åtgärd",
            PriceUnit::PerMinute => "per minut",
            PriceUnit::PerItem => "per styck",
        }
    }
}

/// Whether a tariff is the normal one or the after-hours (jour) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TariffKind {
    Normal,
    Jour,
}

crate::domain::keys::keys!(TariffKind {
    Normal => "normal",
    Jour => "jour",
});

/// A tariff named for a choice among others, without doubled words: its name, with the year and "(jour)" added
/// only when the name does not already say them ("Folktandvården Jönköping – taxa 2025", not "… taxa 2025 2025").
pub fn tariff_title(name: &str, year: i32, kind: TariffKind) -> String {
    let name = name.trim();
    let mut s = name.to_string();
    if !name.contains(&year.to_string()) {
        s.push_str(&format!(" {year}"));
    }
    if kind == TariffKind::Jour && !name.to_lowercase().contains("jour") {
        s.push_str(" (jour)");
    }
    s
}

/// How new prices are rounded: to a step in kronor, up or to the nearest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rounding {
    pub step: Decimal,
    pub up: bool,
}

impl Rounding {
    /// `v` rounded to the step. Never panics: a step too small to divide by (validation allows 0 or at least
    /// 0,01 kr) leaves `v` as it is.
    pub fn apply(&self, v: Decimal) -> Decimal {
        if self.step <= Decimal::ZERO {
            return v;
        }
        let Some(q) = v.checked_div(self.step) else {
            return v;
        };
        let q = if self.up {
            q.ceil()
        } else {
            q.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        };
        q.checked_mul(self.step).unwrap_or(v)
    }

    pub fn describe(&self) -> String {
        if self.step <= Decimal::ZERO {
            "ingen avrundning".into()
        } else {
            format!(
                "{} till närmaste {}",
                if self.up { "uppåt" } else { "avrundat" },
                crate::domain::format::kr_sv(self.step)
            )
        }
    }
}

/// The region's rules for the tariff; parameters, not constants.
#[derive(Debug, Clone, PartialEq)]
pub struct TariffParams {
    /// The largest allowed deviation of revenue at tariff prices from revenue at reference prices, in %.
    pub max_deviation_pct: Decimal,
    /// The jour surcharge on normal prices, in %.
    pub jour_surcharge_pct: Decimal,
    pub rounding: Rounding,
    /// Codes whose jour price is the normal price (fees).
    pub jour_keep: Vec<String>,
}

impl Default for TariffParams {
    fn default() -> Self {
        TariffParams {
            max_deviation_pct: Decimal::from(7),
            jour_surcharge_pct: Decimal::from(50),
            rounding: Rounding {
                step: Decimal::from(5),
                up: true,
            },
            jour_keep: vec![],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TariffRow {
    pub code: String,
    pub care_type: Option<CareType>,
    pub group: String,
    pub kind: CodeKind,
    pub text: String,
    pub price: Decimal,
    pub reference: Option<Decimal>,
    pub unit: PriceUnit,
    pub source_line: Option<u32>,
}

/// Why a row is left out of the comparison with reference prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCompared {
    Intern,
    Replacement,
    NoReference,
}

impl NotCompared {
    pub fn label(self) -> &'static str {
        match self {
            NotCompared::Intern => "intern kod utan referenspris",
            NotCompared::Replacement => {
                "utbytesåtgärd: referenspriset gäller den ersatta behandlingen, jämförs inte"
            }
            NotCompared::NoReference => "referenspris saknas",
        }
    }
}

impl TariffRow {
    /// An utbytesåtgärd (921–929, also with S): its "reference price" is that of the treatment it replaces,
    /// so comparing the two means nothing.
    pub fn is_replacement(&self) -> bool {
        let digits = self.code.trim_end_matches('S');
        digits.len() == 3 && digits.starts_with("92") && digits != "920"
    }

    /// The reference price when the comparison with it means something, else why not.
    pub fn comparable_reference(&self) -> Result<Decimal, NotCompared> {
        if self.kind == CodeKind::Intern {
            return Err(NotCompared::Intern);
        }
        if self.is_replacement() {
            return Err(NotCompared::Replacement);
        }
        self.reference
            .filter(|r| !r.is_zero())
            .ok_or(NotCompared::NoReference)
    }

    /// Deviation from the reference price, in kronor and per cent, when the comparison means something.
    pub fn deviation(&self) -> Option<(Decimal, Decimal)> {
        let r = self.comparable_reference().ok()?;
        let kr = self.price.checked_sub(r)?;
        Some((kr, percent_of(kr, r)?.round_dp(2)))
    }

    /// Whether the row's deviation from its reference price is beyond ±`limit` per cent, compared exactly;
    /// `None` when the comparison means nothing.
    pub fn over_limit(&self, limit: Decimal) -> Option<bool> {
        let r = self.comparable_reference().ok()?;
        Some(percent_of(self.price.checked_sub(r)?, r)?.abs() > limit)
    }

    /// The deviation in per cent as shown beside its verdict against ±`limit` (never contradicting it).
    pub fn deviation_label(&self, limit: Decimal) -> Option<String> {
        let r = self.comparable_reference().ok()?;
        let pct = percent_of(self.price.checked_sub(r)?, r)?;
        Some(crate::domain::format::pct_against_limit(pct, limit))
    }

    /// The deviation as a sentence: "1 100 kr mot referenspris 1 015 kr: +85 kr (+8,4 %)".
    pub fn explain_deviation(&self) -> String {
        use crate::domain::format::{kr_sv, pct_sv};
        match self.comparable_reference() {
            Ok(r) => {
                let kr = self.price.saturating_sub(r);
                let sign = if kr > Decimal::ZERO { "+" } else { "" };
                format!(
                    "{} mot referenspris {}: {sign}{} ({})",
                    kr_sv(self.price),
                    kr_sv(r),
                    kr_sv(kr),
                    percent_of(kr, r).map(pct_sv).unwrap_or_else(|| "–".into())
                )
            }
            Err(why) => format!("{}: {}", kr_sv(self.price), why.label()),
        }
    }
}

/// `part` as per cent of `whole` (`part / whole × 100`), or `None` when `whole` is zero or the quotient does
/// not fit a `Decimal`. Every percentage of money goes through here, so no division can panic.
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    part.checked_div(whole)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// One annual volume: a count for a code, optionally for one clinic. A code that occurs on several rows (with
/// different texts) takes `text` to say which row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeRow {
    pub code: String,
    pub text: Option<String>,
    pub clinic: Option<String>,
    pub count: u64,
}

/// Where the volumes come from; an assumption is never shown as real figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeSource {
    /// No volumes: revenue cannot be weighed.
    None,
    /// Equal volumes per row, made up for the demo.
    AssumedEqual { per_row: u64 },
    /// Read from a file.
    Imported { file: String },
}

impl VolumeSource {
    pub fn label(&self) -> String {
        match self {
            VolumeSource::None => "Volymer saknas: intäkterna kan inte vägas, bara priserna jämföras.".into(),
            VolumeSource::AssumedEqual { per_row } => format!(
                "Antagande: lika volym ({per_row} per kod och år) för varje kod. Inga verkliga volymer – importera dem för en riktig prövning."
            ),
            VolumeSource::Imported { file } => format!("Volymer importerade från ”{file}”."),
        }
    }
    /// The same in a few words, for the tariff list.
    pub fn short_label(&self) -> String {
        match self {
            VolumeSource::None => "Volymer saknas".into(),
            VolumeSource::AssumedEqual { .. } => "Antagna volymer".into(),
            VolumeSource::Imported { file } => format!("Volymer från ”{file}”"),
        }
    }
    pub fn is_assumption(&self) -> bool {
        matches!(self, VolumeSource::AssumedEqual { .. })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tariff {
    pub id: String,
    pub organisation: String,
    pub name: String,
    pub year: i32,
    pub valid_from: Option<NaiveDate>,
    pub kind: TariffKind,
    /// For a jour tariff: the normal tariff it belongs to.
    pub normal_id: Option<String>,
    pub params: TariffParams,
    pub rows: Vec<TariffRow>,
    pub volume_source: VolumeSource,
    pub volumes: Vec<VolumeRow>,
    pub updated_at: String,
    /// The document the tariff came from.
    pub source: Option<String>,
}

impl Tariff {
    pub fn new(id: String, name: String, year: i32, updated_at: String) -> Self {
        Tariff {
            id,
            organisation: String::new(),
            name,
            year,
            valid_from: NaiveDate::from_ymd_opt(year, 1, 1),
            kind: TariffKind::Normal,
            normal_id: None,
            params: TariffParams::default(),
            rows: vec![],
            volume_source: VolumeSource::None,
            volumes: vec![],
            updated_at,
            source: None,
        }
    }

    /// Equal volumes for every row (the demo's assumption), replacing any volumes.
    pub fn assume_equal_volumes(&mut self, per_row: u64) {
        let mut rows_of_code: std::collections::BTreeMap<&str, usize> = Default::default();
        for r in &self.rows {
            *rows_of_code.entry(r.code.as_str()).or_default() += 1;
        }
        self.volumes = self
            .rows
            .iter()
            .map(|r| VolumeRow {
                code: r.code.clone(),
                text: (rows_of_code[r.code.as_str()] > 1).then(|| r.text.clone()),
                clinic: None,
                count: per_row,
            })
            .collect();
        self.volume_source = VolumeSource::AssumedEqual { per_row };
    }

    /// The groups in first-seen order.
    pub fn groups(&self) -> Vec<String> {
        let mut seen = std::collections::BTreeSet::new();
        self.rows
            .iter()
            .filter(|r| seen.insert(r.group.as_str()))
            .map(|r| r.group.clone())
            .collect()
    }
}

/// A price as written in the data or by Swedish Excel: "1100", "1 100", "1 100,50", "1100.5", "1 100 kr".
pub fn parse_price(s: &str) -> Option<Decimal> {
    let t: String = s
        .trim()
        .trim_end_matches("kr")
        .trim_end_matches(':')
        .trim_end_matches('-')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| match c {
            ',' => '.',
            '−' | '–' => '-',
            c => c,
        })
        .collect();
    if t.is_empty() {
        return None;
    }
    Decimal::from_str(&t).ok()
}

/// Round up to the next multiple of `step` (kronor); a multiple stays as it is.
pub fn round_up(v: Decimal, step: Decimal) -> Decimal {
    Rounding { step, up: true }.apply(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tariff_title_says_the_year_and_jour_once() {
        let n = TariffKind::Normal;
        let j = TariffKind::Jour;
        assert_eq!(
            tariff_title("Folktandvården Jönköping – taxa 2025", 2025, n),
            "Folktandvården Jönköping – taxa 2025"
        );
        assert_eq!(
            tariff_title("Folktandvården Jönköping – jourtaxa 2025", 2025, j),
            "Folktandvården Jönköping – jourtaxa 2025"
        );
        assert_eq!(tariff_title("Tandvårdstaxa", 2026, n), "Tandvårdstaxa 2026");
        assert_eq!(
            tariff_title("Tandvårdstaxa", 2026, j),
            "Tandvårdstaxa 2026 (jour)"
        );
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn prices_round_as_the_tariff_says() {
        assert_eq!(round_up(d("1650"), d("5")), d("1650"));
        assert_eq!(round_up(d("772.5"), d("5")), d("775"));
        assert_eq!(round_up(d("0.01"), d("5")), d("5"));
        let nearest = Rounding {
            step: d("5"),
            up: false,
        };
        assert_eq!(nearest.apply(d("772.4")), d("770"));
        assert_eq!(nearest.apply(d("772.5")), d("775"));
        assert_eq!(parse_price("1 100"), Some(d("1100")));
        assert_eq!(parse_price("1\u{a0}100,50"), Some(d("1100.50")));
        assert_eq!(parse_price("1 100 kr"), Some(d("1100")));
        assert_eq!(parse_price("ett"), None);
    }

    #[test]
    fn deviation_is_explained() {
        let r = TariffRow {
            code: "101".into(),
            care_type: Some(CareType::A),
            group: "Undersökning".into(),
            kind: CodeKind::Extern,
            text: "Basundersökning".into(),
            price: d("1100"),
            reference: Some(d("1015")),
            unit: PriceUnit::PerAction,
            source_line: None,
        };
        assert_eq!(
            r.explain_deviation(),
            "1\u{a0}100\u{a0}kr mot referenspris 1\u{a0}015\u{a0}kr: +85\u{a0}kr (+8,4\u{a0}%)"
        );
        let i = TariffRow {
            kind: CodeKind::Intern,
            reference: None,
            ..r
        };
        assert!(i.explain_deviation().contains("intern kod"));
    }
}
