//! The måluppfyllelse table: per plan and perspective, the share of measures per grade this period against the same period last year.

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
    match c.share(g) {
        Some(s) => format!(
            "{} ({}\u{a0}%)",
            c.get(g),
            number_sv((s * 1000.0).round() / 10.0)
        ),
        None => "–".into(),
    }
}

#[component]
pub fn ReportTable() -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let data = Memo::new(move |_| {
        let per = sc.period.get()?;
        let st = sc.structure.get()?;
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            let now = sc.card.get()?;
            let last = sc
                .facts
                .with(|f| scorecard_with(p, &st.0, f.as_ref(), per.previous_year()));
            Some((per, report(p, &st.0, &now, &last)))
        })
    });
    let cells = |c: Counts| {
        view! {
            <td class="num">{pct(&c, Grade::Uppfyllt)}</td>
            <td class="num">{pct(&c, Grade::Delvis)}</td>
            <td class="num">{pct(&c, Grade::EjUppfyllt)}</td>
            <td class="num">{c.ej_bedombar}</td>
            <td class="num">{c.scheduled()}</td>
        }
    };
    view! {
        <section class="card" aria-labelledby="mu-h">
            <h2 id="mu-h">"Måluppfyllelse"</h2>
            {move || data.get().map(|(per, rows): (Period, Vec<ReportRow>)| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Måluppfyllelse">
                <table class="report-table">
                    <caption>{format!("Antal mått per utfall, {} jämfört med {}", per.label(), per.previous_year().label())}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="colgroup" colspan="5">{per.label()}</th>
                            <th scope="colgroup" colspan="5">{per.previous_year().label()}</th>
                        </tr>
                        <tr>
                            <th scope="col">"Del"</th>
                            <th scope="col">"Uppfyllda"</th><th scope="col">"Delvis"</th><th scope="col">"Ej uppfyllda"</th><th scope="col">"Ej bedömbara"</th><th scope="col">"Mäts"</th>
                            <th scope="col">"Uppfyllda"</th><th scope="col">"Delvis"</th><th scope="col">"Ej uppfyllda"</th><th scope="col">"Ej bedömbara"</th><th scope="col">"Mäts"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr data-row=r.node.clone().unwrap_or_else(|| "plan".into())>
                                <th scope="row">{snippet(&r.label, 60)}</th>
                                {cells(r.now)}
                                {cells(r.last_year)}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            })}
        </section>
    }
}
