//! The published view's sections besides the scorecard: the activities and uppdrag, a plan's measures and
//! targets when it has no outcomes yet, and the overview of its structure.

use crate::domain::activities::{status_line, WorkGroup};
use crate::domain::plan::{NodeData, NodeKind, Plan};
use crate::domain::scorecard::print::planned;
use crate::domain::scorecard::Structure;
use crate::ui::widgets::badges::work_status_badge;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

/// More activities than this and each group starts folded (its summary says how many it holds).
const OPEN_UP_TO: usize = 30;

/// The plan's activities and uppdrag under what they serve, each with its level, time period and status.
#[component]
pub fn WorkSection(groups: Vec<WorkGroup>) -> impl IntoView {
    let total: usize = groups.iter().map(|g| g.items.len()).sum();
    let has_uppdrag = groups.iter().flat_map(|g| &g.items).any(|i| i.uppdrag);
    let title = if has_uppdrag {
        "Aktiviteter och uppdrag"
    } else {
        "Aktiviteter"
    };
    let line = status_line(&groups);
    let open = total <= OPEN_UP_TO;
    view! {
        <section class="card work-section" aria-labelledby="work-h" id="published-work">
            <h2 id="work-h" tabindex="-1">{title}</h2>
            <p id="work-status">{line}</p>
            {groups.into_iter().map(|g| {
                let n = g.items.len();
                let heading = if g.heading.is_empty() { "Planen".to_string() } else { snippet(&g.heading, 160) };
                view! {
                    <details class="work-group" open=open data-group=g.id>
                        <summary><strong>{heading}</strong>{format!(" ({n})")}</summary>
                        <ul class="work-list">
                            {g.items.into_iter().map(|i| view! {
                                <li data-id=i.id>
                                    <p class="work-text"><span class="muted">{i.level}": "</span>{i.text}</p>
                                    <p class="work-meta">
                                        {work_status_badge(i.status)}
                                        {i.delayed.then(|| view! { " "<span class="badge work w-delayed"><span aria-hidden="true">"⚠"</span>" Försenad"</span> })}
                                        {i.period.map(|p| view! { " "<span class="work-period">{format!("Tid: {p}")}</span> })}
                                        {i.reported_in.map(|p| view! { " "<span class="muted small">{format!("(rapporterad {})", p.label())}</span> })}
                                    </p>
                                    {(!i.analysis.is_empty()).then(|| view! { <p class="work-analysis">{i.analysis}</p> })}
                                    {(!i.note.is_empty()).then(|| view! { <p class="muted work-note">{i.note}</p> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                }
            }).collect_view()}
        </section>
    }
}

/// A plan without outcomes: say so, and show its measures with their targets under their perspectives and
/// goals (what the plan promises), not a scorecard of rows that cannot be graded.
#[component]
pub fn PlannedSection(plan: Plan) -> impl IntoView {
    let st = Structure::new(&plan);
    let parts = planned(&plan, &st);
    let many = plan.measure_words().1;
    let n: usize = parts
        .iter()
        .flat_map(|p| &p.goals)
        .map(|g| g.measures.len())
        .sum();
    view! {
        <section class="card planned" aria-labelledby="summary-h" id="published-planned">
            <h2 id="summary-h" class="headline" tabindex="-1">"Planen har inga utfall ännu"</h2>
            <p>{format!("Styrkortet visar måluppfyllelsen när utfall har förts in. Här är planens {n} {many} med sina målvärden.")}</p>
            {parts.into_iter().map(|p| view! {
                <h3>{format!("{}: {}", p.level, snippet(&p.heading, 160))}</h3>
                {p.goals.into_iter().map(|g| view! {
                    <div class="planned-goal">
                        <h4>{snippet(&g.heading, 240)}</h4>
                        <ul>
                            {g.measures.into_iter().map(|m| view! {
                                <li data-id=m.id>
                                    <span class="muted">{m.level}": "</span>{m.text}
                                    <span class="planned-target">{if m.target.is_empty() { "Målvärde: inget angivet".to_string() } else { format!("Målvärde: {}", m.target) }}</span>
                                    {(!m.follow_up.is_empty()).then(|| view! { <span class="muted planned-when">{format!("Följs upp: {}", m.follow_up)}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
            }).collect_view()}
        </section>
    }
}

/// Counts per level, the context texts and the perspectives with their goals.
#[component]
pub fn Overview(plan: Plan) -> impl IntoView {
    let count = |k: NodeKind| plan.nodes.iter().filter(|n| n.data.kind() == k).count();
    let counts: Vec<String> = [
        NodeKind::Perspektiv,
        NodeKind::Strategi,
        NodeKind::Mal,
        NodeKind::Matt,
        NodeKind::Aktivitet,
        NodeKind::Uppdrag,
    ]
    .into_iter()
    .filter_map(|k| {
        let n = count(k);
        (n > 0).then(|| format!("{}: {n}", plan.level_name(k.key())))
    })
    .collect();
    let children = plan.child_index();
    let context: Vec<(String, String)> = children
        .get(&None)
        .into_iter()
        .flatten()
        .filter(|n| matches!(n.data, NodeData::Kontext { .. }))
        .map(|n| (n.label.clone(), n.text.clone()))
        .collect();
    let roots: Vec<(String, Vec<String>)> = children
        .get(&None)
        .into_iter()
        .flatten()
        .filter(|n| n.data.kind() == NodeKind::Perspektiv)
        .map(|r| {
            let mut goals = vec![];
            let mut stack = vec![r.id.as_str()];
            while let Some(id) = stack.pop() {
                for c in children.get(&Some(id)).into_iter().flatten().rev() {
                    if c.data.kind() == NodeKind::Mal {
                        goals.push(snippet(&c.text, 160));
                    }
                    if !matches!(c.data.kind(), NodeKind::Matt | NodeKind::Aktivitet) {
                        stack.push(&c.id);
                    }
                }
            }
            (snippet(&r.text, 120), goals)
        })
        .collect();
    view! {
        <section class="card" aria-labelledby="overview-h">
            <h2 id="overview-h" tabindex="-1">"Översikt"</h2>
            <p id="overview-counts">{counts.join(" · ")}</p>
            {context.into_iter().map(|(label, text)| view! { <p><strong>{label}": "</strong>{text}</p> }).collect_view()}
            <ul class="overview">
                {roots.into_iter().map(|(text, goals)| {
                    let n = goals.len();
                    view! {
                        <li><details>
                            <summary><strong>{text}</strong>{format!(" ({n} mål)")}</summary>
                            <ul>{goals.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                        </details></li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
