//! The report's sections after the measures, in the document's order: *Uppdrag och aktiviteter* (per goal, each
//! item's status and analysis of the period) and *Intern kontroll* (the ISK judgement, the åtgärder's counts,
//! the risk matrix, and per area each risk with its åtgärder). Shown by the printed report and the published view.

use crate::domain::activities::{
    control_report, counts_in, isk_sentence, work_groups, RiskMatrix, REPORT_ORDER,
};
use crate::domain::period::Period;
use crate::domain::plan::WorkStatus;
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::widgets::badges::work_status_badge;
use leptos::prelude::*;

/// A status as the report prints it: the badge, *försenad*, and the period it was reported in when that was
/// earlier than the report's.
fn status_cell(
    status: Option<WorkStatus>,
    delayed: bool,
    from: Option<Period>,
    period: Period,
) -> impl IntoView {
    view! {
        {work_status_badge(status)}
        {delayed.then(|| view! { " "<span class="badge work w-delayed"><span aria-hidden="true">"⚠"</span>" Försenad"</span> })}
        {from.filter(|f| *f != period).map(|f| view! { " "<span class="muted small">{format!("(rapporterad {})", f.label())}</span> })}
    }
}

/// The risk matrix as a printed table: each cell the number of risks with that sannolikhet (rows, highest first)
/// and konsekvens (columns). Shared by the report and the presentation's slide.
pub fn matrix_table(m: &RiskMatrix) -> impl IntoView {
    let k = m.scale;
    let m = m.clone();
    view! {
        <table class="risk-matrix report-matrix">
            <caption class="sr-only">"Antal risker per sannolikhet och konsekvens"</caption>
            <thead><tr><th scope="col" class="rm-corner"><span>"Sannolikhet ↓"</span><br/><span>"Konsekvens →"</span></th>
                {(1..=k).map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr></thead>
            <tbody>
                {(1..=k).rev().map(|l| {
                    let m = m.clone();
                    view! { <tr><th scope="row">{l}</th>
                        {(1..=k).map(|c| view! { <td class="num">{m.count(l, c)}</td> }).collect_view()}
                    </tr> }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// *Uppdrag och aktiviteter* of the report's period.
#[component]
pub fn WorkReportSection() -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let data = Memo::new(move |_| {
        let period = sc.period.get()?;
        ctx.plan
            .with(|p| p.as_ref().map(|p| (period, work_groups(p, Some(period)))))
            .filter(|(_, g)| !g.is_empty())
    });
    move || {
        data.get().map(|(period, groups)| {
            let counts = counts_in(groups.iter().flat_map(|g| &g.items), period);
            view! {
                <section class="report-perspective report-work" id="report-work" aria-labelledby="report-work-h">
                    <h2 id="report-work-h">"Uppdrag och aktiviteter"</h2>
                    <p class="report-work-counts">{format!("{}: {}.", period.label(), counts.line())}</p>
                    {groups.into_iter().map(|g| view! {
                        <div class="report-goal">
                            <h3>{if g.heading.is_empty() { "Planen".to_string() } else { g.heading.clone() }}</h3>
                            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Aktiviteter och uppdrag: {}", g.heading)>
                            <table class="report-measures report-work-table">
                                <thead><tr><th scope="col">"Aktivitet eller uppdrag"</th><th scope="col">"Status"</th><th scope="col">"Analys"</th></tr></thead>
                                <tbody>
                                    {g.items.into_iter().map(|i| view! {
                                        <tr data-id=i.id>
                                            <th scope="row"><span class="muted small">{i.level}" "</span>{i.text}</th>
                                            <td data-label="Status">{status_cell(i.status, i.delayed, i.reported_in, period)}</td>
                                            <td class="analysis" data-label="Analys">{i.analysis}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        </div>
                    }).collect_view()}
                </section>
            }
        })
    }
}

/// *Intern kontroll* of the report's period. With `fold` (the published view) each area is a disclosure with
/// its counts in the summary, closed on a phone (40 åtgärder are many screens there) and open on a wider
/// screen; the printed report always shows everything.
#[component]
pub fn ControlSection(#[prop(optional)] fold: bool) -> impl IntoView {
    let open = !fold
        || window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_none_or(|w| w >= 760.0);
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let data = Memo::new(move |_| {
        let period = sc.period.get()?;
        ctx.plan
            .with(|p| p.as_ref().and_then(|p| control_report(p, period)))
            .map(|r| (period, r))
    });
    move || {
        data.get().map(|(period, r)| {
            let k = r.matrix.scale;
            let m = r.matrix.clone();
            let actions: usize = r.areas.iter().flat_map(|(_, risks)| risks).map(|x| x.actions.len()).sum();
            view! {
                <section class="report-perspective report-control card" id="report-control" aria-labelledby="report-control-h">
                    <h2 id="report-control-h">"Intern kontroll"</h2>
                    <p class="report-isk" id="report-isk"><strong>{isk_sentence(r.isk.as_ref())}</strong></p>
                    <p>{format!("Åtgärder {}: {}.", period.label(), r.counts.line())}
                        {format!(" {} av {actions} rapporterade.", r.counts.reported())}</p>
                    <table class="list report-control-counts">
                        <caption class="sr-only">{format!("Åtgärder per status, {}", period.label())}</caption>
                        <thead><tr><th scope="col">"Status"</th><th scope="col" class="num">"Antal"</th></tr></thead>
                        <tbody>
                            {REPORT_ORDER.into_iter().map(|s| view! { <tr><th scope="row">{s.label()}</th><td class="num">{r.counts.get(s)}</td></tr> }).collect_view()}
                            <tr><th scope="row">"Ej rapporterad"</th><td class="num">{r.counts.unreported}</td></tr>
                        </tbody>
                    </table>
                    <h3>"Riskmatris"</h3>
                    <p class="muted small">{format!("Antal risker per sannolikhet (rader) och konsekvens (kolumner), skala 1–{k}; {} ej bedömda.", m.unassessed.len())}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Riskmatris">
                    {matrix_table(&m)}
                    </div>
                    {r.areas.into_iter().map(|(area, risks)| {
                        let n_actions: usize = risks.iter().map(|x| x.actions.len()).sum();
                        let counted = format!("{} {}, {n_actions} {}", risks.len(), if risks.len() == 1 { "risk" } else { "risker" }, if n_actions == 1 { "åtgärd" } else { "åtgärder" });
                        let body = view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Intern kontroll: {area}")>
                            <table class="report-measures report-control-table">
                                <thead><tr><th scope="col">"Risk"</th><th scope="col">"Åtgärd"</th><th scope="col">"Kontroll"</th><th scope="col">"Status"</th><th scope="col">"Analys"</th></tr></thead>
                                <tbody>
                                    {risks.into_iter().flat_map(|risk| {
                                        let value = risk.value.map(|v| format!(" (riskvärde {v})")).unwrap_or_default();
                                        let head = format!("{}{value}", risk.text);
                                        let n = risk.actions.len().max(1);
                                        if risk.actions.is_empty() {
                                            return vec![view! { <tr><th scope="row">{head}</th><td colspan="4" class="muted">"Inga åtgärder"</td></tr> }.into_any()];
                                        }
                                        risk.actions.into_iter().enumerate().map(|(i, a)| {
                                            let control = [a.control, a.responsible, a.timing].into_iter().filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join(" · ");
                                            let rep = a.report.clone();
                                            view! {
                                                <tr data-id=a.id>
                                                    {(i == 0).then(|| view! { <th scope="rowgroup" rowspan=n.to_string()>{head.clone()}</th> })}
                                                    <td data-label="Åtgärd">{a.text}</td>
                                                    <td data-label="Kontroll">{control}</td>
                                                    <td data-label="Status">{status_cell(rep.as_ref().and_then(|r| r.status), rep.as_ref().is_some_and(|r| r.delayed), rep.as_ref().map(|r| r.period), period)}</td>
                                                    <td class="analysis" data-label="Analys">{rep.map(|r| r.analysis).unwrap_or_default()}</td>
                                                </tr>
                                            }.into_any()
                                        }).collect::<Vec<_>>()
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        };
                        if fold {
                            view! {
                                <details class="report-goal control-area" open=open>
                                    <summary><h3 class="fold-h">{area}<span class="muted small">{format!(" ({counted})")}</span></h3></summary>
                                    {body}
                                </details>
                            }.into_any()
                        } else {
                            view! { <div class="report-goal"><h3>{area}</h3>{body}</div> }.into_any()
                        }
                    }).collect_view()}
                </section>
            }
        })
    }
}
