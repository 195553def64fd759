//! The published, read-only view in full: a politician's view of one adopted plan — how the period went, the
//! scorecard with the måluppfyllelse table and measure details (or, before any outcomes, the measures and
//! their targets), the activities, the printable report, the tariff summary when published with one, and the
//! overview — or of a tariff published on its own. The route ([`super::page`]) fetches the file from this site only and shows its
//! head; this view validates the file like any import and replaces the head. Nothing is written to the
//! visitor's workspace unless they choose "Spara en kopia".

use crate::domain::activities::work_groups;
use crate::domain::format::url_segment;
use crate::domain::format::{count_sv, kr_sv, pct_plain_sv};
use crate::domain::import::{self, Resolution};
use crate::domain::plan::{NodeData, Plan};
use crate::domain::publish;
use crate::domain::scorecard::rollup::periods_with_data;
use crate::domain::tariff::revenue::VolumeIndex;
use crate::domain::tariff::{Tariff, TariffKind, Totals};
use crate::domain::workspace::Workspace;
use crate::storage::WriteBatch;
use crate::ui::plan::ctx::PlanCtx;
use crate::ui::published::bar::{app_links, PageBar};
use crate::ui::published::head::{failed_view, no_plan, not_valid};
use crate::ui::published::sections::{Overview, PlannedSection, WorkSection};
use crate::ui::scorecard::ctx::ScoreCtx;
use crate::ui::scorecard::page::{export_results, PresentControls, ScorecardBody};
use crate::ui::scorecard::presentation::{MeasureSlides, Presentation};
use crate::ui::scorecard::report::{PrintControls, ReportBody};
use crate::ui::shell::state::{use_app, AppState};
use crate::ui::tariff::charts::{Distribution, Gauge};
use crate::ui::tariff::revenue::revenue_tables;
use crate::ui::widgets::plan_title::{banner, title_and_facts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

in_chunk!(
    published,
    pub async fn published_view(
        bytes: Arc<Vec<u8>>,
        wanted: Option<String>,
        wanted_tariff: Option<String>,
        path: String,
        progress: RwSignal<Option<String>>,
    ) -> AnyView {
        full_view(
            &bytes,
            wanted.as_deref(),
            wanted_tariff.as_deref(),
            &path,
            progress,
        )
        .await
    }
);

/// The file (`path`, as the link names it) read in full, validated like any import (a slice at a time, with
/// `progress` telling how far), and shown; or why it cannot be.
async fn full_view(
    bytes: &[u8],
    wanted: Option<&str>,
    wanted_tariff: Option<&str>,
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
    if let Some(plan) = publish::chosen_plan(&ws, wanted).cloned() {
        return view! { <Published ws=ws plan=plan path=path.to_string()/> }.into_any();
    }
    match publish::chosen_tariff(&ws, wanted_tariff).cloned() {
        Some(t) => view! { <PublishedTariff ws=ws tariff=t path=path.to_string()/> }.into_any(),
        None => failed_view(no_plan(path)),
    }
}

/// Save the publication in the visitor's workspace: the plan shown and the file's tariffs (or, with no plan,
/// the tariffs alone). Ids already in use are kept and the copy gets a new id, so nothing of theirs is
/// overwritten. Returns the link to the copy.
async fn save_copy(
    app: AppState,
    ws: Workspace,
    plan_id: Option<String>,
) -> Result<String, String> {
    // the visitor's workspace is opened (created, on a first visit) only now
    app.open_storage().await;
    // the chosen plan and the publication's tariffs; rule sets are not published (publish::publication)
    let Workspace { plans, tariffs, .. } = ws;
    let d = import::decide(
        &app.plan_ids(),
        &app.tariff_ids(),
        &Default::default(),
        Workspace {
            plans: plans
                .into_iter()
                .filter(|p| Some(&p.id) == plan_id.as_ref())
                .collect(),
            tariffs,
            rule_sets: vec![],
        },
        Resolution::KeepBoth,
    );
    let href = match (d.add.first(), d.tariffs.first()) {
        (Some(p), _) => format!("/plan/{}", url_segment(&p.id)),
        (None, Some(t)) => format!("/taxa/{}", url_segment(&t.id)),
        (None, None) => "/".to_string(),
    };
    app.write(WriteBatch {
        add_new: &d.add,
        put_tariffs: &d.tariffs,
        ..Default::default()
    })
    .await
    .map_err(|e| e.to_string())?;
    app.refresh().await.map_err(|e| e.to_string())?;
    Ok(href)
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
    picker(format!("Filen innehåller {} planer", plans.len()), plans)
}

/// A file with several plans or tariffs: `title` says how many, and each is linked, the one shown marked.
fn picker(title: String, plans: Vec<(String, String, String, bool)>) -> impl IntoView {
    (!plans.is_empty()).then(|| {
        view! {
            <nav class="card plan-picker" aria-labelledby="plan-picker-h">
                <h2 id="plan-picker-h">{title}</h2>
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
    let sc = ScoreCtx::provide(ctx, None);
    let printing = RwSignal::new(false);
    let presenting = RwSignal::new(false);
    let slides = RwSignal::new(MeasureSlides::Failing);
    // the page is built a part at a time, each in a task of its own, so no task holds a phone's slower CPU for
    // long: 1 the summary band, 2 the måluppfyllelse table, 3 the scorecard, 4 the activities, the tariff and
    // the overview
    let stage = RwSignal::new(0u8);
    Effect::new(move |_| {
        let s = stage.get();
        if s < 4 {
            set_timeout(move || stage.set(s + 1), std::time::Duration::ZERO);
        }
    });
    let tariff = publish::shown_tariff(&ws).cloned();
    let others = other_plans(&ws, &plan.id, &path);
    // the activities as known at the period read
    let work = Memo::new({
        let plan = plan.clone();
        move |_| {
            sc.period
                .get()
                .map(|p| work_groups(&plan, Some(p)))
                .unwrap_or_default()
        }
    });
    let outcomes = !periods_with_data(&plan).is_empty();
    let has_measures = plan
        .nodes
        .iter()
        .any(|n| matches!(n.data, NodeData::Matt(_)));
    let sections = publish::reader_sections(&plan, tariff.is_some());
    let saved = RwSignal::new(None::<Result<String, String>>);
    let on_save = save_action(app, ws, Some(plan.id.clone()), saved);
    view! {
        {banner()}
        <Show when=move || printing.get() fallback=move || {
            let plan = plan.clone();
            let tariff = tariff.clone();
            let on_save = on_save.clone();
            let targets_of = plan.clone();
            let overview_of = plan.clone();
            let timeline = crate::domain::activities::timeline(&plan);
            view! {
                {title_and_facts(&plan.title, &plan.organisation, plan.kind.label(), &plan.period.label(), plan.status)}
                {plan_picker(others.clone())}
                <PageBar sections=sections.clone()>
                    <button type="button" id="published-report" on:click=move |_| printing.set(true)>"Rapport för utskrift"</button>
                    {(has_measures && outcomes).then(|| view! {
                        <PresentControls presenting=presenting slides=slides/>
                        <button type="button" on:click=move |_| export_results(ctx, sc.period.get_untracked(), false)>"Exportera resultat (CSV)"</button>
                        <button type="button" on:click=move |_| export_results(ctx, sc.period.get_untracked(), true)>"Alla perioder (CSV)"</button>
                    })}
                    <button type="button" id="save-copy" on:click=on_save>"Spara en kopia"</button>
                    {app_links()}
                </PageBar>
                {saved_note(saved)}
                <Presentation open=presenting which=slides/>
                // results first (the scorecard opens with how the period went), the plan's structure after them;
                // the heavier part follows in the next task, so the title shows at once
                <Show when=move || { stage.get() >= 1 } fallback=|| view! { <p class="muted" role="status">"Beräknar styrkortet…"</p> }>
                    {match (has_measures, outcomes) {
                        (true, true) => view! { <ScorecardBody read_only=true stage=stage.into()/> }.into_any(),
                        (true, false) => view! { <PlannedSection plan=targets_of.clone()/> }.into_any(),
                        (false, _) => ().into_any(),
                    }}
                </Show>
                <Show when=move || { stage.get() >= 4 }>
                    {move || work.with(|w| !w.is_empty()).then(|| view! { <WorkSection groups=work.get()/> })}
                    {timeline.clone().map(|t| view! {
                        <section class="card" aria-labelledby="timeline-h" id="published-timeline">
                            <h2 id="timeline-h" tabindex="-1">"Handlingsplanen år för år"</h2>
                            <crate::ui::widgets::timeline::TimelineView t=t/>
                        </section>
                    })}
                    <crate::ui::scorecard::work_report::ControlSection fold=true/>
                    {tariff.clone().map(|t| view! { <TariffSummary tariff=t heading=None/> })}
                    <Overview plan=overview_of.clone()/>
                </Show>
            }
        }>
            <p class="no-print"><button type="button" on:click=move |_| printing.set(false)>"Tillbaka till planen"</button></p>
            <PrintControls back=None/>
            <ReportBody/>
        </Show>
    }
}

/// What "Spara en kopia" does: save the file's plan (`plan`, else its tariffs) in the visitor's workspace.
fn save_action(
    app: AppState,
    ws: Workspace,
    plan: Option<String>,
    saved: RwSignal<Option<Result<String, String>>>,
) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
    let ws = StoredValue::new(ws);
    let busy = StoredValue::new(false);
    move |_| {
        if busy.get_value() {
            return;
        }
        busy.set_value(true);
        let ws = ws.get_value();
        let plan = plan.clone();
        spawn_local(async move {
            saved.set(Some(save_copy(app, ws, plan).await));
            busy.set_value(false);
        });
    }
}

/// The outcome of "Spara en kopia", where the reader sees it (the menu has closed).
fn saved_note(saved: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    move || {
        saved.get().map(|r| match r {
            Ok(href) => view! {
                <p role="status" id="save-copy-result" class="card">"En kopia finns nu bland dina planer och taxor. "
                    <a href=href>"Öppna kopian"</a></p>
            }
            .into_any(),
            Err(e) => view! { <p class="error" role="alert">{format!("Kopian kunde inte sparas, inget har ändrats: {e}")}</p> }.into_any(),
        })
    }
}

/// A file with tariffs and no plan: the tariff the link names (`taxa=`) or its normal tariff, in brief.
#[component]
fn PublishedTariff(ws: Workspace, tariff: Tariff, path: String) -> impl IntoView {
    let app = use_app();
    let others: Vec<(String, String, String, bool)> = if ws.tariffs.len() < 2 {
        vec![]
    } else {
        ws.tariffs
            .iter()
            .map(|t| {
                let href = format!(
                    "/publicerad?bundle={}&taxa={}",
                    url_segment(&path),
                    url_segment(&t.id)
                );
                let kind = if t.kind == TariffKind::Jour {
                    "jourtaxa"
                } else {
                    "taxa"
                };
                (
                    t.name.clone(),
                    format!("{kind} {}", t.year),
                    href,
                    t.id == tariff.id,
                )
            })
            .collect()
    };
    let saved = RwSignal::new(None::<Result<String, String>>);
    let on_save = save_action(app, ws, None, saved);
    let kind = if tariff.kind == TariffKind::Jour {
        "Jourtaxa"
    } else {
        "Taxa"
    };
    let facts = format!(
        "{} · {kind} {} · {} rader",
        if tariff.organisation.trim().is_empty() {
            "Taxa"
        } else {
            tariff.organisation.trim()
        },
        tariff.year,
        count_sv(tariff.rows.len())
    );
    view! {
        {banner()}
        <h1 id="published-title">{tariff.name.clone()}</h1>
        <p class="plan-facts">{facts}</p>
        {picker(format!("Filen innehåller {} taxor", others.len()), others)}
        <PageBar sections=vec![("pub-tariff-h", "Intäkt och avvikelse")]>
            <button type="button" id="save-copy" on:click=on_save>"Spara en kopia"</button>
            {app_links()}
        </PageBar>
        {saved_note(saved)}
        <TariffSummary tariff=tariff heading=Some("Intäkt mot referenspriserna")/>
    }
}

/// The tariff in brief: the rule's verdict, revenue per care type and group, and the deviations per group.
/// Its heading names the tariff, or is `heading` where the page's title already does.
#[component]
fn TariffSummary(tariff: Tariff, heading: Option<&'static str>) -> impl IntoView {
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
            <h2 id="pub-tariff-h" tabindex="-1">{heading.map(str::to_string).unwrap_or_else(|| format!("Taxa: {}", crate::domain::tariff::tariff_title(&tariff.name, tariff.year, tariff.kind)))}</h2>
            <p>{format!("{} rader · gräns för intäktsavvikelse ±{} · intäkt till taxans priser {at_price}", tariff.rows.len(), pct_plain_sv(limit))}</p>
            <p class="muted">{source}</p>
            <Gauge totals=totals_sig/>
            <p>{explain}</p>
            <div class="table-scroll revenue-tables" tabindex="0" role="region" aria-label="Intäkt per vårdform och åtgärdsgrupp">
                {tables}
            </div>
            <Distribution tariff=t_sig totals=totals_sig/>
        </section>
    }
}
