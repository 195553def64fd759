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

/// Operators as the documents write them, longest first where one begins another ("mindre än" before "min").
const OPERATOR_WORDS: [(&str, Operator); 21] = [
    ("<=", Operator::Le),
    ("≤", Operator::Le),
    (">=", Operator::Ge),
    ("≥", Operator::Ge),
    ("<", Operator::Lt),
    (">", Operator::Gt),
    ("maximalt", Operator::Le),
    ("högst", Operator::Le),
    ("max", Operator::Le),
    ("minimalt", Operator::Ge),
    ("mindre än", Operator::Lt),
    ("minst", Operator::Ge),
    ("min", Operator::Ge),
    ("lägst", Operator::Ge),
    ("färre än", Operator::Lt),
    ("lägre än", Operator::Lt),
    ("under", Operator::Lt),
    ("över", Operator::Gt),
    ("mer än", Operator::Gt),
    ("fler än", Operator::Gt),
    ("högre än", Operator::Gt),
];

/// `s` without a leading `word` (any case), when the word ends there ("min 5", not "minska"). Safe on any
/// text: a prefix that is not a whole character is no match.
fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    let rest = &s[word.len()..];
    let whole = !word.ends_with(char::is_alphabetic) || !rest.starts_with(char::is_alphabetic);
    (head.to_lowercase() == word && whole).then_some(rest)
}

/// Which way is better by a target's own words: "under", "max", "minska" say lower, "minst", "över", "öka"
/// say higher; `None` when the words do not say.
pub fn implied_polarity(t: &Target) -> Option<Polarity> {
    match t.operator {
        Some(Operator::Lt | Operator::Le) => Some(Polarity::LowerIsBetter),
        Some(Operator::Gt | Operator::Ge) => Some(Polarity::HigherIsBetter),
        _ => match t.direction {
            Some(Direction::Minska) => Some(Polarity::LowerIsBetter),
            Some(Direction::Oka) => Some(Polarity::HigherIsBetter),
            _ => None,
        },
    }
}

/// A target text read for a measure, with what the reader should check (*Tolka texten*): a text that could not
/// be read, and words that say the opposite of the measure's direction.
pub fn read_target(raw: &str, polarity: Option<Polarity>) -> (Target, Vec<String>) {
    let t = parse_target(raw);
    let warnings = target_warnings(&t, polarity);
    (t, warnings)
}

/// What the reader should check about a target as it stands: a text that could not be read, and words that
/// say the opposite of the measure's direction.
pub fn target_warnings(t: &Target, polarity: Option<Polarity>) -> Vec<String> {
    let raw = t.raw.trim();
    let mut warnings = vec![];
    if t.kind == TargetKind::Oklar && !raw.is_empty() {
        warnings.push(format!("Kunde inte tolka ”{raw}”. Välj typ själv."));
    }
    if let (Some(said), Some(set)) = (implied_polarity(t), polarity) {
        if said != set {
            warnings.push(format!(
                "”{raw}” säger att {} är bättre, men måttets riktning är ”{}”. Kontrollera riktningen eller texten.",
                if said == Polarity::LowerIsBetter { "lägre" } else { "högre" },
                polarity_label(set)
            ));
        }
    }
    warnings
}

/// The measure's direction as the forms name it.
pub fn polarity_label(p: Polarity) -> &'static str {
    match p {
        Polarity::HigherIsBetter => "Högre är bättre",
        Polarity::LowerIsBetter => "Lägre är bättre",
    }
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
    // "Minska till under 10 %", "Öka till 90 %": a level to reach; without its own operator the verb says which
    // side of it is good
    let mut body = s;
    let mut verb_op = None;
    // "Öka jfm fg år 5 %", "Minska med 10 %": a change against the previous year
    for (prefix, dir) in [("öka", Direction::Oka), ("minska", Direction::Minska)] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if let Some(after) = strip_word(
                s.get(prefix.len()..).unwrap_or_default().trim_start(),
                "till",
            ) {
                body = after.trim_start();
                verb_op = Some(if dir == Direction::Minska {
                    Operator::Le
                } else {
                    Operator::Ge
                });
                break;
            }
            let rest = rest
                .trim_start()
                .trim_start_matches("jfm fg år")
                .trim_start_matches("jämfört med föregående år")
                .trim_start();
            let rest = rest.strip_prefix("med ").unwrap_or(rest).trim();
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
    let (op, rest) = OPERATOR_WORDS
        .iter()
        .find_map(|(w, op)| strip_word(body, w).map(|r| (Some(*op), r)))
        .unwrap_or((verb_op, body));
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
    fn reads_targets_written_in_words() {
        use Operator::*;
        use TargetKind::*;
        check(
            "Minska till under 10 %",
            Niva,
            Some(Lt),
            Some(10.0),
            Some("%"),
        );
        check("Minska till 10 %", Niva, Some(Le), Some(10.0), Some("%"));
        check("Öka till minst 90 %", Niva, Some(Ge), Some(90.0), Some("%"));
        check("Öka till 90 %", Niva, Some(Ge), Some(90.0), Some("%"));
        check("Högst 28 dagar", Niva, Some(Le), Some(28.0), Some("dagar"));
        check("minst 90 %", Niva, Some(Ge), Some(90.0), Some("%"));
        check("Mindre än 5 %", Niva, Some(Lt), Some(5.0), Some("%"));
        check("Fler än 300 st", Antal, Some(Gt), Some(300.0), Some("st"));
        check("Över 1 000", Antal, Some(Gt), Some(1000.0), None);
        let t = parse_target("Minska med 10 %");
        assert_eq!(
            (t.kind, t.change, t.direction),
            (Forandring, Some(-10.0), Some(Direction::Minska))
        );
        // a word that only begins like an operator is not one; odd letters never split a character
        check("Minimera väntan på besök", Kvalitativ, None, None, None);
        check("İİİ max", Oklar, None, None, None);
        check("maxİ 5", Oklar, None, None, None);
    }

    #[test]
    fn reading_warns_when_the_text_cannot_be_read_or_the_words_and_the_direction_disagree() {
        let (t, w) = read_target("Minska till under 10 %", Some(Polarity::HigherIsBetter));
        assert_eq!(t.kind, TargetKind::Niva);
        assert_eq!(
            w,
            ["”Minska till under 10 %” säger att lägre är bättre, men måttets riktning är ”Högre är bättre”. Kontrollera riktningen eller texten."]
        );
        assert!(
            read_target("Minska till under 10 %", Some(Polarity::LowerIsBetter))
                .1
                .is_empty()
        );
        assert!(read_target("Minska till under 10 %", None).1.is_empty());
        assert_eq!(
            implied_polarity(&parse_target("Minst 90 %")),
            Some(Polarity::HigherIsBetter)
        );
        assert_eq!(implied_polarity(&parse_target("90 %")), None);
        let (t, w) = read_target("77-80", None);
        assert_eq!(t.kind, TargetKind::Oklar);
        assert_eq!(w, ["Kunde inte tolka ”77-80”. Välj typ själv."]);
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
