//! Scorecard page (`/plan/:id/styrkort`): period selector, the måluppfyllelse table, the scorecard with a
//! badge per measure and rolled-up node (icon and word as well as colour), a filter for ej uppfyllda, and a
//! detail panel where outcomes, manual grades and analyses are entered. Grading is the domain's.

use crate::domain::format::url_segment;
use crate::domain::format::{number_sv, parse_number_sv};
use crate::domain::measure::{Grade, GroupRule, RollupMethod, ScorecardSettings};
use crate::domain::period::Period;
use crate::domain::plan::{NodeData, Plan};
use crate::domain::scorecard::rollup::periods_with_data;
use crate::domain::scorecard::summary::node_reason;
use crate::domain::scorecard::table::{reason_fingerprint, results_csv, rows, sex_columns};
use crate::domain::scorecard::{Scorecard, Trend};
use crate::ui::plan::ctx::{loading_or_missing, use_plan_ctx, PlanCtx};
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::scorecard::ctx::PeriodSelect;
use crate::ui::scorecard::ctx::ScoreCtx;
use crate::ui::scorecard::measure_detail::MeasureDetail;
use crate::ui::scorecard::presentation::{MeasureSlides, Presentation};
use crate::ui::scorecard::publish_box::PublishBox;
use crate::ui::scorecard::report_table::ReportTable;
use crate::ui::scorecard::stated_view::StatedSection;
use crate::ui::scorecard::summary_band::SummaryBand;
use crate::ui::shell::browser::{download, focus_later};
use crate::ui::shell::state::use_app;
use crate::ui::widgets::badges::trend_badge;
use crate::ui::widgets::badges::{grade_badge, stated_note};
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Below 1280 px the measure details open as a sheet over the scorecard instead of beside it (see
/// `.sc-layout.has-selection` in the stylesheet).
fn sheet_mode() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 1280.0)
}

/// Close the details sheet: the page under it never scrolled, so the reader is where they were; the focus
/// returns to the row they opened.
fn close_sheet(ctx: PlanCtx) {
    let Some(id) = ctx.selected.get_untracked() else {
        return;
    };
    ctx.selected.set(None);
    request_animation_frame(move || {
        let css_id = id.replace('\\', "\\\\").replace('"', "\\\"");
        if let Ok(Some(el)) =
            document().query_selector(&format!("tr[data-id=\"{css_id}\"] .sc-name button"))
        {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// What one row of the scorecard shows. Rows are keyed by all of it, so an edit re-renders only the rows whose
/// content changed (the measure and the goals above it), not the whole table.
#[derive(Clone, PartialEq, Eq, Hash)]
struct RowData {
    id: String,
    depth: usize,
    level: String,
    text: String,
    measure: bool,
    grade: Option<Grade>,
    trend: Option<Trend>,
    title: String,
    /// The report's grade, when it states one that differs from the grade shown.
    stated: Option<Grade>,
    /// Total, kvinnor, män and their difference, when the period has values by sex.
    sexes: Option<[String; 4]>,
}

type SharedRow = Arc<RowData>;

/// Measure rows by node id with the fingerprint they were made for: after an edit only the rows of measures
/// whose content or grade changed are made again (and `For` re-renders only those).
type RowCache = std::collections::BTreeMap<String, (u64, Arc<RowData>)>;

fn row_data(
    p: &Plan,
    card: &Scorecard,
    r: crate::domain::scorecard::table::Row,
    cache: &mut RowCache,
    period_hash: u64,
) -> Arc<RowData> {
    use std::hash::{Hash, Hasher};
    let n = &p.nodes[r.index];
    let level = |p: &Plan| p.level_of(n);
    if let (Some(b), NodeData::Matt(m)) = (card.measures[r.index], &n.data) {
        let mut h = std::hash::DefaultHasher::new();
        (b, r.depth, &n.text, &n.label).hash(&mut h);
        let fp = reason_fingerprint(m, &p.scorecard) ^ period_hash ^ h.finish();
        if let Some((f, row)) = cache.get(&n.id) {
            if *f == fp {
                return row.clone();
            }
        }
        let reason = card
            .assessment(p, r.index)
            .map(|a| a.reason(m, &p.scorecard))
            .unwrap_or_default();
        let manual = if b.overridden { " (manuell)" } else { "" };
        let row = Arc::new(RowData {
            id: n.id.clone(),
            depth: r.depth,
            level: level(p),
            text: snippet(&n.text, 90),
            measure: true,
            grade: Some(b.grade),
            trend: Some(b.trend),
            title: format!("{reason}{manual}"),
            stated: m
                .stated_grade(&card.period)
                .map(|g| g.grade)
                .filter(|&g| g != b.grade),
            sexes: sex_columns(m, &card.period),
        });
        cache.insert(n.id.clone(), (fp, row.clone()));
        return row;
    }
    let res = card.nodes[r.index].as_ref();
    let title = res
        .map(|x| node_reason(x, &p.scorecard))
        .unwrap_or_default();
    Arc::new(RowData {
        id: n.id.clone(),
        depth: r.depth,
        level: level(p),
        text: snippet(&n.text, 90),
        measure: false,
        grade: res.and_then(|x| x.grade),
        trend: None,
        title,
        stated: None,
        sexes: None,
    })
}

#[component]
fn ScoreTable() -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let cache = StoredValue::new_local(RowCache::new());
    let data = Memo::new(move |_| {
        let (Some(st), Some(card)) = (sc.structure.get(), sc.card.get()) else {
            return vec![];
        };
        let only = sc.only_failing.get();
        let period_hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            card.period.hash(&mut h);
            h.finish()
        };
        ctx.plan.with(|p| {
            p.as_ref()
                .and_then(|p| {
                    cache.try_update_value(|cache| {
                        rows(p, &st.0, &card, only)
                            .into_iter()
                            .map(|r| row_data(p, &card, r, cache, period_hash))
                            .collect()
                    })
                })
                .unwrap_or_default()
        })
    });
    let row = move |r: Arc<RowData>| {
        let (id, sel_id, cur_id) = (r.id.clone(), r.id.clone(), r.id.clone());
        let is_sel =
            Memo::new(move |_| ctx.selected.with(|s| s.as_deref() == Some(cur_id.as_str())));
        let title = r.title.clone();
        view! {
            <tr class:selected=move || is_sel.get() class=if r.measure { "measure-row" } else { "node-row" } data-id=id
                style=format!("--row-depth: {}", r.depth)>
                <td class="sc-name" style=format!("--depth: {}", r.depth)>
                    <button class="link" aria-current=move || is_sel.get().then_some("true")
                        on:click=move |_| {
                            ctx.selected.set(Some(sel_id.clone()));
                            // below 1280 px the details open as a sheet over the page (which keeps its scroll
                            // position): move the focus to its heading
                            if sheet_mode() {
                                focus_later("detail-h".into());
                            }
                        }>
                        <span class="muted">{r.level.clone()}" "</span>{r.text.clone()}
                    </button>
                </td>
                <td>{match r.grade {
                    Some(g) => view! { <span title=title>{grade_badge(g)}</span> }.into_any(),
                    None => view! { <span class="muted">"Fördelning"</span> }.into_any(),
                }}
                {r.stated.map(stated_note)}</td>
                <td>{r.trend.map(trend_badge)}</td>
                {let sexes = r.sexes.clone();
                move || sc.sexes.get().then(|| {
                    let cells = sexes.clone().unwrap_or_else(|| std::array::from_fn(|_| String::new()));
                    let [tot, k, m, d] = cells;
                    view! {
                        <td class="num" data-label="Totalt">{tot}</td>
                        <td class="num" data-label="Kvinnor">{k}</td>
                        <td class="num" data-label="Män">{m}</td>
                        <td class="num" data-label="Skillnad K–M">{d}</td>
                    }
                })}
                <td class="sc-reason">{r.title.clone()}</td>
            </tr>
        }
    };
    view! {
        <section class="card score-section" aria-labelledby="sc-h">
            <h2 id="sc-h">"Styrkort"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Styrkort">
            <table class="score-table" class:with-sexes=move || sc.sexes.get()>
                <thead><tr><th scope="col">{move || format!("Mål och {}", ctx.measure_words().1)}</th><th scope="col">"Måluppfyllelse"</th><th scope="col">"Trend"</th>
                    {move || sc.sexes.get().then(|| view! {
                        <th scope="col" class="num">"Totalt"</th><th scope="col" class="num">"Kvinnor"</th><th scope="col" class="num">"Män"</th>
                        <th scope="col" class="num"><abbr title="Skillnad kvinnor minus män (för andelar i procentenheter)">"K–M"</abbr></th>
                    })}
                    <th scope="col">"Motivering"</th></tr></thead>
                <tbody>
                    <For each=move || data.get() key=|r: &SharedRow| r.clone() children=row/>
                    <Show when=move || data.with(Vec::is_empty)>
                        <tr><td colspan=move || if sc.sexes.get() { "8" } else { "4" }>{move || {
                            let many = ctx.measure_words().1;
                            if sc.only_failing.get() { format!("Inga {many} är ej uppfyllda i perioden.") } else { format!("Inga {many} följs upp i perioden.") }
                        }}</td></tr>
                    </Show>
                </tbody>
            </table>
            </div>
        </section>
    }
}

#[component]
fn Issues() -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let list = move || {
        let card = sc.card.get()?;
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            (!card.issues.is_empty()).then(|| {
                card.issues
                    .iter()
                    .map(|i| view! { <li>{i.message(p)}</li> })
                    .collect_view()
            })
        })
    };
    view! {
        <Show when=move || sc.card.with(|c| c.as_ref().is_some_and(|c| !c.issues.is_empty()))>
            <details class="card issues">
                <summary>{move || format!("Att observera ({})", sc.card.with(|c| c.as_ref().map_or(0, |c| c.issues.len())))}</summary>
                <ul>{list}</ul>
            </details>
        </Show>
    }
}

/// The plan's grading and rollup settings.
#[component]
fn RollupSettings() -> impl IntoView {
    let ctx = use_plan_ctx();
    let error = RwSignal::new(None::<String>);
    let body = move || {
        ctx.rev.get();
        let s = ctx
            .plan
            .with_untracked(|p| p.as_ref().map(|p| p.scorecard.clone()))?;
        let set = move |f: Box<dyn FnOnce(&mut ScorecardSettings)>| {
            ctx.apply(None, move |p| {
                f(&mut p.scorecard);
                Ok(())
            });
        };
        // a share field shown in per cent: 0–100
        let pct_field = move |label: &'static str,
                              id: &'static str,
                              v: f64,
                              put: fn(&mut ScorecardSettings, f64)| {
            view! {
                <label for=id>{label}</label>
                <input id=id type="text" inputmode="decimal" value=number_sv(v) on:change=move |ev| {
                    match parse_number_sv(&event_target_value(&ev)) {
                        Some(x) if (0.0..=100.0).contains(&x) => {
                            let mut probe = ctx.plan.with_untracked(|p| p.as_ref().map(|p| p.scorecard.clone())).unwrap_or_default();
                            put(&mut probe, x);
                            if probe.yellow_at > probe.green_at {
                                error.set(Some("Gränsen för delvis får inte vara högre än gränsen för uppfyllt.".into()));
                                return;
                            }
                            error.set(None);
                            set(Box::new(move |s| put(s, x)));
                        }
                        _ => error.set(Some(format!("{label}: ett tal mellan 0 och 100"))),
                    }
                }/>
            }
        };
        let method = s.method;
        let rule = s.group_rule;
        Some(view! {
            <div class="form-grid">
                <label for="rs-method">"Sammanvägning"</label>
                <select id="rs-method" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(m) = RollupMethod::from_key(&v) {
                        set(Box::new(move |s| s.method = m));
                    }
                }>
                    {RollupMethod::ALL.into_iter().map(|m| view! { <option value=m.key() selected=m == method>{m.label()}</option> }).collect_view()}
                </select>
                <label for="rs-rule">"Kvinnor och män"</label>
                <select id="rs-rule" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(r) = GroupRule::from_key(&v) {
                        set(Box::new(move |s| s.group_rule = r));
                    }
                }>
                    {GroupRule::ALL.into_iter().map(|r| view! { <option value=r.key() selected=r == rule>{r.label()}</option> }).collect_view()}
                </select>
                {pct_field("Tolerans för delvis (% av målvärdet)", "rs-tol", s.tolerance_pct, |s, x| s.tolerance_pct = x)}
                {pct_field("Uppfyllt från andel (%)", "rs-green", s.green_at * 100.0, |s, x| s.green_at = x / 100.0)}
                {pct_field("Delvis från andel (%)", "rs-yellow", s.yellow_at * 100.0, |s, x| s.yellow_at = x / 100.0)}
                {pct_field("Minsta andel bedömda mått (%)", "rs-cov", s.min_coverage * 100.0, |s, x| s.min_coverage = x / 100.0)}
            </div>
            <label class="check"><input type="checkbox" prop:checked=s.prorate on:change=move |ev| {
                let on = event_target_checked(&ev);
                set(Box::new(move |s| s.prorate = on));
            }/>" Räkna om årsmål för flödesmått vid delår (värde × 12 / månader)"</label>
        })
    };
    view! {
        <details class="card">
            <summary>"Inställningar för bedömning och sammanvägning"</summary>
            {body}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </details>
    }
}

/// Which measures the presentation shows, and the button that starts it (full screen where the browser allows).
#[component]
pub fn PresentControls(
    presenting: RwSignal<bool>,
    slides: RwSignal<MeasureSlides>,
) -> impl IntoView {
    view! {
        <label>"Mått i presentationen "
            <select id="present-which" on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(w) = MeasureSlides::ALL.into_iter().find(|w| w.key() == v) {
                    slides.set(w);
                }
            }>
                {MeasureSlides::ALL.into_iter().map(|w| view! {
                    <option value=w.key() selected=move || slides.get() == w>{w.label()}</option>
                }).collect_view()}
            </select>
        </label>
        <button type="button" id="present-start" class="primary" on:click=move |_| {
            presenting.set(true);
            if let Some(el) = document().document_element() {
                let _ = el.request_fullscreen();
            }
        }>"Presentera"</button>
    }
}

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let app = use_app();
    let (ctx, missing) = PlanCtx::for_route(app);
    let _ = ScoreCtx::provide(ctx, None);
    // `?matt=<id>` (the plan editor's *Öppna i styrkortet*) opens that measure's details once the plan is there
    let wanted = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("matt"));
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(id) = wanted.clone() else {
            return true;
        };
        if !ctx
            .plan
            .with(|p| p.as_ref().is_some_and(|p| p.node(&id).is_some()))
        {
            return false;
        }
        ctx.selected.set(Some(id.clone()));
        request_animation_frame(move || {
            let css_id = id.replace('\\', "\\\\").replace('"', "\\\"");
            if let Ok(Some(el)) =
                document().query_selector(&format!("tr[data-id=\"{css_id}\"] .sc-name button"))
            {
                el.scroll_into_view();
            }
            if !sheet_mode() {
                focus_later("detail-h".into());
            }
        });
        true
    });
    view! {
        <Show when=move || ctx.plan.with(Option::is_some) fallback=move || loading_or_missing(missing)>
            <crate::ui::shell::edit_ctx::ElsewhereBanner ctx=ctx.edit/>
            <h1>"Styrkort: "{move || ctx.plan.with(|p| p.as_ref().map(|p| format!("{}, {}", p.title, p.organisation)).unwrap_or_default())}</h1>
            <p class="page-links"><a href=move || format!("/plan/{}", url_segment(&ctx.id()))>"Redigera planen"</a></p>
            <ScorecardBody read_only=false/>
        </Show>
    }
}

/// Download the plan's results as CSV: for `period`, or (`all`) for every period with data.
pub fn export_results(ctx: PlanCtx, period: Option<Period>, all: bool) {
    ctx.plan.with_untracked(|p| {
        if let (Some(p), Some(per)) = (p, period) {
            let (periods, name) = if all {
                (
                    periods_with_data(p),
                    format!("styrkort-{}-alla-perioder.csv", p.id),
                )
            } else {
                (
                    vec![per],
                    format!("styrkort-{}-{}.csv", p.id, per.key().replace(' ', "-")),
                )
            };
            let csv = results_csv(p, &periods);
            download(&name, csv.as_bytes(), "text/csv;charset=utf-8");
        }
    })
}

/// The scorecard for the plan and period in context: controls, måluppfyllelse, the table and the detail panel.
/// Read-only (a publication) leaves out what edits (rollup settings, data issues, publishing, the editors) and
/// the producer's tools (exports and the presentation), which the published view keeps under its "Mer" menu.
#[component]
pub fn ScorecardBody(
    read_only: bool,
    /// When given, the måluppfyllelse table waits for stage 2 and the scorecard for stage 3 (the published
    /// view builds its page a part at a time); without it, everything at once.
    #[prop(optional)]
    stage: Option<Signal<u8>>,
) -> impl IntoView {
    let at = move |n: u8| stage.is_none_or(|s| s.get() >= n);
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let period = sc.period;
    let presenting = RwSignal::new(false);
    let slides = RwSignal::new(MeasureSlides::Failing);
    let publishing = RwSignal::new(false);
    // the plan has values by sex somewhere: the scorecard can show them in columns
    let has_sexes = Memo::new(move |_| {
        ctx.plan.with(|p| {
            p.as_ref().is_some_and(|p| {
                p.nodes.iter().any(|n| match &n.data {
                    NodeData::Matt(m) => m.outcomes.iter().any(|o| o.sex.is_some()),
                    _ => false,
                })
            })
        })
    });
    let report_href = move || {
        format!(
            "/plan/{}/rapport?period={}",
            url_segment(&ctx.id()),
            url_segment(&period.get().map(|p| p.key()).unwrap_or_default())
        )
    };
    view! {
        <SummaryBand/>
        <div class="sc-controls" role="group" aria-label="Visning">
            <PeriodSelect id="sc-period"/>
            <label class="check"><input type="checkbox" id="sc-only-failing" prop:checked=move || sc.only_failing.get()
                on:change=move |ev| sc.only_failing.set(event_target_checked(&ev))/>" Visa endast ej uppfyllda"</label>
            <Show when=move || has_sexes.get()>
                <label class="check"><input type="checkbox" id="sc-sexes" prop:checked=move || sc.sexes.get()
                    on:change=move |ev| sc.sexes.set(event_target_checked(&ev))/>" Visa kvinnor och män"</label>
            </Show>
            {(!read_only).then(|| view! {
                <button on:click=move |_| export_results(ctx, period.get_untracked(), false)>"Exportera resultat (CSV)"</button>
                <button on:click=move |_| export_results(ctx, period.get_untracked(), true)>"Alla perioder (CSV)"</button>
                <PresentControls presenting=presenting slides=slides/>
                <a class="button" id="grid-link" href=move || report_href().replacen("/rapport?", "/rapportera?", 1)>"Rapportera period"</a>
                <a class="button" id="report-link" href=report_href>"Skriv ut rapport"</a>
                <button type="button" id="publish-open" aria-expanded=move || publishing.get().to_string()
                    on:click=move |_| publishing.update(|p| *p = !*p)>"Publicera"</button>
            })}
        </div>
        {(!read_only).then(|| view! { <PublishBox open=publishing/><Presentation open=presenting which=slides/> })}
        <Show when=move || at(2)><ReportTable/><StatedSection read_only=read_only/></Show>
        {(!read_only).then(|| view! { <RollupSettings/><Issues/> })}
        <Show when=move || at(3)>
        <div class="sc-layout" class:has-selection=move || ctx.selected.with(Option::is_some)>
            <ScoreTable/>
            <section class="card detail-panel" aria-labelledby="detail-h"
                on:keydown=move |ev| if ev.key() == "Escape" && sheet_mode() { close_sheet(ctx) }>
                <p class="sheet-back"><button type="button" id="sheet-back" on:click=move |_| close_sheet(ctx)>"← Tillbaka"</button></p>
                <h2 id="detail-h" tabindex="-1">"Detaljer"</h2>
                <MeasureDetail/>
            </section>
        </div>
        </Show>
    }
}
