//! The tariff's pictures, in SVG with their numbers in words beside them: a gauge of the revenue deviation
//! against the limit, and the distribution of row deviations per group.

use crate::domain::format::{pct_plain_sv, pct_sv};
use crate::domain::tariff::revenue::Check;
use crate::domain::tariff::{Tariff, Totals};
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A half-circle gauge from −2×limit to +2×limit, the allowed band marked, the needle at the deviation. The
/// verdict is written out with an icon, never shown by colour alone.
#[component]
pub fn Gauge(totals: Signal<Option<Totals>>) -> impl IntoView {
    move || {
        let t = totals.get()?;
        let limit = f(t.limit_pct).max(0.1);
        let span = limit * 2.0;
        let dev = t.total.deviation_pct();
        let (cx, cy, r) = (110.0, 100.0, 80.0);
        // angle: −span → 180°, +span → 0°
        let point = |v: f64, rr: f64| {
            let a = std::f64::consts::PI * (1.0 - (v.clamp(-span, span) + span) / (2.0 * span));
            (cx + rr * a.cos(), cy - rr * a.sin())
        };
        let arc = |from: f64, to: f64| {
            let (x1, y1) = point(from, r);
            let (x2, y2) = point(to, r);
            format!("M {x1:.1} {y1:.1} A {r} {r} 0 0 1 {x2:.1} {y2:.1}")
        };
        let (word, icon, class) = match t.check {
            Check::Within => ("Inom gränsen", "✓", "ok"),
            Check::Over => ("Över gränsen", "✗", "over"),
            Check::Unknown => ("Kan inte prövas", "?", "unknown"),
        };
        let dev_text = t.total.deviation_label(t.limit_pct);
        let label = format!(
            "Intäktsavvikelse {dev_text} mot gränsen ±{}: {word}",
            pct_plain_sv(t.limit_pct)
        );
        let needle = dev.map(|d| {
            let (x, y) = point(f(d), r - 8.0);
            view! { <line class="needle" x1=cx y1=cy x2=format!("{x:.1}") y2=format!("{y:.1}") stroke-width="4" stroke-linecap="round"/> }
        });
        Some(view! {
            <div class=format!("gauge gauge-{class}")>
                <svg viewBox="0 0 220 120" width="220" height="120" role="img" aria-label=label.clone()>
                    <path d=arc(-span, span) class="track" fill="none" stroke-width="16"/>
                    <path d=arc(-limit, limit) class="band" fill="none" stroke-width="16"/>
                    {needle}
                    <circle cx=cx cy=cy r="6" class="hub"/>
                    <text x="20" y="116" class="tick">{format!("−{}", pct_plain_sv(t.limit_pct * Decimal::TWO))}</text>
                    <text x="200" y="116" class="tick" text-anchor="end">{format!("+{}", pct_plain_sv(t.limit_pct * Decimal::TWO))}</text>
                </svg>
                <p class="gauge-value" id="gauge-value"><strong>{dev_text}</strong></p>
                <p class="gauge-word" id="gauge-word"><span aria-hidden="true">{icon}" "</span>{word}
                    {format!(" (gräns ±{})", pct_plain_sv(t.limit_pct))}</p>
            </div>
        })
    }
}

/// Each comparable row's deviation as a tick in its group's lane, the group's volume-weighted deviation as a
/// diamond, and the limits as dashed lines.
#[component]
pub fn Distribution(
    tariff: Signal<Option<Tariff>>,
    totals: Signal<Option<Totals>>,
) -> impl IntoView {
    move || {
        let totals = totals.get()?;
        tariff.with(|t| {
            let t = t.as_ref()?;
            let groups: Vec<String> = t
                .groups()
                .into_iter()
                .filter(|g| totals.by_group.contains_key(g))
                .collect();
            if groups.is_empty() {
                return None;
            }
            let devs: Vec<(usize, f64)> = t
                .rows
                .iter()
                .filter_map(|r| {
                    let (_, pct) = r.deviation()?;
                    Some((groups.iter().position(|g| *g == r.group)?, f(pct)))
                })
                .collect();
            let limit = f(totals.limit_pct);
            let max = devs
                .iter()
                .map(|(_, d)| d.abs())
                .fold(limit * 2.0, f64::max)
                .min(400.0);
            let (left, width, lane) = (190.0, 420.0, 22.0);
            let x = |v: f64| left + (v.clamp(-max, max) + max) / (2.0 * max) * width;
            let h = groups.len() as f64 * lane + 30.0;
            let lanes = groups.iter().enumerate().map(|(i, g)| {
                let y = 10.0 + i as f64 * lane + lane / 2.0;
                let weighted = totals.by_group[g].deviation_pct().map(f);
                let name: String = g.chars().take(28).collect();
                view! {
                    <text x=left - 6.0 y=y + 4.0 text-anchor="end" class="lane-label">{name}</text>
                    <line x1=left y1=y x2=left + width y2=y class="lane"/>
                    {weighted.map(|w| {
                        let cx = x(w);
                        view! { <path d=format!("M {cx:.1} {:.1} l 6 6 l -6 6 l -6 -6 z", y - 6.0) class="weighted">
                            <title>{format!("{g}: vägd avvikelse {}", pct_sv(Decimal::try_from(w).unwrap_or_default()))}</title>
                        </path> }
                    })}
                }
            }).collect_view();
            let ticks = devs.iter().map(|(gi, d)| {
                let y = 10.0 + *gi as f64 * lane + lane / 2.0;
                let cx = x(*d);
                view! { <line x1=format!("{cx:.1}") y1=y - 5.0 x2=format!("{cx:.1}") y2=y + 5.0 class="tick-row"/> }
            }).collect_view();
            let label = format!(
                "Avvikelse från referenspris per rad, grupperat efter åtgärdsgrupp ({} grupper, {} rader). Gränsen ±{} är streckad. Tabellen ovan har siffrorna.",
                groups.len(),
                devs.len(),
                pct_plain_sv(totals.limit_pct)
            );
            let axis = [-max, -limit, 0.0, limit, max];
            Some(view! {
                <figure class="distribution">
                    <svg viewBox=format!("0 0 {} {h}", left + width + 20.0) role="img" aria-label=label>
                        {lanes}
                        {ticks}
                        {axis.into_iter().map(|v| {
                            let xv = x(v);
                            let dashed = v != 0.0 && (v.abs() - limit).abs() < 1e-9;
                            view! {
                                <line x1=xv y1="5" x2=xv y2=h - 18.0 class=if dashed { "limit" } else { "axis" }/>
                                <text x=xv y=h - 4.0 text-anchor="middle" class="tick">{format!("{}{:.0} %", if v > 0.0 { "+" } else if v < 0.0 { "−" } else { "" }, v.abs())}</text>
                            }
                        }).collect_view()}
                    </svg>
                    <figcaption>"Varje streck är en rad; romben är gruppens volymvägda avvikelse. Streckade linjer: gränsen."</figcaption>
                </figure>
            })
        })
    }
}
