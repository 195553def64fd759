//! What a published plan's reader sees first, in the published view (its head and its full view) and in
//! *Publicera*'s preview: the read-only banner, the title and the line of facts.

use crate::domain::plan::PlanStatus;
use leptos::prelude::*;

/// The read-only banner.
pub fn banner() -> impl IntoView {
    view! {
        <div class="published-banner" role="note" aria-label="Publicerad version">
            <p><strong>"Publicerad version, skrivskyddad."</strong>" Det du ser här sparas inte i din webbläsare."</p>
        </div>
    }
}

/// The plan's title and the line of facts under it.
pub fn title_and_facts(
    title: &str,
    organisation: &str,
    kind: &str,
    period: &str,
    status: PlanStatus,
) -> impl IntoView {
    view! {
        <h1 id="published-title">{title.to_string()}</h1>
        {facts(organisation, kind, period, status)}
    }
}

/// The line of facts under a plan's title: organisation, kind, period and whether it is adopted.
pub fn facts(organisation: &str, kind: &str, period: &str, status: PlanStatus) -> impl IntoView {
    let (class, word) = match status {
        PlanStatus::Beslutad => ("beslutad", "Beslutad"),
        PlanStatus::Utkast => ("utkast", "Utkast – inte beslutad"),
    };
    view! {
        <p class="plan-facts">
            <span>{organisation.to_string()}</span>" · "
            <span>{kind.to_string()}</span>" · "
            <span>{period.to_string()}</span>" · "
            <span class=format!("status-word s-{class}")>{word}</span>
        </p>
    }
}
