//! Read-only views of a plan's budget tables, internal control plan and action-plan groups.

use crate::domain::format::decimal_sv;
use crate::domain::plan::{NodeData, Plan, WorkReport};
use crate::ui::plan::ctx::use_plan_ctx;
use leptos::prelude::*;

#[component]
pub fn BudgetTables() -> impl IntoView {
    let ctx = use_plan_ctx();
    move || {
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            if p.budget_tables.is_empty() {
                return None;
            }
            Some(view! {
                <section class="card" aria-labelledby="budget-h">
                    <h2 id="budget-h">"Budget"</h2>
                    {p.budget_tables.iter().map(|t| view! {
                        <table class="budget">
                            <caption>{t.title.clone()}" ("{t.unit.clone()}")"</caption>
                            <thead><tr><th scope="col">"Post"</th>
                                {t.columns.iter().map(|c| view! { <th scope="col" class="num">{c.label.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {t.rows.iter().map(|r| {
                                    let sum = r.row_type != "post";
                                    view! {
                                        <tr class:sum=sum>
                                            <th scope="row">{r.label.clone()}</th>
                                            {t.columns.iter().map(|c| {
                                                let v = r.values.get(&c.id).copied().flatten().map(decimal_sv).unwrap_or_else(|| "–".into());
                                                view! { <td class="num">{v}</td> }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }).collect_view()}
                </section>
            })
        })
    }
}

/// The latest status reported and when: "Pågår (Delår augusti 2024)", or "Ej rapporterad".
fn status_text(reports: &[WorkReport]) -> String {
    match reports
        .iter()
        .rev()
        .find_map(|r| r.status.map(|s| (s, r.period)))
    {
        Some((s, p)) => format!("{} ({})", s.label(), p.label()),
        None => "Ej rapporterad".into(),
    }
}

#[component]
pub fn InternalControl() -> impl IntoView {
    let ctx = use_plan_ctx();
    move || {
        ctx.plan.with(|p| {
            let p: &Plan = p.as_ref()?;
            let areas: Vec<_> = p.nodes.iter().filter(|n| matches!(n.data, NodeData::IkOmrade)).collect();
            if areas.is_empty() {
                return None;
            }
            let mut areas = areas;
            areas.sort_by_key(|n| n.order);
            Some(view! {
                <section class="card" aria-labelledby="ik-h">
                    <h2 id="ik-h">"Internkontrollplan"</h2>
                    <table class="ik">
                        <thead><tr><th scope="col">"Område"</th><th scope="col">"Risk"</th><th scope="col">"Åtgärd"</th><th scope="col">"Omfattning"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>
                            {areas.into_iter().flat_map(|a| {
                                p.children(Some(&a.id)).into_iter().flat_map(|risk| {
                                    let scope = if let NodeData::IkRisk(r) = &risk.data { r.scope.label() } else { "" };
                                    let mut rows = vec![view! {
                                        <tr><td>{a.text.clone()}</td><td>{risk.text.clone()}</td><td></td><td>{scope}</td><td></td></tr>
                                    }.into_any()];
                                    for act in p.children(Some(&risk.id)) {
                                        let (scope, status) = if let NodeData::IkAtgard(a) = &act.data { (a.scope.label(), status_text(&a.followups)) } else { ("", String::new()) };
                                        rows.push(view! { <tr><td></td><td></td><td>{act.text.clone()}</td><td>{scope}</td><td>{status}</td></tr> }.into_any());
                                    }
                                    rows
                                }).collect::<Vec<_>>()
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            })
        })
    }
}

/// An action plan's groups and activities on a timeline by year (`activities::timeline`).
#[component]
pub fn GroupsOverview() -> impl IntoView {
    let ctx = use_plan_ctx();
    let t = Memo::new(move |_| {
        ctx.rev.get();
        ctx.plan
            .with_untracked(|p| p.as_ref().and_then(crate::domain::activities::timeline))
    });
    move || {
        t.get().map(|t| {
            view! {
                <section class="card" aria-labelledby="groups-h">
                    <h2 id="groups-h">"Handlingsplanen år för år"</h2>
                    <crate::ui::widgets::timeline::TimelineView t=t/>
                </section>
            }
        })
    }
}
