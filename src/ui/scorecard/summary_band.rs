//! The first thing a reader sees on a scorecard: how the period went, in one sentence, and a bar per
//! perspective with the same icons and words as the badges (the bar is a picture of the words beside it, so a
//! status never rests on colour alone).

use crate::domain::measure::Grade;
use crate::domain::scorecard::rollup::Counts;
use crate::domain::scorecard::stated;
use crate::domain::scorecard::summary::{grades, headline};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::widgets::badges::grade_icon;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

const ORDER: [Grade; 4] = [
    Grade::Uppfyllt,
    Grade::Delvis,
    Grade::EjUppfyllt,
    Grade::EjBedombar,
];

/// "✓ 2 uppfyllda · ◐ 1 delvis · ✕ 3 ej uppfyllda · – 2 kan inte bedömas", only the grades there are.
fn counts_line(c: &Counts) -> String {
    ORDER
        .into_iter()
        .filter(|g| c.get(*g) > 0)
        .map(|g| format!("{} {}", grade_icon(g), grades(c.get(g), g)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A stacked bar of the grades (decorative: the counts are written beside it).
fn stack(c: &Counts) -> impl IntoView {
    let segments = ORDER
        .into_iter()
        .filter(|g| c.get(*g) > 0)
        .map(|g| {
            view! {
                <span class=format!("seg g-{}", g.key()) style=format!("flex-grow: {}", c.get(g))>{grade_icon(g)}</span>
            }
        })
        .collect_view();
    view! { <div class="stack" aria-hidden="true">{segments}</div> }
}

#[component]
pub fn SummaryBand() -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let data = Memo::new(move |_| {
        let per = sc.period.get()?;
        let st = sc.structure.get()?;
        let card = sc.card.get()?;
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            let parts: Vec<(String, String, Counts)> =
                st.0.roots
                    .iter()
                    .filter_map(|&i| {
                        let r = card.nodes.get(i)?.as_ref()?;
                        (r.counts.scheduled() > 0).then(|| {
                            (
                                p.nodes[i].id.clone(),
                                snippet(&p.nodes[i].text, 60),
                                r.counts,
                            )
                        })
                    })
                    .collect();
            // what the report itself says, when it grades the measures
            let said = stated::has_stated(p, &per).then(|| {
                let cmp = stated::compare(p, &per, &p.scorecard);
                (cmp.counts, cmp.differences.len())
            });
            Some((
                headline(&per, &card.plan.counts, &p.measure_words().1),
                parts,
                said,
            ))
        })
    });
    let measures = move || ctx.measure_words().1;
    view! {
        {move || data.get().map(|(line, parts, said)| view! {
            <section class="card summary-band" aria-labelledby="summary-h">
                <h2 id="summary-h" class="headline">{line}</h2>
                {said.map(|(c, differ)| view! {
                    <p class="band-stated" id="band-stated">
                        {format!("Rapporten anger själv: {}. ", counts_line(&c))}
                        {if differ == 0 {
                            "Beräkningen ger samma.".to_string()
                        } else {
                            format!("Beräkningen bedömer {differ} {} annorlunda: ", measures())
                        }}
                        {(differ > 0).then(|| view! {
                            <button type="button" class="link" id="band-stated-link" on:click=move |_| {
                                if let Some(el) = document().get_element_by_id("stated-vs-computed") {
                                    el.scroll_into_view();
                                }
                            }>"se varför"</button>
                        })}
                    </p>
                })}
                {(parts.len() > 1).then(|| view! {
                    <ul class="band-parts">
                        {parts.into_iter().map(|(id, name, c)| view! {
                            <li data-part=id>
                                <span class="part-name">{name}</span>
                                {stack(&c)}
                                <span class="part-counts">{counts_line(&c)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        })}
    }
}
