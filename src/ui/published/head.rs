//! What the published view shows first and in both of its forms (the head read in the main module, the full view from its chunk): the banner, the title and facts, and the messages for a link that does not read.

use crate::domain::plan::PlanStatus;
use leptos::prelude::*;

/// The message for a file that does not read as a publication (from its head, or in full).
pub fn not_valid(path: &str, e: impl std::fmt::Display) -> String {
    format!("Filen «{path}» är ingen giltig publicering: {e}")
}

/// The message for a file without a plan.
pub fn no_plan(path: &str) -> String {
    format!("Filen «{path}» innehåller ingen plan.")
}

/// The read-only banner, with the view's "Spara en kopia" control.
pub fn banner(save: impl IntoView) -> impl IntoView {
    view! {
        <div class="published-banner" role="note" aria-label="Publicerad version">
            <p><strong>"Publicerad version, skrivskyddad."</strong>" Det du ser här sparas inte i din webbläsare."</p>
            {save}
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
    let (class, word) = match status {
        PlanStatus::Beslutad => ("beslutad", "Beslutad"),
        PlanStatus::Utkast => ("utkast", "Utkast – inte beslutad"),
    };
    view! {
        <h1 id="published-title">{title.to_string()}</h1>
        <p class="plan-facts">
            <span>{organisation.to_string()}</span>" · "
            <span>{kind.to_string()}</span>" · "
            <span>{period.to_string()}</span>" · "
            <span class=format!("status-word s-{class}")>{word}</span>
        </p>
    }
}

/// The page when the file cannot be shown.
pub fn failed_view(e: String) -> AnyView {
    view! {
        <h1>"Den publicerade planen kunde inte visas"</h1>
        <p class="error" role="alert" id="published-error">{e}</p>
        <p><a href="/">"Till startsidan"</a></p>
    }
    .into_any()
}
