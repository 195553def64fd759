//! A plan's activities and uppdrag as a reader follows them: grouped under what they serve (the goal, or the
//! action plan's section), each with its level name, time period, status and what more there is to say.
//! Pure: the published view and the printed report both show this.

mod control;
mod followup;
mod timeline;

pub use control::*;
pub use followup::*;
pub use timeline::*;

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

/// An item's report fields as known at `at` (the rest left empty for the caller to fill).
fn known(reports: &[WorkReport], at: Option<Period>) -> WorkItem {
    let r = known_at(reports, at);
    WorkItem {
        id: String::new(),
        level: String::new(),
        text: String::new(),
        period: None,
        status: r.and_then(|r| r.status),
        delayed: r.is_some_and(|r| r.delayed),
        note: String::new(),
        analysis: r.map(|r| r.analysis.trim().to_string()).unwrap_or_default(),
        reported_in: r.map(|r| r.period),
        uppdrag: false,
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
                    note: a.comment.trim().to_string(),
                    uppdrag: false,
                    ..known(&a.followups, at)
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
                        note,
                        uppdrag: true,
                        ..known(&c.followups, at)
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
