//! Follow-up per period: each item's report now and the period before (the Uppföljning view), the counts of a
//! period, late items, and the follow-up for Excel.

use crate::domain::period::Period;
use crate::domain::plan::{report_until, NodeData, Plan, WorkReport, WorkStatus};

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
    pub start: Option<crate::domain::plan::When>,
    pub end: Option<crate::domain::plan::When>,
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
    use crate::domain::period::PeriodCode as C;
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

/// Every followed-up item of the plan (activities, uppdrag, IK-åtgärder) in the tree's order, with its report
/// of `period` and of the period before, and whether it is late by date as of `today` (or the period's end).
pub fn follow_up_rows(plan: &Plan, period: Period, today: chrono::NaiveDate) -> Vec<FollowUpRow> {
    let before = previous_report_period(period);
    let as_of = period.last_day().min(today);
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
            now: crate::domain::plan::report_at(reports, period).cloned(),
            before: crate::domain::plan::report_at(reports, before).cloned(),
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
            let r = crate::domain::plan::report_at(reports, *p);
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

/// The status as a word that agrees with a count ("1 genomförd", "3 genomförda", "2 pågår").
pub(super) fn status_word(s: WorkStatus, n: usize) -> &'static str {
    match (s, n == 1) {
        (WorkStatus::EjPaborjad, _) => "ej påbörjade",
        (WorkStatus::Pagar, _) => "pågår",
        (WorkStatus::Genomford, true) => "genomförd",
        (WorkStatus::Genomford, false) => "genomförda",
        (WorkStatus::Avbruten, true) => "avbruten",
        (WorkStatus::Avbruten, false) => "avbrutna",
    }
}
