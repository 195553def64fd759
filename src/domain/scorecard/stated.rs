//! What a report states beside what verksam computes: the måluppfyllelse table split by who decided the
//! measures (fullmäktige or nämnd, or the unit itself), counted from the computed grades or from the report's
//! own; the measures where the report and the computation differ, and why; and the named grading rule sets
//! with how many of the report's grades each reproduces.

use super::assessment::{Basis, Comparison, Why};
use super::grade::assess;
use super::rollup::{Counts, ReportRow, Scorecard};
use crate::domain::format::{number_sv, value_sv};
use crate::domain::measure::{Grade, Measure, ScorecardSettings, StatedGrade};
use crate::domain::origin::{Decided, SourceRef};
use crate::domain::period::Period;
use crate::domain::plan::{NodeData, Plan};

/// Who decided a measure, if the plan says.
pub fn decided(m: &Measure) -> Option<Decided> {
    m.issuer.as_ref().map(|i| i.level.decided())
}

/// The measures of a plan with their node index.
fn measures(plan: &Plan) -> impl Iterator<Item = (usize, &Measure)> {
    plan.nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match &n.data {
            NodeData::Matt(m) => Some((i, m)),
            _ => None,
        })
}

/// Whether the måluppfyllelse table can be split by who decided: some measures are politically decided and
/// some are the unit's own.
pub fn can_split(plan: &Plan) -> bool {
    let mut seen = [false; 2];
    for (_, m) in measures(plan) {
        if let Some(d) = decided(m) {
            seen[d as usize] = true;
        }
    }
    seen == [true, true]
}

/// Whether any measure states a grade for the period.
pub fn has_stated(plan: &Plan, period: &Period) -> bool {
    measures(plan).any(|(_, m)| m.stated_grade(period).is_some())
}

/// What the måluppfyllelse table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Counting {
    /// The grades verksam gives (a manual grade where one is set).
    #[default]
    Beraknad,
    /// The grades the report states; where it states none for a period, the counts its own table gives.
    Rapporten,
}

/// Where a group's counts for a period come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TallyFrom {
    Computed,
    /// The report's grades of the measures; `unstated` are measures followed up in the period that the report
    /// gives no grade (not counted).
    StatedGrades {
        unstated: Vec<usize>,
    },
    /// The report's own table (its grades per measure are not in the plan).
    StatedCounts(Option<SourceRef>),
    /// Nothing to count.
    Nothing,
}

/// A group's counts in one period and where they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub counts: Counts,
    pub from: TallyFrom,
}

fn counts_of(stated: &crate::domain::plan::StatedCounts) -> Counts {
    Counts {
        uppfyllt: stated.uppfyllt,
        delvis: stated.delvis,
        ej: stated.ej,
        ej_bedombar: 0,
    }
}

/// One group's counts in the period of `card`; the group `None` is the measures with no decision level given
/// (a measure added by hand, say), so the groups together are the whole plan.
pub fn tally(plan: &Plan, card: &Scorecard, group: Option<Decided>, counting: Counting) -> Tally {
    let in_group = || measures(plan).filter(move |(_, m)| decided(m) == group);
    let period = card.period;
    if counting == Counting::Rapporten {
        if in_group().any(|(_, m)| m.stated_grade(&period).is_some()) {
            let mut counts = Counts::default();
            let mut unstated = vec![];
            for (i, m) in in_group() {
                match m.stated_grade(&period) {
                    Some(g) => counts.add(g.grade),
                    None if card.measures[i].is_some_and(|b| b.scheduled) => unstated.push(i),
                    None => {}
                }
            }
            return Tally {
                counts,
                from: TallyFrom::StatedGrades { unstated },
            };
        }
        if let Some(s) = plan
            .stated_counts
            .iter()
            .find(|s| s.period == period && Some(s.decided) == group)
        {
            return Tally {
                counts: counts_of(s),
                from: TallyFrom::StatedCounts(s.source.clone()),
            };
        }
    }
    let mut counts = Counts::default();
    for (i, _) in in_group() {
        if let Some(b) = card.measures[i].filter(|b| b.scheduled) {
            counts.add(b.grade);
        }
    }
    let from = if counts.scheduled() > 0 {
        TallyFrom::Computed
    } else {
        TallyFrom::Nothing
    };
    Tally { counts, from }
}

/// The måluppfyllelse table by who decided: a row per group, this period against the same period last year,
/// and notes that say where counts come from when they are not computed. With the report's grades, the
/// Folktandvården Jönköping demo gives the report's two tables: 4 / 4 / 2 of 10 (2 / 2 / 6 the year before)
/// and 4 / 1 / 5 of 10.
pub fn decided_report(
    plan: &Plan,
    now: &Scorecard,
    last_year: &Scorecard,
    counting: Counting,
) -> (Vec<ReportRow>, Vec<String>) {
    let mut rows = vec![];
    let mut notes = vec![];
    for group in [Some(Decided::Politiskt), Some(Decided::Eget), None] {
        let label = group.map_or("Utan angiven beslutsnivå", Decided::label);
        let (a, b) = (
            tally(plan, now, group, counting),
            tally(plan, last_year, group, counting),
        );
        if a.from == TallyFrom::Nothing && b.from == TallyFrom::Nothing {
            continue;
        }
        for (t, p) in [(&a, now.period), (&b, last_year.period)] {
            match &t.from {
                TallyFrom::StatedCounts(src) => notes.push(format!(
                    "{}, {}: rapportens egen tabell{} (bedömningarna per mått finns inte i planen).",
                    p.label(),
                    label.to_lowercase(),
                    src.as_ref()
                        .map(|s| format!(", {}", s.lines_sv()))
                        .unwrap_or_default()
                )),
                TallyFrom::StatedGrades { unstated } => {
                    if let Some(table) = plan
                        .stated_counts
                        .iter()
                        .find(|s| s.period == p && Some(s.decided) == group)
                    {
                        let c = counts_of(table);
                        if (c.uppfyllt, c.delvis, c.ej)
                            != (t.counts.uppfyllt, t.counts.delvis, t.counts.ej)
                        {
                            notes.push(format!(
                                "{}, {}: rapportens tabell{} anger {} / {} / {}, men dess bedömningar per mått ger {} / {} / {}.",
                                p.label(),
                                label.to_lowercase(),
                                table.source.as_ref().map(|s| format!(" ({})", s.lines_sv())).unwrap_or_default(),
                                c.uppfyllt, c.delvis, c.ej,
                                t.counts.uppfyllt, t.counts.delvis, t.counts.ej
                            ));
                        }
                    }
                    if !unstated.is_empty() {
                        let names: Vec<String> = unstated
                            .iter()
                            .map(|&i| format!("”{}”", plan.nodes[i].text))
                            .collect();
                        notes.push(format!(
                            "{}: rapporten bedömer inte {} och {} räknas inte.",
                            p.label(),
                            names.join(", "),
                            if unstated.len() == 1 { "det" } else { "de" }
                        ));
                    }
                }
                _ => {}
            }
        }
        rows.push(ReportRow {
            node: Some(format!("beslut-{}", group.map_or("okand", Decided::key))),
            label: label.to_string(),
            now: a.counts,
            last_year: b.counts,
        });
    }
    (rows, notes)
}

/// A measure whose stated grade is not the computed one.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The measure's node index.
    pub index: usize,
    pub stated: StatedGrade,
    pub computed: Grade,
    /// Why they differ, in Swedish: the numbers behind the computed grade and what the report would need.
    pub why: String,
}

/// The report's grades against the computed ones in a period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatedComparison {
    /// Measures with a stated grade in the period.
    pub stated: usize,
    /// The report's grades counted ("Rapporten anger själv: 8 uppfyllda …").
    pub counts: Counts,
    /// Of those, how many the computation grades the same.
    pub same: usize,
    pub differences: Vec<Difference>,
}

/// How far a comparison's value is from its target, in per cent of the target (`None` for a target of 0).
fn distance_pct(c: &Comparison) -> Option<f64> {
    (c.target.abs() > 1e-9).then(|| (c.compared - c.target).abs() / c.target.abs() * 100.0)
}

fn pct(v: f64) -> String {
    value_sv((v * 10.0).round() / 10.0, "%")
}

/// Why the report's grade and the computed one differ, from the numbers grading kept.
fn why(m: &Measure, stated: Grade, a: &super::Assessment, s: &ScorecardSettings) -> String {
    let reason = a.reason(m, s);
    let c = match &a.basis {
        Basis::Compared(c) => Some(c),
        _ => None,
    };
    let tail = match (stated, a.computed, c) {
        (_, Grade::EjBedombar, _) => {
            "verksam kan inte räkna fram en bedömning; rapporten bedömer utan de värdena"
                .to_string()
        }
        (Grade::Delvis, Grade::EjUppfyllt, Some(c)) if c.why == Why::NotMet => {
            match distance_pct(c) {
                Some(d) => format!(
                    "avståndet till målvärdet är {} av målvärdet, utanför toleransen för delvis ({}); med en tolerans på minst {} blir den delvis",
                    pct(d),
                    pct(s.tolerance_pct),
                    pct((d * 10.0).ceil() / 10.0)
                ),
                None => "målvärdet nås inte; rapporten räknar den som delvis".into(),
            }
        }
        (Grade::Delvis, Grade::EjUppfyllt, Some(c)) if c.why == Why::NotBetterThanReference => {
            "inte bättre än jämförelsevärdet; rapporten räknar den ändå som delvis".into()
        }
        (Grade::Uppfyllt, g, Some(c)) if g != Grade::Uppfyllt => match distance_pct(c) {
            Some(d) => format!(
                "avståndet till målvärdet är {} av målvärdet; rapporten räknar den som uppfylld fast målvärdet inte nås",
                pct(d)
            ),
            None => "rapporten räknar den som uppfylld fast målvärdet inte nås".into(),
        },
        (Grade::EjUppfyllt, Grade::Delvis, Some(c)) if c.why == Why::WithinTolerance => format!(
            "inom toleransen för delvis ({}); rapporten räknar den som ej uppfylld",
            pct(s.tolerance_pct)
        ),
        (Grade::EjUppfyllt, Grade::Uppfyllt, _) => {
            "målvärdet nås; rapporten räknar den ändå som ej uppfylld".into()
        }
        _ => format!(
            "rapporten säger {}, beräkningen {}",
            stated.label().to_lowercase(),
            a.computed.label().to_lowercase()
        ),
    };
    format!("{reason}: {tail}.")
}

/// The report's grades in `period` against the grades `settings` compute (manual grades aside: the question is
/// what the rules give).
pub fn compare(plan: &Plan, period: &Period, settings: &ScorecardSettings) -> StatedComparison {
    let mut out = StatedComparison::default();
    for (i, m) in measures(plan) {
        let Some(g) = m.stated_grade(period) else {
            continue;
        };
        out.stated += 1;
        out.counts.add(g.grade);
        let a = assess(m, period, settings);
        if a.computed == g.grade {
            out.same += 1;
        } else {
            out.differences.push(Difference {
                index: i,
                stated: g.clone(),
                computed: a.computed,
                why: why(m, g.grade, &a, settings),
            });
        }
    }
    out
}

/// A named grading rule set: the plan's settings with a tolerance for delvis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleSet {
    pub key: &'static str,
    pub name: &'static str,
    /// What it does, in a sentence.
    pub description: &'static str,
    pub tolerance_pct: f64,
}

/// The rule sets a strategist can pick. *Standard* is DOMAIN's proposal; *Rapportnära* is the setting that
/// reproduces the most of Folktandvården Jönköping's stated grades for Delårsrapport 2 2024 (17 of 20, against
/// 15 of 20 for the standard; see `tests/scorecard.rs`).
pub const RULE_SETS: [RuleSet; 2] = [
    RuleSet {
        key: "standard",
        name: "Standard",
        description: "Delvis när utfallet är bättre än jämförelsevärdet, eller utan jämförelsevärde inom 5 % av målvärdet.",
        tolerance_pct: 5.0,
    },
    RuleSet {
        key: "rapportnara",
        name: "Rapportnära",
        description: "Som standard, men delvis inom 15 % av målvärdet: så bedömer Folktandvården Jönköpings delårsrapport flest mätetal.",
        tolerance_pct: 15.0,
    },
];

impl RuleSet {
    /// The settings with this rule set applied.
    pub fn apply(&self, s: &ScorecardSettings) -> ScorecardSettings {
        ScorecardSettings {
            tolerance_pct: self.tolerance_pct,
            ..s.clone()
        }
    }
    /// The rule set the settings follow, if any.
    pub fn of(s: &ScorecardSettings) -> Option<&'static RuleSet> {
        RULE_SETS
            .iter()
            .find(|r| (r.tolerance_pct - s.tolerance_pct).abs() < 1e-9)
    }
    pub fn by_key(key: &str) -> Option<&'static RuleSet> {
        RULE_SETS.iter().find(|r| r.key == key)
    }
}

/// How many of the report's grades in `period` each tolerance reproduces: (tolerance, same, stated).
pub fn tolerance_sweep(
    plan: &Plan,
    period: &Period,
    tolerances: &[f64],
) -> Vec<(f64, usize, usize)> {
    tolerances
        .iter()
        .map(|&t| {
            let s = ScorecardSettings {
                tolerance_pct: t,
                ..plan.scorecard.clone()
            };
            let c = compare(plan, period, &s);
            (t, c.same, c.stated)
        })
        .collect()
}

/// "15 av 20 av rapportens bedömningar".
pub fn reproduced_sv(c: &StatedComparison) -> String {
    format!(
        "{} av {} av rapportens bedömningar",
        number_sv(c.same as f64),
        number_sv(c.stated as f64)
    )
}
