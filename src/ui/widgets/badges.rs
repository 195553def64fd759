//! Grade and trend badges: an icon that differs in shape and a word as well as a colour, so a status never rests on colour alone.

use crate::domain::measure::Grade;
use crate::domain::scorecard::Trend;
use leptos::prelude::*;

/// A grade's icon: the shapes differ, so the grade never rests on colour.
pub fn grade_icon(g: Grade) -> &'static str {
    match g {
        Grade::Uppfyllt => "✓",
        Grade::Delvis => "◐",
        Grade::EjUppfyllt => "✕",
        Grade::EjBedombar => "–",
    }
}

/// Icon, word and class for a grade: the icon differs in shape, so the grade never rests on colour.
pub fn grade_badge(g: Grade) -> impl IntoView {
    let icon = grade_icon(g);
    view! {
        <span class=format!("badge g-{}", g.key())><span aria-hidden="true">{icon}</span>" "{g.label()}</span>
    }
}

/// The report's own grade under the computed badge, where they differ: "Rapporten: delvis uppfyllt".
pub fn stated_note(g: Grade) -> impl IntoView {
    view! { <span class="stated-grade">"Rapporten: "{g.label().to_lowercase()}</span> }
}

pub fn trend_badge(t: Trend) -> impl IntoView {
    let icon = match t {
        Trend::Forbattrad => "↗",
        Trend::Oforandrad => "→",
        Trend::Forsamrad => "↘",
        Trend::EjJamforbar => "·",
    };
    view! { <span class=format!("trend t-{}", t.key())><span aria-hidden="true">{icon}</span>" "{t.label()}</span> }
}

/// An activity's or uppdrag's status as icon and word ("Ej rapporterad" when no report says).
pub fn work_status_badge(s: Option<crate::domain::plan::WorkStatus>) -> impl IntoView {
    use crate::domain::plan::WorkStatus;
    let (icon, class) = match s {
        Some(WorkStatus::Genomford) => ("✓", "w-genomford"),
        Some(WorkStatus::Pagar) => ("▶", "w-pagar"),
        Some(WorkStatus::EjPaborjad) => ("○", "w-ej_paborjad"),
        Some(WorkStatus::Avbruten) => ("✕", "w-avbruten"),
        None => ("–", "w-none"),
    };
    let word = s.map_or("Ej rapporterad", |s| s.label());
    view! { <span class=format!("badge work {class}")><span aria-hidden="true">{icon}</span>" "{word}</span> }
}
