//! What a page shows while its document loads, or when the route names none or one that does not read.

use leptos::prelude::*;

/// What a page shows until its document is loaded, or when the route names none (`Some("")`) or one that does
/// not read (`Some(why)`). `word` is "Planen" or "Taxan"; `back` the list to return to.
pub fn not_shown(
    missing: RwSignal<Option<String>>,
    word: &'static str,
    back: (&'static str, &'static str),
) -> impl IntoView {
    move || {
        match missing.get() {
        None => view! { <p class="muted" role="status">{format!("Laddar {}…", crate::domain::format::fold_sv(word))}</p> }.into_any(),
        Some(e) if e.is_empty() => view! {
            <h1>{format!("{word} finns inte")}</h1><p><a href=back.0>{back.1}</a></p>
        }
        .into_any(),
        Some(e) => view! {
            <h1>{format!("{word} kan inte läsas")}</h1>
            <p class="error" role="alert" id="unreadable-error">{e}</p>
            <p>"Den sparade posten är skadad eller från en nyare version av verksam. Under "
                <a href="/data#unreadable-h">"Import och export"</a>
                " kan du spara den som den är (för att rätta den eller skicka den vidare) eller ta bort den."</p>
            <p><a href=back.0>{back.1}</a></p>
        }
        .into_any(),
    }
    }
}
