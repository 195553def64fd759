//! The published, read-only view in full: a politician's view of one adopted plan — overview, the scorecard
//! with the måluppfyllelse table and measure details, the printable report and, when published with one, the
//! tariff summary. The route ([`super::page`]) fetches the file from this site only and shows its
//! head; this view validates the file like any import and replaces the head. Nothing is written to the
//! visitor's workspace unless they choose "Spara en kopia".

use crate::domain::format::url_segment;
use crate::domain::format::{kr_sv, pct_plain_sv};
use crate::domain::import::{self, Resolution};
use crate::domain::plan::{NodeData, NodeKind, Plan};
use crate::domain::publish;
use crate::domain::tariff::revenue::VolumeIndex;
use crate::domain::tariff::{Tariff, Totals};
use crate::domain::workspace::Workspace;
use crate::storage::WriteBatch;
use crate::ui::plan::ctx::PlanCtx;
use crate::ui::published::head::{banner, failed_view, no_plan, not_valid, title_and_facts};
use crate::ui::scorecard::ctx::ScoreCtx;
use crate::ui::scorecard::page::ScorecardBody;
use crate::ui::scorecard::report::{PrintControls, ReportBody};
use crate::ui::shell::state::{use_app, AppState};
use crate::ui::tariff::charts::{Distribution, Gauge};
use crate::ui::tariff::revenue::revenue_tables;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

in_chunk!(
    published,
    pub async fn published_view(
        bytes: Arc<Vec<u8>>,
        wanted: Option<String>,
        path: String,
        progress: RwSignal<Option<String>>,
    ) -> AnyView {
        full_view(&bytes, wanted.as_deref(), &path, progress).await
    }
);

/// The file (`path`, as the link names it) read in full, validated like any import (a slice at a time, with
/// `progress` telling how far), and shown; or why it cannot be.
async fn full_view(
    bytes: &[u8],
    wanted: Option<&str>,
    path: &str,
    progress: RwSignal<Option<String>>,
) -> AnyView {
    let read = crate::ui::shell::browser::read_bundle_in_slices(bytes, |done, total| {
        progress.set(Some(format!(
            "Läser filen: {} av {} delar…",
            crate::domain::format::count_sv(done),
            crate::domain::format::count_sv(total)
        )))
    })
    .await;
    let ws = match read {
        Ok(ws) => ws,
        Err(e) => return failed_view(not_valid(path, e)),
    };
    match publish::chosen_plan(&ws, wanted).cloned() {
        Some(plan) => view! { <Published ws=ws plan=plan path=path.to_string()/> }.into_any(),
        None => failed_view(no_plan(path)),
    }
}

/// Save the publication in the visitor's workspace. Ids already in use are kept and the copy gets a new id, so
/// nothing of theirs is overwritten. Returns the saved plan's id.
async fn save_copy(app: AppState, ws: Workspace, plan_id: String) -> Result<String, String> {
    // the visitor's workspace is opened (created, on a first visit) only now
    app.open_storage().await;
    // the chosen plan and the publication's tariffs; rule sets are not published (publish::publication)
    let Workspace { plans, tariffs, .. } = ws;
    let d = import::decide(
        &app.plan_ids(),
        &app.tariff_ids(),
        &Default::default(),
        Workspace {
            plans: plans.into_iter().filter(|p| p.id == plan_id).collect(),
            tariffs,
            rule_sets: vec![],
        },
        Resolution::KeepBoth,
    );
    let new_id = d.add.first().map(|p| p.id.clone()).unwrap_or_default();
    app.write(WriteBatch {
        add_new: &d.add,
        put_tariffs: &d.tariffs,
        ..Default::default()
    })
    .await
    .map_err(|e| e.to_string())?;
    app.refresh().await.map_err(|e| e.to_string())?;
    Ok(new_id)
}

/// The plans of a file with several (organisation, title and period, link, shown); empty for one plan.
fn other_plans(ws: &Workspace, shown: &str, path: &str) -> Vec<(String, String, String, bool)> {
    if ws.plans.len() < 2 {
        return vec![];
    }
    ws.plans
        .iter()
        .map(|p| {
            let href = format!(
                "/publicerad?bundle={}&plan={}",
                url_segment(path),
                url_segment(&p.id)
            );
            // the plans of one file often share a title: the organisation tells them apart
            let name = if p.organisation.trim().is_empty() {
                p.title.clone()
            } else {
                p.organisation.clone()
            };
            let facts = format!("{} · {}", p.title, p.period.label());
            (name, facts, href, p.id == shown)
        })
        .collect()
}

/// A file with several plans: say so, and link each (`&plan=<id>`), the one shown marked.
fn plan_picker(plans: Vec<(String, String, String, bool)>) -> impl IntoView {
    (!plans.is_empty()).then(|| {
        let n = plans.len();
        view! {
            <nav class="card plan-picker" aria-labelledby="plan-picker-h">
                <h2 id="plan-picker-h">{format!("Filen innehåller {n} planer")}</h2>
                <ul>
                    {plans.into_iter().map(|(title, facts, href, shown)| view! {
                        <li><a href=href aria-current=shown.then_some("page")>{title}</a>" "<span class="muted">{facts}</span></li>
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

#[component]
fn Published(ws: Workspace, plan: Plan, path: String) -> impl IntoView {
    let app = use_app();
    let ctx = PlanCtx::read_only(app, plan.clone());
    provide_context(ctx);
    let _ = ScoreCtx::provide(ctx, None);
    let printing = RwSignal::new(false);
    let rest = RwSignal::new(false);
    set_timeout(move || rest.set(true), std::time::Duration::ZERO);
    let tariff = publish::shown_tariff(&ws).cloned();
    let others = other_plans(&ws, &plan.id, &path);
    let saved = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let ws_copy = StoredValue::new(ws);
    let plan_id = plan.id.clone();
    let on_save = move |_| {
        busy.set(true);
        let ws = ws_copy.get_value();
        let id = plan_id.clone();
        spawn_local(async move {
            saved.set(Some(save_copy(app, ws, id).await));
            busy.set(false);
        });
    };
    view! {
        {banner(view! {
            <button type="button" id="save-copy" on:click=on_save disabled=move || busy.get()>"Spara en kopia"</button>
            {move || saved.get().map(|r| match r {
                Ok(id) => view! {
                    <p role="status" id="save-copy-result">"En kopia finns nu bland dina planer. "
                        <a href=format!("/plan/{}", url_segment(&id))>"Öppna kopian"</a></p>
                }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{format!("Kopian kunde inte sparas, inget har ändrats: {e}")}</p> }.into_any(),
            })}
        })}
        <Show when=move || printing.get() fallback=move || {
            let plan = plan.clone();
            let tariff = tariff.clone();
            view! {
                {title_and_facts(&plan.title, &plan.organisation, plan.kind.label(), &plan.period.label(), plan.status)}
                {plan_picker(others.clone())}
                <p><button type="button" id="published-report" on:click=move |_| printing.set(true)>"Rapport för utskrift"</button></p>
                // results first (the scorecard opens with how the period went), the plan's structure after them;
                // the heavier part follows in the next task, so the title shows at once
                <Show when=move || rest.get() fallback=|| view! { <p class="muted" role="status">"Beräknar styrkortet…"</p> }>
                    <ScorecardBody read_only=true/>
                    {tariff.clone().map(|t| view! { <TariffSummary tariff=t/> })}
                </Show>
                <Overview plan=plan.clone()/>
            }
        }>
            <p class="no-print"><button type="button" on:click=move |_| printing.set(false)>"Tillbaka till planen"</button></p>
            <PrintControls back=None/>
            <ReportBody/>
        </Show>
    }
}

/// Counts per level, the context texts and the perspectives with their goals.
#[component]
fn Overview(plan: Plan) -> impl IntoView {
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
            <h2 id="overview-h">"Översikt"</h2>
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

/// The tariff in brief: the rule's verdict, revenue per care type and group, and the deviations per group.
#[component]
fn TariffSummary(tariff: Tariff) -> impl IntoView {
    let totals = Totals::new(&tariff, &VolumeIndex::new(&tariff));
    let limit = totals.limit_pct;
    let source = tariff.volume_source.label();
    let explain = totals.explain(&tariff.volume_source);
    let at_price = kr_sv(totals.total.at_price);
    let tables = revenue_tables(&totals, ["pub-rev-total", "pub-rev-care", "pub-rev-group"]);
    let t_sig = Signal::derive({
        let t = tariff.clone();
        move || Some(t.clone())
    });
    let totals_sig = Signal::derive(move || Some(totals.clone()));
    view! {
        <section class="card" aria-labelledby="pub-tariff-h" id="published-tariff">
            <h2 id="pub-tariff-h">{format!("Taxa: {} {}", tariff.name, tariff.year)}</h2>
            <p>{format!("{} rader · gräns för intäktsavvikelse ±{} · intäkt till taxans priser {at_price}", tariff.rows.len(), pct_plain_sv(limit))}</p>
            <p class="muted">{source}</p>
            <Gauge totals=totals_sig/>
            <p>{explain}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Intäkt per vårdform och åtgärdsgrupp">
                {tables}
            </div>
            <Distribution tariff=t_sig totals=totals_sig/>
        </section>
    }
}
