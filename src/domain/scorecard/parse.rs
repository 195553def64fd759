//! Reading targets and results as the documents write them ("70 %", "<85 %", "Max 104 %", "-10 %",
//! "Öka jfm fg år 5 %", "10 000 st", "0,75 index"). Only what is unambiguous is read; anything else keeps its
//! text and kind `oklar` (or `kvalitativ`) for manual entry. The raw text is always kept.

use crate::domain::format::parse_number_sv;
use crate::domain::measure::*;

/// Units we recognise after a number, normalised ("st." → "st").
fn unit_of(s: &str) -> Option<Option<String>> {
    let u = s.trim().trim_end_matches('.').trim();
    Some(match u {
        "" => None,
        "%" | "procent" => Some("%".into()),
        "st" => Some("st".into()),
        "tkr" | "mnkr" | "kr" | "dagar" | "index" | "timmar" | "minuter" => Some(u.into()),
        _ => return None,
    })
}

/// A number followed by an optional known unit: "7 933 tkr" → (7933, tkr), "24 162 st." → (24162, st).
pub fn parse_value(raw: &str) -> Option<(f64, Option<String>)> {
    let s = raw.trim();
    // the number is everything up to the first letter or per-cent sign
    let split = s
        .char_indices()
        .find(|(_, c)| c.is_alphabetic() || *c == '%')
        .map_or(s.len(), |(i, _)| i);
    let (num, rest) = s.split_at(split);
    let num = num.trim();
    if num.is_empty()
        || !num
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | ',' | '-' | '−' | '+'))
    {
        return None;
    }
    let v = parse_number_sv(num.trim_start_matches('+'))?;
    Some((v, unit_of(rest)?))
}

/// Read a target text. Kinds: `niva` for shares and levels, `antal` for counts, `forandring` for changes,
/// `saknas` for an empty cell, `kvalitativ` for a sentence, `oklar` for the rest.
pub fn parse_target(raw: &str) -> Target {
    let s = raw.trim();
    let mut t = Target::new(TargetKind::Oklar);
    t.raw = raw.to_string();
    if s.is_empty() {
        t.kind = TargetKind::Saknas;
        return t;
    }
    let lower = s.to_lowercase();
    // "Öka jfm fg år 5 %": a change against the previous year
    for (prefix, dir) in [("öka", Direction::Oka), ("minska", Direction::Minska)] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest
                .trim_start()
                .trim_start_matches("jfm fg år")
                .trim_start_matches("jämfört med föregående år")
                .trim();
            if let Some((v, unit)) = parse_value(rest) {
                t.kind = TargetKind::Forandring;
                t.direction = Some(dir);
                t.change = Some(if dir == Direction::Minska {
                    -v.abs()
                } else {
                    v.abs()
                });
                t.change_unit = unit.clone();
                t.unit = None;
                t.reference = Some(Reference {
                    kind: ReferenceKind::ForegaendeAr,
                    year: None,
                });
                return t;
            }
            if rest.is_empty() {
                t.kind = TargetKind::Riktning;
                t.direction = Some(dir);
                return t;
            }
        }
    }
    let (op, rest) = if let Some(r) = s.strip_prefix("<=").or_else(|| s.strip_prefix('≤')) {
        (Some(Operator::Le), r)
    } else if let Some(r) = s.strip_prefix(">=").or_else(|| s.strip_prefix('≥')) {
        (Some(Operator::Ge), r)
    } else if let Some(r) = s.strip_prefix('<') {
        (Some(Operator::Lt), r)
    } else if let Some(r) = s.strip_prefix('>') {
        (Some(Operator::Gt), r)
    } else if let Some(r) = lower.strip_prefix("max") {
        (Some(Operator::Le), &s[s.len() - r.len()..])
    } else if let Some(r) = lower
        .strip_prefix("minst")
        .or_else(|| lower.strip_prefix("min"))
    {
        (Some(Operator::Ge), &s[s.len() - r.len()..])
    } else {
        (None, s)
    };
    if let Some((v, unit)) = parse_value(rest) {
        let signed = rest.trim_start().starts_with(['-', '−', '+']);
        t.operator = op;
        if signed && op.is_none() && unit.as_deref() == Some("%") {
            // "-10 %": a change, reported as a change
            t.kind = TargetKind::Forandring;
            t.direction = Some(if v < 0.0 {
                Direction::Minska
            } else {
                Direction::Oka
            });
            t.value = Some(v);
            t.unit = unit;
            return t;
        }
        t.kind = match unit.as_deref() {
            Some("st") | None if v.fract() == 0.0 && v.abs() >= 2.0 => TargetKind::Antal,
            _ => TargetKind::Niva,
        };
        t.value = Some(v);
        t.unit = unit;
        return t;
    }
    if s.split_whitespace().count() >= 3 && s.chars().any(char::is_alphabetic) {
        // a sentence ("Inte överstiga budget."): graded by hand
        t.kind = TargetKind::Kvalitativ;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        raw: &str,
        kind: TargetKind,
        op: Option<Operator>,
        v: Option<f64>,
        unit: Option<&str>,
    ) {
        let t = parse_target(raw);
        assert_eq!(
            (t.kind, t.operator, t.value, t.unit.as_deref()),
            (kind, op, v, unit),
            "{raw}"
        );
        assert_eq!(t.raw, raw);
    }

    #[test]
    fn reads_the_targets_of_the_reports() {
        use Operator::*;
        use TargetKind::*;
        check("70 %", Niva, None, Some(70.0), Some("%"));
        check("5,5 %", Niva, None, Some(5.5), Some("%"));
        check("<85 %", Niva, Some(Lt), Some(85.0), Some("%"));
        check(">300", Antal, Some(Gt), Some(300.0), None);
        check(">125 st.", Antal, Some(Gt), Some(125.0), Some("st"));
        check("Max 104 %", Niva, Some(Le), Some(104.0), Some("%"));
        check("10 000 st", Antal, None, Some(10_000.0), Some("st"));
        check("1 840", Antal, None, Some(1840.0), None);
        check("0,75 index", Niva, None, Some(0.75), Some("index"));
        check("29 513 tkr", Niva, None, Some(29_513.0), Some("tkr"));
        check("0 tkr", Niva, None, Some(0.0), Some("tkr"));
        check("28 dagar", Niva, None, Some(28.0), Some("dagar"));
        check("1,5", Niva, None, Some(1.5), None);
        check("", Saknas, None, None, None);
        check("Inte överstiga budget.", Kvalitativ, None, None, None);
        check("ungefär som förra året", Kvalitativ, None, None, None);
        check("77-80", Oklar, None, None, None);
        let t = parse_target("-10 %");
        assert_eq!(
            (t.kind, t.value, t.direction),
            (Forandring, Some(-10.0), Some(Direction::Minska))
        );
        let t = parse_target("Öka jfm fg år 5 %");
        assert_eq!(
            (t.kind, t.change, t.change_unit.as_deref()),
            (Forandring, Some(5.0), Some("%"))
        );
        assert_eq!(
            t.reference.map(|r| r.kind),
            Some(ReferenceKind::ForegaendeAr)
        );
    }

    #[test]
    fn reads_results() {
        assert_eq!(parse_value("58 %"), Some((58.0, Some("%".into()))));
        assert_eq!(
            parse_value("-95 634 tkr"),
            Some((-95_634.0, Some("tkr".into())))
        );
        assert_eq!(
            parse_value("24 162 st."),
            Some((24_162.0, Some("st".into())))
        );
        assert_eq!(parse_value("101,56 %"), Some((101.56, Some("%".into()))));
        assert_eq!(parse_value("570"), Some((570.0, None)));
        assert_eq!(parse_value(""), None);
        assert_eq!(parse_value("ca 5 %"), None);
        assert_eq!(parse_value("5 äpplen"), None);
    }
}
