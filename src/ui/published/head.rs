//! The messages of the published view for a link that does not read (its banner, title and facts are in
//! [`crate::ui::widgets::plan_title`], which *Publicera*'s preview shows too).

use leptos::prelude::*;

/// The message for a file that does not read as a publication (from its head, or in full).
pub fn not_valid(path: &str, e: impl std::fmt::Display) -> String {
    format!("Filen ”{path}” är ingen giltig publicering: {e}")
}

/// The message for a file with neither a plan nor a tariff.
pub fn no_plan(path: &str) -> String {
    format!("Filen ”{path}” innehåller varken en plan eller en taxa.")
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
