//! Charts drawn as inline SVG (no script, no request). The history of a measure: a value axis with round
//! ticks (a share from 0 %), the periods along the bottom, the values written at their points, women and men
//! as their own lines with their own markers, and the target as a labelled dashed line. The axis is the
//! domain's ([`crate::domain::chart`]); the history table beside the chart carries the same numbers as text.

use crate::domain::chart::value_axis;
use crate::domain::format::{number_sv, value_sv};
use crate::domain::scorecard::edit::HistoryRow;
use leptos::prelude::*;

/// The target a chart draws: its words ("Mål ≥ 70 %") and its value.
pub type TargetLine = (String, f64);

const W: f64 = 340.0;
const H: f64 = 190.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 34.0;

/// The history of a measure as a chart; with fewer than two periods, a sentence instead.
pub fn history_chart(rows: &[HistoryRow], target: Option<TargetLine>, unit: &str) -> AnyView {
    let totals: Vec<(usize, f64)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.total?)))
        .collect();
    let series = |f: fn(&HistoryRow) -> Option<f64>| -> Vec<(usize, f64)> {
        rows.iter()
            .enumerate()
            .filter_map(|(i, r)| Some((i, f(r)?)))
            .collect()
    };
    let women = series(|r| r.kvinnor);
    let men = series(|r| r.man);
    if rows.len() < 2 || totals.len() + women.len() + men.len() < 2 {
        let only = rows.first().and_then(|r| {
            r.total
                .or(r.kvinnor)
                .map(|v| format!("{}: {}", r.period.label(), value_sv(v, unit)))
        });
        return view! {
            <p class="muted chart-empty">{match only {
                Some(o) => format!("Ett utfall hittills ({o}). En kurva ritas när det finns två perioder."),
                None => "Inga utfall ännu.".to_string(),
            }}</p>
        }
        .into_any();
    }
    let share = unit.trim() == "%";
    let axis = value_axis(
        totals
            .iter()
            .chain(&women)
            .chain(&men)
            .map(|p| p.1)
            .chain(target.as_ref().map(|t| t.1)),
        share,
    );
    let n = rows.len() as f64 - 1.0;
    let x = move |i: usize| LEFT + (W - LEFT - RIGHT) * i as f64 / n.max(1.0);
    let y = {
        let axis = axis.clone();
        move |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - axis.at(v))
    };
    let tick_text = move |v: f64| {
        let t = number_sv(v);
        if share {
            format!("{t}\u{a0}%")
        } else {
            t
        }
    };
    let grid = axis
        .ticks
        .iter()
        .map(|&t| {
            let ty = y(t);
            view! {
                <line class="grid" x1=LEFT x2=W - RIGHT y1=format!("{ty:.1}") y2=format!("{ty:.1}")/>
                <text class="tick" x=LEFT - 6.0 y=format!("{:.1}", ty + 4.0) text-anchor="end">{tick_text(t)}</text>
            }
        })
        .collect_view();
    // period labels: all when they fit, else the first, the last and some between
    let every = (rows.len() as f64 / 4.0).ceil().max(1.0) as usize;
    let labels = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i == rows.len() - 1)
        .map(|(i, r)| {
            let anchor = if i == 0 { "start" } else if i == rows.len() - 1 { "end" } else { "middle" };
            view! { <text class="period" x=format!("{:.1}", x(i)) y=H - 12.0 text-anchor=anchor>{r.period.key()}</text> }
        })
        .collect_view();
    // the target's words go in the legend, where no value label can cover them
    let target_view = target.as_ref().map(|(_, v)| {
        let ty = y(*v);
        view! { <line class="target" x1=LEFT x2=W - RIGHT y1=format!("{ty:.1}") y2=format!("{ty:.1}")/> }
    });
    let line = |pts: &[(usize, f64)], class: &'static str, square: bool, labelled: bool| {
        let path = pts
            .iter()
            .map(|&(i, v)| format!("{:.1},{:.1}", x(i), y(v)))
            .collect::<Vec<_>>()
            .join(" ");
        let marks = pts
            .iter()
            .map(|&(i, v)| {
                let (cx, cy) = (x(i), y(v));
                let title = format!("{}: {}", rows[i].period.label(), value_sv(v, unit));
                let mark = if square {
                    view! { <rect x=format!("{:.1}", cx - 3.5) y=format!("{:.1}", cy - 3.5) width="7" height="7"><title>{title}</title></rect> }.into_any()
                } else {
                    view! { <circle cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="3.5"><title>{title}</title></circle> }.into_any()
                };
                let text = labelled.then(|| view! {
                    <text class="value" x=format!("{cx:.1}") y=format!("{:.1}", cy - 7.0) text-anchor="middle">{number_sv(v)}</text>
                });
                view! { {mark}{text} }
            })
            .collect_view();
        view! { <g class=class><polyline points=path fill="none"/>{marks}</g> }
    };
    let label = format!(
        "Utfall över tid{}: {}",
        if unit.is_empty() {
            String::new()
        } else {
            format!(" ({unit})")
        },
        rows.iter()
            .filter_map(|r| Some(format!("{} {}", r.period.label(), value_sv(r.total?, unit))))
            .collect::<Vec<_>>()
            .join("; ")
    ) + &target
        .as_ref()
        .map(|t| format!(". {}", t.0))
        .unwrap_or_default();
    let by_sex = women.len() >= 2 || men.len() >= 2;
    view! {
        <figure class="history-figure">
            <svg class="history-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label>
                {grid}
                {labels}
                {target_view}
                {(totals.len() >= 2).then(|| line(&totals, "s-total", false, true))}
                {(women.len() >= 2).then(|| line(&women, "s-women", false, false))}
                {(men.len() >= 2).then(|| line(&men, "s-men", true, false))}
            </svg>
            {(by_sex || target.is_some()).then(|| view! {
                <figcaption class="chart-legend">
                    {by_sex.then(|| view! { <span><span class="key s-total" aria-hidden="true">"●"</span>" Totalt"</span> })}
                    {(women.len() >= 2).then(|| view! { <span><span class="key s-women" aria-hidden="true">"○"</span>" Kvinnor"</span> })}
                    {(men.len() >= 2).then(|| view! { <span><span class="key s-men" aria-hidden="true">"■"</span>" Män"</span> })}
                    {target.as_ref().map(|t| view! { <span class="target-label"><span class="key target-key" aria-hidden="true"></span>" "{t.0.clone()}</span> })}
                </figcaption>
            })}
        </figure>
    }
    .into_any()
}
