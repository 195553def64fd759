//! Data page: import (file picker and drag-and-drop, preview, all-or-nothing), export of the workspace or one
//! plan, storage usage and the request for persistent storage, and clearing all data.

use crate::domain::bundle::{self, MAX_BUNDLE_BYTES};
use crate::domain::error::{ErrorKind, LocatedError};
use crate::domain::format::{bytes_sv, count_sv};
use crate::domain::import::{self, Choices, Row, Tally};
use crate::domain::workspace::Workspace;
use crate::storage::{Kind, Repository, WriteBatch};
use crate::ui::data::import_dialog::ImportDialog;
use crate::ui::shell::browser::download;
use crate::ui::shell::state::use_app;
use crate::ui::widgets::confirm::ConfirmButton;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// A validated file waiting for the user's choice.
#[derive(Clone)]
struct Pending {
    name: String,
    workspace: Workspace,
    rows: Vec<Row>,
}

async fn read_file(file: web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

fn js_number(obj: &wasm_bindgen::JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(obj, &key.into()).ok()?.as_f64()
}

#[component]
pub fn DataPage() -> impl IntoView {
    let app = use_app();
    let pending = RwSignal::new(None::<Pending>);
    let error = RwSignal::new(None::<(String, LocatedError)>);
    let result = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);

    // one or more files (a backup larger than one file is several): each read and checked in full, then
    // together, before anything is shown or written
    let take_files = move |files: Vec<web_sys::File>| {
        error.set(None);
        result.set(None);
        pending.set(None);
        if files.is_empty() {
            return;
        }
        let name = files
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(big) = files.iter().find(|f| f.size() > MAX_BUNDLE_BYTES as f64) {
            let kind = ErrorKind::TooLarge {
                size: big.size() as usize,
                limit: MAX_BUNDLE_BYTES,
            };
            error.set(Some((big.name(), LocatedError::new("", kind))));
            return;
        }
        let total: f64 = files.iter().map(|f| f.size()).sum();
        result.set(Some(format!(
            "Kontrollerar ”{name}” ({})…",
            bytes_sv(total)
        )));
        spawn_local(async move {
            app.open_storage().await;
            let mut ws = Workspace::default();
            for file in files {
                let file_name = file.name();
                let bytes = match read_file(file).await {
                    Ok(b) => b,
                    Err(e) => {
                        result.set(Some(format!("Filen ”{file_name}” kunde inte läsas: {e}")));
                        return;
                    }
                };
                // let the message paint before the work starts
                gloo_timers::future::TimeoutFuture::new(0).await;
                let read =
                    crate::ui::shell::browser::read_bundle_in_slices(&bytes, |done, total| {
                        result.set(Some(format!(
                            "Kontrollerar ”{file_name}”: {} av {} planer, taxor och regelverk…",
                            count_sv(done),
                            count_sv(total)
                        )))
                    })
                    .await;
                match read {
                    Err(e) => {
                        result.set(None);
                        error.set(Some((file_name, e)));
                        return;
                    }
                    Ok(mut w) => {
                        ws.plans.append(&mut w.plans);
                        ws.tariffs.append(&mut w.tariffs);
                        ws.rule_sets.append(&mut w.rule_sets);
                    }
                }
            }
            // several files must not name the same plan twice
            if let Err(e) = crate::domain::validate::validate_workspace(&ws) {
                result.set(None);
                error.set(Some((name, e)));
                return;
            }
            // the stored records the file names, in full, to tell identical ones from changed ones
            let repo = app.repo();
            let (plan_ids, tariff_ids) = (app.plan_ids(), app.tariff_ids());
            let mut stored_plans = vec![];
            for p in ws.plans.iter().filter(|p| plan_ids.contains(&p.id)) {
                if let Ok(Some(s)) = repo.load(&p.id).await {
                    stored_plans.push(s);
                }
            }
            let mut stored_tariffs = vec![];
            for t in ws.tariffs.iter().filter(|t| tariff_ids.contains(&t.id)) {
                if let Ok(Some(s)) = repo.load_tariff(&t.id).await {
                    stored_tariffs.push(s);
                }
            }
            let stored_rules = if ws.rule_sets.is_empty() {
                vec![]
            } else {
                repo.load_rule_sets().await.unwrap_or_default()
            };
            result.set(None);
            let rows = import::rows(&ws, &stored_plans, &stored_tariffs, &stored_rules);
            pending.set(Some(Pending {
                name,
                workspace: ws,
                rows,
            }));
        });
    };

    let choose = Callback::new(move |choice: Option<Choices>| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        let Some(choices) = choice else {
            result.set(Some("Importen avbröts. Inget har ändrats.".into()));
            return;
        };
        let skipped = Tally::of(&p.rows, &choices);
        spawn_local(async move {
            let stored_rules = app.rule_set_ids().await.unwrap_or_default();
            let d = import::decide_each(
                &app.plan_ids(),
                &app.tariff_ids(),
                &stored_rules,
                p.workspace,
                &|kind, id| import::resolution_for(&p.rows, &choices, kind, id),
            );
            let n = d.plans();
            let nt = d.tariffs.len();
            match app
                .write(WriteBatch {
                    put: &d.replace,
                    add_new: &d.add,
                    put_tariffs: &d.tariffs,
                    put_rule_sets: &d.rule_sets,
                    ..Default::default()
                })
                .await
            {
                Ok(()) => result.set(Some(format!(
                    "{n} {}{} importerades från ”{}”.{}",
                    if n == 1 { "plan" } else { "planer" },
                    match nt {
                        0 => String::new(),
                        1 => " och 1 taxa".into(),
                        n => format!(" och {n} taxor"),
                    },
                    p.name,
                    match (skipped.skip, skipped.identical) {
                        (0, _) => String::new(),
                        (1, 1) => " 1 identisk hoppades över.".into(),
                        (s, i) if s == i => format!(" {s} identiska hoppades över."),
                        (s, _) => format!(" {s} hoppades över."),
                    }
                ))),
                Err(e) => result.set(Some(format!(
                    "Importen misslyckades och inget har ändrats: {e}"
                ))),
            }
            let _ = app.refresh().await;
        });
    });

    let files_of = |list: Option<web_sys::FileList>| -> Vec<web_sys::File> {
        list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
            .unwrap_or_default()
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        take_files(files_of(input.files()));
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        take_files(files_of(ev.data_transfer().and_then(|d| d.files())));
    };

    view! {
        <h1>"Import och export"</h1>
        <section class="card" aria-labelledby="import-h">
            <h2 id="import-h">"Importera"</h2>
            <p>"En verksam-fil (JSON) kontrolleras helt innan något sparas. Du ser vad den innehåller innan du väljer."</p>
            <div class="dropzone" class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label>"Välj fil att importera "
                    <input type="file" id="import-file" multiple accept=".json,application/json" on:change=on_pick/>
                </label>
                <p class="muted">"…eller släpp filen här. Största filstorlek: 50 MB. En säkerhetskopia i flera delar importeras genom att du väljer alla delar på en gång."</p>
            </div>
            {move || error.get().map(|(name, e)| view! {
                <div class="error" role="alert" id="import-error">
                    <p><strong>{format!("Filen ”{name}” kunde inte importeras. Inget har ändrats.")}</strong></p>
                    {(!e.path.is_empty()).then(|| view! { <p>"Var: "<code class="error-path">{e.path.clone()}</code></p> })}
                    <p>"Fel: "<span class="error-kind">{e.kind.to_string()}</span></p>
                </div>
            })}
            {move || pending.get().map(|p| view! { <ImportDialog file_name=p.name rows=p.rows on_choose=choose/> })}
            {move || result.get().map(|r| view! { <p class="result" role="status" id="import-result">{r}</p> })}
        </section>
        <ExportSection/>
        <UnreadableSection/>
        <StorageSection/>
    }
}

/// Today in the browser's own time zone, as `2026-12-06` (export file names carry it).
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

#[component]
fn ExportSection() -> impl IntoView {
    let app = use_app();
    let chosen = RwSignal::new(String::new());
    let report = RwSignal::new(None::<String>);
    let export_all = move |_| {
        report.set(None);
        spawn_local(async move {
            match app.repo().read_everything().await {
                Ok((ws, bad)) => {
                    let parts = bundle::export_backup(&ws);
                    let n = parts.len();
                    let names = bundle::backup_file_names(&today(), n);
                    for (part, name) in parts.iter().zip(&names) {
                        download(name, part, "application/json");
                    }
                    let mut text = format!(
                        "Exporten innehåller {} {} och {} {}{}.",
                        ws.plans.len(),
                        if ws.plans.len() == 1 {
                            "plan"
                        } else {
                            "planer"
                        },
                        ws.tariffs.len(),
                        if ws.tariffs.len() == 1 {
                            "taxa"
                        } else {
                            "taxor"
                        },
                        if n > 1 {
                            format!(
                                ", i {n} filer (varje fil högst 50 MB); importera dem tillsammans"
                            )
                        } else {
                            String::new()
                        }
                    );
                    if !bad.is_empty() {
                        text.push_str(&format!(
                            " {} {} kunde inte läsas och är inte med: {}. Se ”Sparade poster som inte kan läsas” nedan.",
                            bad.len(),
                            if bad.len() == 1 { "sparad post" } else { "sparade poster" },
                            bad.iter().map(|u| format!("”{}”", u.key)).collect::<Vec<_>>().join(", ")
                        ));
                    }
                    report.set(Some(text));
                }
                Err(e) => app.notify(e.to_string()),
            }
        });
    };
    let export_one = move |_| {
        let id = if chosen.get_untracked().is_empty() {
            app.plans
                .get_untracked()
                .first()
                .map(|s| s.id.clone())
                .unwrap_or_default()
        } else {
            chosen.get_untracked()
        };
        spawn_local(async move {
            match app.repo().load(&id).await {
                Ok(Some(p)) => download(
                    &bundle::plan_file_name(&id, &today()),
                    &bundle::export(&[p]),
                    "application/json",
                ),
                Ok(None) => app.notify("Välj en plan att exportera."),
                Err(e) => app.notify(e.to_string()),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="export-h">
            <h2 id="export-h">"Exportera"</h2>
            <p>"Samma innehåll ger alltid exakt samma fil, så exporter kan jämföras och versionshanteras."</p>
            <div class="actions">
                <button type="button" class="primary" on:click=export_all disabled=move || app.plans.get().is_empty() && app.tariffs.get().is_empty()>"Exportera allt (planer och taxor)"</button>
            </div>
            {move || report.get().map(|r| view! { <p role="status" id="export-report">{r}</p> })}
            <div class="actions">
                <label class="field">"Plan "
                    <select on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {move || app.plans.get().into_iter().map(|s| view! { <option value=s.id.clone()>{format!("{} ({})", s.title, import::about(&s.organisation, &s.period.label()))}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" on:click=export_one disabled=move || app.plans.get().is_empty()>"Exportera vald plan"</button>
            </div>
        </section>
    }
}

#[component]
fn StorageSection() -> impl IntoView {
    let app = use_app();
    let usage = RwSignal::new(None::<String>);
    let persisted = RwSignal::new(None::<String>);
    let storage = move || window().navigator().storage();
    let refresh_usage = move || {
        spawn_local(async move {
            let Ok(p) = storage().estimate() else { return };
            if let Ok(est) = JsFuture::from(p).await {
                let used = js_number(&est, "usage").unwrap_or(0.0);
                let quota = js_number(&est, "quota").unwrap_or(0.0);
                usage.set(Some(format!(
                    "{} används av {} som webbläsaren medger.",
                    bytes_sv(used),
                    bytes_sv(quota)
                )));
            }
            if let Ok(p) = storage().persisted() {
                if let Ok(v) = JsFuture::from(p).await {
                    if v.as_bool() == Some(true) {
                        persisted.set(Some(
                            "Lagringen är beständig: webbläsaren rensar den inte vid platsbrist."
                                .into(),
                        ));
                    }
                }
            }
        });
    };
    refresh_usage();
    let ask_persist = move |_| {
        spawn_local(async move {
            let answer = match storage().persist() {
                Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()),
                Err(_) => None,
            };
            persisted.set(Some(match answer {
                Some(true) => "Webbläsaren beviljade beständig lagring: dina planer rensas inte automatiskt.".into(),
                Some(false) => "Webbläsaren nekade beständig lagring. Exportera dina planer regelbundet som säkerhetskopia.".into(),
                None => "Webbläsaren kunde inte svara på frågan om beständig lagring.".into(),
            }));
        });
    };
    let clear_all = move |_: ()| {
        spawn_local(async move {
            match app.clear_all().await {
                Ok(()) => app.notify("All data raderades."),
                Err(e) => app.notify(e.to_string()),
            }
            let _ = app.refresh().await;
            refresh_usage();
        });
    };
    view! {
        <section class="card" aria-labelledby="storage-h">
            <h2 id="storage-h">"Lagring i webbläsaren"</h2>
            <p role="status">{move || usage.get().unwrap_or_else(|| "Lagringsutrymmet kunde inte avläsas.".into())}</p>
            <div class="actions">
                <button type="button" on:click=ask_persist>"Be om beständig lagring"</button>
            </div>
            {move || persisted.get().map(|p| view! { <p role="status" id="persist-answer">{p}</p> })}
            <div class="actions">
                <ConfirmButton id="clear-all" label="Radera all data" yes="Ja, radera allt"
                    question=Signal::derive(move || format!(
                        "Radera {} i den här webbläsaren? Det går inte att ångra. Exportera först om du vill spara dem.",
                        what_is_stored(app.plans.with(Vec::len), app.tariffs.with(Vec::len))
                    ))
                    on_confirm=Callback::new(clear_all) disabled=Signal::derive(move || !app.ready.get())
                    describedby="clear-all-what"/>
                <span class="muted" id="clear-all-what">"Raderar alla planer och taxor i den här webbläsaren."</span>
            </div>
        </section>
    }
}

/// "alla 10 planer och 2 taxor" (what *Radera all data* deletes).
fn what_is_stored(plans: usize, tariffs: usize) -> String {
    let n = |k: usize, one: &str, many: &str| match k {
        1 => format!("1 {one}"),
        k => format!("{k} {many}"),
    };
    format!(
        "alla {} och {}",
        n(plans, "plan", "planer"),
        n(tariffs, "taxa", "taxor")
    )
}

/// Stored records that do not read (from an older bug, a hand-edited file, a newer version of verksam): each can
/// be saved as it is, to mend or pass on, and deleted by its key. Nothing else depends on them.
#[component]
fn UnreadableSection() -> impl IntoView {
    let app = use_app();
    let found = RwSignal::new(None::<Vec<crate::storage::Unreadable>>);
    let check = move || {
        spawn_local(async move {
            app.open_storage().await;
            match app.repo().read_everything().await {
                Ok((_, bad)) => found.set(Some(bad)),
                Err(e) => app.notify(e.to_string()),
            }
        });
    };
    check();
    let save_raw = move |kind: Kind, key: String| {
        spawn_local(async move {
            match app.repo().record_of(kind, &key).await {
                Ok(Some(text)) => download(
                    &format!("{}-{}.skadad.json", kind.store(), safe_file_name(&key)),
                    text.as_bytes(),
                    "application/json",
                ),
                Ok(None) => app.notify("Posten finns inte längre."),
                Err(e) => app.notify(e.to_string()),
            }
        });
    };
    let delete = move |kind: Kind, key: String| {
        spawn_local(async move {
            let keys = [key.clone()];
            match app.write(WriteBatch::deleting(kind, &keys)).await {
                Ok(()) => app.notify(format!("Posten ”{key}” togs bort.")),
                Err(e) => app.notify(e.to_string()),
            }
            let _ = app.refresh().await;
            check();
        });
    };
    view! {
        <section class="card" aria-labelledby="unreadable-h">
            <h2 id="unreadable-h">"Sparade poster som inte kan läsas"</h2>
            {move || match found.get() {
                None => view! { <p class="muted" role="status">"Kontrollerar sparade poster…"</p> }.into_any(),
                Some(v) if v.is_empty() => view! { <p id="unreadable-none">"Alla sparade poster kan läsas."</p> }.into_any(),
                Some(v) => view! {
                    <p>"De här posterna kan inte öppnas eller exporteras som vanligt. Spara dem som de är för att rätta dem eller skicka dem vidare, eller ta bort dem."</p>
                    <ul class="unreadable" id="unreadable-list">
                        {v.into_iter().map(|u| {
                            let (k1, k2) = (u.key.clone(), u.key.clone());
                            let kind = u.kind;
                            view! {
                                <li>
                                    <p><strong>{format!("”{}”", u.key)}</strong>{format!(" ({}, {})", u.kind.label(), bytes_sv(u.size as f64))}</p>
                                    <p class="error-kind">{u.error.clone()}</p>
                                    <div class="actions">
                                        <button type="button" on:click=move |_| save_raw(kind, k1.clone())>"Spara posten som den är"</button>
                                        <ConfirmButton id=format!("del-{}", safe_file_name(&k2)) label="Ta bort posten" yes="Ja, ta bort posten"
                                            question=format!("Ta bort den skadade posten ”{k2}”? Det går inte att ångra. Spara den först om du vill kunna rätta den.")
                                            on_confirm=Callback::new(move |_| delete(kind, k2.clone()))/>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// A record key as part of a file name: letters, digits, dot, dash and underscore kept, anything else a dash.
fn safe_file_name(key: &str) -> String {
    let s: String = crate::domain::edit::fit(key, 80)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() {
        "post".into()
    } else {
        s
    }
}
