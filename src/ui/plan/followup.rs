//! *Uppföljning* (`/plan/:id/uppfoljning`): a plan's activities, uppdrag and IK-åtgärder followed up in one
//! period. Counts per status against the period before, the items late by their end date, and every item's
//! status, *försenad* and analysis edited in place, with the grid habits of *Rapportera period* (Enter moves
//! down a column, Shift+Enter up, Alt+Enter is a new line in an analysis; every change is saved and can be
//! undone). Then the internal control: the risk matrix and the year's ISK-bedömning.

use crate::domain::activities::{
    follow_up_csv, follow_up_rows, previous_report_period, reported_periods, FollowUpRow,
    StatusCounts, WorkKind, REPORT_ORDER,
};
use crate::domain::draft::EditKey;
use crate::domain::edit::EditError;
use crate::domain::format::url_segment;
use crate::domain::limits::MAX_TEXT_CHARS;
use crate::domain::period::Period;
use crate::domain::plan::{set_report, Plan, WorkReport, WorkStatus};
use crate::domain::scorecard::rollup::{opening_period, period_choices};
use crate::ui::plan::ctx::{loading_or_missing, use_plan_ctx, PlanCtx};
use crate::ui::plan::risks::{IskView, RiskMatrixView};
use crate::ui::shell::browser::today;
use crate::ui::shell::state::use_app;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The period a plan's follow-up opens on: the latest one reported, else the period its scorecard opens on.
fn default_period(p: &Plan) -> Period {
    reported_periods(p)
        .last()
        .copied()
        .unwrap_or_else(|| opening_period(p))
}

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let (ctx, missing) = PlanCtx::for_route(use_app());
    let initial = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("period").and_then(|k| Period::parse_key(&k)));
    let period = RwSignal::new(initial);
    Effect::new(move |_| {
        if period.get_untracked().is_none() {
            if let Some(p) = ctx.plan.with(|p| p.as_ref().map(default_period)) {
                period.set(Some(p));
            }
        }
    });
    // every item's reports now and the period before, once per change for both tables
    let day = today();
    let rows = Memo::new(move |_| {
        let per = period.get()?;
        ctx.plan
            .with(|p| p.as_ref().map(|p| follow_up_rows(p, per, day)))
    });
    let title = move || {
        ctx.plan
            .with(|p| {
                p.as_ref()
                    .map(|p| format!("{}, {}", p.title, p.organisation))
            })
            .unwrap_or_default()
    };
    view! {
        <Show when=move || ctx.plan.with(Option::is_some) && period.with(Option::is_some) fallback=move || loading_or_missing(missing)>
            <crate::ui::shell::edit_ctx::ElsewhereBanner ctx=ctx.edit/>
            <h1>"Uppföljning: "{title}</h1>
            <p class="page-links">
                <a href=move || format!("/plan/{}", url_segment(&ctx.id()))>"Redigera planen"</a>
                <a href=move || format!("/plan/{}/styrkort", url_segment(&ctx.id()))>"Styrkort och måluppfyllelse"</a>
                <a href=move || format!("/plan/{}/rapportera", url_segment(&ctx.id()))>"Rapportera period"</a>
            </p>
            <div class="period-row">
                <PeriodPick period=period/>
                <button type="button" id="fu-csv" on:click=move |_| export_csv(ctx)>"Exportera uppföljningen (CSV)"</button>
            </div>
            <WorkGrid period=period rows=rows section="akt" title="Aktiviteter och uppdrag" kinds=&[WorkKind::Aktivitet, WorkKind::Uppdrag]/>
            <WorkGrid period=period rows=rows section="ik" title="Intern kontroll: åtgärder" kinds=&[WorkKind::Atgard]/>
            <RiskMatrixView/>
            <IskView/>
        </Show>
    }
}

/// Every item's report in every period reported, for Excel (`follow_up_csv`), named after the plan and the date.
fn export_csv(ctx: PlanCtx) {
    let Some((name, csv)) = ctx.plan.with_untracked(|p| {
        p.as_ref().map(|p| {
            let day = today().format("%Y-%m-%d");
            (
                format!(
                    "uppfoljning-{}-{day}.csv",
                    crate::ui::widgets::text::slug(&p.id)
                ),
                follow_up_csv(p),
            )
        })
    }) else {
        return;
    };
    crate::ui::shell::browser::download(&name, csv.as_bytes(), "text/csv;charset=utf-8");
}

/// The period to follow up: the plan's report periods and every period already reported.
#[component]
fn PeriodPick(period: RwSignal<Option<Period>>) -> impl IntoView {
    let ctx = use_plan_ctx();
    let choices = Memo::new(move |_| {
        ctx.rev.get();
        ctx.plan
            .with_untracked(|p| {
                p.as_ref().map(|p| {
                    let mut v = period_choices(p);
                    v.extend(reported_periods(p));
                    v.sort_by_key(Period::sort_key);
                    v.dedup();
                    v
                })
            })
            .unwrap_or_default()
    });
    view! {
        <div class="period-bar">
            <label>"Period "
                <select id="fu-period" on:change=move |ev| period.set(Period::parse_key(&event_target_value(&ev)))>
                    {move || choices.get().into_iter().map(|p| {
                        let sel = period.get_untracked() == Some(p);
                        view! { <option value=p.key() selected=sel>{p.label()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <span class="muted">{move || period.get().map(|p| format!("jämförs med {}", previous_report_period(p).label()))}</span>
        </div>
    }
}

/// Change one item's report of `period` (creating it, or removing it when emptied). Keyed per item, field and
/// period: typing in one analysis is one undo step, and the table is not rebuilt under the cursor.
fn edit_report(
    ctx: PlanCtx,
    id: &str,
    period: Period,
    field: &str,
    f: impl FnOnce(&mut WorkReport),
) {
    let id = id.to_string();
    let key = EditKey::node(id.clone(), format!("fu-{field}-{}", period.key()));
    ctx.apply(Some(key), move |p| {
        let n = p
            .nodes
            .iter_mut()
            .find(|n| n.id == id)
            .ok_or_else(|| EditError::NotFound(id.clone()))?;
        let r = n
            .data
            .work_reports_mut()
            .ok_or_else(|| EditError::NotFound(id.clone()))?;
        set_report(r, period, f);
        Ok(())
    });
}

/// One line of the table: a group's heading or an item.
#[derive(Clone, PartialEq)]
enum Line {
    Group(String),
    Item(usize, FollowUpRow),
}

fn status_options(current: Option<WorkStatus>) -> impl IntoView {
    let none = current.is_none();
    view! {
        <option value="" selected=none>"Ej rapporterad"</option>
        {WorkStatus::ALL.into_iter().map(|s| {
            let sel = current == Some(s);
            view! { <option value=s.key() selected=sel>{s.label()}</option> }
        }).collect_view()}
    }
}

/// "Pågår, försenad" for the period before.
fn before_text(r: Option<&WorkReport>) -> String {
    r.map(WorkReport::status_words)
        .unwrap_or_else(|| "Ej rapporterad".into())
}

/// The followed-up items of `kinds` in one period: the counts, the late ones and the table.
#[component]
fn WorkGrid(
    period: RwSignal<Option<Period>>,
    rows: Memo<Option<Vec<FollowUpRow>>>,
    section: &'static str,
    title: &'static str,
    kinds: &'static [WorkKind],
) -> impl IntoView {
    let ctx = use_plan_ctx();
    let unreported_only = RwSignal::new(false);
    let day = today();
    // every change: this table's rows, for the counts and the late items
    let rows_now = Memo::new(move |_| {
        rows.with(|r| {
            r.as_ref().map(|r| {
                r.iter()
                    .filter(|x| kinds.contains(&x.kind))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    // the table's lines change with the period, the filter, and changes other than typing (undo, structure)
    let lines = Memo::new(move |_| {
        ctx.rev.get();
        let only = unreported_only.get();
        let per = period.get()?;
        ctx.plan.with_untracked(|p| {
            let p = p.as_ref()?;
            let mut out = vec![];
            let mut heading = None::<String>;
            for (i, r) in follow_up_rows(p, per, day)
                .into_iter()
                .filter(|r| kinds.contains(&r.kind))
                .filter(|r| !only || r.now.as_ref().and_then(|x| x.status).is_none())
                .enumerate()
            {
                if heading.as_deref() != Some(r.heading.as_str()) {
                    heading = Some(r.heading.clone());
                    if !r.heading.is_empty() {
                        out.push(Line::Group(r.heading.clone()));
                    }
                }
                out.push(Line::Item(i, r));
            }
            Some(out)
        })
    });
    let summary = move || {
        let per = period.get()?;
        rows_now.with(|rows| {
            let rows = rows.as_ref()?;
            if rows.is_empty() {
                return None;
            }
            let now = StatusCounts::of(rows.iter().map(|r| r.now.as_ref()));
            let before = StatusCounts::of(rows.iter().map(|r| r.before.as_ref()));
            let prev = previous_report_period(per);
            let line = |label: &str, a: usize, b: usize| {
                view! { <tr><th scope="row">{label.to_string()}</th><td class="num">{a}</td><td class="num">{b}</td></tr> }
            };
            let late: Vec<&FollowUpRow> = rows.iter().filter(|r| r.late_by_date).collect();
            Some(view! {
                <p class="fu-summary" id={format!("fu-{section}-summary")}><strong>{format!("{}: {}.", per.label(), now.line())}</strong>
                    {format!(" {} av {} rapporterade.", now.reported(), rows.len())}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{title}: antal per status")}>
                <table class="list fu-counts" id={format!("fu-{section}-counts")}>
                    <caption class="sr-only">{format!("{title}: antal per status, {} och {}", per.label(), prev.label())}</caption>
                    <thead><tr><th scope="col">"Status"</th><th scope="col" class="num">{per.label()}</th><th scope="col" class="num">{prev.label()}</th></tr></thead>
                    <tbody>
                        {REPORT_ORDER.into_iter().map(|s| line(s.label(), now.get(s), before.get(s))).collect_view()}
                        {line("Ej rapporterad", now.unreported, before.unreported)}
                        {line("Varav försenade", now.delayed, before.delayed)}
                    </tbody>
                </table>
                </div>
                {(!late.is_empty()).then(|| view! {
                    <details class="fu-late" id={format!("fu-{section}-late")} open=true>
                        <summary>{format!("Sena enligt slutdatum ({})", late.len())}</summary>
                        <ul>
                            {late.into_iter().map(|r| view! {
                                <li>{snippet(&r.text, 120)}" "<span class="muted">{format!("(slut {}; {})", r.end.map(|e| e.label()).unwrap_or_default(), before_text(r.now.as_ref()).to_lowercase())}</span></li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
            })
        })
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Enter" || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
        else {
            return;
        };
        // fu-{section}-{i}-{col}
        let id = el.id();
        let mut parts = id.rsplitn(3, '-');
        let (Some(col), Some(i), Some(prefix)) = (parts.next(), parts.next(), parts.next()) else {
            return;
        };
        let Ok(i) = i.parse::<usize>() else { return };
        if ev.alt_key() {
            // a new line in an analysis, as in a spreadsheet's cell
            if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                ev.prevent_default();
                let v = t.value();
                let at = t.selection_start().ok().flatten().unwrap_or(v.len() as u32) as usize;
                let at = v
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain([v.len()])
                    .find(|b| *b >= at)
                    .unwrap_or(v.len());
                t.set_value(&format!("{}\n{}", &v[..at], &v[at..]));
                let _ = t.set_selection_range(at as u32 + 1, at as u32 + 1);
                let _ = t.dispatch_event(&web_sys::Event::new("input").expect("an input event"));
            }
            return;
        }
        ev.prevent_default();
        let next = if ev.shift_key() {
            i.checked_sub(1)
        } else {
            Some(i + 1)
        };
        if let Some(n) = next {
            if let Some(e) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("{prefix}-{n}-{col}")))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = e.focus();
            }
        }
    };
    let row = move |line: Line| -> AnyView {
        match line {
            Line::Group(h) => {
                view! { <tr class="group-row"><th colspan="4" scope="colgroup">{h}</th></tr> }
                    .into_any()
            }
            Line::Item(i, r) => {
                let per = period
                    .get_untracked()
                    .unwrap_or_else(|| Period::new(0, crate::domain::period::PeriodCode::Ar));
                let short = snippet(&r.text, 60);
                let (id1, id2, id3) = (r.id.clone(), r.id.clone(), r.id.clone());
                let now = r.now.clone();
                let status = now.as_ref().and_then(|x| x.status);
                let delayed = now.as_ref().is_some_and(|x| x.delayed);
                let analysis = now.map(|x| x.analysis).unwrap_or_default();
                let late = r.late_by_date.then(|| {
                    format!(
                        "⚠ Sen: slut {}",
                        r.end.map(|e| e.label()).unwrap_or_default()
                    )
                });
                view! {
                    <tr class="fu-row" class:late=r.late_by_date>
                        <th scope="row">
                            <span class="muted small">{r.level.clone()}</span>" "{r.text.clone()}
                            {late.map(|l| view! { <span class="badge late">{l}</span> })}
                        </th>
                        <td data-label="Förra perioden" class="fu-before">{before_text(r.before.as_ref())}</td>
                        <td class="fu-status">
                            <select id={format!("fu-{section}-{i}-status")} aria-label={format!("Status: {short}")} on:change=move |ev| {
                                let s = WorkStatus::from_key(&event_target_value(&ev));
                                edit_report(ctx, &id1, per, "status", |x| x.status = s);
                            }>{status_options(status)}</select>
                            <label class="check"><input type="checkbox" id={format!("fu-{section}-{i}-delayed")} prop:checked=delayed on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                edit_report(ctx, &id2, per, "delayed", |x| x.delayed = on);
                            }/>" Försenad"<span class="sr-only">{format!(": {short}")}</span></label>
                        </td>
                        <td class="fu-analysis">
                            <textarea id={format!("fu-{section}-{i}-analysis")} rows="2" maxlength=MAX_TEXT_CHARS aria-label={format!("Analys: {short}")} prop:value=analysis on:input=move |ev| {
                                let v = event_target_value(&ev);
                                edit_report(ctx, &id3, per, "analysis", |x| x.analysis = v);
                            }></textarea>
                        </td>
                    </tr>
                }.into_any()
            }
        }
    };
    // a memo, so typing (which changes the rows) does not rebuild the section under the cursor
    let shown = Memo::new(move |_| rows_now.with(|r| r.as_ref().is_some_and(|r| !r.is_empty())));
    view! {
        {move || shown.get().then(|| view! {
            <section class="card fu-section" aria-labelledby={format!("fu-{section}-h")}>
                <h2 id={format!("fu-{section}-h")}>{title}</h2>
                {summary}
                <label class="check"><input type="checkbox" id={format!("fu-{section}-unreported")} prop:checked=move || unreported_only.get()
                    on:change=move |ev| unreported_only.set(event_target_checked(&ev))/>" Visa bara ej rapporterade"</label>
                <p class="muted small">"Enter går till raden under, Skift+Enter till raden över, Alt+Enter ger en ny rad i en analys. Allt sparas medan du skriver och kan ångras (Ctrl+Z)."</p>
                <div class="table-scroll" tabindex="-1">
                <table class="fu-grid" id={format!("fu-{section}-grid")} on:keydown=on_keydown>
                    <thead><tr>
                        <th scope="col" class="fu-col-name">{title}</th>
                        <th scope="col" class="fu-col-before">{move || period.get().map(|p| previous_report_period(p).label())}</th>
                        <th scope="col" class="fu-col-status">{move || period.get().map(|p| format!("Status {}", p.label()))}</th>
                        <th scope="col">"Analys"</th>
                    </tr></thead>
                    <tbody>
                        {move || lines.get().unwrap_or_default().into_iter().map(row).collect_view()}
                    </tbody>
                </table>
                </div>
            </section>
        })}
    }
}
