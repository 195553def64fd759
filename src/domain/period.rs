//! Follow-up periods, the model's own type (manual grades, analyses and follow-up schedules hold a [`Period`] or
//! a [`FollowUp`]; keys are parsed at the bundle boundary), and [`PeriodRef`], an outcome's period as its
//! document names it. Periods: tertial, delårsrapport, year, month and rolling twelve months, each with a year.
//! Two periods are *comparable* when they cover the same months (T1 2022 and DÅ04 2022 both cover January–April).

use crate::domain::limits::{MAX_YEAR, MIN_YEAR};
use std::fmt;

/// A period an outcome belongs to, as the document names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRef {
    pub label: String,
    pub code: Option<String>,
    pub year: Option<i32>,
    pub from_month: Option<u8>,
    pub to_month: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodCode {
    /// Tertial 1–3: January–April, May–August, September–December.
    T1,
    T2,
    T3,
    /// Delårsrapport per april / per augusti: January–April, January–August.
    Da04,
    Da08,
    /// The whole year.
    Ar,
    /// One month, 1–12.
    Manad(u8),
    /// Rolling twelve months ending with this month, 1–12.
    R12(u8),
}

/// A period of a year, e.g. DÅ08 2024.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub year: i32,
    pub code: PeriodCode,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Swedish month name, 1-based.
pub fn month_name(m: u8) -> &'static str {
    MONTHS[(m.clamp(1, 12) - 1) as usize]
}

impl PeriodCode {
    /// Code as used in keys and follow-up lists: T1, DÅ04, ÅR, M04, R12-04.
    pub fn code(self) -> String {
        match self {
            Self::T1 => "T1".into(),
            Self::T2 => "T2".into(),
            Self::T3 => "T3".into(),
            Self::Da04 => "DÅ04".into(),
            Self::Da08 => "DÅ08".into(),
            Self::Ar => "ÅR".into(),
            Self::Manad(m) => format!("M{m:02}"),
            Self::R12(m) => format!("R12-{m:02}"),
        }
    }

    pub fn parse(s: &str) -> Option<PeriodCode> {
        // byte patterns, not string comparisons: grading parses a period per outcome, so this is hot
        let digit2 = |a: u8, b: u8| {
            let m = (a.wrapping_sub(b'0') as u32) * 10 + b.wrapping_sub(b'0') as u32;
            (a.is_ascii_digit() && b.is_ascii_digit() && (1..=12).contains(&m)).then_some(m as u8)
        };
        Some(match s.as_bytes() {
            [b'T', b'1'] => Self::T1,
            [b'T', b'2'] => Self::T2,
            [b'T', b'3'] => Self::T3,
            [b'D', 0xC3, 0x85, b'0', b'4'] => Self::Da04,
            [b'D', 0xC3, 0x85, b'0', b'8'] => Self::Da08,
            [0xC3, 0x85, b'R'] => Self::Ar,
            [b'M', a, b] => Self::Manad(digit2(*a, *b)?),
            [b'R', b'1', b'2', b'-', a, b] => Self::R12(digit2(*a, *b)?),
            _ => return None,
        })
    }

    /// First and last month covered within the year (a rolling period reports its last month only).
    pub fn months(self) -> (u8, u8) {
        match self {
            Self::T1 | Self::Da04 => (1, 4),
            Self::T2 => (5, 8),
            Self::T3 => (9, 12),
            Self::Da08 => (1, 8),
            Self::Ar => (1, 12),
            Self::Manad(m) => (m, m),
            Self::R12(m) => (m, m),
        }
    }

    /// How many months the period covers.
    pub fn len_months(self) -> u8 {
        match self {
            Self::R12(_) => 12,
            _ => {
                let (a, b) = self.months();
                b - a + 1
            }
        }
    }
}

impl Period {
    pub fn new(year: i32, code: PeriodCode) -> Period {
        Period { year, code }
    }

    /// Storage key: "DÅ08 2024", "M04 2022", "R12-12 2023".
    pub fn key(&self) -> String {
        format!("{} {}", self.code.code(), self.year)
    }

    /// The last day the period covers (30 April for Delår april, 31 December for Helår).
    pub fn last_day(&self) -> chrono::NaiveDate {
        let (_, to) = self.code.months();
        let (y, m) = if to == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, to as u32 + 1)
        };
        chrono::NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or_default()
    }

    pub fn parse_key(s: &str) -> Option<Period> {
        let (code, year) = s.rsplit_once(' ')?;
        let year: i32 = year.parse().ok()?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        Some(Period::new(year, PeriodCode::parse(code)?))
    }

    /// What a reader sees: "Delår augusti 2024", "Tertial 1 2022", "April 2022".
    pub fn label(&self) -> String {
        let y = self.year;
        match self.code {
            PeriodCode::T1 => format!("Tertial 1 {y}"),
            PeriodCode::T2 => format!("Tertial 2 {y}"),
            PeriodCode::T3 => format!("Tertial 3 {y}"),
            PeriodCode::Da04 => format!("Delår april {y}"),
            PeriodCode::Da08 => format!("Delår augusti {y}"),
            PeriodCode::Ar => format!("Helår {y}"),
            PeriodCode::Manad(m) => {
                // month names start with an ASCII letter
                let name = month_name(m);
                format!("{}{} {y}", name[..1].to_ascii_uppercase(), &name[1..])
            }
            PeriodCode::R12(m) => format!("Rullande 12 mån t.o.m. {} {y}", month_name(m)),
        }
    }

    /// Same months, the year before.
    pub fn previous_year(&self) -> Period {
        Period::new(self.year - 1, self.code)
    }

    /// Same year and the same months (a rolling period only matches a rolling period).
    pub fn comparable(&self, other: &Period) -> bool {
        self.year == other.year
            && matches!(self.code, PeriodCode::R12(_)) == matches!(other.code, PeriodCode::R12(_))
            && self.code.months() == other.code.months()
    }

    /// Whether an outcome's period is this period (or comparable to it). The same answer as
    /// `from_ref(r).comparable(self)`, but by numbers where it can: grading reads every outcome, so this is hot.
    pub fn matches(&self, r: &PeriodRef) -> bool {
        if r.year != Some(self.year) {
            return false;
        }
        match (r.from_month, r.to_month) {
            (Some(a), Some(b)) if (1..=12).contains(&a) && (a..=12).contains(&b) => {
                // the code's bytes are read only when the months agree (they live elsewhere in memory)
                (a, b) == self.code.months()
                    && r.code.as_deref().is_some_and(is_rolling_code) == self.is_rolling()
            }
            _ => Period::from_ref(r).is_some_and(|p| p.comparable(self)),
        }
    }

    /// Read a document's period. Months, when given, say what the outcome covers; the code names it (so
    /// "T1" with January–April is Tertial 1, "MÅNAD" with April–April is April). `None` when it cannot be placed
    /// in a year with known months ("slutet av 2021").
    pub fn from_ref(r: &PeriodRef) -> Option<Period> {
        let year = r.year?;
        let months = match (r.from_month, r.to_month) {
            (Some(a), Some(b)) if (1..=12).contains(&a) && (a..=12).contains(&b) => Some((a, b)),
            _ => None,
        };
        let code = r.code.as_deref().unwrap_or("");
        let by_months = |m: (u8, u8)| match m {
            (1, 12) => Some(PeriodCode::Ar),
            (1, 4) => Some(PeriodCode::Da04),
            (1, 8) => Some(PeriodCode::Da08),
            (5, 8) => Some(PeriodCode::T2),
            (9, 12) => Some(PeriodCode::T3),
            (a, b) if a == b => Some(PeriodCode::Manad(a)),
            _ => None,
        };
        let c = match (PeriodCode::parse(code), months) {
            (Some(c), None) => Some(c),
            (Some(c), Some(m)) if c.months() == m => Some(c),
            (_, Some((a, b))) if is_rolling_code(code) => (a == b).then_some(PeriodCode::R12(b)),
            (_, Some(m)) => by_months(m),
            (None, None) => None,
        };
        c.map(|c| Period::new(year, c))
    }

    /// The reference an outcome typed in for this period gets.
    pub fn to_ref(&self) -> PeriodRef {
        let (a, b) = self.code.months();
        PeriodRef {
            label: self.label(),
            code: Some(self.code.code()),
            year: Some(self.year),
            from_month: Some(a),
            to_month: Some(b),
        }
    }

    /// Chronological order: by year, then last month, then the longer period first.
    pub fn sort_key(&self) -> (i32, u8, u8, u8) {
        let (a, b) = self.code.months();
        let rolling = matches!(self.code, PeriodCode::R12(_)) as u8;
        (self.year, b, 12 - (b - a), rolling)
    }

    pub fn is_rolling(&self) -> bool {
        matches!(self.code, PeriodCode::R12(_))
    }

    /// Every standard period of a year, in order, for pickers.
    pub fn all_of_year(year: i32) -> Vec<Period> {
        let mut v: Vec<Period> = [
            PeriodCode::T1,
            PeriodCode::T2,
            PeriodCode::T3,
            PeriodCode::Da04,
            PeriodCode::Da08,
            PeriodCode::Ar,
        ]
        .into_iter()
        .chain((1..=12).map(PeriodCode::Manad))
        .map(|c| Period::new(year, c))
        .collect();
        v.sort_by_key(Period::sort_key);
        v
    }
}

fn is_rolling_code(code: &str) -> bool {
    matches!(code.as_bytes(), [b'R', b'1', b'2', ..])
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// When a measure is followed up: one kind of period (T1, DÅ04, ÅR, M04 …) or a family of them (MÅNAD, DELÅR,
/// TERTIAL, KVARTAL). A code the reader does not know is kept as written and includes every period: a measure
/// is never dropped because its schedule could not be read. Written back exactly as read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FollowUp {
    /// One kind of period, every year.
    Code(PeriodCode),
    /// Every month (MÅNAD).
    Monthly,
    /// The interim reports, per April and per August (DELÅR).
    Interim,
    /// The tertials and the interim reports that cover the same months (TERTIAL).
    Tertial,
    /// Quarters (KVARTAL): no period of ours is a quarter.
    Quarterly,
    /// Not a code we know, as written.
    Other(String),
}

impl FollowUp {
    /// Read a follow-up code; never fails (see [`FollowUp::Other`]).
    pub fn parse(s: &str) -> FollowUp {
        match s {
            "MÅNAD" => Self::Monthly,
            "DELÅR" => Self::Interim,
            "TERTIAL" => Self::Tertial,
            "KVARTAL" => Self::Quarterly,
            c => match PeriodCode::parse(c) {
                Some(pc) => Self::Code(pc),
                None => Self::Other(c.to_string()),
            },
        }
    }

    /// The code as written in bundles and shown in the form: the inverse of [`FollowUp::parse`].
    pub fn key(&self) -> String {
        match self {
            Self::Code(c) => c.code(),
            Self::Monthly => "MÅNAD".into(),
            Self::Interim => "DELÅR".into(),
            Self::Tertial => "TERTIAL".into(),
            Self::Quarterly => "KVARTAL".into(),
            Self::Other(s) => s.clone(),
        }
    }

    /// A list as a person types it: codes separated by commas or spaces, in any case ("då04, DÅ08 år").
    pub fn parse_list(text: &str) -> Vec<FollowUp> {
        text.split([',', ' '])
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty())
            .map(|c| FollowUp::parse(&c))
            .collect()
    }

    /// What a reader sees: "delår april", "helår", "varje månad".
    pub fn words(&self) -> String {
        match self {
            Self::Code(c) => {
                // the period's label without its year
                let l = Period::new(0, *c).label();
                let l = l.strip_suffix(" 0").unwrap_or(&l).to_lowercase();
                l
            }
            Self::Monthly => "varje månad".into(),
            Self::Interim => "delår april och augusti".into(),
            Self::Tertial => "varje tertial".into(),
            Self::Quarterly => "varje kvartal".into(),
            Self::Other(s) => s.clone(),
        }
    }

    /// A list as a reader sees it: "delår april, delår augusti och helår".
    pub fn list_words(list: &[FollowUp]) -> String {
        let w: Vec<String> = list.iter().map(FollowUp::words).collect();
        match w.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
        }
    }

    /// The periods a form offers as checkboxes, in the year's order, each with its name ("Tertial 1", "Delår
    /// april", "Delår augusti", "Helår").
    pub fn choices() -> [(FollowUp, String); 4] {
        [
            PeriodCode::T1,
            PeriodCode::Da04,
            PeriodCode::Da08,
            PeriodCode::Ar,
        ]
        .map(|c| {
            let l = Period::new(0, c).label();
            (
                FollowUp::Code(c),
                l.strip_suffix(" 0").unwrap_or(&l).to_string(),
            )
        })
    }

    /// `list` with `f` turned on or off, keeping every other entry (also codes the form does not offer) and
    /// putting the offered ones in the year's order.
    pub fn toggled(list: &[FollowUp], f: &FollowUp, on: bool) -> Vec<FollowUp> {
        let mut out: Vec<FollowUp> = list.iter().filter(|x| *x != f).cloned().collect();
        if on {
            out.push(f.clone());
        }
        let rank = |x: &FollowUp| {
            Self::choices()
                .iter()
                .position(|(c, _)| c == x)
                .unwrap_or(usize::MAX)
        };
        out.sort_by_key(rank);
        out
    }

    /// What an empty list means, in words for a form.
    pub const NONE_CHOSEN: &'static str = "Ingen period vald: måttet följs upp i varje period.";

    /// A list as shown in a form: "DÅ04, DÅ08, ÅR".
    pub fn list_text(list: &[FollowUp]) -> String {
        list.iter()
            .map(FollowUp::key)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether this schedule includes period `p`.
    pub fn includes(&self, p: &Period) -> bool {
        match self {
            Self::Monthly => matches!(p.code, PeriodCode::Manad(_)),
            Self::Interim => matches!(p.code.months(), (1, 4) | (1, 8)) && !p.is_rolling(),
            Self::Tertial => matches!(
                p.code,
                PeriodCode::T1
                    | PeriodCode::T2
                    | PeriodCode::T3
                    | PeriodCode::Da04
                    | PeriodCode::Da08
            ),
            Self::Quarterly => false,
            Self::Code(pc) => Period::new(p.year, *pc).comparable(p),
            Self::Other(_) => true,
        }
    }
}

#[cfg(test)]
mod follow_up_form_tests {
    use super::*;

    #[test]
    fn the_form_offers_four_periods_by_name_and_keeps_other_codes() {
        let names: Vec<String> = FollowUp::choices().into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            names,
            ["Tertial 1", "Delår april", "Delår augusti", "Helår"]
        );
        let list = FollowUp::parse_list("ÅR, MÅNAD");
        let da04 = FollowUp::Code(PeriodCode::Da04);
        let on = FollowUp::toggled(&list, &da04, true);
        assert_eq!(FollowUp::list_text(&on), "DÅ04, ÅR, MÅNAD");
        let off = FollowUp::toggled(&on, &FollowUp::Code(PeriodCode::Ar), false);
        assert_eq!(FollowUp::list_text(&off), "DÅ04, MÅNAD");
        // turning on what is there already does not double it
        assert_eq!(FollowUp::toggled(&off, &da04, true), off);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(code: Option<&str>, year: Option<i32>, m: Option<(u8, u8)>) -> PeriodRef {
        PeriodRef {
            label: String::new(),
            code: code.map(str::to_string),
            year,
            from_month: m.map(|x| x.0),
            to_month: m.map(|x| x.1),
        }
    }

    #[test]
    fn keys_round_trip() {
        for y in [1999, 2024] {
            for p in Period::all_of_year(y)
                .into_iter()
                .chain([Period::new(y, PeriodCode::R12(3))])
            {
                assert_eq!(Period::parse_key(&p.key()), Some(p), "{}", p.key());
            }
        }
        assert_eq!(
            Period::parse_key("DÅ08 2024").unwrap().label(),
            "Delår augusti 2024"
        );
        assert_eq!(Period::parse_key("M04 2022").unwrap().label(), "April 2022");
        for bad in [
            "",
            "DÅ08",
            "DÅ09 2024",
            "M13 2024",
            "M4 2024",
            "ÅR 1800",
            "ÅR x",
        ] {
            assert_eq!(Period::parse_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn tertial_one_and_april_report_are_comparable() {
        let t1 = Period::new(2022, PeriodCode::T1);
        assert!(t1.comparable(&Period::new(2022, PeriodCode::Da04)));
        assert!(!t1.comparable(&Period::new(2021, PeriodCode::Da04)));
        assert!(!t1.comparable(&Period::new(2022, PeriodCode::T2)));
        assert!(!Period::new(2022, PeriodCode::R12(4))
            .comparable(&Period::new(2022, PeriodCode::Manad(4))));
    }

    #[test]
    fn reads_document_periods() {
        let p = |c, y, m| Period::from_ref(&r(c, y, m));
        assert_eq!(
            p(Some("DÅ04"), Some(2022), Some((1, 4))),
            Some(Period::new(2022, PeriodCode::Da04))
        );
        assert_eq!(
            p(Some("MÅNAD"), Some(2022), Some((4, 4))),
            Some(Period::new(2022, PeriodCode::Manad(4)))
        );
        assert_eq!(
            p(None, Some(2021), Some((1, 12))),
            Some(Period::new(2021, PeriodCode::Ar))
        );
        // a year alone is not placed: "slutet av 2021" is not the full year
        assert_eq!(p(None, Some(2021), None), None);
        assert_eq!(p(Some("T1"), None, None), None);
        assert_eq!(p(Some("KVARTAL"), Some(2021), Some((1, 3))), None);
    }

    /// `matches` takes a shortcut by months; it must agree with reading the period in full.
    #[test]
    fn matching_agrees_with_reading() {
        let codes = [
            None,
            Some("T1"),
            Some("T2"),
            Some("DÅ04"),
            Some("DÅ08"),
            Some("ÅR"),
            Some("MÅNAD"),
            Some("M04"),
            Some("R12-04"),
            Some("R12-05"),
            Some("DELÅR"),
            Some("KVARTAL"),
            Some("x"),
        ];
        let mut targets: Vec<Period> = Period::all_of_year(2022);
        targets.extend((1..=12).map(|m| Period::new(2022, PeriodCode::R12(m))));
        for code in codes {
            for from in 0..=13u8 {
                for to in 0..=13u8 {
                    for months in [None, Some((from, to))] {
                        let r = PeriodRef {
                            label: String::new(),
                            code: code.map(str::to_string),
                            year: Some(2022),
                            from_month: months.map(|m| m.0),
                            to_month: months.map(|m| m.1),
                        };
                        for t in &targets {
                            let full = Period::from_ref(&r).is_some_and(|p| p.comparable(t));
                            assert_eq!(t.matches(&r), full, "{code:?} {months:?} vs {}", t.key());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn follow_up_codes() {
        let da04 = Period::new(2022, PeriodCode::Da04);
        let in_follow_up = |code: &str| FollowUp::parse(code).includes(&da04);
        assert!(in_follow_up("DÅ04"));
        assert!(in_follow_up("T1"));
        assert!(!in_follow_up("ÅR"));
        assert!(!in_follow_up("DÅ08"));
        assert!(in_follow_up("DELÅR"));
        assert!(!in_follow_up("MÅNAD"));
        assert!(in_follow_up("något okänt"));
        // written back exactly as read
        for code in [
            "DÅ04",
            "T1",
            "ÅR",
            "M04",
            "R12-12",
            "MÅNAD",
            "DELÅR",
            "TERTIAL",
            "KVARTAL",
            "något okänt",
            "M4",
            "",
        ] {
            assert_eq!(FollowUp::parse(code).key(), code);
        }
        assert_eq!(FollowUp::parse("M04"), FollowUp::Code(PeriodCode::Manad(4)));
        assert_eq!(FollowUp::parse("M4"), FollowUp::Other("M4".into()));
    }

    #[test]
    fn follow_ups_in_a_readers_words() {
        let list = FollowUp::parse_list("DÅ04, DÅ08, ÅR");
        assert_eq!(
            FollowUp::list_words(&list),
            "delår april, delår augusti och helår"
        );
        assert_eq!(
            FollowUp::list_words(&FollowUp::parse_list("T1 M03 MÅNAD")),
            "tertial 1, mars och varje månad"
        );
        assert_eq!(FollowUp::list_words(&FollowUp::parse_list("xyz")), "XYZ");
        assert_eq!(FollowUp::list_words(&[]), "");
    }

    #[test]
    fn pro_rating_months() {
        assert_eq!(PeriodCode::Da04.len_months(), 4);
        assert_eq!(PeriodCode::Da08.len_months(), 8);
        assert_eq!(PeriodCode::T2.len_months(), 4);
        assert_eq!(PeriodCode::Ar.len_months(), 12);
        assert_eq!(PeriodCode::R12(5).len_months(), 12);
        assert_eq!(PeriodCode::Manad(5).len_months(), 1);
    }
}
