//! The printable report (`/plan/:id/rapport?period=…`, and inside the published view): a title, the
//! måluppfyllelse table first, then per perspective → goal a table of mätetal with målvärde, resultat (K/M),
//! status word, trend and analys, under a legend (what the grades mean with the plan's tolerance) and the date
//! it was printed. The print stylesheet (`@media print` in main.css) gives A4 pages with page numbers, moves a
//! goal's table to the next page only when it would not fit, and never breaks a number, unit or badge; "Skriv
//! ut" opens the browser's print dialog.

use crate::domain::format::date_sv;
use crate::domain::format::url_segment;
use crate::domain::scorecard::print::{legend, printed, PrintedPerspective};
use crate::ui::plan::ctx::{loading_or_missing, use_plan_ctx};
use crate::ui::scorecard::ctx::{use_score_ctx, PeriodSelect, ScoreCtx};
use crate::ui::scorecard::report_table::ReportTable;
use crate::ui::scorecard::stated_view::StatedSection;
use crate::ui::scorecard::work_report::{ControlSection, WorkReportSection};
use crate::ui::shell::state::use_app;
use crate::ui::widgets::badges::{grade_badge, stated_note, trend_badge};
use leptos::prelude::*;

/// The report's content for the plan and period in context.
#[component]
pub fn ReportBody() -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let sections = Memo::new(move |_| {
        let card = sc.card.get()?;
        let st = sc.structure.get()?;
        ctx.plan
            .with(|p| p.as_ref().map(|p| printed(p, &st.0, &card)))
    });
    let head = move || {
        ctx.plan.with(|p| {
            p.as_ref().map(|p| {
                (
                    p.organisation.clone(),
                    p.title.clone(),
                    p.status.label().to_string(),
                    legend(&p.scorecard),
                )
            })
        })
    };
    // the measures' column is named by the plan's own word for them ("Styrmått", "Indikator", "Mätetal")
    let measure_word = Memo::new(move |_| {
        ctx.plan
            .with(|p| p.as_ref().map(|p| p.level_name("matt")))
            .unwrap_or_default()
    });
    let today = {
        let d = js_sys::Date::new_0();
        date_sv(
            d.get_full_year() as i32,
            d.get_month() as u8 + 1,
            d.get_date() as u8,
        )
    };
    let section = move |s: PrintedPerspective| {
        view! {
            <section class="report-perspective" aria-labelledby=format!("rp-{}", s.id)>
                <h2 id=format!("rp-{}", s.id)><span class="muted">{s.level}": "</span>{s.heading}" "{s.grade.map(grade_badge)}</h2>
                {s.goals.into_iter().map(|g| view! {
                    <div class="report-goal">
                        <h3>{g.heading.clone()}" "{g.grade.map(grade_badge)}</h3>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Mätetal, {}", g.heading)>
                        <table class="report-measures">
                            <thead><tr>
                                <th scope="col">{measure_word.get_untracked()}</th><th scope="col">"Målvärde"</th><th scope="col">"Resultat"</th>
                                <th scope="col">"Kvinnor"</th><th scope="col">"Män"</th><th scope="col">"Status"</th>
                                <th scope="col">"Trend"</th><th scope="col">"Analys"</th>
                            </tr></thead>
                            <tbody>
                                {g.measures.into_iter().map(|m| view! {
                                    <tr data-id=m.id>
                                        <th scope="row">{m.text}{m.critical.then_some(" (kritiskt)")}</th>
                                        <td class="target">{m.target}</td>
                                        <td class="num">{m.total.unwrap_or_else(|| "–".into())}</td>
                                        <td class="num">{m.kvinnor.unwrap_or_else(|| "–".into())}</td>
                                        <td class="num">{m.man.unwrap_or_else(|| "–".into())}</td>
                                        <td>{grade_badge(m.grade)}{m.stated.map(stated_note)}</td>
                                        <td>{trend_badge(m.trend)}</td>
                                        <td class="analysis">{m.analysis}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    </div>
                }).collect_view()}
            </section>
        }
    };
    view! {
        <article class="report" id="report">
            <header class="report-head">
                {move || head().map(|(org, title, status, legend)| view! {
                    <p class="kicker">{org}</p>
                    <h1 class="report-title">{title}</h1>
                    <p class="sub">{move || sc.period.get().map(|p| format!("Uppföljning {}", p.label()))}" · "{status}" · "
                        <span id="report-date">{format!("Utskriven {today}")}</span></p>
                    <details class="report-legend" open>
                        <summary>"Så läses rapporten"</summary>
                        <ul id="report-legend">{legend.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </details>
                })}
            </header>
            <ReportTable/>
            <StatedSection read_only=true/>
            {move || sections.get().map(|s| {
                if s.is_empty() {
                    view! { <p>{format!("Inga {} följs upp i perioden.", ctx.measure_words().1)}</p> }.into_any()
                } else {
                    s.into_iter().map(section).collect_view().into_any()
                }
            })}
            <WorkReportSection/>
            <ControlSection/>
        </article>
    }
}

/// Print controls (hidden on paper): period, print, back.
#[component]
pub fn PrintControls(back: Option<String>) -> impl IntoView {
    view! {
        <div class="sc-controls no-print" role="group" aria-label="Utskrift">
            <PeriodSelect id="report-period"/>
            <button type="button" class="primary" id="print-now" on:click=move |_| { let _ = window().print(); }>"Skriv ut"</button>
            {back.map(|href| view! { <a href=href>"Tillbaka till styrkortet"</a> })}
        </div>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let (ctx, missing) = ScoreCtx::for_route(use_app());
    view! {
        <Show when=move || ctx.plan.with(Option::is_some) fallback=move || loading_or_missing(missing)>
            <PrintControls back=Some(format!("/plan/{}/styrkort", url_segment(&ctx.id())))/>
            <ReportBody/>
        </Show>
    }
}
