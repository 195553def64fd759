//! The printed report's content, shaped like the Delårsrapporter: per perspective, per goal, a table of the
//! mätetal followed up in the period with målvärde, resultat (kvinnor/män where present), status, trend and
//! analys. The summary table comes from [`super::report`]; this is the rest, ready to lay out.

use super::edit::{outcome_index, value_unit};
use super::grade::Trend;
use super::rollup::{Scorecard, Structure};
use crate::domain::format::{number_sv, value_sv};
use crate::domain::measure::{Grade, Measure, ScorecardSettings, Sex, Target, TargetKind};
use crate::domain::plan::{NodeData, NodeKind, Plan};

/// One mätetal row.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedMeasure {
    pub id: String,
    pub text: String,
    pub target: String,
    pub total: Option<String>,
    pub kvinnor: Option<String>,
    pub man: Option<String>,
    pub grade: Grade,
    /// The report's own grade when it differs from `grade`.
    pub stated: Option<Grade>,
    pub trend: Trend,
    pub critical: bool,
    pub analysis: String,
}

/// A measure of a plan that has no outcomes yet: what it measures, its target and when it is followed up.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedMeasure {
    pub id: String,
    /// The plan's name for the level ("Indikator", "Styrmått").
    pub level: String,
    pub text: String,
    pub target: String,
    pub follow_up: String,
}

/// A goal (or any node with measures directly under it) and its table.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedGoal<M = PrintedMeasure> {
    pub heading: String,
    pub grade: Option<Grade>,
    pub measures: Vec<M>,
}

/// A top-level node (a perspective in most plans) with every goal below it that has measures in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedPerspective<M = PrintedMeasure> {
    pub id: String,
    pub level: String,
    pub heading: String,
    pub grade: Option<Grade>,
    pub goals: Vec<PrintedGoal<M>>,
}

/// The targets in the order the measure lists them, each written like the results ([`target_sv`]).
fn targets_text(m: &Measure) -> String {
    let unit = value_unit(m).unwrap_or_default();
    m.targets
        .iter()
        .map(|t| target_sv(t, &unit))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A target written the way results are ("≥ 70 %" beside "67,4 %", with a no-break space before the unit),
/// when it is one value or one interval; as the document wrote it otherwise (directions, changes, targets per
/// sex, words), so nothing it says is lost.
pub fn target_sv(t: &Target, unit: &str) -> String {
    let u = t.unit.as_deref().unwrap_or(unit);
    let annual = if t.annual { " på helår" } else { "" };
    match (t.kind, t.value, t.value_high) {
        _ if !t.groups.is_empty() => t.raw.trim().to_string(),
        (TargetKind::Niva | TargetKind::Antal | TargetKind::Bibehalla, Some(v), _) => {
            let op = t
                .operator
                .map(|o| format!("{}\u{a0}", o.sign()))
                .unwrap_or_default();
            format!("{op}{}{annual}", value_sv(v, u))
        }
        (TargetKind::Intervall, Some(lo), Some(hi)) => {
            format!("{}–{}{annual}", number_sv(lo), value_sv(hi, u))
        }
        _ => t.raw.trim().to_string(),
    }
}

/// The report's legend: what each grade means with this plan's settings, how goals are rolled up and what the
/// trend compares with.
pub fn legend(s: &ScorecardSettings) -> Vec<String> {
    let pct = |x: f64| format!("{}\u{a0}%", number_sv(x));
    vec![
        "✓ Uppfyllt: målvärdet är nått.".to_string(),
        format!(
            "◐ Delvis: inte nått, men bättre än jämförelsevärdet (samma period året innan) eller, utan jämförelsevärde, inom {} av målvärdet.",
            pct(s.tolerance_pct)
        ),
        "✕ Ej uppfyllt: längre från målvärdet.".to_string(),
        "– Kan inte bedömas: utfall eller ett jämförbart målvärde saknas; ett saknat utfall gissas aldrig.".to_string(),
        format!(
            "Mål och perspektiv vägs samman av sina mått ({}); minst {} av måtten ska ha utfall.",
            s.method.label().to_lowercase(),
            pct(s.min_coverage * 100.0)
        ),
        "Trend: jämfört med samma period året innan.".to_string(),
    ]
}

fn value(m: &Measure, card: &Scorecard, sex: Option<Sex>, unit: &str) -> Option<String> {
    let o = &m.outcomes[outcome_index(m, &card.period, sex)?];
    match o.value {
        Some(v) => Some(value_sv(v, unit)),
        None => (!o.raw.trim().is_empty()).then(|| o.raw.trim().to_string()),
    }
}

fn heading(plan: &Plan, i: usize) -> String {
    let n = &plan.nodes[i];
    let label = if n.label.trim().is_empty() {
        plan.level_of(n)
    } else {
        n.label.trim().to_string()
    };
    format!("{label}: {}", n.text.trim())
}

/// The report's sections for the card's period, in tree order. Only measures followed up in the period are
/// listed; nodes with none are left out.
pub fn printed(plan: &Plan, st: &Structure, card: &Scorecard) -> Vec<PrintedPerspective> {
    let measure_row = |i: usize| -> Option<PrintedMeasure> {
        let b = card.measures.get(i).copied().flatten()?;
        if !b.scheduled {
            return None;
        }
        let n = &plan.nodes[i];
        let NodeData::Matt(m) = &n.data else {
            return None;
        };
        let unit = value_unit(m).unwrap_or_default();
        Some(PrintedMeasure {
            id: n.id.clone(),
            text: n.text.trim().to_string(),
            target: targets_text(m),
            total: value(m, card, None, &unit),
            kvinnor: value(m, card, Some(Sex::Kvinnor), &unit),
            man: value(m, card, Some(Sex::Man), &unit),
            grade: b.grade,
            stated: m
                .stated_grade(&card.period)
                .map(|g| g.grade)
                .filter(|&g| g != b.grade),
            trend: b.trend,
            critical: m.critical,
            analysis: m
                .analysis(&card.period)
                .unwrap_or_default()
                .trim()
                .to_string(),
        })
    };
    outline(plan, st, Some(card), measure_row)
}

/// Every measure of the plan with its target, under its perspective and goal: what a plan without outcomes
/// shows instead of a scorecard of grey rows.
pub fn planned(plan: &Plan, st: &Structure) -> Vec<PrintedPerspective<PlannedMeasure>> {
    let row = |i: usize| {
        let n = &plan.nodes[i];
        let NodeData::Matt(m) = &n.data else {
            return None;
        };
        Some(PlannedMeasure {
            id: n.id.clone(),
            level: plan.level_of(n),
            text: n.text.trim().to_string(),
            target: targets_text(m),
            follow_up: crate::domain::period::FollowUp::list_words(&m.follow_up),
        })
    };
    outline(plan, st, None, row)
}

/// The plan's perspectives in tree order, each with the nodes below it that have measure rows (`row` says
/// which measures have one), graded when a card is given.
pub(super) fn outline<M>(
    plan: &Plan,
    st: &Structure,
    card: Option<&Scorecard>,
    measure_row: impl Fn(usize) -> Option<M>,
) -> Vec<PrintedPerspective<M>> {
    let grade = |i: usize| card.and_then(|c| c.nodes[i].as_ref().and_then(|x| x.grade));
    let mut out = vec![];
    for &r in &st.roots {
        if plan.nodes[r].data.kind() == NodeKind::Kontext {
            continue;
        }
        let mut goals = vec![];
        // depth first in tree order: each node whose children include measures gets a table
        let mut stack = vec![r];
        while let Some(i) = stack.pop() {
            let measures: Vec<M> = st.children[i]
                .iter()
                .filter_map(|&c| measure_row(c))
                .collect();
            if !measures.is_empty() {
                goals.push(PrintedGoal {
                    heading: heading(plan, i),
                    grade: grade(i),
                    measures,
                });
            }
            for &c in st.children[i].iter().rev() {
                if !matches!(plan.nodes[c].data, NodeData::Matt(_)) {
                    stack.push(c);
                }
            }
        }
        if goals.is_empty() {
            continue;
        }
        let n = &plan.nodes[r];
        out.push(PrintedPerspective {
            id: n.id.clone(),
            level: if n.label.trim().is_empty() {
                plan.level_of(n)
            } else {
                n.label.trim().to_string()
            },
            heading: n.text.trim().to_string(),
            grade: grade(r),
            goals,
        });
    }
    out
}
