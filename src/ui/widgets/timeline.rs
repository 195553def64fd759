//! An action plan's activities laid out by year: a row per activity under its group, a bar over the years it
//! runs with the years written in it (the bar is never the only way the years are said), and its latest status.
//! On a narrow screen the bars give way to the years as text.

use crate::domain::activities::Timeline;
use crate::ui::widgets::badges::work_status_badge;
use leptos::prelude::*;

#[component]
pub fn TimelineView(t: Timeline) -> impl IntoView {
    let years = (t.last - t.first + 1).max(1);
    let first = t.first;
    let columns =
        format!("grid-template-columns: minmax(14rem, 40%) repeat({years}, minmax(1.4rem, 1fr));");
    let year_heads = (t.first..=t.last)
        .map(|y| {
            // every year is a column; the labels are thinned on long spans so they stay readable
            let label = (years <= 16 || (y - first) % 2 == 0).then(|| (y % 100).to_string());
            view! { <span class="tl-year" aria-hidden="true">{label.map(|l| format!("’{l:0>2}"))}</span> }
        })
        .collect_view();
    view! {
        <div class="timeline" id="timeline">
            <p class="muted small">{format!("Åren {}–{}. Varje stapel visar de år aktiviteten pågår; åren står också i text.", t.first, t.last)}</p>
            <div class="tl-grid tl-head" style=columns.clone() aria-hidden="true">
                <span></span>
                {year_heads}
            </div>
            {t.groups.into_iter().map(|(heading, how, items)| view! {
                <section class="tl-group">
                    <h3>{heading}" "<span class="muted small">{format!("(efter {how})")}</span></h3>
                    <ul>
                        {items.into_iter().map(|i| {
                            let span = match (i.from, i.to) {
                                (Some(a), Some(b)) if a == b => a.to_string(),
                                (Some(a), Some(b)) => format!("{a}–{b}"),
                                _ => "utan angivna år".to_string(),
                            };
                            let bar = i.from.zip(i.to).map(|(a, b)| {
                                let start = (a.max(first) - first + 2).max(2);
                                let end = (b.min(t.last) - first + 3).max(start + 1);
                                format!("grid-column: {start} / {end};")
                            });
                            view! {
                                <li class="tl-grid tl-row" style=columns.clone() data-id=i.id>
                                    <span class="tl-text">{i.text}" "{work_status_badge(i.status)}
                                        {i.delayed.then(|| view! { " "<span class="badge work w-delayed"><span aria-hidden="true">"⚠"</span>" Försenad"</span> })}
                                        <span class="tl-years-text">{format!(" · {span}")}</span></span>
                                    {match bar {
                                        Some(style) => view! { <span class="tl-bar" style=style aria-hidden="true">{span.clone()}</span> }.into_any(),
                                        None => view! { <span class="tl-none muted small" aria-hidden="true">{span.clone()}</span> }.into_any(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
        </div>
    }
}
