//! Rolling measure grades up to goals, perspectives and the plan, by the method the plan chooses; and the
//! report's måluppfyllelse table. Incomplete data never fails: it shows as ej bedömbar plus an issue.

use super::assessment::Brief;
use super::facts::Facts;
use super::grade::{assess, Assessment};
use crate::domain::measure::*;
use crate::domain::period::{Period, PeriodCode};
use crate::domain::plan::{NodeData, NodeKind, Plan};

/// The tree as indices, built once per plan structure and reused for every period.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// Children of each node, in order.
    pub children: Vec<Vec<usize>>,
    /// Top-level nodes, in order.
    pub roots: Vec<usize>,
    /// Every node, children before parents.
    pub post_order: Vec<usize>,
}

impl Structure {
    pub fn new(plan: &Plan) -> Structure {
        let n = plan.nodes.len();
        let mut by_id: Vec<(&str, usize)> = plan
            .nodes
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        by_id.sort_unstable();
        let mut children = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, node) in plan.nodes.iter().enumerate() {
            let parent = node.parent.as_deref().and_then(|p| {
                by_id
                    .binary_search_by(|(id, _)| (*id).cmp(p))
                    .ok()
                    .map(|k| by_id[k].1)
            });
            match parent {
                Some(p) => children[p].push(i),
                None => roots.push(i),
            }
        }
        let key = |i: &usize| (plan.nodes[*i].order, plan.nodes[*i].id.as_str());
        for c in &mut children {
            c.sort_by(|a, b| key(a).cmp(&key(b)));
        }
        roots.sort_by(|a, b| key(a).cmp(&key(b)));
        // iterative post-order, so a deep plan cannot overflow the stack
        let mut post_order = Vec::with_capacity(n);
        let mut stack: Vec<(usize, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
        while let Some((i, done)) = stack.pop() {
            if done {
                post_order.push(i);
            } else {
                stack.push((i, true));
                stack.extend(children[i].iter().rev().map(|&c| (c, false)));
            }
        }
        Structure {
            children,
            roots,
            post_order,
        }
    }
}

/// How many scheduled measures got each grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub uppfyllt: u32,
    pub delvis: u32,
    pub ej: u32,
    pub ej_bedombar: u32,
}

impl Counts {
    pub fn add(&mut self, g: Grade) {
        match g {
            Grade::Uppfyllt => self.uppfyllt += 1,
            Grade::Delvis => self.delvis += 1,
            Grade::EjUppfyllt => self.ej += 1,
            Grade::EjBedombar => self.ej_bedombar += 1,
        }
    }
    pub fn merge(&mut self, o: &Counts) {
        self.uppfyllt += o.uppfyllt;
        self.delvis += o.delvis;
        self.ej += o.ej;
        self.ej_bedombar += o.ej_bedombar;
    }
    /// Measures followed up in the period ("mäts").
    pub fn scheduled(&self) -> u32 {
        self.uppfyllt + self.delvis + self.ej + self.ej_bedombar
    }
    pub fn graded(&self) -> u32 {
        self.uppfyllt + self.delvis + self.ej
    }
    pub fn get(&self, g: Grade) -> u32 {
        match g {
            Grade::Uppfyllt => self.uppfyllt,
            Grade::Delvis => self.delvis,
            Grade::EjUppfyllt => self.ej,
            Grade::EjBedombar => self.ej_bedombar,
        }
    }
    /// Share of the scheduled measures with this grade, 0..=1; `None` when nothing is scheduled.
    pub fn share(&self, g: Grade) -> Option<f64> {
        let n = self.scheduled();
        (n > 0).then(|| self.get(g) as f64 / n as f64)
    }
    /// The share of the assessed measures (those with a grade) that have grade `g`: what a reader means by
    /// "how many were met"; `None` when none could be assessed.
    pub fn share_of_graded(&self, g: Grade) -> Option<f64> {
        let n = self.graded();
        (n > 0 && g != Grade::EjBedombar).then(|| self.get(g) as f64 / n as f64)
    }
}

/// A rolled-up node (goal, perspective, the plan) in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeResult {
    /// `None` with the distribution-only method.
    pub grade: Option<Grade>,
    /// Weighted share 0..=1 (weighted-share method, enough coverage).
    pub score: Option<f64>,
    /// Grades of every scheduled measure below.
    pub counts: Counts,
    /// Ej uppfyllt because a critical measure below is ej uppfyllt.
    pub forced: bool,
}

/// Something a reader should know about the rollup; never an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// Fewer than the required share of scheduled measures graded: the node is ej bedömbar.
    LowCoverage {
        node: Option<String>,
        graded: u32,
        scheduled: u32,
    },
    /// A critical measure is ej uppfyllt, so its goal is.
    CriticalFailed { goal: String, measure: String },
    /// No measure is followed up in the period.
    NothingScheduled,
}

/// The share of a node's measures that must have outcomes for it to be graded, in words: "hälften", "75 %".
pub fn required_share(s: &ScorecardSettings) -> String {
    if (s.min_coverage - 0.5).abs() < 1e-9 {
        "hälften".to_string()
    } else {
        format!(
            "{}\u{a0}%",
            crate::domain::format::number_sv((s.min_coverage * 1000.0).round() / 10.0)
        )
    }
}

impl Issue {
    /// Swedish, with the plan's texts for the nodes.
    pub fn message(&self, plan: &Plan) -> String {
        let name = |id: &Option<String>| match id {
            None => "Planen".to_string(),
            Some(id) => plan
                .node(id)
                .map(|n| format!("{} {}", n.label, n.text))
                .unwrap_or_else(|| id.clone()),
        };
        match self {
            Issue::LowCoverage {
                node,
                graded,
                scheduled,
            } => format!(
                "{}: {graded} av {scheduled} mått bedömda, färre än {}; ej bedömbar",
                name(node),
                required_share(&plan.scorecard)
            ),
            Issue::CriticalFailed { goal, measure } => format!(
                "{}: ej uppfyllt eftersom det kritiska måttet {} är ej uppfyllt",
                name(&Some(goal.clone())),
                name(&Some(measure.clone()))
            ),
            Issue::NothingScheduled => "Inget mått följs upp i perioden".into(),
        }
    }
}

/// Grades of every measure and rolled-up node of a plan in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub period: Period,
    /// By node index: `Some` for measures (mått).
    pub measures: Vec<Option<Brief>>,
    /// By node index: `Some` for other nodes with at least one scheduled measure below.
    pub nodes: Vec<Option<NodeResult>>,
    pub plan: NodeResult,
    pub issues: Vec<Issue>,
}

impl Scorecard {
    /// The full assessment of node `i` (a measure of `plan`, the plan this scorecard was made from).
    pub fn assessment(&self, plan: &Plan, i: usize) -> Option<Assessment> {
        self.measures.get(i)?.as_ref()?;
        match &plan.nodes.get(i)?.data {
            NodeData::Matt(m) => Some(assess(m, &self.period, &plan.scorecard)),
            _ => None,
        }
    }
}

fn threshold_grade(score: f64, s: &ScorecardSettings) -> Grade {
    if score >= s.green_at - 1e-12 {
        Grade::Uppfyllt
    } else if score >= s.yellow_at - 1e-12 {
        Grade::Delvis
    } else {
        Grade::EjUppfyllt
    }
}

/// Severity for worst-of and tie-breaks: higher is worse.
fn badness(g: Grade) -> u8 {
    match g {
        Grade::Uppfyllt => 0,
        Grade::Delvis => 1,
        Grade::EjUppfyllt => 2,
        Grade::EjBedombar => 3,
    }
}

/// One child's contribution: its weight, grade and (weighted-share) score.
struct Part {
    weight: f64,
    grade: Grade,
    score: Option<f64>,
}

fn aggregate(
    parts: &[Part],
    counts: &Counts,
    s: &ScorecardSettings,
) -> (Option<Grade>, Option<f64>, bool) {
    let scheduled = counts.scheduled();
    let covered = scheduled > 0 && (counts.graded() as f64) >= s.min_coverage * scheduled as f64;
    let graded = parts.iter().filter(|p| p.grade != Grade::EjBedombar);
    match s.method {
        RollupMethod::EndastFordelning => (None, None, covered),
        _ if !covered => (Some(Grade::EjBedombar), None, false),
        RollupMethod::ViktadAndel => {
            let (mut num, mut den) = (0.0, 0.0);
            for p in parts {
                if let Some(sc) = p.score {
                    num += p.weight * sc;
                    den += p.weight;
                }
            }
            if den > 0.0 {
                let score = (num / den).clamp(0.0, 1.0);
                (Some(threshold_grade(score, s)), Some(score), true)
            } else {
                (Some(Grade::EjBedombar), None, true)
            }
        }
        RollupMethod::Samsta => (
            Some(
                graded
                    .map(|p| p.grade)
                    .max_by_key(|g| badness(*g))
                    .unwrap_or(Grade::EjBedombar),
            ),
            None,
            true,
        ),
        RollupMethod::Majoritet => {
            let mut w = [0.0f64; 3];
            for p in graded {
                w[badness(p.grade) as usize] += p.weight;
            }
            let best = (0..3)
                .filter(|&i| w[i] > 0.0)
                // the largest weight; a tie goes to the worse grade
                .max_by(|&a, &b| w[a].total_cmp(&w[b]).then(a.cmp(&b)));
            let g = match best {
                Some(0) => Grade::Uppfyllt,
                Some(1) => Grade::Delvis,
                Some(_) => Grade::EjUppfyllt,
                None => Grade::EjBedombar,
            };
            (Some(g), None, true)
        }
    }
}

/// The children's contributions to a node (into `parts`, cleared first) and the counts of the scheduled
/// measures below it.
fn gather(
    children: &[usize],
    measures: &[Option<Brief>],
    nodes: &[Option<NodeResult>],
    weight: &dyn Fn(usize) -> f64,
    parts: &mut Vec<Part>,
) -> Counts {
    parts.clear();
    let mut counts = Counts::default();
    for &c in children {
        if let Some(b) = &measures[c] {
            if b.scheduled {
                counts.add(b.grade);
                parts.push(Part {
                    weight: weight(c),
                    grade: b.grade,
                    score: b.grade.score(),
                });
            }
        } else if let Some(r) = &nodes[c] {
            counts.merge(&r.counts);
            if let Some(g) = r.grade {
                parts.push(Part {
                    weight: weight(c),
                    grade: g,
                    score: r.score,
                });
            }
        }
    }
    counts
}

/// Grade every measure of the plan in `period` and roll up.
pub fn scorecard(plan: &Plan, st: &Structure, period: Period) -> Scorecard {
    scorecard_with(plan, st, None, period)
}

/// [`scorecard`] with a prepared outcome index (faster on large plans; same result). An index that does not
/// fit the plan is ignored.
pub fn scorecard_with(
    plan: &Plan,
    st: &Structure,
    facts: Option<&Facts>,
    period: Period,
) -> Scorecard {
    let facts = facts.filter(|f| f.fits(plan));
    let s = &plan.scorecard;
    let n = plan.nodes.len();
    let mut measures: Vec<Option<Brief>> = vec![None; n];
    let mut nodes: Vec<Option<NodeResult>> = vec![None; n];
    // per node: a critical measure below (not yet consumed by a goal) is ej uppfyllt
    let mut critical: Vec<Option<usize>> = vec![None; n];
    let mut issues = Vec::new();
    let mut parts: Vec<Part> = Vec::new();
    let weighted = !s.weights.is_empty();
    let weight = |c: usize| {
        if weighted {
            s.weight(&plan.nodes[c].id)
        } else {
            1.0
        }
    };
    for &i in &st.post_order {
        // a simple measure is graded from the index without reading its record
        if let Some((b, is_critical)) = facts.and_then(|f| f.brief(i, &period, s)) {
            if is_critical && b.grade == Grade::EjUppfyllt {
                critical[i] = Some(i);
            }
            measures[i] = Some(b);
            continue;
        }
        let node = &plan.nodes[i];
        if let NodeData::Matt(m) = &node.data {
            let a = match facts {
                Some(f) => f.assess(m, &period, s, i),
                None => assess(m, &period, s),
            };
            if m.critical && a.scheduled && a.grade == Grade::EjUppfyllt {
                critical[i] = Some(i);
            }
            measures[i] = Some(Brief::from(&a));
            continue;
        }
        let counts = gather(&st.children[i], &measures, &nodes, &weight, &mut parts);
        let crit = st.children[i].iter().find_map(|&c| critical[c]);
        if counts.scheduled() == 0 {
            continue;
        }
        let (mut grade, score, covered) = aggregate(&parts, &counts, s);
        if !covered && s.method != RollupMethod::EndastFordelning {
            issues.push(Issue::LowCoverage {
                node: Some(node.id.clone()),
                graded: counts.graded(),
                scheduled: counts.scheduled(),
            });
        }
        let mut forced = false;
        if node.data.kind() == NodeKind::Mal {
            if let Some(m) = crit {
                forced = true;
                if s.method != RollupMethod::EndastFordelning {
                    grade = Some(Grade::EjUppfyllt);
                }
                issues.push(Issue::CriticalFailed {
                    goal: node.id.clone(),
                    measure: plan.nodes[m].id.clone(),
                });
            }
        } else {
            critical[i] = crit;
        }
        nodes[i] = Some(NodeResult {
            grade,
            score: if forced {
                Some(0.0).filter(|_| score.is_some())
            } else {
                score
            },
            counts,
            forced,
        });
    }
    // the plan: its top-level nodes (and measures directly at the top)
    let counts = gather(&st.roots, &measures, &nodes, &weight, &mut parts);
    let (grade, score, covered) = aggregate(&parts, &counts, s);
    if counts.scheduled() == 0 {
        issues.push(Issue::NothingScheduled);
    } else if !covered && s.method != RollupMethod::EndastFordelning {
        issues.push(Issue::LowCoverage {
            node: None,
            graded: counts.graded(),
            scheduled: counts.scheduled(),
        });
    }
    Scorecard {
        period,
        measures,
        nodes,
        plan: NodeResult {
            grade,
            score,
            counts,
            forced: false,
        },
        issues,
    }
}

/// One row of the måluppfyllelse table: the plan or a perspective, this period and the same period last year.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    /// `None` for the whole plan.
    pub node: Option<String>,
    pub label: String,
    pub now: Counts,
    pub last_year: Counts,
}

/// The table each Delårsrapport opens with: per plan and per perspective, how many measures are uppfyllda,
/// delvis, ej uppfyllda and how many are measured, this period against the same period last year.
pub fn report(
    plan: &Plan,
    st: &Structure,
    now: &Scorecard,
    last_year: &Scorecard,
) -> Vec<ReportRow> {
    let mut rows = vec![ReportRow {
        node: None,
        label: "Hela planen".into(),
        now: now.plan.counts,
        last_year: last_year.plan.counts,
    }];
    let mut stack: Vec<usize> = st.roots.iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        let n = &plan.nodes[i];
        if n.data.kind() == NodeKind::Perspektiv {
            let c = |sc: &Scorecard| sc.nodes.get(i).and_then(|r| r.as_ref()).map(|r| r.counts);
            if c(now).is_some() || c(last_year).is_some() {
                rows.push(ReportRow {
                    node: Some(n.id.clone()),
                    label: n.text.clone(),
                    now: c(now).unwrap_or_default(),
                    last_year: c(last_year).unwrap_or_default(),
                });
            }
            continue;
        }
        stack.extend(st.children[i].iter().rev());
    }
    rows
}

/// Every period the plan has an outcome, a manual grade or an analysis for, in order, newest last.
pub fn periods_with_data(plan: &Plan) -> Vec<Period> {
    let mut v: Vec<Period> = Vec::new();
    for n in &plan.nodes {
        if let NodeData::Matt(m) = &n.data {
            let keyed = m
                .manual
                .iter()
                .map(|g| g.period)
                .chain(m.analyses.iter().map(|a| a.period));
            for p in m
                .outcomes
                .iter()
                .filter_map(|o| Period::from_ref(&o.period))
                .chain(keyed)
            {
                // few distinct periods: a linear check, most often a hit on the last one seen
                if v.last() != Some(&p) && !v.contains(&p) {
                    v.push(p);
                }
            }
        }
    }
    v.sort_by_key(|p| (p.sort_key(), p.code));
    v
}

/// Periods a strategist can pick for a plan: those with data, plus the interim reports and the year of each
/// plan year, in time order.
pub fn period_choices(p: &Plan) -> Vec<Period> {
    let mut v = periods_with_data(p);
    for y in p.period.from..=p.period.to.min(p.period.from + 20) {
        for c in [PeriodCode::Da04, PeriodCode::Da08, PeriodCode::Ar] {
            let per = Period::new(y, c);
            if !v.contains(&per) {
                v.push(per);
            }
        }
    }
    v.sort_by_key(Period::sort_key);
    v
}

/// The period a page opens on: [`default_period`], else the plan's first interim report.
pub fn opening_period(p: &Plan) -> Period {
    default_period(p).unwrap_or(Period::new(p.period.from, PeriodCode::Da08))
}

/// The period a scorecard opens at: in the latest year with outcomes, the period with outcomes for the most
/// measures (a report period, not a stray monthly figure); `None` if nothing has outcomes.
pub fn default_period(plan: &Plan) -> Option<Period> {
    let periods = periods_with_data(plan);
    let year = periods.iter().map(|p| p.year).max()?;
    let count = |p: &Period| {
        plan.nodes
            .iter()
            .filter(|n| match &n.data {
                NodeData::Matt(m) => m
                    .outcomes
                    .iter()
                    .any(|o| o.value.is_some() && p.matches(&o.period)),
                _ => false,
            })
            .count()
    };
    // T1 and DÅ04 cover the same months: prefer the name the document uses most
    let named = |p: &Period| {
        plan.nodes
            .iter()
            .filter_map(|n| match &n.data {
                NodeData::Matt(m) => Some(m),
                _ => None,
            })
            .flat_map(|m| &m.outcomes)
            .filter(|o| Period::from_ref(&o.period) == Some(*p))
            .count()
    };
    periods
        .iter()
        .filter(|p| p.year == year)
        // most measures; then the name used most; then the later period
        .max_by_key(|p| (count(p), named(p), p.sort_key()))
        .copied()
}
