//! Charts drawn as inline SVG (no script, no request): a line over periods.

use crate::domain::format::value_sv;
use crate::domain::period::Period;

use leptos::prelude::*;

/// A small line chart of the totals; the history table beside it carries the same numbers as text.
pub fn line_chart(points: &[(Period, f64)], unit: &str) -> impl IntoView {
    let (w, h, pad) = (260.0, 90.0, 12.0);
    let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(a, b), (_, v)| {
        (a.min(*v), b.max(*v))
    });
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let n = points.len().max(2) as f64 - 1.0;
    let xy: Vec<(f64, f64, String)> = points
        .iter()
        .enumerate()
        .map(|(i, (p, v))| {
            let x = pad + (w - 2.0 * pad) * i as f64 / n;
            let y = h - pad - (h - 2.0 * pad) * (v - lo) / span;
            (x, y, format!("{}: {}", p.label(), value_sv(*v, unit)))
        })
        .collect();
    let line = xy
        .iter()
        .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let label = format!(
        "Utfall över tid: {}",
        xy.iter()
            .map(|p| p.2.clone())
            .collect::<Vec<_>>()
            .join("; ")
    );
    view! {
        <svg class="history-chart" viewBox=format!("0 0 {w} {h}") width="260" height="90" role="img" aria-label=label>
            <polyline points=line fill="none" stroke="currentColor" stroke-width="2"/>
            {xy.into_iter().map(|(x, y, t)| view! {
                <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="3.5" fill="currentColor"><title>{t}</title></circle>
            }).collect_view()}
        </svg>
    }
}
