//! The tariff's pictures, in SVG with their numbers in words beside them: a gauge of the revenue deviation
//! against the limit, and the distribution of row deviations per group.

use crate::domain::chart::{deviation_reach, deviation_ticks};
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
/// diamond, the allowed band shaded between dashed limits. The chart reaches ±30 % ([`deviation_reach`]);
/// rows beyond are counted at the edge with an arrow. Group names stand above their lanes, so the chart stays
/// readable on a phone; a table with the same numbers is there for screen readers.
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
            let mut lanes_devs: Vec<Vec<f64>> = vec![vec![]; groups.len()];
            for r in &t.rows {
                if let (Some((_, pct)), Some(i)) =
                    (r.deviation(), groups.iter().position(|g| *g == r.group))
                {
                    lanes_devs[i].push(f(pct));
                }
            }
            let limit = f(totals.limit_pct);
            let reach = deviation_reach(limit);
            let (left, width, lane, top) = (22.0, 356.0, 40.0, 22.0);
            let x = |v: f64| left + (v.clamp(-reach, reach) + reach) / (2.0 * reach) * width;
            let h = top + groups.len() as f64 * lane + 22.0;
            let pct = |v: f64| format!("{}{:.0} %", if v > 0.0 { "+" } else if v < 0.0 { "−" } else { "" }, v.abs());
            let lanes = groups.iter().zip(&lanes_devs).enumerate().map(|(i, (g, devs))| {
                let y0 = top + i as f64 * lane;
                let y = y0 + 26.0;
                let weighted = totals.by_group[g].deviation_pct().map(f);
                let below = devs.iter().filter(|d| **d < -reach).count();
                let above = devs.iter().filter(|d| **d > reach).count();
                let ticks = devs.iter().filter(|d| d.abs() <= reach).map(|d| {
                    let cx = x(*d);
                    view! { <line x1=format!("{cx:.1}") y1=y - 6.0 x2=format!("{cx:.1}") y2=y + 6.0 class="tick-row"/> }
                }).collect_view();
                let edge = move |n: usize, right: bool| (n > 0).then(|| {
                    let ex = if right { left + width } else { left };
                    let (arrow, tx, anchor) = if right {
                        (format!("M {:.1} {:.1} l 7 5 l -7 5 z", ex - 7.0, y - 5.0), ex - 10.0, "end")
                    } else {
                        (format!("M {:.1} {:.1} l -7 5 l 7 5 z", ex + 7.0, y - 5.0), ex + 10.0, "start")
                    };
                    view! {
                        <path d=arrow class="outlier"/>
                        <text x=tx y=y - 8.0 text-anchor=anchor class="outlier-count">{format!("{n} {}", if right { "över" } else { "under" })}</text>
                    }
                });
                view! {
                    <text x=left y=y0 + 12.0 class="lane-label">{g.clone()}</text>
                    <line x1=left y1=y x2=left + width y2=y class="lane"/>
                    {ticks}
                    {weighted.map(|w| {
                        let cx = x(w);
                        view! { <path d=format!("M {cx:.1} {:.1} l 7 7 l -7 7 l -7 -7 z", y - 7.0) class="weighted">
                            <title>{format!("{g}: vägd avvikelse {}", pct_sv(Decimal::try_from(w).unwrap_or_default()))}</title>
                        </path> }
                    })}
                    {edge(below, false)}
                    {edge(above, true)}
                }
            }).collect_view();
            let label = format!(
                "Avvikelse från referenspris per rad och åtgärdsgrupp ({} grupper, {} rader), från {} till {}. Gränsen ±{} är markerad. Tabellen efter diagrammet har siffrorna.",
                groups.len(),
                lanes_devs.iter().map(Vec::len).sum::<usize>(),
                pct(-reach),
                pct(reach),
                pct_plain_sv(totals.limit_pct)
            );
            let axis = deviation_ticks(reach).into_iter().map(|v| {
                let xv = x(v);
                view! {
                    <line x1=xv y1=top x2=xv y2=h - 18.0 class=if v == 0.0 { "axis zero" } else { "axis" }/>
                    <text x=xv y=h - 5.0 text-anchor="middle" class="tick">{pct(v)}</text>
                }
            }).collect_view();
            let (lx1, lx2) = (x(-limit), x(limit));
            let band = view! {
                <rect x=lx1 y=top width=(lx2 - lx1).max(0.0) height=h - 18.0 - top class="limit-band"/>
                <line x1=lx1 y1=top x2=lx1 y2=h - 18.0 class="limit"/>
                <line x1=lx2 y1=top x2=lx2 y2=h - 18.0 class="limit"/>
                <text x=(lx1 + lx2) / 2.0 y=top - 6.0 text-anchor="middle" class="limit-label">{format!("gräns ±{}", pct_plain_sv(totals.limit_pct))}</text>
            };
            let rows = groups.iter().zip(&lanes_devs).map(|(g, devs)| {
                let within = devs.iter().filter(|d| d.abs() <= limit).count();
                let over = devs.iter().filter(|d| **d > limit).count();
                let under = devs.iter().filter(|d| **d < -limit).count();
                let w = totals.by_group[g].deviation_pct().map(pct_sv).unwrap_or_else(|| "–".into());
                view! { <tr><th scope="row">{g.clone()}</th><td>{devs.len()}</td><td>{within}</td><td>{over}</td><td>{under}</td><td>{w}</td></tr> }
            }).collect_view();
            Some(view! {
                <figure class="distribution">
                    <svg viewBox=format!("0 0 {} {h}", left * 2.0 + width) role="img" aria-label=label>
                        {band}
                        {axis}
                        {lanes}
                    </svg>
                    <figcaption>{format!("Varje streck är en rad; romben är gruppens volymvägda avvikelse; det skuggade fältet mellan de streckade linjerna är gränsen ±{}. Rader längre bort än ±{:.0} % räknas vid kanten (pil och antal).", pct_plain_sv(totals.limit_pct), reach)}</figcaption>
                    <div class="sr-only"><table>
                        <caption>"Rader per åtgärdsgrupp och avvikelse mot gränsen"</caption>
                        <thead><tr><th scope="col">"Grupp"</th><th scope="col">"Rader"</th><th scope="col">"Inom gränsen"</th><th scope="col">"Över"</th><th scope="col">"Under"</th><th scope="col">"Vägd avvikelse"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table></div>
                </figure>
            })
        })
    }
}
