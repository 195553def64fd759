//! The måluppfyllelse table: per plan and perspective, the measures per grade this period (as shares of those that
//! could be assessed, with the rest counted beside them) and, under each value, the same period last year's. When
//! last year has no assessed measure, its values are left out and one line says why. Five columns, so it fits a
//! tablet; in a narrow column each row is a card with its values labelled.

use crate::domain::format::number_sv;
use crate::domain::measure::Grade;
use crate::domain::period::Period;
use crate::domain::scorecard::rollup::{Counts, ReportRow};
use crate::domain::scorecard::{report, scorecard_with};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

fn pct(c: &Counts, g: Grade) -> String {
    match c.share_of_graded(g) {
        Some(s) => format!(
            "{} ({}\u{a0}%)",
            c.get(g),
            number_sv((s * 1000.0).round() / 10.0)
        ),
        None => "–".into(),
    }
}

/// The måluppfyllelse rows of the period in context against the same period last year (the table's and the
/// meeting slide's), and whether to compare: only when something could be assessed last year.
pub fn report_rows() -> Option<(Period, Vec<ReportRow>, bool)> {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let per = sc.period.get()?;
    let st = sc.structure.get()?;
    let now = sc.card.get()?;
    ctx.plan.with(|p| {
        let p = p.as_ref()?;
        let last = sc
            .facts
            .with(|f| scorecard_with(p, &st.0, f.as_ref(), per.previous_year()));
        let rows = report(p, &st.0, &now, &last);
        let compare = rows
            .iter()
            .any(|r| r.node.is_none() && r.last_year.graded() > 0);
        Some((per, rows, compare))
    })
}

#[component]
pub fn ReportTable() -> impl IntoView {
    let ctx = use_plan_ctx();
    let data = Memo::new(move |_| report_rows());
    // this period's value, and under it (when comparing) the same period last year's
    let cells = |c: Counts, last: Option<(i32, Counts)>| {
        let cell = move |label: &'static str, now: String, then: Option<(i32, String)>| {
            view! {
                <td class="num" data-label=label>
                    <span class="now">{now}</span>
                    {then.map(|(y, t)| view! { <span class="then">{format!("{y}: {t}")}</span> })}
                </td>
            }
        };
        let past = move |f: &dyn Fn(&Counts) -> String| last.map(|(y, l)| (y, f(&l)));
        view! {
            {cell("Uppfyllda", pct(&c, Grade::Uppfyllt), past(&|l| pct(l, Grade::Uppfyllt)))}
            {cell("Delvis", pct(&c, Grade::Delvis), past(&|l| pct(l, Grade::Delvis)))}
            {cell("Ej uppfyllda", pct(&c, Grade::EjUppfyllt), past(&|l| pct(l, Grade::EjUppfyllt)))}
            {cell("Ej bedömbara", c.ej_bedombar.to_string(), past(&|l| l.ej_bedombar.to_string()))}
            {cell("Mäts", c.scheduled().to_string(), past(&|l| l.scheduled().to_string()))}
        }
    };
    view! {
        <section class="card" aria-labelledby="mu-h">
            <h2 id="mu-h">"Måluppfyllelse"</h2>
            {move || data.get().map(|(per, rows, compare)| {
                let before = per.previous_year();
                let many = ctx.measure_words().1;
                let caption = if compare {
                    format!("Antal {many} per utfall, {} jämfört med {} (under varje värde). Andelarna är av dem som kunde bedömas.", per.label(), before.label())
                } else {
                    format!("Antal {many} per utfall, {}. Andelarna är av dem som kunde bedömas.", per.label())
                };
                view! {
                    <div class="report-table-wrap">
                    <table class="report-table">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Del"</th>
                                <th scope="col">"Uppfyllda"</th><th scope="col">"Delvis"</th><th scope="col">"Ej uppfyllda"</th><th scope="col">"Ej bedömbara"</th><th scope="col">"Mäts"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr data-row=r.node.clone().unwrap_or_else(|| "plan".into())>
                                    <th scope="row">{snippet(&r.label, 60)}</th>
                                    {cells(r.now, compare.then_some((before.year, r.last_year)))}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    {(!compare).then(|| view! {
                        <p class="muted" id="mu-no-compare">{format!("Jämförelse med {} visas inte: den perioden har inga bedömda utfall.", before.label())}</p>
                    })}
                }
            })}
        </section>
    }
}
