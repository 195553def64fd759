//! What a reader is told first, in words: the headline of a period ("Delår april 2022: 2 uppfyllda, 3 delvis,
//! 9 ej uppfyllda av 14 bedömda mått (11 kan inte bedömas)") and why a goal, perspective or the plan got its
//! grade ("Kan inte bedömas: bara 1 av 3 mått har utfall (minst hälften krävs). Det bedömda måttet är ej
//! uppfyllt."). A rolled-up grade never hides a failed measure: the reason names every ej uppfyllt below it.

use super::rollup::{required_share, Counts, NodeResult};
use crate::domain::format::number_sv;
use crate::domain::measure::{Grade, RollupMethod, ScorecardSettings};
use crate::domain::period::Period;

/// "1 uppfyllt" / "2 uppfyllda", "1 ej uppfyllt" / "3 ej uppfyllda", "2 delvis", "4 kan inte bedömas".
pub fn grades(n: u32, g: Grade) -> String {
    format!("{n} {}", grade_word(n, g))
}

/// The word for `n` measures of grade `g` ("uppfyllt" for one, "uppfyllda" for more).
fn grade_word(n: u32, g: Grade) -> &'static str {
    match (g, n == 1) {
        (Grade::Uppfyllt, true) => "uppfyllt",
        (Grade::Uppfyllt, false) => "uppfyllda",
        (Grade::Delvis, _) => "delvis",
        (Grade::EjUppfyllt, true) => "ej uppfyllt",
        (Grade::EjUppfyllt, false) => "ej uppfyllda",
        (Grade::EjBedombar, _) => "kan inte bedömas",
    }
}

/// The graded measures by grade, only those there are: "3 uppfyllda, 1 ej uppfyllt".
fn tally(c: &Counts) -> String {
    [Grade::Uppfyllt, Grade::Delvis, Grade::EjUppfyllt]
        .into_iter()
        .filter(|g| c.get(*g) > 0)
        .map(|g| grades(c.get(g), g))
        .collect::<Vec<_>>()
        .join(", ")
}

fn pct(share: f64) -> String {
    format!("{}\u{a0}%", number_sv((share * 1000.0).round() / 10.0))
}

/// The headline of a period: how many measures are met, partly met and not met of those that could be
/// assessed, and how many could not; `many` is the plan's word for its measures in the plural
/// ([`crate::domain::plan::Plan::measure_words`]: "mått", "mätetal", "indikatorer"), in sentences that need no
/// gender.
pub fn headline(period: &Period, c: &Counts, many: &str) -> String {
    let label = period.label();
    if c.scheduled() == 0 {
        return format!("{label}: inga {many} följs upp i perioden");
    }
    if c.graded() == 0 {
        return format!(
            "{label}: {} {many} följs upp men har inga utfall ännu",
            c.scheduled()
        );
    }
    let mut s = format!(
        "{label}: {}, {}, {} av {} bedömda {many}",
        grades(c.uppfyllt, Grade::Uppfyllt),
        grades(c.delvis, Grade::Delvis),
        grades(c.ej, Grade::EjUppfyllt),
        c.graded()
    );
    if c.ej_bedombar > 0 {
        s.push_str(&format!(" ({} kan inte bedömas)", c.ej_bedombar));
    }
    s
}

/// Why a goal, perspective or the plan has its grade, in words a reader understands. Empty when nothing below
/// it is followed up in the period.
pub fn node_reason(r: &NodeResult, s: &ScorecardSettings) -> String {
    let c = &r.counts;
    let (graded, scheduled) = (c.graded(), c.scheduled());
    if scheduled == 0 {
        return String::new();
    }
    let not_assessed = if c.ej_bedombar > 0 {
        format!(" {} kan inte bedömas.", c.ej_bedombar)
    } else {
        String::new()
    };
    if r.forced {
        return format!(
            "Ej uppfyllt: ett kritiskt mått är ej uppfyllt. Av {graded} bedömda mått: {}.{not_assessed}",
            tally(c)
        );
    }
    let covered = r.grade != Some(Grade::EjBedombar);
    if !covered || graded == 0 {
        let required = required_share(s);
        return match graded {
            0 => format!("Kan inte bedömas: inget av {scheduled} mått har utfall."),
            1 => format!(
                "Kan inte bedömas: bara 1 av {scheduled} mått har utfall (minst {required} krävs). Det bedömda \
                 måttet är {}.",
                grade_word(1, [Grade::Uppfyllt, Grade::Delvis, Grade::EjUppfyllt]
                    .into_iter()
                    .find(|g| c.get(*g) == 1)
                    .unwrap_or(Grade::EjBedombar))
            ),
            g => format!(
                "Kan inte bedömas: bara {g} av {scheduled} mått har utfall (minst {required} krävs). Av de \
                 bedömda: {}.",
                tally(c)
            ),
        };
    }
    let how = match (s.method, r.score) {
        (RollupMethod::ViktadAndel, Some(score)) => format!(
            " Viktad andel {} (uppfyllt från {}, delvis från {}).",
            pct(score),
            pct(s.green_at),
            pct(s.yellow_at)
        ),
        (RollupMethod::Samsta, _) => " Det sämsta utfallet avgör.".into(),
        (RollupMethod::Majoritet, _) => " Det vanligaste utfallet avgör.".into(),
        _ => String::new(),
    };
    format!("{} av {graded} bedömda mått.{not_assessed}{how}", tally(c))
}

/// How a grade's share of the assessed measures changed from `last` to `now`, in whole percentage points:
/// "+6 p.e.", "−6 p.e.", "±0 p.e."; `None` when either period has nothing assessed (or for *ej bedömbar*,
/// which is not a share of the assessed).
pub fn share_delta(now: &Counts, last: &Counts, g: Grade) -> Option<String> {
    let (a, b) = (now.share_of_graded(g)?, last.share_of_graded(g)?);
    let d = ((a - b) * 100.0).round() as i64;
    Some(match d {
        0 => "±0 p.e.".to_string(),
        d if d > 0 => format!("+{d} p.e."),
        d => format!("−{} p.e.", -d),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::PeriodCode;

    fn counts(u: u32, d: u32, e: u32, n: u32) -> Counts {
        Counts {
            uppfyllt: u,
            delvis: d,
            ej: e,
            ej_bedombar: n,
        }
    }
    fn node(c: Counts, grade: Option<Grade>, score: Option<f64>) -> NodeResult {
        NodeResult {
            grade,
            score,
            counts: c,
            forced: false,
        }
    }

    #[test]
    fn the_headline_counts_what_could_be_assessed() {
        let p = Period::new(2022, PeriodCode::Da04);
        assert_eq!(
            headline(&p, &counts(2, 3, 9, 11), "mått"),
            "Delår april 2022: 2 uppfyllda, 3 delvis, 9 ej uppfyllda av 14 bedömda mått (11 kan inte bedömas)"
        );
        assert_eq!(
            headline(&p, &counts(1, 0, 1, 0), "indikatorer"),
            "Delår april 2022: 1 uppfyllt, 0 delvis, 1 ej uppfyllt av 2 bedömda indikatorer"
        );
        assert_eq!(
            headline(&p, &counts(0, 0, 0, 4), "mätetal"),
            "Delår april 2022: 4 mätetal följs upp men har inga utfall ännu"
        );
        assert_eq!(
            headline(&p, &counts(0, 0, 0, 0), "mått"),
            "Delår april 2022: inga mått följs upp i perioden"
        );
    }

    #[test]
    fn a_rolled_up_reason_says_why_in_words() {
        let s = ScorecardSettings::default();
        // too few outcomes
        assert_eq!(
            node_reason(&node(counts(0, 0, 1, 2), Some(Grade::EjBedombar), None), &s),
            "Kan inte bedömas: bara 1 av 3 mått har utfall (minst hälften krävs). Det bedömda måttet är ej uppfyllt."
        );
        assert_eq!(
            node_reason(&node(counts(1, 0, 1, 5), Some(Grade::EjBedombar), None), &s),
            "Kan inte bedömas: bara 2 av 7 mått har utfall (minst hälften krävs). Av de bedömda: 1 uppfyllt, 1 ej uppfyllt."
        );
        assert_eq!(
            node_reason(&node(counts(0, 0, 0, 3), Some(Grade::EjBedombar), None), &s),
            "Kan inte bedömas: inget av 3 mått har utfall."
        );
        let strict = ScorecardSettings {
            min_coverage: 0.75,
            ..Default::default()
        };
        assert!(node_reason(
            &node(counts(1, 0, 0, 2), Some(Grade::EjBedombar), None),
            &strict
        )
        .contains("(minst 75\u{a0}% krävs)"));
        // graded: the tally never hides a failed measure, and the share is explained
        assert_eq!(
            node_reason(&node(counts(4, 0, 1, 0), Some(Grade::Uppfyllt), Some(0.8)), &s),
            "4 uppfyllda, 1 ej uppfyllt av 5 bedömda mått. Viktad andel 80\u{a0}% (uppfyllt från 80\u{a0}%, delvis från 40\u{a0}%)."
        );
        assert_eq!(
            node_reason(&node(counts(1, 0, 0, 1), Some(Grade::Uppfyllt), Some(1.0)), &s),
            "1 uppfyllt av 1 bedömda mått. 1 kan inte bedömas. Viktad andel 100\u{a0}% (uppfyllt från 80\u{a0}%, delvis från 40\u{a0}%)."
        );
        let worst = ScorecardSettings {
            method: RollupMethod::Samsta,
            ..Default::default()
        };
        assert_eq!(
            node_reason(&node(counts(2, 1, 0, 0), Some(Grade::Delvis), None), &worst),
            "2 uppfyllda, 1 delvis av 3 bedömda mått. Det sämsta utfallet avgör."
        );
        // a critical measure
        let mut r = node(counts(3, 0, 1, 0), Some(Grade::EjUppfyllt), Some(0.0));
        r.forced = true;
        assert_eq!(
            node_reason(&r, &s),
            "Ej uppfyllt: ett kritiskt mått är ej uppfyllt. Av 4 bedömda mått: 3 uppfyllda, 1 ej uppfyllt."
        );
        // nothing followed up
        assert_eq!(node_reason(&node(counts(0, 0, 0, 0), None, None), &s), "");
    }

    #[test]
    fn a_share_changes_by_whole_percentage_points() {
        // Norrbotten's Medborgare: 1 of 6 assessed met now, 0 of 2 a year before
        let now = counts(1, 0, 5, 3);
        let last = counts(0, 1, 1, 7);
        assert_eq!(
            share_delta(&now, &last, Grade::Uppfyllt).as_deref(),
            Some("+17 p.e.")
        );
        assert_eq!(
            share_delta(&now, &last, Grade::Delvis).as_deref(),
            Some("−50 p.e.")
        );
        assert_eq!(
            share_delta(&now, &last, Grade::EjUppfyllt).as_deref(),
            Some("+33 p.e.")
        );
        assert_eq!(
            share_delta(&now, &now, Grade::EjUppfyllt).as_deref(),
            Some("±0 p.e.")
        );
        assert_eq!(
            share_delta(&now, &counts(0, 0, 0, 4), Grade::Uppfyllt),
            None
        );
        assert_eq!(share_delta(&now, &last, Grade::EjBedombar), None);
    }
}
