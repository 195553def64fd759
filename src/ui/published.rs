//! The published, read-only view (`/publicerad?bundle=plan-2025.json`, also reached as
//! `/#/publicerad?bundle=…` on hosts that only serve index.html at the root): a politician's view of one
//! adopted plan — overview, the scorecard with the måluppfyllelse table and measure details, the printable
//! report and, when published with one, the tariff summary. The file is fetched from this site only, validated
//! like any import, and nothing is written to the visitor's workspace unless they choose "Spara en kopia".

use super::offline::service_worker_available;
use super::plan_ctx::PlanCtx;
use super::report::{PrintControls, ReportBody};
use super::scorecard_page::{ScoreCtx, ScorecardBody};
use super::state::{bytes_of, fetch_bytes, use_app, AppState};
use super::tariff_charts::{Distribution, Gauge};
use super::tariff_page::revenue_tables;
use super::tree::snippet;
use crate::domain::bundle;
use crate::domain::format::{kr_sv, pct_plain_sv};
use crate::domain::import::{self, Resolution};
use crate::domain::plan::{NodeData, NodeKind, Plan, PlanStatus, Workspace};
use crate::domain::publish;
use crate::domain::tariff::revenue::VolumeIndex;
use crate::domain::tariff::{Tariff, Totals};
use crate::storage::{Repository, WriteBatch};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

#[derive(Clone)]
enum Load {
    Loading,
    Failed(String),
    Ready(Workspace),
}

/// Resolve the link's file against this page and fetch it, refusing anything on another origin.
async fn fetch_publication(raw: &str) -> Result<(Workspace, String), String> {
    let path = publish::bundle_path(raw).map_err(|e| e.to_string())?;
    let here = window()
        .location()
        .href()
        .map_err(|_| "Sidans adress kunde inte läsas.".to_string())?;
    let url = web_sys::Url::new_with_base(&path, &here)
        .map_err(|_| format!("«{path}» är ingen giltig adress."))?;
    let origin = window().location().origin().unwrap_or_default();
    if url.origin() != origin {
        return Err(publish::LinkError::Foreign(path).to_string());
    }
    let fetched = match prefetched(&url.href()) {
        Some(started) => bytes_of(started).await,
        None => fetch_bytes(&url.href()).await,
    };
    let bytes = fetched.map_err(|e| {
        if !window().navigator().on_line() {
            format!("Filen «{path}» kunde inte hämtas: du är utan nätverk och planen har inte lästs på den här enheten förut. Öppna länken igen när du är ansluten.")
        } else if e == "HTTP 404" {
            format!("Filen «{path}» finns inte på webbplatsen (HTTP 404). Kontrollera länken, eller be den som publicerade planen om en ny.")
        } else if e.starts_with("HTTP ") {
            format!("Filen «{path}» kunde inte hämtas ({e}).")
        } else {
            format!("Filen «{path}» kunde inte hämtas ({e}). Försök igen om en stund.")
        }
    })?;
    let ws = bundle::import(&bytes)
        .map_err(|e| format!("Filen «{path}» är ingen giltig publicering: {e}"))?;
    if ws.plans.is_empty() {
        return Err(format!("Filen «{path}» innehåller ingen plan."));
    }
    Ok((ws, url.href()))
}

/// Once a service worker controls the page, read the file again through it, so it keeps a copy for offline
/// reading (on a first visit the worker is installed after the file was read; the server answers 304 when
/// the browser's copy is current).
async fn keep_for_offline(href: String) {
    if !service_worker_available() {
        return;
    }
    let container = window().navigator().service_worker();
    let Ok(ready) = container.ready() else {
        return;
    };
    if wasm_bindgen_futures::JsFuture::from(ready).await.is_err() {
        return;
    }
    for _ in 0..50 {
        if container.controller().is_some() {
            let _ = fetch_bytes(&href).await;
            return;
        }
        gloo_timers::future::TimeoutFuture::new(200).await;
    }
}

/// The fetch index.html started for this very URL while the app loaded, taken once (a later visit fetches anew).
fn prefetched(href: &str) -> Option<js_sys::Promise> {
    let key = wasm_bindgen::JsValue::from_str("__verksamPrefetch");
    let p = js_sys::Reflect::get(&window(), &key).ok()?;
    if p.is_undefined() {
        return None;
    }
    let _ = js_sys::Reflect::set(&window(), &key, &wasm_bindgen::JsValue::UNDEFINED);
    let url = js_sys::Reflect::get(&p, &"url".into()).ok()?.as_string()?;
    if url != href {
        return None;
    }
    js_sys::Reflect::get(&p, &"response".into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

#[component]
pub fn PublishedPage() -> impl IntoView {
    let query = use_query_map();
    let load = RwSignal::new(Load::Loading);
    Effect::new(move |_| {
        let raw = query.read().get("bundle").unwrap_or_default();
        load.set(Load::Loading);
        spawn_local(async move {
            match fetch_publication(&raw).await {
                Ok((ws, href)) => {
                    load.set(Load::Ready(ws));
                    keep_for_offline(href).await;
                }
                Err(e) => load.set(Load::Failed(e)),
            }
        });
    });
    move || match load.get() {
        Load::Loading => {
            view! { <p class="muted" role="status">"Hämtar den publicerade planen…"</p> }.into_any()
        }
        Load::Failed(e) => view! {
            <h1>"Den publicerade planen kunde inte visas"</h1>
            <p class="error" role="alert" id="published-error">{e}</p>
            <p><a href="/">"Till startsidan"</a></p>
        }
        .into_any(),
        Load::Ready(ws) => {
            let wanted = query.with_untracked(|q| q.get("plan"));
            let Some(plan) = publish::chosen_plan(&ws, wanted.as_deref()).cloned() else {
                return view! { <p class="error" role="alert">"Filen innehåller ingen plan."</p> }
                    .into_any();
            };
            view! { <Published ws=ws plan=plan/> }.into_any()
        }
    }
}

/// Save the publication in the visitor's workspace. Ids already in use are kept and the copy gets a new id, so
/// nothing of theirs is overwritten. Returns the saved plan's id.
async fn save_copy(app: AppState, ws: Workspace, plan_id: String) -> Result<String, String> {
    let stored = app.plan_ids();
    let Workspace { plans, tariffs, .. } = ws;
    let tariffs = import::resolve_tariffs(&app.tariff_ids(), tariffs, Resolution::KeepBoth);
    let plans = import::resolve(
        &stored,
        Workspace {
            plans: plans.into_iter().filter(|p| p.id == plan_id).collect(),
            ..Default::default()
        },
        Resolution::KeepBoth,
    );
    let new_id = plans.first().map(|p| p.id.clone()).unwrap_or_default();
    app.repo()
        .write(WriteBatch {
            add_new: &plans,
            put_tariffs: &tariffs,
            ..Default::default()
        })
        .await
        .map_err(|e| e.to_string())?;
    app.refresh().await.map_err(|e| e.to_string())?;
    Ok(new_id)
}

#[component]
fn Published(ws: Workspace, plan: Plan) -> impl IntoView {
    let app = use_app();
    let ctx = PlanCtx::read_only(app, plan.clone());
    provide_context(ctx);
    let _ = ScoreCtx::provide(ctx, None);
    let printing = RwSignal::new(false);
    let rest = RwSignal::new(false);
    set_timeout(move || rest.set(true), std::time::Duration::ZERO);
    let tariff = publish::shown_tariff(&ws).cloned();
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
    let status = match plan.status {
        PlanStatus::Beslutad => "Beslutad",
        PlanStatus::Utkast => "Utkast – inte beslutad",
    };
    view! {
        <div class="published-banner" role="note" aria-label="Publicerad version">
            <p><strong>"Publicerad version, skrivskyddad."</strong>" Det du ser här sparas inte i din webbläsare."</p>
            <button type="button" id="save-copy" on:click=on_save disabled=move || busy.get() || !app.ready.get()>"Spara en kopia"</button>
            {move || saved.get().map(|r| match r {
                Ok(id) => view! {
                    <p role="status" id="save-copy-result">"En kopia finns nu bland dina planer. "
                        <a href=format!("/plan/{id}")>"Öppna kopian"</a></p>
                }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{format!("Kopian kunde inte sparas, inget har ändrats: {e}")}</p> }.into_any(),
            })}
        </div>
        <Show when=move || printing.get() fallback=move || {
            let plan = plan.clone();
            let tariff = tariff.clone();
            view! {
                <h1 id="published-title">{plan.title.clone()}</h1>
                <p class="plan-facts">
                    <span>{plan.organisation.clone()}</span>" · "
                    <span>{plan.kind.label()}</span>" · "
                    <span>{plan.period.label()}</span>" · "
                    <span class=format!("status-word s-{}", if plan.status == PlanStatus::Beslutad { "beslutad" } else { "utkast" })>{status}</span>
                </p>
                <p><button type="button" id="published-report" on:click=move |_| printing.set(true)>"Rapport för utskrift"</button></p>
                <Overview plan=plan.clone()/>
                // the heavier part follows in the next task, so the title and overview show at once
                <Show when=move || rest.get() fallback=|| view! { <p class="muted" role="status">"Beräknar styrkortet…"</p> }>
                    <ScorecardBody read_only=true/>
                    {tariff.clone().map(|t| view! { <TariffSummary tariff=t/> })}
                </Show>
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
