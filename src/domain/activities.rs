//! A plan's activities and uppdrag as a reader follows them: grouped under what they serve (the goal, or the
//! action plan's section), each with its level name, time period, status and what more there is to say.
//! Pure: the published view and the printed report both show this.

use super::period::Period;
use super::plan::{report_until, NodeData, Plan, WorkReport, WorkStatus};

/// One activity or uppdrag.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkItem {
    pub id: String,
    /// The plan's own name for the level ("Åtgärd", "Aktivitet", "Uppdrag").
    pub level: String,
    pub text: String,
    /// Its own time period, else that of the section it is in.
    pub period: Option<String>,
    pub status: Option<WorkStatus>,
    pub delayed: bool,
    /// The comment, or for an uppdrag who gave it to whom and the report on it.
    pub note: String,
    /// The analysis of the report its status comes from.
    pub analysis: String,
    /// The period of that report (earlier than the one asked for when it did not report then).
    pub reported_in: Option<Period>,
    /// An uppdrag (a commission), not an activity.
    pub uppdrag: bool,
}

/// The activities directly under one node, in the plan's order.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkGroup {
    pub id: String,
    /// "Mål: …", "Avsnitt: Aktiviteter 2023"; empty for items at the top of the plan.
    pub heading: String,
    pub items: Vec<WorkItem>,
}

/// What a reader of `at` knows of an item: its latest report at or before that period (with no period: its
/// latest report).
fn known_at(reports: &[WorkReport], at: Option<Period>) -> Option<&WorkReport> {
    match at {
        Some(p) => report_until(reports, p),
        None => reports.iter().max_by_key(|r| r.period.sort_key()),
    }
}

/// The plan's activities and uppdrag, grouped by the node they sit under, in the order of the plan's tree, each
/// with its status as known at `at` (see [`known_at`]).
pub fn work_groups(plan: &Plan, at: Option<Period>) -> Vec<WorkGroup> {
    let children = plan.child_index();
    let mut out: Vec<WorkGroup> = vec![];
    // depth first in the plan's order, carrying the nearest section's time period
    let mut stack: Vec<(Option<&str>, Option<String>)> = vec![(None, None)];
    while let Some((parent, inherited)) = stack.pop() {
        let kids = children.get(&parent).map(Vec::as_slice).unwrap_or_default();
        let mut items = vec![];
        for n in kids {
            let period = |own: &Option<super::plan::TimePeriod>| {
                own.as_ref().map(|t| t.label.clone()).or(inherited.clone())
            };
            match &n.data {
                NodeData::Aktivitet(a) => items.push(WorkItem {
                    id: n.id.clone(),
                    level: plan.level_of(n),
                    text: n.text.clone(),
                    period: period(&a.time_period),
                    status: known_at(&a.followups, at).and_then(|r| r.status),
                    delayed: known_at(&a.followups, at).is_some_and(|r| r.delayed),
                    analysis: known_at(&a.followups, at)
                        .map(|r| r.analysis.trim().to_string())
                        .unwrap_or_default(),
                    reported_in: known_at(&a.followups, at).map(|r| r.period),
                    note: a.comment.trim().to_string(),
                    uppdrag: false,
                }),
                NodeData::Uppdrag(c) => {
                    let from = c.issuer.as_ref().map(|i| {
                        if i.name.trim().is_empty() {
                            i.level.label().to_string()
                        } else {
                            i.name.trim().to_string()
                        }
                    });
                    let to = c.recipient.trim();
                    let mut note = match (from, to.is_empty()) {
                        (Some(f), false) => format!("Från {f} till {to}."),
                        (Some(f), true) => format!("Från {f}."),
                        (None, false) => format!("Till {to}."),
                        (None, true) => String::new(),
                    };
                    if !c.report.trim().is_empty() {
                        if !note.is_empty() {
                            note.push(' ');
                        }
                        note.push_str(&format!("Återrapportering: {}", c.report.trim()));
                    }
                    items.push(WorkItem {
                        id: n.id.clone(),
                        level: plan.level_of(n),
                        text: n.text.clone(),
                        period: inherited.clone(),
                        status: known_at(&c.followups, at).and_then(|r| r.status),
                        delayed: known_at(&c.followups, at).is_some_and(|r| r.delayed),
                        analysis: known_at(&c.followups, at)
                            .map(|r| r.analysis.trim().to_string())
                            .unwrap_or_default(),
                        reported_in: known_at(&c.followups, at).map(|r| r.period),
                        note,
                        uppdrag: true,
                    });
                }
                _ => {}
            }
        }
        if !items.is_empty() {
            let heading = parent
                .and_then(|id| plan.node(id))
                .map(|p| format!("{}: {}", plan.level_of(p), p.text.trim()))
                .unwrap_or_default();
            out.push(WorkGroup {
                id: parent.unwrap_or_default().to_string(),
                heading,
                items,
            });
        }
        // children pushed in reverse so the first is visited first
        for n in kids.iter().rev() {
            let next = match &n.data {
                NodeData::Grupp {
                    time_period: Some(t),
                    ..
                } => Some(t.label.clone()),
                _ => inherited.clone(),
            };
            stack.push((Some(n.id.as_str()), next));
        }
    }
    out
}

/// "18 aktiviteter: 3 genomförda, 2 pågår, 13 ej rapporterade", for the items there are ("… och uppdrag"
/// when there are uppdrag among them).
pub fn status_line(groups: &[WorkGroup]) -> String {
    let items: Vec<&WorkItem> = groups.iter().flat_map(|g| &g.items).collect();
    let n = items.len();
    let mut parts = vec![];
    for s in WorkStatus::ALL {
        let c = items.iter().filter(|i| i.status == Some(s)).count();
        if c > 0 {
            parts.push(format!("{c} {}", status_word(s, c)));
        }
    }
    let delayed = items.iter().filter(|i| i.delayed).count();
    if delayed > 0 {
        parts.push(format!(
            "{delayed} {}",
            if delayed == 1 {
                "försenad"
            } else {
                "försenade"
            }
        ));
    }
    let none = items.iter().filter(|i| i.status.is_none()).count();
    if none > 0 {
        parts.push(format!(
            "{none} {}",
            if none == 1 {
                "ej rapporterad"
            } else {
                "ej rapporterade"
            }
        ));
    }
    let what = match (n == 1, items.iter().any(|i| i.uppdrag)) {
        (true, false) => "aktivitet",
        (false, false) => "aktiviteter",
        (true, true) => "uppdrag",
        (false, true) => "aktiviteter och uppdrag",
    };
    format!("{n} {what}: {}", parts.join(", "))
}

/// The status as a word that agrees with a count ("1 genomförd", "3 genomförda", "2 pågår").
fn status_word(s: WorkStatus, n: usize) -> &'static str {
    match (s, n == 1) {
        (WorkStatus::EjPaborjad, _) => "ej påbörjade",
        (WorkStatus::Pagar, _) => "pågår",
        (WorkStatus::Genomford, true) => "genomförd",
        (WorkStatus::Genomford, false) => "genomförda",
        (WorkStatus::Avbruten, true) => "avbruten",
        (WorkStatus::Avbruten, false) => "avbrutna",
    }
}

// ---- follow-up per period: the Uppföljning view, the report and the CSV ----

/// What kind of followed-up item a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WorkKind {
    Aktivitet,
    Uppdrag,
    /// An åtgärd of the internkontrollplan.
    Atgard,
}

/// One followed-up item in one period: what it reported then, and what it reported the period before.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRow {
    pub id: String,
    pub kind: WorkKind,
    /// The plan's own name for its level.
    pub level: String,
    pub text: String,
    /// What it sits under ("Mål: …", "Risk: …"); empty at the top.
    pub heading: String,
    /// Its report of this period; `None` is *ej rapporterad*.
    pub now: Option<WorkReport>,
    /// Its report of the previous period.
    pub before: Option<WorkReport>,
    pub start: Option<super::plan::When>,
    pub end: Option<super::plan::When>,
    /// Its end has passed (by the period's end or today, whichever is earlier) and it is not *genomförd* or
    /// *avbruten* by what it reported until then.
    pub late_by_date: bool,
}

/// Counts of one period: items per status, how many said *försenad*, and how many did not report a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusCounts {
    /// In the order of [`WorkStatus::ALL`].
    pub by_status: [usize; 4],
    pub delayed: usize,
    pub unreported: usize,
}

impl StatusCounts {
    pub fn of<'a>(reports: impl Iterator<Item = Option<&'a WorkReport>>) -> StatusCounts {
        let mut c = StatusCounts::default();
        for r in reports {
            match r.and_then(|r| r.status) {
                Some(s) => c.by_status[status_index(s)] += 1,
                None => c.unreported += 1,
            }
            if r.is_some_and(|r| r.delayed) {
                c.delayed += 1;
            }
        }
        c
    }

    pub fn get(&self, s: WorkStatus) -> usize {
        self.by_status[status_index(s)]
    }

    pub fn reported(&self) -> usize {
        self.by_status.iter().sum()
    }

    /// "3 genomförda, 1 pågår (1 försenad), 98 ej rapporterade": the statuses there are, the furthest first.
    pub fn line(&self) -> String {
        let mut parts = vec![];
        for s in REPORT_ORDER {
            let n = self.get(s);
            if n > 0 {
                parts.push(format!("{n} {}", status_word(s, n)));
            }
        }
        let mut line = parts.join(", ");
        if self.delayed > 0 {
            line.push_str(&format!(
                " ({} {})",
                self.delayed,
                if self.delayed == 1 {
                    "försenad"
                } else {
                    "försenade"
                }
            ));
        }
        if self.unreported > 0 {
            if !line.is_empty() {
                line.push_str(", ");
            }
            line.push_str(&format!(
                "{} ej {}",
                self.unreported,
                if self.unreported == 1 {
                    "rapporterad"
                } else {
                    "rapporterade"
                }
            ));
        }
        line
    }
}

/// The counts of the items that reported in `period` itself (an item whose latest report is older is *ej
/// rapporterad* in this period's count).
pub fn counts_in<'a>(items: impl Iterator<Item = &'a WorkItem>, period: Period) -> StatusCounts {
    let now: Vec<Option<WorkReport>> = items
        .map(|i| {
            (i.reported_in == Some(period)).then(|| WorkReport {
                period,
                status: i.status,
                delayed: i.delayed,
                analysis: String::new(),
            })
        })
        .collect();
    StatusCounts::of(now.iter().map(Option::as_ref))
}

/// The statuses as a report counts them: the furthest first.
pub const REPORT_ORDER: [WorkStatus; 4] = [
    WorkStatus::Genomford,
    WorkStatus::Pagar,
    WorkStatus::EjPaborjad,
    WorkStatus::Avbruten,
];

fn status_index(s: WorkStatus) -> usize {
    WorkStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// The period a report compares with: the report before it in the year's rhythm (Delår april ← Helår the year
/// before, Delår augusti ← Delår april, Helår ← Delår augusti; tertials and months the one before).
pub fn previous_report_period(p: Period) -> Period {
    use super::period::PeriodCode as C;
    let (y, c) = (p.year, p.code);
    match c {
        C::Da04 => Period::new(y - 1, C::Ar),
        C::Da08 => Period::new(y, C::Da04),
        C::Ar => Period::new(y, C::Da08),
        C::T1 => Period::new(y - 1, C::T3),
        C::T2 => Period::new(y, C::T1),
        C::T3 => Period::new(y, C::T2),
        C::Manad(1) => Period::new(y - 1, C::Manad(12)),
        C::Manad(m) => Period::new(y, C::Manad(m - 1)),
        C::R12(1) => Period::new(y - 1, C::R12(12)),
        C::R12(m) => Period::new(y, C::R12(m - 1)),
    }
}

/// The last day a period covers.
pub fn period_end(p: Period) -> chrono::NaiveDate {
    let (_, to) = p.code.months();
    let (y, m) = if to == 12 {
        (p.year + 1, 1)
    } else {
        (p.year, to as u32 + 1)
    };
    chrono::NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or_default()
}

/// Every followed-up item of the plan (activities, uppdrag, IK-åtgärder) in the tree's order, with its report
/// of `period` and of the period before, and whether it is late by date as of `today` (or the period's end).
pub fn follow_up_rows(plan: &Plan, period: Period, today: chrono::NaiveDate) -> Vec<FollowUpRow> {
    let before = previous_report_period(period);
    let as_of = period_end(period).min(today);
    let order = plan.tree_order();
    let mut out = vec![];
    for n in order {
        let (kind, reports, start, end) = match &n.data {
            NodeData::Aktivitet(a) => (WorkKind::Aktivitet, &a.followups, a.start, a.end),
            NodeData::Uppdrag(c) => (WorkKind::Uppdrag, &c.followups, c.start, c.end),
            NodeData::IkAtgard(a) => (WorkKind::Atgard, &a.followups, None, None),
            _ => continue,
        };
        let known = report_until(reports, period).and_then(|r| r.status);
        let late_by_date = end.is_some_and(|e| e.last_day() < as_of)
            && !matches!(known, Some(WorkStatus::Genomford | WorkStatus::Avbruten));
        let heading = n
            .parent
            .as_deref()
            .and_then(|id| plan.node(id))
            .map(|p| format!("{}: {}", plan.level_of(p), p.text.trim()))
            .unwrap_or_default();
        out.push(FollowUpRow {
            id: n.id.clone(),
            kind,
            level: plan.level_of(n),
            text: n.text.clone(),
            heading,
            now: super::plan::report_at(reports, period).cloned(),
            before: super::plan::report_at(reports, before).cloned(),
            start,
            end,
            late_by_date,
        });
    }
    out
}

/// The periods a plan's items were followed up in, in time order.
pub fn reported_periods(plan: &Plan) -> Vec<Period> {
    let mut v: Vec<Period> = plan
        .nodes
        .iter()
        .filter_map(|n| n.data.work_reports())
        .flatten()
        .map(|r| r.period)
        .collect();
    v.sort_by_key(Period::sort_key);
    v.dedup();
    v
}

/// The follow-up for Excel: UTF-8 with BOM, semicolons, CRLF; one row per item (activity, uppdrag, IK-åtgärd)
/// and period reported in the plan, *Ej rapporterad* where the item made no report that period.
pub fn follow_up_csv(plan: &Plan) -> String {
    use crate::domain::spreadsheet::csv_field;
    let periods = reported_periods(plan);
    let mut out = String::from("\u{feff}");
    out.push_str("Period;Slag;Under;Text;Status;Försenad;Analys;Start;Slut\r\n");
    let order = plan.tree_order();
    for p in &periods {
        for n in &order {
            let (reports, start, end) = match &n.data {
                NodeData::Aktivitet(a) => (&a.followups, a.start, a.end),
                NodeData::Uppdrag(c) => (&c.followups, c.start, c.end),
                NodeData::IkAtgard(a) => (&a.followups, None, None),
                _ => continue,
            };
            let r = super::plan::report_at(reports, *p);
            let under = n
                .parent
                .as_deref()
                .and_then(|id| plan.node(id))
                .map(|x| x.text.trim().to_string())
                .unwrap_or_default();
            let cols = [
                p.label(),
                plan.level_of(n),
                under,
                n.text.trim().to_string(),
                r.and_then(|r| r.status)
                    .map(|s| s.label().to_string())
                    .unwrap_or_else(|| "Ej rapporterad".into()),
                if r.is_some_and(|r| r.delayed) {
                    "Ja".into()
                } else {
                    String::new()
                },
                r.map(|r| r.analysis.clone()).unwrap_or_default(),
                start.map(|w| w.key()).unwrap_or_default(),
                end.map(|w| w.key()).unwrap_or_default(),
            ];
            out.push_str(
                &cols
                    .iter()
                    .map(|c| csv_field(c))
                    .collect::<Vec<_>>()
                    .join(";"),
            );
            out.push_str("\r\n");
        }
    }
    out
}

// ---- action plans: the timeline ----

/// One activity on the timeline: the years it runs (its own start and end, else its time period, else its
/// group's) and its latest status.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    pub id: String,
    pub text: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub status: Option<WorkStatus>,
    pub delayed: bool,
}

/// An action plan laid out by year: its groups (by time period or by level, as the plan groups them) with their
/// activities, and the span of years they cover.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub first: i32,
    pub last: i32,
    /// (the group's heading, how it groups: "tidsperiod" or "nivå", its activities)
    pub groups: Vec<(String, &'static str, Vec<TimelineItem>)>,
}

/// The timeline of a plan with activity groups (an action plan); `None` for a plan without them.
pub fn timeline(plan: &Plan) -> Option<Timeline> {
    use chrono::Datelike;
    let index = plan.child_index();
    let mut groups = vec![];
    for g in index.get(&None).into_iter().flatten() {
        let NodeData::Grupp {
            grouping,
            time_period,
        } = &g.data
        else {
            continue;
        };
        let how = match grouping {
            super::plan::Grouping::Tidsperiod => "tidsperiod",
            super::plan::Grouping::Niva => "nivå",
        };
        let items: Vec<TimelineItem> = index
            .get(&Some(g.id.as_str()))
            .into_iter()
            .flatten()
            .filter_map(|n| {
                let NodeData::Aktivitet(a) = &n.data else {
                    return None;
                };
                let own = a.time_period.as_ref().or(time_period.as_ref());
                let from = a
                    .start
                    .map(|w| w.first_day().year())
                    .or(own.and_then(|t| t.start_year));
                let to = a
                    .end
                    .map(|w| w.last_day().year())
                    .or(own.and_then(|t| t.end_year))
                    .or(from);
                let latest = a.followups.iter().max_by_key(|r| r.period.sort_key());
                Some(TimelineItem {
                    id: n.id.clone(),
                    text: n.text.clone(),
                    from: from.or(to),
                    to,
                    status: latest.and_then(|r| r.status),
                    delayed: latest.is_some_and(|r| r.delayed),
                })
            })
            .collect();
        groups.push((g.text.clone(), how, items));
    }
    if groups.is_empty() {
        return None;
    }
    let years = groups
        .iter()
        .flat_map(|(_, _, items)| items)
        .flat_map(|i| [i.from, i.to])
        .flatten();
    let (first, last) = years.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
    let (first, last) = if first > last {
        (plan.period.from, plan.period.to)
    } else {
        (first.min(plan.period.from), last.max(plan.period.to))
    };
    // a span of at most 40 years is drawn; a wider one (a typing slip) is cut at the plan's own years
    let (first, last) = if last - first > 40 {
        (plan.period.from, plan.period.to.max(plan.period.from))
    } else {
        (first, last)
    };
    Some(Timeline {
        first,
        last,
        groups,
    })
}

// ---- internal control: the committee's report ----

/// An åtgärd as the report shows it: what is checked, by whom and when, and its report of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionLine {
    pub id: String,
    pub text: String,
    pub control: String,
    pub responsible: String,
    pub timing: String,
    pub report: Option<WorkReport>,
}

/// A risk with its assessment and its åtgärder.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskLine {
    pub id: String,
    pub text: String,
    pub likelihood: Option<u8>,
    pub consequence: Option<u8>,
    pub value: Option<u32>,
    pub actions: Vec<ActionLine>,
}

/// The internal control of one period as the committee receives it: areas with their risks and åtgärder, the
/// matrix, the counts of the åtgärder's statuses and the year's ISK judgement.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlReport {
    pub areas: Vec<(String, Vec<RiskLine>)>,
    pub matrix: RiskMatrix,
    pub counts: StatusCounts,
    pub isk: Option<super::plan::IskJudgement>,
}

/// The plan's internal control in `period`; `None` for a plan without risks.
pub fn control_report(plan: &Plan, period: Period) -> Option<ControlReport> {
    let index = plan.child_index();
    let kids = |id: &str| index.get(&Some(id)).cloned().unwrap_or_default();
    let mut areas = vec![];
    let mut reports = vec![];
    for n in plan.tree_order() {
        let NodeData::IkOmrade = n.data else { continue };
        let mut risks = vec![];
        for r in kids(&n.id) {
            let NodeData::IkRisk(risk) = &r.data else {
                continue;
            };
            let actions: Vec<ActionLine> = kids(&r.id)
                .into_iter()
                .filter_map(|a| match &a.data {
                    NodeData::IkAtgard(x) => Some(ActionLine {
                        id: a.id.clone(),
                        text: a.text.clone(),
                        control: x.control.clone(),
                        responsible: x.responsible.clone(),
                        timing: x.timing.clone(),
                        report: super::plan::report_at(&x.followups, period).cloned(),
                    }),
                    _ => None,
                })
                .collect();
            reports.extend(actions.iter().map(|a| a.report.clone()));
            risks.push(RiskLine {
                id: r.id.clone(),
                text: r.text.clone(),
                likelihood: risk.likelihood,
                consequence: risk.consequence,
                value: risk.value(),
                actions,
            });
        }
        if !risks.is_empty() {
            areas.push((n.text.clone(), risks));
        }
    }
    if areas.is_empty() {
        return None;
    }
    let isk = plan.nodes.iter().find_map(|n| match &n.data {
        NodeData::IkPlan(c) => c.isk.clone(),
        _ => None,
    });
    Some(ControlReport {
        areas,
        matrix: risk_matrix(plan),
        counts: StatusCounts::of(reports.iter().map(Option::as_ref)),
        isk,
    })
}

/// The ISK judgement in a sentence: "saknas" until the nämnd has judged.
pub fn isk_sentence(isk: Option<&super::plan::IskJudgement>) -> String {
    match isk {
        None => "ISK-bedömning saknas: nämnden har inte gjort sin bedömning för året.".into(),
        Some(j) => {
            let verdict = if j.sufficient {
                "Den interna kontrollen bedöms som tillräcklig."
            } else {
                "Den interna kontrollen bedöms inte som tillräcklig."
            };
            if j.motivation.trim().is_empty() {
                verdict.into()
            } else {
                format!("{verdict} {}", j.motivation.trim())
            }
        }
    }
}

// ---- internal control: the risk matrix ----

/// The risks of a plan placed by sannolikhet × konsekvens on its scale: `cells[l-1][c-1]` holds the ids of the
/// risks with likelihood `l` and consequence `c`; risks not yet assessed are listed apart.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskMatrix {
    pub scale: u8,
    pub cells: Vec<Vec<Vec<String>>>,
    pub unassessed: Vec<String>,
}

impl RiskMatrix {
    /// How many risks a cell holds (likelihood `l`, consequence `c`, both from 1).
    pub fn count(&self, l: u8, c: u8) -> usize {
        self.cells
            .get(l as usize - 1)
            .and_then(|row| row.get(c as usize - 1))
            .map_or(0, Vec::len)
    }
}

/// The plan's risk matrix, on the scale of its (first) internkontrollplan.
pub fn risk_matrix(plan: &Plan) -> RiskMatrix {
    let scale = plan
        .nodes
        .iter()
        .find_map(|n| match &n.data {
            NodeData::IkPlan(c) => Some(c.risk_scale),
            _ => None,
        })
        .unwrap_or(super::plan::DEFAULT_RISK_SCALE);
    let k = scale as usize;
    let mut m = RiskMatrix {
        scale,
        cells: vec![vec![vec![]; k]; k],
        unassessed: vec![],
    };
    for n in plan.tree_order() {
        if let NodeData::IkRisk(r) = &n.data {
            match (r.likelihood, r.consequence) {
                (Some(l), Some(c)) if (1..=scale).contains(&l) && (1..=scale).contains(&c) => {
                    m.cells[l as usize - 1][c as usize - 1].push(n.id.clone())
                }
                _ => m.unassessed.push(n.id.clone()),
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::PeriodCode;
    use crate::domain::plan::{Activity, Commission, Grouping, Node, TimePeriod};

    fn node(id: &str, parent: Option<&str>, order: u32, text: &str, data: NodeData) -> Node {
        Node {
            id: id.into(),
            parent: parent.map(str::to_string),
            order,
            label: String::new(),
            text: text.into(),
            data,
            source: None,
            extra: Default::default(),
        }
    }

    fn tp(label: &str) -> Option<TimePeriod> {
        Some(TimePeriod {
            label: label.into(),
            start_year: None,
            end_year: None,
        })
    }

    #[test]
    fn groups_follow_the_tree_and_sections_lend_their_period() {
        let mut p = Plan::new(
            "p".into(),
            "Handlingsplan".into(),
            "STV".into(),
            2022,
            String::new(),
        );
        p.nodes = vec![
            node(
                "g2",
                None,
                2,
                "Aktiviteter 2023",
                NodeData::Grupp {
                    grouping: Grouping::Tidsperiod,
                    time_period: tp("2023"),
                },
            ),
            node(
                "g1",
                None,
                1,
                "Aktiviteter vintern",
                NodeData::Grupp {
                    grouping: Grouping::Tidsperiod,
                    time_period: tp("vintern 2022-2023"),
                },
            ),
            node(
                "a2",
                Some("g2"),
                1,
                "Budget uppnås",
                NodeData::Aktivitet(Activity {
                    followups: vec![WorkReport {
                        status: Some(WorkStatus::Genomford),
                        ..WorkReport::new(Period::new(2023, PeriodCode::Da08))
                    }],
                    ..Default::default()
                }),
            ),
            node(
                "a1",
                Some("g1"),
                1,
                "Samarbetet förstärks",
                NodeData::Aktivitet(Activity {
                    time_period: tp("december 2022"),
                    followups: vec![WorkReport {
                        delayed: true,
                        ..WorkReport::new(Period::new(2022, PeriodCode::Ar))
                    }],
                    ..Default::default()
                }),
            ),
            node(
                "u1",
                Some("g2"),
                2,
                "Utred jourverksamheten",
                NodeData::Uppdrag(Commission {
                    recipient: "Folktandvården".into(),
                    report: "Delår 2".into(),
                    ..Default::default()
                }),
            ),
        ];
        let g = work_groups(&p, None);
        assert_eq!(
            g.iter().map(|g| g.heading.as_str()).collect::<Vec<_>>(),
            ["Grupp: Aktiviteter vintern", "Grupp: Aktiviteter 2023"]
        );
        // its own period wins over the section's
        assert_eq!(g[0].items[0].period.as_deref(), Some("december 2022"));
        assert_eq!(g[1].items[0].period.as_deref(), Some("2023"));
        assert_eq!(g[1].items[1].level, "Uppdrag");
        assert!(g[1].items[1].uppdrag && !g[1].items[0].uppdrag);
        assert_eq!(
            g[1].items[1].note,
            "Till Folktandvården. Återrapportering: Delår 2"
        );
        assert_eq!(
            status_line(&g),
            "3 aktiviteter och uppdrag: 1 genomförd, 1 försenad, 2 ej rapporterade"
        );
        // as known at an earlier period: the later report is not yet made
        let before = work_groups(&p, Some(Period::new(2023, PeriodCode::Da04)));
        assert_eq!(before[1].items[0].status, None);
        assert!(before[0].items[0].delayed);
    }

    #[test]
    fn a_plan_without_activities_has_no_groups() {
        let p = Plan::new("p".into(), "Plan".into(), "FTV".into(), 2024, String::new());
        assert!(work_groups(&p, None).is_empty());
    }

    #[test]
    fn the_status_line_names_what_there_is() {
        let item = |status, uppdrag| WorkItem {
            id: String::new(),
            level: String::new(),
            text: String::new(),
            period: None,
            status,
            delayed: false,
            note: String::new(),
            analysis: String::new(),
            reported_in: None,
            uppdrag,
        };
        let group = |items| {
            vec![WorkGroup {
                id: String::new(),
                heading: String::new(),
                items,
            }]
        };
        assert_eq!(
            status_line(&group(vec![
                item(Some(WorkStatus::Pagar), false),
                item(Some(WorkStatus::Pagar), false),
                item(Some(WorkStatus::Avbruten), false),
            ])),
            "3 aktiviteter: 2 pågår, 1 avbruten"
        );
        assert_eq!(
            status_line(&group(vec![item(None, false)])),
            "1 aktivitet: 1 ej rapporterad"
        );
    }
}
