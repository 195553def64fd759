//! Meeting mode ("Presentera"): the plan's follow-up for the chosen period as full-screen slides — a title slide,
//! the måluppfyllelse table (this period, with the change since last year under each share), one slide per
//! perspective with its goals and their measures, each with its badge, and one per chosen measure
//! (ej uppfyllda and critical ones, all, or none) with its history chart. Arrow keys, space, Page Up/Down, Home/End; Esc ends. Large
//! type; everything is computed in the browser, so it works offline.

use crate::domain::activities::{control_report, counts_in, isk_sentence, work_groups};
use crate::domain::format::number_sv;
use crate::domain::measure::Grade;
use crate::domain::plan::WorkStatus;
use crate::domain::plan::{NodeData, NodeKind};
use crate::domain::scorecard::edit::target_line;
use crate::domain::scorecard::edit::{history, value_unit};
use crate::domain::scorecard::print::printed;
use crate::domain::scorecard::rollup::Counts;
use crate::domain::scorecard::summary::share_delta;
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::scorecard::report_table::report_rows;
use crate::ui::shell::browser::focus_later;
use crate::ui::widgets::badges::work_status_badge;
use crate::ui::widgets::badges::{grade_badge, trend_badge};
use crate::ui::widgets::charts::history_chart;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

/// Which measures get a slide of their own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MeasureSlides {
    /// Ej uppfyllda and critical ones (the default: what a meeting discusses).
    Failing,
    /// Every measure followed up in the period.
    All,
    /// None: only the title, the table and the perspectives.
    None,
}

impl MeasureSlides {
    pub const ALL: [MeasureSlides; 3] = [Self::Failing, Self::All, Self::None];
    pub fn key(self) -> &'static str {
        match self {
            Self::Failing => "ej",
            Self::All => "alla",
            Self::None => "inga",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Failing => "ej uppfyllda och kritiska",
            Self::All => "alla som följs upp",
            Self::None => "inga",
        }
    }
}

#[derive(Clone, PartialEq)]
enum Slide {
    Title,
    Report,
    Perspective(usize),
    Measure(usize),
    /// Uppdrag och aktiviteter: the period's counts and what is late or going on.
    Work,
    /// Intern kontroll: the ISK judgement, the åtgärder's counts, the risk matrix and the highest risks.
    Control,
}

/// The måluppfyllelse slide: per part, each grade's count and share of the assessed measures this period, with
/// the change in percentage points since the same period last year under it (when both could be assessed).
#[component]
fn ReportSlide() -> impl IntoView {
    move || {
        let d = report_rows()?;
        let (per, rows, compare) = (d.period, d.rows, d.compare);
        {
            let cell = move |now: Counts, last: Counts, g: Grade| {
                let share = now
                    .share_of_graded(g)
                    .map(|s| format!(" ({}\u{a0}%)", number_sv((s * 100.0).round())))
                    .unwrap_or_default();
                let delta = compare.then(|| share_delta(&now, &last, g)).flatten();
                view! {
                    <td class="num">
                        <span class="now">{format!("{}{share}", now.get(g))}</span>
                        {delta.map(|d| view! { <span class="delta">{d}</span> })}
                    </td>
                }
            };
            Some(view! {
                <h2>"Måluppfyllelse"</h2>
                <table class="report-slide" id="report-slide">
                    <caption>{if compare {
                        format!("{}. Under: förändring av andelen i procentenheter (p.e.) mot {}.", per.label(), per.previous_year().label())
                    } else {
                        format!("{}. Ingen jämförelse: {} har inga bedömda utfall.", per.label(), per.previous_year().label())
                    }}</caption>
                    <thead><tr>
                        <th scope="col">"Del"</th>
                        {[Grade::Uppfyllt, Grade::Delvis, Grade::EjUppfyllt].into_iter().map(|g| view! {
                            <th scope="col" class="num">{grade_badge(g)}</th>
                        }).collect_view()}
                        <th scope="col" class="num">"Kan inte bedömas"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr class:plan-row=r.node.is_none()>
                                <th scope="row">{snippet(&r.label, 40)}</th>
                                {cell(r.now, r.last_year, Grade::Uppfyllt)}
                                {cell(r.now, r.last_year, Grade::Delvis)}
                                {cell(r.now, r.last_year, Grade::EjUppfyllt)}
                                <td class="num">{r.now.ej_bedombar}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })
        }
    }
}

/// Type scales a slide may take, largest first; from the third on, a slide's list runs in two columns.
const FIT_STEPS: [f64; 6] = [1.0, 0.9, 0.8, 0.7, 0.62, 0.55];

/// Fit the slide on screen to it: the largest type at which nothing runs under the navigation (a long
/// perspective gets smaller type and two columns; a short one keeps the large type).
fn fit_slide() {
    use wasm_bindgen::JsCast;
    let Some(el) = document()
        .query_selector(".presentation .slide")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    for (i, f) in FIT_STEPS.into_iter().enumerate() {
        let _ = el.style().set_property("--fit", &f.to_string());
        let _ = el.class_list().toggle_with_force("two-col", i >= 2);
        if el.scroll_height() <= el.client_height() + 1
            && el.scroll_width() <= el.client_width() + 1
        {
            break;
        }
    }
}

#[component]
pub fn Presentation(open: RwSignal<bool>, which: RwSignal<MeasureSlides>) -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let at = RwSignal::new(0usize);
    let slides = Memo::new(move |_| {
        let card = sc.card.get();
        let st = sc.structure.get();
        let which = which.get();
        ctx.plan.with(|p| {
            let (Some(p), Some(card), Some(st)) = (p.as_ref(), card, st) else {
                return vec![Slide::Title];
            };
            let mut v = vec![Slide::Title, Slide::Report];
            for &r in &st.0.roots {
                if p.nodes[r].data.kind() == NodeKind::Perspektiv {
                    v.push(Slide::Perspective(r));
                }
            }
            // post order visits the leaves (measures) in tree order
            for &i in &st.0.post_order {
                if let (Some(b), NodeData::Matt(m)) = (card.measures[i], &p.nodes[i].data) {
                    let chosen = match which {
                        MeasureSlides::Failing => b.grade == Grade::EjUppfyllt || m.critical,
                        MeasureSlides::All => true,
                        MeasureSlides::None => false,
                    };
                    if b.scheduled && chosen {
                        v.push(Slide::Measure(i));
                    }
                }
            }
            // after the measures, in the report's order
            if p.nodes
                .iter()
                .any(|n| matches!(n.data, NodeData::Aktivitet(_) | NodeData::Uppdrag(_)))
            {
                v.push(Slide::Work);
            }
            if p.nodes
                .iter()
                .any(|n| matches!(n.data, NodeData::IkRisk(_)))
            {
                v.push(Slide::Control);
            }
            v
        })
    });
    let count = move || slides.with(Vec::len);
    let close = move || {
        open.set(false);
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
        focus_later("present-start".into());
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let n = slides.with_untracked(Vec::len);
        let next = match ev.key().as_str() {
            "ArrowRight" | "PageDown" | " " | "Enter" => Some((at.get_untracked() + 1).min(n - 1)),
            "ArrowLeft" | "PageUp" | "Backspace" => Some(at.get_untracked().saturating_sub(1)),
            "Home" => Some(0),
            "End" => Some(n - 1),
            "Escape" => {
                close();
                None
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(i) = next {
            at.set(i);
        }
    });
    on_cleanup(move || handle.remove());
    // leaving full screen with the browser's own Esc ends the presentation too
    let fs = window_event_listener(
        leptos::ev::Custom::<leptos::ev::Event>::new("fullscreenchange"),
        move |_| {
            if document().fullscreen_element().is_none() && open.get_untracked() {
                open.set(false);
                focus_later("present-start".into());
            }
        },
    );
    on_cleanup(move || fs.remove());
    Effect::new(move |_| {
        if open.get() {
            at.set(0);
            focus_later("presentation".into());
        }
    });
    // each slide, once drawn, is fitted to the screen
    Effect::new(move |_| {
        at.track();
        which.track();
        if open.get() {
            request_animation_frame(fit_slide);
        }
    });

    let slide_view = move || {
        let slide = slides.with(|s| s.get(at.get()).cloned())?;
        let card = sc.card.get()?;
        let period = sc.period.get()?;
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            Some(match slide {
                Slide::Title => {
                    let c = card.plan.counts;
                    view! {
                        <div class="slide slide-title">
                            <p class="kicker">{p.organisation.clone()}</p>
                            <h2>{p.title.clone()}</h2>
                            <p class="sub">{format!("Uppföljning {}", period.label())}</p>
                            <ul class="summary">
                                <li>{grade_badge(Grade::Uppfyllt)}" "{c.uppfyllt}</li>
                                <li>{grade_badge(Grade::Delvis)}" "{c.delvis}</li>
                                <li>{grade_badge(Grade::EjUppfyllt)}" "{c.ej}</li>
                                <li>{grade_badge(Grade::EjBedombar)}" "{c.ej_bedombar}</li>
                            </ul>
                            <p class="muted">{format!("Mått som visas en och en: {}.", which.get_untracked().label())}</p>
                        </div>
                    }
                    .into_any()
                }
                Slide::Report => view! { <div class="slide slide-report"><ReportSlide/></div> }.into_any(),
                Slide::Perspective(r) => {
                    let st = sc.structure.get()?;
                    let n = &p.nodes[r];
                    // its goals (at every level below it) with the measures followed up in the period
                    let part = printed(p, &st.0, &card).into_iter().find(|x| x.id == n.id);
                    let goals = part.map(|x| x.goals).unwrap_or_default();
                    view! {
                        <div class="slide slide-perspective">
                            <p class="kicker">{p.level_name(n.data.kind().key())}</p>
                            <h2>{snippet(&n.text, 120)}" "{card.nodes[r].as_ref().and_then(|x| x.grade).map(grade_badge)}</h2>
                            <div class="goals">
                                {goals.into_iter().map(|g| view! {
                                    <section class="slide-goal">
                                        <h3><span class="goal-grade">{g.grade.map(grade_badge)}</span>" "{snippet(&g.heading, 140)}</h3>
                                        <ul>
                                            {g.measures.into_iter().map(|m| view! {
                                                <li>{grade_badge(m.grade)}" "<span>{snippet(&m.text, 110)}</span></li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                }).collect_view()}
                            </div>
                        </div>
                    }
                    .into_any()
                }
                Slide::Work => {
                    let groups = work_groups(p, Some(period));
                    let items: Vec<_> = groups.into_iter().flat_map(|g| g.items).collect();
                    let counts = counts_in(items.iter(), period);
                    // what the committee asks about: the late ones first, then what is going on
                    let mut open: Vec<_> = items
                        .iter()
                        .filter(|i| i.reported_in == Some(period) && (i.delayed || i.status == Some(WorkStatus::Pagar)))
                        .collect();
                    open.sort_by_key(|i| !i.delayed);
                    let more = open.len().saturating_sub(8);
                    view! {
                        <div class="slide slide-work">
                            <p class="kicker">{period.label()}</p>
                            <h2>"Uppdrag och aktiviteter"</h2>
                            <p class="sub">{counts.line()}</p>
                            <ul>
                                {open.into_iter().take(8).map(|i| view! {
                                    <li>{work_status_badge(i.status)}{i.delayed.then(|| view! { " "<span class="badge work w-delayed"><span aria-hidden="true">"⚠"</span>" Försenad"</span> })}" "<span>{snippet(&i.text, 110)}</span></li>
                                }).collect_view()}
                            </ul>
                            {(more > 0).then(|| view! { <p class="muted">{format!("… och {more} till i rapporten.")}</p> })}
                        </div>
                    }
                    .into_any()
                }
                Slide::Control => {
                    let r = control_report(p, period)?;
                    let mut risks: Vec<_> = r.areas.iter().flat_map(|(_, x)| x).filter(|x| x.value.is_some()).collect();
                    risks.sort_by_key(|x| std::cmp::Reverse(x.value));
                    view! {
                        <div class="slide slide-control">
                            <p class="kicker">{period.label()}</p>
                            <h2>"Intern kontroll"</h2>
                            <p class="sub">{isk_sentence(r.isk.as_ref())}</p>
                            <p>{format!("Åtgärder: {}.", r.counts.line())}</p>
                            <div class="slide-control-parts">
                                <div><p class="muted">"Risker per sannolikhet och konsekvens"</p>{crate::ui::scorecard::work_report::matrix_table(&r.matrix)}</div>
                                {(!risks.is_empty()).then(|| view! {
                                    <ul class="slide-risks">
                                        {risks.into_iter().take(6).map(|x| view! { <li><strong>{format!("Riskvärde {}", x.value.unwrap_or(0))}</strong>" "{snippet(&x.text, 100)}</li> }).collect_view()}
                                    </ul>
                                })}
                            </div>
                        </div>
                    }
                    .into_any()
                }
                Slide::Measure(i) => {
                    let n = &p.nodes[i];
                    let NodeData::Matt(m) = &n.data else { return None };
                    let b = card.measures[i]?;
                    let reason = card.assessment(p, i).map(|a| a.reason(m, &p.scorecard)).unwrap_or_default();
                    let unit = value_unit(m).unwrap_or_default();
                    let rows = history(m);
                    let last = rows.iter().rev().find_map(|h| h.total).map(number_sv);
                    view! {
                        <div class="slide slide-measure">
                            <p class="kicker">{p.level_name("matt")}{m.critical.then_some(" · kritiskt")}</p>
                            <h2>{snippet(&n.text, 160)}</h2>
                            <p class="verdict">{grade_badge(b.grade)}" "{trend_badge(b.trend)}</p>
                            <p class="reason">{reason}</p>
                            {history_chart(&rows, target_line(m), &unit)}
                            {last.map(|l| view! { <p class="muted">{format!("Senaste utfall: {l} {unit}")}</p> })}
                        </div>
                    }
                    .into_any()
                }
            })
        })
    };

    view! {
        <Show when=move || open.get()>
            <div class="presentation" id="presentation" role="dialog" aria-modal="true" aria-label="Presentation" tabindex="-1">
                {slide_view}
                <div class="present-bar">
                    <button type="button" on:click=move |_| at.update(|a| *a = a.saturating_sub(1)) disabled=move || at.get() == 0>"← Föregående"</button>
                    <span aria-live="polite" id="slide-count">{move || format!("Bild {} av {}", at.get() + 1, count())}</span>
                    <button type="button" on:click=move |_| at.update(|a| *a = (*a + 1).min(count() - 1)) disabled=move || { at.get() + 1 >= count() }>"Nästa →"</button>
                    <button type="button" on:click=move |_| close()>"Avsluta (Esc)"</button>
                </div>
            </div>
        </Show>
    }
}
