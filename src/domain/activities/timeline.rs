//! An action plan laid out by year (seed 004): its groups with their activities and the years each runs.

use crate::domain::plan::{NodeData, Plan, WorkStatus};

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
            crate::domain::plan::Grouping::Tidsperiod => "tidsperiod",
            crate::domain::plan::Grouping::Niva => "nivå",
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
