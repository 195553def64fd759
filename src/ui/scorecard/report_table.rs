//! The måluppfyllelse table: per plan and perspective, the measures per grade this period (as shares of those that
//! could be assessed, with the rest counted beside them) against the same period last year. When last year has no
//! assessed measure, its half is left out and one line says why.

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
            {move || data.get().map(|(per, rows): (Period, Vec<ReportRow>)| {
                let before = per.previous_year();
                // last year's half only when something could be assessed then
                let compare = rows.iter().any(|r| r.node.is_none() && r.last_year.graded() > 0);
                let caption = if compare {
                    format!("Antal mått per utfall, {} jämfört med {}. Andelarna är av de bedömda måtten.", per.label(), before.label())
                } else {
                    format!("Antal mått per utfall, {}. Andelarna är av de bedömda måtten.", per.label())
                };
                let heads = || view! {
                    <th scope="col">"Uppfyllda"</th><th scope="col">"Delvis"</th><th scope="col">"Ej uppfyllda"</th><th scope="col">"Ej bedömbara"</th><th scope="col">"Mäts"</th>
                };
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Måluppfyllelse">
                    <table class="report-table">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <td></td>
                                <th scope="colgroup" colspan="5">{per.label()}</th>
                                {compare.then(|| view! { <th scope="colgroup" colspan="5">{before.label()}</th> })}
                            </tr>
                            <tr>
                                <th scope="col">"Del"</th>
                                {heads()}
                                {compare.then(heads)}
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr data-row=r.node.clone().unwrap_or_else(|| "plan".into())>
                                    <th scope="row">{snippet(&r.label, 60)}</th>
                                    {cells(r.now)}
                                    {compare.then(|| cells(r.last_year))}
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
