//! What an import would do, and the user's choice: import, replace, keep both or cancel.

use crate::domain::import::{ImportPreview, Resolution};
use leptos::prelude::*;

/// Shows the preview of a validated file.
#[component]
pub fn ImportDialog(
    /// The file's name, as the user picked it.
    file_name: String,
    /// What the file contains and what it would change.
    preview: ImportPreview,
    /// Called with the user's choice; `None` cancels.
    on_choose: Callback<Option<Resolution>>,
) -> impl IntoView {
    let has_conflicts = preview.has_conflicts();
    let total = preview.new_plans.len() + preview.conflicts.len();
    let tariffs = preview.new_tariffs.len() + preview.tariff_conflicts.len();
    view! {
        <section class="card import-preview" role="dialog" aria-modal="false" aria-labelledby="preview-h">
            <h3 id="preview-h">{format!("Filen «{file_name}» innehåller {total} {}{}", if total == 1 { "plan" } else { "planer" },
                if tariffs > 0 { format!(" och {tariffs} {}", if tariffs == 1 { "taxa" } else { "taxor" }) } else { String::new() })}</h3>
            {(!preview.new_plans.is_empty()).then(|| view! {
                <p>"Nya planer:"</p>
                <ul>{preview.new_plans.iter().map(|p| view! { <li>{p.title.clone()}<span class="muted">{format!(" – {} ({} poster)", p.about, p.nodes)}</span></li> }).collect_view()}</ul>
            })}
            {(!preview.new_tariffs.is_empty()).then(|| view! {
                <p>"Nya taxor:"</p>
                <ul>{preview.new_tariffs.iter().map(|t| view! { <li>{t.title.clone()}<span class="muted">{format!(" – {} ({} rader)", t.about, t.nodes)}</span></li> }).collect_view()}</ul>
            })}
            {(!preview.tariff_conflicts.is_empty()).then(|| view! {
                <p><strong>"Taxor som finns redan (samma id):"</strong></p>
                <ul>{preview.tariff_conflicts.iter().map(|(inc, st)| view! {
                    <li>{format!("”{}” ({}, {} rader) i filen – sparad som ”{}” ({}, {} rader)", inc.title, inc.about, inc.nodes, st.title, st.about, st.nodes)}</li>
                }).collect_view()}</ul>
            })}
            {(preview.rule_sets > 0).then(|| view! { <p>{format!("{} regeluppsättningar för tandvårdsstödet (ersätter sparade med samma id).", preview.rule_sets)}</p> })}
            {(!preview.conflicts.is_empty()).then(|| view! {
                <p><strong>"Finns redan (samma id):"</strong></p>
                <ul>{preview.conflicts.iter().map(|(inc, st)| view! {
                    <li>{format!("”{}” ({}, {} poster) i filen – sparad som ”{}” ({}, {} poster)", inc.title, inc.about, inc.nodes, st.title, st.about, st.nodes)}</li>
                }).collect_view()}</ul>
            })}
            {has_conflicts.then(|| view! { <p>"Välj om filens planer och taxor ska ersätta de sparade, eller läggas till som kopior."</p> })}
            <div class="actions">
                {if has_conflicts {
                    view! {
                        <button type="button" class="primary" on:click=move |_| on_choose.run(Some(Resolution::KeepBoth))>"Behåll båda"</button>
                        <button type="button" class="danger" on:click=move |_| on_choose.run(Some(Resolution::Replace))>"Ersätt sparade"</button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="primary" on:click=move |_| on_choose.run(Some(Resolution::Replace))>"Importera"</button> }.into_any()
                }}
                <button type="button" on:click=move |_| on_choose.run(None)>"Avbryt"</button>
            </div>
        </section>
    }
}
