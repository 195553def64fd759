//! Dental tariffs (tandvårdstaxa): rows of code, price and the state's reference price, the deviation per row,
//! the jour (after-hours) tariff derived from the normal one, and the comparison of a given jour tariff with the
//! derived one. Money is `Decimal` kronor, never a float. (Issue 4; revenue, proposals, patient cost, the bundle
//! and the UI come next.)

use rust_decimal::Decimal;
use std::str::FromStr;

/// Allmäntandvård or specialisttandvård.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CareType {
    A,
    S,
}

/// Extern: a TLV code with a reference price. Intern: a local code without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeKind {
    Extern,
    Intern,
}

/// What a price is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PriceUnit {
    PerAction,
    PerMinute,
    PerItem,
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

impl TariffRow {
    /// An utbytesåtgärd (921–929, also with S): its "reference price" is that of the treatment it replaces,
    /// so comparing the two means nothing.
    pub fn is_replacement(&self) -> bool {
        let digits = self.code.trim_end_matches('S');
        digits.len() == 3 && digits.starts_with("92") && digits != "920"
    }

    /// Deviation from the reference price, in kronor and per cent, when the comparison means something.
    pub fn deviation(&self) -> Option<(Decimal, Decimal)> {
        let r = self.reference.filter(|r| !r.is_zero())?;
        if self.kind == CodeKind::Intern || self.is_replacement() {
            return None;
        }
        let kr = self.price - r;
        Some((kr, (kr / r * Decimal::ONE_HUNDRED).round_dp(2)))
    }
}

/// Revenue at tariff prices against revenue at reference prices, over the rows where the comparison means
/// something (see [`TariffRow::deviation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Revenue {
    pub at_price: Decimal,
    pub at_reference: Decimal,
    /// Rows counted.
    pub rows: usize,
}

impl Revenue {
    /// (at price − at reference) / at reference, in per cent, two decimals; `None` with no reference revenue.
    pub fn deviation_pct(&self) -> Option<Decimal> {
        (!self.at_reference.is_zero()).then(|| {
            ((self.at_price - self.at_reference) / self.at_reference * Decimal::ONE_HUNDRED)
                .round_dp(2)
        })
    }
}

/// Σ volume × price and Σ volume × reference price, per key (e.g. group or care type), and in total.
pub fn revenue_by<K: Ord>(
    rows: &[TariffRow],
    volume: impl Fn(&TariffRow) -> Decimal,
    key: impl Fn(&TariffRow) -> K,
) -> (Revenue, std::collections::BTreeMap<K, Revenue>) {
    let mut total = Revenue::default();
    let mut by = std::collections::BTreeMap::new();
    for r in rows {
        if r.deviation().is_none() {
            continue;
        }
        let Some(reference) = r.reference else {
            continue;
        };
        let v = volume(r);
        for acc in [
            &mut total,
            by.entry(key(r)).or_insert_with(Revenue::default),
        ] {
            acc.at_price += v * r.price;
            acc.at_reference += v * reference;
            acc.rows += 1;
        }
    }
    (total, by)
}

/// A row the CSV reader refused: its line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub column: String,
    pub detail: String,
}

/// A price as written in the data: "1100", "1 100", "1 100,50".
pub fn parse_price(s: &str) -> Option<Decimal> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if t.is_empty() {
        return None;
    }
    Decimal::from_str(&t).ok()
}

fn unit_of(code: &str) -> PriceUnit {
    match code {
        "9008" | "9010" | "9021" => PriceUnit::PerMinute,
        "9009" | "9013" => PriceUnit::PerItem,
        _ => PriceUnit::PerAction,
    }
}

/// Read the Jönköping tariff CSV (`care_type, group, code_kind, code, text, price_2025_sek,
/// reference_price_2025_sek, source_line`). All or nothing: the first bad row is reported with its line and column.
pub fn read_jonkoping_csv(text: &str) -> Result<Vec<TariffRow>, RowError> {
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = vec![];
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| RowError {
            line,
            column: String::new(),
            detail: e.to_string(),
        })?;
        let get = |k: usize| rec.get(k).unwrap_or_default().trim().to_string();
        let bad = |column: &str, detail: String| RowError {
            line,
            column: column.into(),
            detail,
        };
        let care_type = match get(0).as_str() {
            "A" => Some(CareType::A),
            "S" => Some(CareType::S),
            "" => None,
            o => return Err(bad("care_type", format!("okänd vårdform «{o}»"))),
        };
        let kind = match get(2).as_str() {
            "Extern" => CodeKind::Extern,
            // the "Ny kod" rows have no kind yet: local codes without a reference price
            "Intern" | "" => CodeKind::Intern,
            o => return Err(bad("code_kind", format!("okänd kodtyp «{o}»"))),
        };
        let code = get(3);
        let price = parse_price(&get(5))
            .ok_or_else(|| bad("price_2025_sek", format!("«{}» är inget pris", get(5))))?;
        let reference =
            match get(6).as_str() {
                "" => None,
                s => Some(parse_price(s).ok_or_else(|| {
                    bad("reference_price_2025_sek", format!("«{s}» är inget pris"))
                })?),
            };
        rows.push(TariffRow {
            unit: unit_of(&code),
            code,
            care_type,
            group: get(1),
            kind,
            text: get(4),
            price,
            reference,
            source_line: get(7).parse().ok(),
        });
    }
    Ok(rows)
}

/// Round up to the next multiple of `step` (kronor); a multiple stays as it is.
pub fn round_up(v: Decimal, step: Decimal) -> Decimal {
    if step <= Decimal::ZERO {
        return v;
    }
    (v / step).ceil() * step
}

/// The jour tariff: every price × (1 + surcharge %), rounded up to `step`; codes in `keep` unchanged.
pub fn derive_jour(
    normal: &[TariffRow],
    surcharge_pct: Decimal,
    step: Decimal,
    keep: &[&str],
) -> Vec<TariffRow> {
    let factor = Decimal::ONE + surcharge_pct / Decimal::ONE_HUNDRED;
    normal
        .iter()
        .map(|r| {
            let mut j = r.clone();
            if !keep.contains(&r.code.as_str()) {
                j.price = round_up(r.price * factor, step);
            }
            j
        })
        .collect()
}

/// A row whose given jour price differs from the derived one.
#[derive(Debug, Clone, PartialEq)]
pub struct JourDifference {
    pub code: String,
    pub text: String,
    pub derived: Decimal,
    pub given: Decimal,
}

/// Compare a given jour tariff with one derived from the normal tariff. Rows match by code and text (codes
/// repeat with different texts), else by code when it occurs once on each side (texts are sometimes worded
/// differently). Returns the differences, and the codes found only in the derived / only in the given tariff.
pub fn compare_jour(
    derived: &[TariffRow],
    given: &[TariffRow],
) -> (Vec<JourDifference>, Vec<String>, Vec<String>) {
    let count = |rows: &[TariffRow], code: &str| rows.iter().filter(|r| r.code == code).count();
    let mut diffs = vec![];
    for d in derived {
        let exact = given.iter().find(|g| g.code == d.code && g.text == d.text);
        let by_code = || {
            (count(derived, &d.code) == 1 && count(given, &d.code) == 1)
                .then(|| given.iter().find(|g| g.code == d.code))
                .flatten()
        };
        if let Some(g) = exact.or_else(by_code) {
            if g.price != d.price {
                diffs.push(JourDifference {
                    code: d.code.clone(),
                    text: d.text.clone(),
                    derived: d.price,
                    given: g.price,
                });
            }
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
    (diffs, only(derived, given), only(given, derived))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn prices_round_up_to_five_kronor() {
        assert_eq!(round_up(d("1650"), d("5")), d("1650"));
        assert_eq!(round_up(d("772.5"), d("5")), d("775"));
        assert_eq!(round_up(d("0.01"), d("5")), d("5"));
        assert_eq!(parse_price("1 100"), Some(d("1100")));
        assert_eq!(parse_price("1\u{a0}100,50"), Some(d("1100.50")));
        assert_eq!(parse_price("ett"), None);
    }

    fn row(
        code: &str,
        kind: CodeKind,
        price: &str,
        reference: Option<&str>,
        group: &str,
    ) -> TariffRow {
        TariffRow {
            code: code.into(),
            care_type: Some(CareType::A),
            group: group.into(),
            kind,
            text: String::new(),
            price: d(price),
            reference: reference.map(d),
            unit: PriceUnit::PerAction,
            source_line: None,
        }
    }

    #[test]
    fn revenue_deviation_counts_only_comparable_rows() {
        let rows = [
            row("101", CodeKind::Extern, "100", Some("90"), "us"),
            row("301", CodeKind::Extern, "200", Some("200"), "fyllning"),
            row("921", CodeKind::Extern, "7420", Some("1405"), "protetik"),
            row("951", CodeKind::Intern, "250", None, "avgift"),
        ];
        let volume = |r: &TariffRow| if r.code == "101" { d("10") } else { d("5") };
        let (total, by_group) = revenue_by(&rows, volume, |r| r.group.clone());
        // 100 × 10 + 200 × 5 = 2 000 against 90 × 10 + 200 × 5 = 1 900: +5,26 %
        assert_eq!(
            (total.at_price, total.at_reference, total.rows),
            (d("2000"), d("1900"), 2)
        );
        assert_eq!(total.deviation_pct(), Some(d("5.26")));
        assert_eq!(by_group["us"].deviation_pct(), Some(d("11.11")));
        assert_eq!(by_group["fyllning"].deviation_pct(), Some(d("0")));
        assert!(!by_group.contains_key("protetik") && !by_group.contains_key("avgift"));
        assert_eq!(Revenue::default().deviation_pct(), None);
    }

    #[test]
    fn a_bad_row_is_reported_with_line_and_column() {
        let csv = "care_type,group,code_kind,code,text,price_2025_sek,reference_price_2025_sek,source_line\n\
                   A,G,Extern,101,Bas,1100,1015,1\n\
                   A,G,Extern,103,Akut,femhundra,440,2\n";
        let e = read_jonkoping_csv(csv).unwrap_err();
        assert_eq!((e.line, e.column.as_str()), (3, "price_2025_sek"));
        assert!(e.detail.contains("femhundra"));
    }
}
