//! Swedish number formatting: decimal comma, non-breaking space between thousands, true minus sign.

use rust_decimal::Decimal;

/// `1234567.5` → "1 234 567,5" (with U+00A0 spaces); `-3.0` → "−3,0". The scale is kept as stored.
pub fn decimal_sv(d: Decimal) -> String {
    let s = d.abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "−"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Lower case for sorting and searching Swedish text, without the Unicode case tables (which cost the app's main
/// module kilobytes): ASCII and the Latin-1 capitals (Å Ä Ö É Ü Æ Ø …); any other character is kept as it is,
/// the same on both sides of a comparison.
pub fn fold_sv(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

fn lower_char(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        _ => c,
    }
}

fn upper_char(c: char) -> char {
    match c {
        'a'..='z' | 'à'..='ö' | 'ø'..='þ' => char::from_u32(c as u32 - 32).unwrap_or(c),
        _ => c,
    }
}

/// The first letter in upper case (as [`fold_sv`], ASCII and Latin-1): "slutet …" → "Slutet …", "år" → "År".
pub fn capitalise_sv(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(upper_char(f)).chain(c).collect(),
        None => String::new(),
    }
}

/// A measured value for people: at most two decimals, trailing zeros dropped: `18464.0` → "18 464",
/// `67.45` → "67,45", `-9.0` → "−9". Non-finite values (never stored) show as "–".
pub fn number_sv(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let s = format!("{:.2}", v.abs());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut out = String::with_capacity(s.len() + 8);
    if v < 0.0 && s != "0" {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A value with its unit: "86 %", "18 464 st", "−16 mnkr"; no unit gives the number alone.
pub fn value_sv(v: f64, unit: &str) -> String {
    let n = number_sv(v);
    if unit.is_empty() {
        n
    } else {
        format!("{n}\u{a0}{unit}")
    }
}

/// Read a number as a Swedish user types it: "1 234,5", "−9", "86 %" (a trailing unit is ignored).
/// `None` for an empty or unreadable text.
pub fn parse_number_sv(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .trim_end_matches(|c: char| c.is_alphabetic() || c == '%' || c.is_whitespace() || c == '.')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| match c {
            ',' => '.',
            '−' | '–' => '-',
            c => c,
        })
        .collect();
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A byte count for people: "512 byte", "1,5 kB", "12,3 MB".
pub fn bytes_sv(n: f64) -> String {
    let units = ["byte", "kB", "MB", "GB", "TB"];
    let mut v = n;
    let mut u = 0;
    while v >= 1000.0 && u < units.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{} {}", v as u64, units[0])
    } else {
        format!("{:.1} {}", v, units[u]).replace('.', ",")
    }
}

/// An id as one segment of a link's path (`/plan/<id>`): every character but letters, digits and `-_.~`
/// percent-encoded as UTF-8, like JavaScript's `encodeURIComponent`, so an id with `#`, `/`, `?`, `%` or a space
/// still names its page (the router decodes it). A segment of only dots is encoded too, or the browser would
/// read it as "this folder" or "the folder above".
///
/// ```
/// use verksam::domain::format::url_segment;
/// assert_eq!(url_segment("plan-2025"), "plan-2025");
/// assert_eq!(url_segment("a#b/c?d"), "a%23b%2Fc%3Fd");
/// assert_eq!(url_segment(".."), "%2E%2E");
/// assert_eq!(url_segment("å"), "%C3%A5");
/// ```
pub fn url_segment(s: &str) -> String {
    let only_dots = !s.is_empty() && s.bytes().all(|b| b == b'.');
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'~')
            || (b == b'.' && !only_dots);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A count in Swedish: `100000` → "100 000" (with U+00A0).
///
/// ```
/// assert_eq!(verksam::domain::format::count_sv(100_000), "100\u{a0}000");
/// assert_eq!(verksam::domain::format::count_sv(999), "999");
/// ```
pub fn count_sv(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// An amount in kronor: "1 100 kr", "1 100,50 kr", "−85 kr" (at most two decimals, rounded half away from zero).
pub fn kr_sv(d: Decimal) -> String {
    let r = round2(d).normalize();
    let r = if r.fract().is_zero() {
        r
    } else {
        // öre occur: always two decimals ("12,50 kr", not "12,5 kr")
        let mut two = r;
        two.rescale(2);
        two
    };
    format!("{}\u{a0}kr", decimal_sv(r))
}

/// A difference between two values of `unit`, with its sign: "+3 st", "−1,5 dagar", "±0 st"; between two
/// percentages it is in procentenheter: "+3 p.e." (a percentage is a share of something, a difference is not).
pub fn difference_sv(d: f64, unit: &str) -> String {
    let unit = if unit == "%" { "p.e." } else { unit };
    let n = number_sv(d);
    let signed = if n == "0" {
        "±0".to_string()
    } else if d > 0.0 {
        format!("+{n}")
    } else {
        n
    };
    if unit.is_empty() {
        signed
    } else {
        format!("{signed}\u{a0}{unit}")
    }
}

/// A percentage with a sign and one decimal: "+7,1 %", "−2,0 %", "0,0 %".
pub fn pct_sv(d: Decimal) -> String {
    pct_dp_sv(d, 1)
}

/// A deviation shown beside its verdict against ±`limit`: one decimal, or as many more (up to four) as it takes
/// for the figure not to contradict the exact comparison: +7,005 % against 7 % is over the limit and shows as
/// "+7,01 %", not "+7,0 %".
pub fn pct_against_limit(d: Decimal, limit: Decimal) -> String {
    let over = d.abs() > limit;
    let shows_over = |dp| {
        d.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .abs()
            > limit
    };
    match (1..=4).find(|&dp| shows_over(dp) == over) {
        Some(dp) => pct_dp_sv(d, dp),
        // closer to the limit than four decimals show: say on which side it is
        None => {
            let edge = if d.is_sign_negative() { -limit } else { limit };
            let side = if over { "strax över" } else { "strax under" };
            format!("{side} {}", pct_dp_sv(edge, 1))
        }
    }
}

/// A percentage with a sign and `dp` decimals (at least one).
fn pct_dp_sv(d: Decimal, dp: u32) -> String {
    let r = d.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let body = decimal_sv(r.abs());
    let body = if body.contains(',') {
        body
    } else {
        format!("{body},0")
    };
    let sign = if r.is_zero() {
        ""
    } else if r.is_sign_negative() {
        "−"
    } else {
        "+"
    };
    format!("{sign}{body}\u{a0}%")
}

/// A percentage without sign, one decimal: "7,0 %".
pub fn pct_plain_sv(d: Decimal) -> String {
    pct_sv(d.abs()).trim_start_matches('+').to_string()
}

/// Two decimals, half away from zero (as Excel and people round money).
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// A date as Swedish prose writes it: "6 december 2026".
pub fn date_sv(year: i32, month: u8, day: u8) -> String {
    format!("{day} {} {year}", super::period::month_name(month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_case_folds_without_unicode_tables() {
        assert_eq!(
            fold_sv("ÅÄÖ Éva Ü Æbleø Plan 2024"),
            "åäö éva ü æbleø plan 2024"
        );
        assert_eq!(fold_sv("×÷ß"), "×÷ß");
        // the same as the standard library's for every character folded
        for c in ('A'..='Z').chain('À'..='Þ').filter(|c| *c != '×') {
            assert_eq!(
                lower_char(c).to_string(),
                c.to_lowercase().to_string(),
                "{c}"
            );
            assert_eq!(upper_char(lower_char(c)), c);
        }
        assert_eq!(capitalise_sv("år 2024"), "År 2024");
        assert_eq!(capitalise_sv(""), "");
        assert_eq!(capitalise_sv("ÿ"), "ÿ");
    }

    #[test]
    fn amounts_with_ore_get_two_decimals_whole_kronor_none() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(kr_sv(d("12.5")), "12,50\u{a0}kr");
        assert_eq!(kr_sv(d("1100.50")), "1\u{a0}100,50\u{a0}kr");
        assert_eq!(kr_sv(d("1100.00")), "1\u{a0}100\u{a0}kr");
        assert_eq!(kr_sv(d("-85")), "−85\u{a0}kr");
        assert_eq!(kr_sv(d("0.005")), "0,01\u{a0}kr");
        assert_eq!(kr_sv(d("2.004")), "2\u{a0}kr");
    }

    #[test]
    fn a_difference_between_percentages_is_in_procentenheter() {
        assert_eq!(difference_sv(3.0, "%"), "+3\u{a0}p.e.");
        assert_eq!(difference_sv(-1.5, "%"), "−1,5\u{a0}p.e.");
        assert_eq!(difference_sv(0.0, "%"), "±0\u{a0}p.e.");
        assert_eq!(difference_sv(-2.0, "dagar"), "−2\u{a0}dagar");
        assert_eq!(difference_sv(4.0, ""), "+4");
    }
    use std::str::FromStr;

    #[test]
    fn decimals_in_swedish() {
        let check = |s: &str, want: &str| {
            assert_eq!(decimal_sv(Decimal::from_str(s).unwrap()), want, "{s}")
        };
        check("299.2", "299,2");
        check("1100", "1\u{a0}100");
        check("-1234567.50", "−1\u{a0}234\u{a0}567,50");
        check("0.0", "0,0");
        check("-0", "0");
        check("100000", "100\u{a0}000");
    }

    #[test]
    fn measured_values_in_swedish() {
        assert_eq!(number_sv(18464.0), "18\u{a0}464");
        assert_eq!(number_sv(67.45), "67,45");
        assert_eq!(number_sv(67.4), "67,4");
        assert_eq!(number_sv(-9.0), "−9");
        assert_eq!(number_sv(-0.001), "0");
        assert_eq!(number_sv(f64::NAN), "–");
        assert_eq!(value_sv(86.0, "%"), "86\u{a0}%");
        assert_eq!(value_sv(3.0, ""), "3");
    }

    #[test]
    fn numbers_as_typed() {
        assert_eq!(parse_number_sv("1 234,5"), Some(1234.5));
        assert_eq!(parse_number_sv("1\u{a0}100"), Some(1100.0));
        assert_eq!(parse_number_sv("−9"), Some(-9.0));
        assert_eq!(parse_number_sv("86 %"), Some(86.0));
        assert_eq!(parse_number_sv("322 st."), Some(322.0));
        assert_eq!(parse_number_sv(" "), None);
        assert_eq!(parse_number_sv("abc"), None);
        assert_eq!(parse_number_sv("1,2,3"), None);
        assert_eq!(parse_number_sv("inf"), None);
    }

    #[test]
    fn bytes_for_people() {
        assert_eq!(bytes_sv(512.0), "512 byte");
        assert_eq!(bytes_sv(1_500.0), "1,5 kB");
        assert_eq!(bytes_sv(12_300_000.0), "12,3 MB");
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(date_sv(2026, 12, 6), "6 december 2026");
        assert_eq!(date_sv(2025, 1, 31), "31 januari 2025");
    }
}
