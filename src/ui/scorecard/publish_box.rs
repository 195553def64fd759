//! "Publicera": download the open plan (with its scorecard and, if chosen, a tariff) as a file meant to be
//! placed next to the app on a static host, and the link that opens it read-only.

use crate::domain::{bundle, publish};
use crate::storage::Repository;
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::shell::browser::download;
use crate::ui::shell::state::use_app;
use crate::ui::widgets::copy::FileAndLink;
use crate::ui::widgets::plan_title::{banner, facts};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the reader of the publication sees first: the banner, the title and facts, the page's sections and
/// the first sentence of the results, for the period the published view opens on.
#[component]
fn ReaderPreview(tariff: RwSignal<String>) -> impl IntoView {
    let ctx = use_plan_ctx();
    let first = Memo::new(move |_| {
        ctx.plan.with(|p| {
            p.as_ref().map(|p| {
                (
                    p.title.clone(),
                    p.organisation.clone(),
                    p.kind.label(),
                    p.period.label(),
                    p.status,
                    publish::first_sentence(p),
                )
            })
        })
    });
    let sections = move || {
        ctx.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    publish::reader_sections(p, !tariff.get().is_empty())
                        .into_iter()
                        .map(|(_, label)| label)
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .unwrap_or_default()
        })
    };
    view! {
        <figure class="reader-preview" id="publish-preview" aria-labelledby="publish-preview-h">
            <figcaption id="publish-preview-h">"Förhandsvisning: det här ser den som öppnar länken först"</figcaption>
            <div class="preview-page">
                {banner()}
                {move || first.get().map(|(title, org, kind, period, status, sentence)| view! {
                    <p class="preview-title">{title}</p>
                    {facts(&org, kind, &period, status)}
                    <p class="preview-nav">{sections}<span class="preview-more">"Mer ▾"</span></p>
                    <p class="headline" id="publish-preview-first">{sentence}</p>
                })}
            </div>
        </figure>
    }
}

#[component]
pub fn PublishBox(open: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let ctx = use_plan_ctx();
    let tariff = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let file = move || {
        ctx.plan
            .with(|p| p.as_ref().map(publish::file_name))
            .unwrap_or_default()
    };
    let warnings = move || {
        ctx.plan
            .with(|p| p.as_ref().map(publish::warnings))
            .unwrap_or_default()
    };
    let on_download = move |_| {
        let Some(plan) = ctx.plan.get_untracked() else {
            return;
        };
        let chosen = tariff.get_untracked();
        error.set(None);
        spawn_local(async move {
            let repo = app.repo();
            let mut all = vec![];
            if !chosen.is_empty() {
                match repo.load_tariff(&chosen).await {
                    Ok(Some(t)) => {
                        if let Some(n) = t.normal_id.clone() {
                            if let Ok(Some(normal)) = repo.load_tariff(&n).await {
                                all.push(normal);
                            }
                        }
                        all.insert(0, t);
                    }
                    Ok(None) => {
                        error.set(Some("Taxan finns inte längre; välj en annan.".into()));
                        return;
                    }
                    Err(e) => {
                        error.set(Some(format!("Taxan kunde inte läsas: {e}")));
                        return;
                    }
                }
            }
            let ws = publish::publication(&plan, all.first(), &all);
            download(
                &publish::file_name(&plan),
                &bundle::export_workspace(&ws),
                "application/json",
            );
        });
    };
    view! {
        <Show when=move || open.get()>
            <section class="card publish-box" aria-labelledby="publish-h" id="publish-box">
                <h2 id="publish-h">"Publicera"</h2>
                <p>"Publiceringsfilen innehåller planen med dess styrkort och, om du väljer, en taxa. Lägg filen i samma mapp som appen på webbplatsen och dela länken. Den som öppnar länken läser planen utan att kunna ändra den, även på mobilen."</p>
                <ul class="warnings">
                    {move || warnings().into_iter().map(|w| view! { <li><span aria-hidden="true">"⚠ "</span>{w}</li> }).collect_view()}
                </ul>
                <label>"Taxa att ta med "
                    <select id="publish-tariff" on:change=move |ev| tariff.set(event_target_value(&ev))>
                        <option value="" selected=move || tariff.get().is_empty()>"Ingen taxa"</option>
                        {move || app.tariffs.get().into_iter().map(|t| {
                            let id = t.id.clone();
                            let sel = id.clone();
                            view! { <option value=id selected=move || tariff.get() == sel>{crate::domain::tariff::tariff_title(&t.name, t.year, t.kind)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <FileAndLink file=Signal::derive(file)/>
                <ReaderPreview tariff=tariff/>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <p>
                    <button type="button" class="primary" id="publish-download" on:click=on_download>"Ladda ned publiceringsfil"</button>" "
                    <button type="button" on:click=move |_| open.set(false)>"Stäng"</button>
                </p>
            </section>
        </Show>
    }
}
