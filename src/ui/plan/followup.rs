//! *Uppföljning* (`/plan/:id/uppfoljning`): a plan's activities, uppdrag and IK-åtgärder followed up in one
//! period. Counts per status against the period before, the items late by their end date, and every item's
//! status, *försenad* and analysis edited in place, with the grid habits of *Rapportera period* (Enter moves
//! down a column, Shift+Enter up, Alt+Enter is a new line in an analysis; every change is saved and can be
//! undone). Then the internal control: the risk matrix and the year's ISK-bedömning.

use crate::domain::activities::{
    follow_up_csv, follow_up_rows, previous_report_period, reported_periods, risk_matrix,
    FollowUpRow, StatusCounts, WorkKind, REPORT_ORDER,
};
use crate::domain::draft::EditKey;
use crate::domain::edit::EditError;
use crate::domain::format::url_segment;
use crate::domain::limits::MAX_TEXT_CHARS;
use crate::domain::period::Period;
use crate::domain::plan::{set_report, IskJudgement, NodeData, Plan, WorkReport, WorkStatus};
use crate::domain::scorecard::rollup::{opening_period, period_choices};
use crate::ui::plan::ctx::{loading_or_missing, use_plan_ctx, PlanCtx};
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
            <WorkGrid period=period section="akt" title="Aktiviteter och uppdrag" kinds=&[WorkKind::Aktivitet, WorkKind::Uppdrag]/>
            <WorkGrid period=period section="ik" title="Intern kontroll: åtgärder" kinds=&[WorkKind::Atgard]/>
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
    section: &'static str,
    title: &'static str,
    kinds: &'static [WorkKind],
) -> impl IntoView {
    let ctx = use_plan_ctx();
    let unreported_only = RwSignal::new(false);
    let day = today();
    // every change: the counts and the late items
    let rows_now = Memo::new(move |_| {
        let per = period.get()?;
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            Some(
                follow_up_rows(p, per, day)
                    .into_iter()
                    .filter(|r| kinds.contains(&r.kind))
                    .collect::<Vec<_>>(),
            )
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

/// The risk matrix: sannolikhet (rows, highest first) × konsekvens (columns); each cell says how many risks it
/// holds as a number, and choosing it lists them.
#[component]
fn RiskMatrixView() -> impl IntoView {
    let ctx = use_plan_ctx();
    let chosen = RwSignal::new(None::<(u8, u8)>);
    let matrix = Memo::new(move |_| ctx.plan.with(|p| p.as_ref().map(risk_matrix)));
    let has_risks = Memo::new(move |_| {
        ctx.plan.with(|p| {
            p.as_ref().is_some_and(|p| {
                p.nodes
                    .iter()
                    .any(|n| matches!(n.data, NodeData::IkRisk(_)))
            })
        })
    });
    let text_of = move |id: &str| {
        ctx.plan
            .with_untracked(|p| p.as_ref().and_then(|p| p.node(id)).map(|n| n.text.clone()))
            .unwrap_or_default()
    };
    view! {
        {move || has_risks.get().then(|| view! {
            <section class="card" aria-labelledby="risk-h" id="risk-section">
                <h2 id="risk-h">"Riskmatris"</h2>
                {move || matrix.get().map(|m| {
                    let k = m.scale;
                    let assessed: usize = m.cells.iter().flatten().map(Vec::len).sum();
                    view! {
                        <p>{format!("{assessed} av {} risker bedömda. Riskvärde (rv) = sannolikhet × konsekvens, skala 1–{k}. Välj en ruta för att se dess risker.", assessed + m.unassessed.len())}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Riskmatris">
                        <table class="risk-matrix" id="risk-matrix">
                            <caption class="sr-only">"Antal risker per sannolikhet och konsekvens"</caption>
                            <thead><tr><th scope="col" class="rm-corner"><span>"Sannolikhet ↓"</span><br/><span>"Konsekvens →"</span></th>
                                {(1..=k).map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {(1..=k).rev().map(|l| {
                                    let m = m.clone();
                                    view! {
                                        <tr><th scope="row">{l}</th>
                                            {(1..=k).map(|c| {
                                                let n = m.count(l, c);
                                                let value = l as u32 * c as u32;
                                                let band = if value * 3 > (k as u32 * k as u32) * 2 { "high" } else if value * 3 > k as u32 * k as u32 { "mid" } else { "low" };
                                                view! {
                                                    <td class={format!("rm-{band}")}>
                                                        <button type="button" id={format!("risk-cell-{l}-{c}")} class="rm-cell" disabled=n == 0
                                                            aria-pressed=move || if chosen.get() == Some((l, c)) { "true" } else { "false" }
                                                            on:click=move |_| chosen.update(|x| *x = if *x == Some((l, c)) { None } else { Some((l, c)) })>
                                                            <span class="rm-count">{n}</span>
                                                            <span class="sr-only">{format!(" {}: sannolikhet {l}, konsekvens {c}, riskvärde {value}", if n == 1 { "risk" } else { "risker" })}</span>
                                                            <span class="rm-value muted small" aria-hidden="true">{format!("rv {value}")}</span>
                                                        </button>
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                        {move || chosen.get().map(|(l, c)| {
                            let ids = m.cells.get(l as usize - 1).and_then(|r| r.get(c as usize - 1)).cloned().unwrap_or_default();
                            view! {
                                <div id="risk-chosen" role="status">
                                    <h3>{format!("Sannolikhet {l}, konsekvens {c}: riskvärde {}", l as u32 * c as u32)}</h3>
                                    <ul>{ids.iter().map(|id| view! { <li>{text_of(id)}</li> }).collect_view()}</ul>
                                </div>
                            }
                        })}
                        {(!m.unassessed.is_empty()).then(|| view! {
                            <details><summary>{format!("Ej bedömda ({})", m.unassessed.len())}</summary>
                                <ul>{m.unassessed.iter().map(|id| view! { <li>{text_of(id)}</li> }).collect_view()}</ul>
                            </details>
                        })}
                    }
                })}
                <RiskList/>
            </section>
        })}
    }
}

/// Every risk with its sannolikhet and konsekvens, set here (or on the risk in the plan's structure); the
/// riskvärde follows at once. Rebuilt only on changes other than these choices, so the focus stays put.
#[component]
fn RiskList() -> impl IntoView {
    let ctx = use_plan_ctx();
    let risks = Memo::new(move |_| {
        ctx.rev.get();
        ctx.plan.with_untracked(|p| {
            let p = p.as_ref()?;
            let find = |x: &str| p.nodes.iter().position(|n| n.id == x);
            Some(
                p.tree_order()
                    .into_iter()
                    .filter_map(|n| match &n.data {
                        NodeData::IkRisk(r) => {
                            let i = p.nodes.iter().position(|m| m.id == n.id).unwrap_or(0);
                            let area = n
                                .parent
                                .as_deref()
                                .and_then(|a| p.node(a))
                                .map(|a| a.text.clone())
                                .unwrap_or_default();
                            let scale = crate::domain::validate::risk_scale_of(p, i, &find);
                            Some((
                                n.id.clone(),
                                area,
                                n.text.clone(),
                                r.likelihood,
                                r.consequence,
                                scale,
                            ))
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let set = move |id: String, field: &'static str, v: Option<u8>| {
        let key = EditKey::node(id.clone(), format!("risk-{field}"));
        ctx.apply(Some(key), move |p| {
            match p.nodes.iter_mut().find(|n| n.id == id).map(|n| &mut n.data) {
                Some(NodeData::IkRisk(r)) => {
                    if field == "likelihood" {
                        r.likelihood = v;
                    } else {
                        r.consequence = v;
                    }
                    Ok(())
                }
                _ => Err(EditError::NotFound(id.clone())),
            }
        });
    };
    let value_of = move |id: String| {
        move || {
            ctx.plan
                .with(
                    |p| match p.as_ref().and_then(|p| p.node(&id)).map(|n| &n.data) {
                        Some(NodeData::IkRisk(r)) => r.value(),
                        _ => None,
                    },
                )
                .map(|v| v.to_string())
                .unwrap_or_else(|| "–".into())
        }
    };
    let options = |current: Option<u8>, scale: u8| {
        view! {
            <option value="" selected=current.is_none()>"Ej bedömd"</option>
            {(1..=scale).map(|v| view! { <option value=v.to_string() selected=current == Some(v)>{v}</option> }).collect_view()}
        }
    };
    view! {
        <details class="risk-list" id="risk-list">
            <summary>"Bedöm riskerna"</summary>
            <div class="table-scroll" tabindex="-1">
            <table class="list fu-risks">
                <thead><tr><th scope="col">"Område"</th><th scope="col">"Risk"</th><th scope="col">"Sannolikhet"</th><th scope="col">"Konsekvens"</th><th scope="col" class="num">"Riskvärde"</th></tr></thead>
                <tbody>
                    {move || risks.get().unwrap_or_default().into_iter().enumerate().map(|(i, (id, area, text, l, c, scale))| {
                        let short = snippet(&text, 60);
                        let (id1, id2, id3) = (id.clone(), id.clone(), id);
                        view! {
                            <tr>
                                <td>{area}</td>
                                <th scope="row">{text}</th>
                                <td><select id=format!("risk-{i}-l") aria-label=format!("Sannolikhet: {short}")
                                    on:change=move |ev| set(id1.clone(), "likelihood", event_target_value(&ev).parse().ok())>{options(l, scale)}</select></td>
                                <td><select id=format!("risk-{i}-c") aria-label=format!("Konsekvens: {short}")
                                    on:change=move |ev| set(id2.clone(), "consequence", event_target_value(&ev).parse().ok())>{options(c, scale)}</select></td>
                                <td class="num" id=format!("risk-{i}-value")>{value_of(id3)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </details>
    }
}

/// A change of the ISK judgement.
type IskChange = Box<dyn FnOnce(&mut Option<IskJudgement>)>;

/// The year's ISK-bedömning: *saknas* until the nämnd has judged; set here or on the internkontrollplan.
#[component]
fn IskView() -> impl IntoView {
    let ctx = use_plan_ctx();
    // read again after a choice or an undo, not while the motivation is typed
    let found = move || {
        ctx.rev.get();
        ctx.plan.with_untracked(|p| {
            p.as_ref()?.nodes.iter().find_map(|n| match &n.data {
                NodeData::IkPlan(c) => Some((n.id.clone(), c.isk.clone())),
                _ => None,
            })
        })
    };
    let set_isk = move |id: String, f: IskChange, key: &str| {
        let key = EditKey::node(id.clone(), key.to_string());
        ctx.apply(Some(key), move |p| {
            match p.nodes.iter_mut().find(|n| n.id == id).map(|n| &mut n.data) {
                Some(NodeData::IkPlan(c)) => {
                    f(&mut c.isk);
                    Ok(())
                }
                _ => Err(EditError::NotFound(id.clone())),
            }
        });
    };
    view! {
        {move || found().map(|(id, isk)| {
            let said = match &isk {
                None => "Saknas: nämnden har inte gjort sin bedömning för året.".to_string(),
                Some(j) if j.sufficient => "Den interna kontrollen bedöms som tillräcklig.".to_string(),
                Some(_) => "Den interna kontrollen bedöms inte som tillräcklig.".to_string(),
            };
            let value = match &isk { None => "", Some(j) if j.sufficient => "ja", Some(_) => "nej" };
            let motivation = isk.as_ref().map(|j| j.motivation.clone());
            let (id1, id2) = (id.clone(), id);
            view! {
                <section class="card" aria-labelledby="isk-h" id="isk-section">
                    <h2 id="isk-h">"ISK-bedömning"</h2>
                    <p id="isk-said"><strong>{said}</strong></p>
                    <label>"Är den interna kontrollen tillräcklig? "
                        <select id="fu-isk" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set_isk(id1.clone(), Box::new(move |isk: &mut Option<IskJudgement>| {
                                let motivation = isk.take().map(|j| j.motivation).unwrap_or_default();
                                *isk = match v.as_str() {
                                    "ja" => Some(IskJudgement { sufficient: true, motivation }),
                                    "nej" => Some(IskJudgement { sufficient: false, motivation }),
                                    _ => None,
                                };
                            }), "isk");
                            ctx.rev.update(|r| *r += 1);
                        }>
                            <option value="" selected=value.is_empty()>"Saknas (inte bedömd)"</option>
                            <option value="ja" selected=value == "ja">"Ja, tillräcklig"</option>
                            <option value="nej" selected=value == "nej">"Nej, inte tillräcklig"</option>
                        </select>
                    </label>
                    {motivation.map(|m| view! {
                        <label>"Motivering"
                            <textarea id="fu-isk-motivation" rows="3" maxlength=MAX_TEXT_CHARS prop:value=m on:input=move |ev| {
                                let v = event_target_value(&ev);
                                set_isk(id2.clone(), Box::new(move |isk: &mut Option<IskJudgement>| {
                                    if let Some(j) = isk { j.motivation = v }
                                }), "isk-motivation");
                            }></textarea>
                        </label>
                    })}
                </section>
            }
        })}
    }
}
