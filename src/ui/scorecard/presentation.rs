//! Meeting mode ("Presentera"): the plan's follow-up for the chosen period as full-screen slides — a title slide,
//! the måluppfyllelse table, one slide per perspective with its goals and badges, and one per chosen measure
//! (ej uppfyllda and critical ones, all, or none) with its history chart. Arrow keys, space, Page Up/Down, Home/End; Esc ends. Large
//! type; everything is computed in the browser, so it works offline.

use crate::domain::format::number_sv;
use crate::domain::measure::Grade;
use crate::domain::plan::{NodeData, NodeKind};
use crate::domain::scorecard::edit::target_line;
use crate::domain::scorecard::edit::{history, value_unit};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::scorecard::report_table::ReportTable;
use crate::ui::shell::browser::focus_later;
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
                Slide::Report => view! { <div class="slide slide-report"><ReportTable/></div> }.into_any(),
                Slide::Perspective(r) => {
                    let st = sc.structure.get()?;
                    let n = &p.nodes[r];
                    let goals: Vec<(String, Option<Grade>, String)> = st.0.children[r]
                        .iter()
                        .filter(|&&c| card.nodes[c].is_some() || card.measures[c].is_some())
                        .map(|&c| {
                            let res = card.nodes[c].as_ref();
                            let grade = res.and_then(|x| x.grade).or(card.measures[c].map(|b| b.grade));
                            let counts = res
                                .map(|x| format!("{} av {} mått uppfyllda", x.counts.uppfyllt, x.counts.scheduled()))
                                .unwrap_or_default();
                            (snippet(&p.nodes[c].text, 140), grade, counts)
                        })
                        .collect();
                    view! {
                        <div class="slide slide-perspective">
                            <p class="kicker">{p.level_name(n.data.kind().key())}</p>
                            <h2>{snippet(&n.text, 120)}" "{card.nodes[r].as_ref().and_then(|x| x.grade).map(grade_badge)}</h2>
                            <ul class="goals">
                                {goals.into_iter().map(|(text, g, counts)| view! {
                                    <li><span class="goal-grade">{g.map(grade_badge)}</span>" "<span>{text}</span>
                                        " "<span class="muted">{counts}</span></li>
                                }).collect_view()}
                            </ul>
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
