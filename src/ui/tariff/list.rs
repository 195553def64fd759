//! The tariffs in this browser: open, delete, load the demo tariffs, and create a tariff from a CSV file
//! (our columns or what Swedish Excel writes; a bad file is refused with its line and column, nothing changes).

use crate::domain::format::url_segment;
use crate::domain::import::{self, Resolution};
use crate::domain::tariff::{csv_io, Tariff, TariffKind};
use crate::domain::{bundle, edit};
use crate::seed::{self, Holds};
use crate::storage::WriteBatch;
use crate::ui::shell::browser::read_picked;
use crate::ui::shell::browser::{fetch_bytes, now_iso};
use crate::ui::shell::state::{use_app, AppState};
use crate::ui::widgets::text::capitalise;
use crate::ui::widgets::text::slug;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Add the demo tariffs and rule sets that are not stored yet. Returns how many tariffs were added.
pub async fn load_demo_tariffs(app: AppState) -> Result<usize, String> {
    let mut d = import::Decision::default();
    let rule_sets = app.rule_set_ids().await.map_err(|e| e.to_string())?;
    for file in seed::shipped(Holds::Tariffs).map(|f| f.bundle) {
        let bytes = fetch_bytes(&format!("/demo/{file}"))
            .await
            .map_err(|e| format!("{file}: {e}"))?;
        let ws = bundle::import(&bytes).map_err(|e| format!("{file}: {e}"))?;
        let mut one = import::decide(
            &app.plan_ids(),
            &app.tariff_ids(),
            &rule_sets,
            ws,
            Resolution::KeepStored,
        );
        d.tariffs.append(&mut one.tariffs);
        d.rule_sets.append(&mut one.rule_sets);
    }
    app.write(WriteBatch {
        put_tariffs: &d.tariffs,
        put_rule_sets: &d.rule_sets,
        ..Default::default()
    })
    .await
    .map_err(|e| e.to_string())?;
    app.refresh().await.map_err(|e| e.to_string())?;
    Ok(d.tariffs.len())
}

#[component]
pub fn TariffsPage() -> impl IntoView {
    let app = use_app();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // set after a tariff is created from CSV: the page then opens it
    let go_to = RwSignal::new(None::<String>);
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(path) = go_to.get() {
            navigate(&path, Default::default());
        }
    });
    let on_demo = move |_| {
        busy.set(true);
        spawn_local(async move {
            match load_demo_tariffs(app).await {
                Ok(0) => app.notify("Exempeltaxorna finns redan."),
                Ok(n) => app.notify(format!("{n} exempeltaxor laddades.")),
                Err(e) => app.notify(format!("Exempeltaxorna kunde inte laddas: {e}")),
            }
            busy.set(false);
        });
    };
    let on_csv = move |ev: leptos::ev::Event| {
        error.set(None);
        spawn_local(async move {
            let Some((name, bytes)) = read_picked(&ev).await else {
                return;
            };
            let rows = match csv_io::read_tariff(&bytes) {
                Ok(r) => r,
                Err(e) => {
                    error.set(Some(format!(
                        "Filen ”{name}” kunde inte läsas. Inget har ändrats. {}",
                        capitalise(&e.to_string())
                    )));
                    return;
                }
            };
            let base = name.trim_end_matches(".csv").trim_end_matches(".CSV");
            let id = edit::free_plan_id(&slug(base), &app.tariff_ids());
            let now = now_iso();
            let year = now.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2025);
            // a long file name still makes a tariff that stores: the name is cut to what a name may hold
            let tariff_name = edit::fit(base, crate::domain::limits::MAX_NAME_CHARS);
            let mut t = Tariff::new(id.clone(), tariff_name.to_string(), year, now);
            t.rows = rows;
            t.source = Some(name.clone());
            match app
                .write(WriteBatch {
                    put_tariffs: std::slice::from_ref(&t),
                    ..Default::default()
                })
                .await
            {
                Ok(()) => {
                    let _ = app.refresh().await;
                    let path = format!("/taxa/{}", url_segment(&id));
                    app.notify_on(
                        &path,
                        format!(
                            "Taxan ”{base}” skapades med {} rader.",
                            crate::domain::format::count_sv(t.rows.len())
                        ),
                    );
                    go_to.set(Some(path));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    // removed at once, with *Ångra* that writes it back as it was
    let delete = move |id: String, name: String| {
        spawn_local(async move {
            let kept = match crate::storage::Repository::load_tariff(&*app.repo(), &id).await {
                Ok(t) => t,
                Err(e) => {
                    app.notify(e.to_string());
                    return;
                }
            };
            let ids = [id];
            if let Err(e) = app
                .write(WriteBatch {
                    delete_tariffs: &ids,
                    ..Default::default()
                })
                .await
            {
                app.notify(e.to_string());
                return;
            }
            let _ = app.refresh().await;
            let restore = Callback::new(move |_| {
                let Some(t) = kept.clone() else { return };
                spawn_local(async move {
                    let put = [t];
                    if let Err(e) = app
                        .write(WriteBatch {
                            put_tariffs: &put,
                            ..Default::default()
                        })
                        .await
                    {
                        app.notify(e.to_string());
                    }
                    let _ = app.refresh().await;
                });
            });
            app.notify_with_undo(format!("Taxan ”{name}” togs bort."), restore);
        });
    };
    view! {
        <h1>"Taxor"</h1>
        <p>"Tandvårdstaxor mot statens referenspriser: intäktsregeln, förslag som håller den, jourtaxan och vad patienten betalar. "
            <a href="/patientkostnad">"Vad betalar patienten?"</a></p>
        <Show when=move || app.ready.get() fallback=|| view! { <p class="muted" role="status">"Laddar taxor…"</p> }>
            <Show when=move || !app.tariffs.get().is_empty() fallback=|| view! { <p>"Här finns ännu inga taxor."</p> }>
                <table class="list">
                    <thead><tr><th scope="col">"Taxa"</th><th scope="col">"Organisation"</th><th scope="col">"År"</th><th scope="col">"Rader"</th><th scope="col">"Volymer"</th><th scope="col"><span class="sr-only">"Åtgärder"</span></th></tr></thead>
                    <tbody>
                        <For each=move || app.tariffs.get() key=|t| (t.id.clone(), t.name.clone(), t.rows, t.volumes.clone()) let:t>
                            {
                                let (id, name) = (t.id.clone(), t.name.clone());
                                let jour = t.kind == TariffKind::Jour;
                                // a jour tariff is listed right under its normal tariff, indented
                                let under = jour && t.normal_id.is_some();
                                view! {
                                    <tr class:jour-row=under>
                                        <td>{under.then(|| view! { <span aria-hidden="true">"↳ "</span> })}
                                            <a href=format!("/taxa/{}", url_segment(&t.id))>{t.name.clone()}</a>
                                            {jour.then(|| view! { " " <span class="badge">"Jourtaxa"</span> })}</td>
                                        <td>{t.organisation.clone()}</td>
                                        <td>{t.year}</td>
                                        <td class="num">{t.rows}</td>
                                        <td>{t.volumes.clone()}</td>
                                        <td class="actions">
                                            {(!jour).then(|| view! { <a href=format!("/taxa/{}/jour", url_segment(&t.id))>"Jourtaxa"</a> })}
                                            <button type="button" class="link danger" aria-label=format!("Ta bort {}", t.name)
                                                on:click=move |_| delete(id.clone(), name.clone())>"Ta bort"</button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </Show>
            <div class="actions">
                <button type="button" class="primary" id="load-demo-tariffs" on:click=on_demo disabled=move || busy.get()>"Ladda exempeltaxor (Jönköping 2025)"</button>
                <label class="button">"Ny taxa från CSV-fil "
                    <input type="file" id="tariff-csv" class="sr-only" accept=".csv,text/csv" on:change=on_csv/>
                </label>
            </div>
            <p class="muted">"CSV: kolumnerna Kod och Pris krävs; Text, Vårdform, Grupp, Kodtyp, Enhet och Referenspris läses om de finns. Semikolon eller komma, decimalkomma, ”1 100” med mellanslag, UTF-8 med eller utan BOM."</p>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="tariff-csv-error">{e}</p> })}
        </Show>
    }
}
