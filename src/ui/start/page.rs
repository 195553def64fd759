//! Start page: the plans in this browser; create, duplicate, delete with undo; demo data on first visit.
//! What the buttons write is in [`super::actions`] (a chunk of its own in release builds).

use crate::domain::bundle::summary::{find, PlanSummary};
use crate::domain::format::url_segment;
use crate::ui::shell::state::use_app;
use crate::ui::start::actions::{start_action, StartAction};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn StartPage() -> impl IntoView {
    let app = use_app();
    let creating = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let on_demo = move |_| {
        busy.set(true);
        spawn_local(async move {
            let _ = start_action(app, StartAction::LoadDemo).await;
            busy.set(false);
        });
    };
    view! {
        <h1>"Planer"</h1>
        {move || {
            let n = app.unreadable.with(Vec::len);
            (n > 0).then(|| view! {
                <p class="warning" role="alert" id="unreadable-warning">
                    {format!("{n} {} kan inte läsas. ", if n == 1 { "sparad post" } else { "sparade poster" })}
                    <a href="/data#unreadable-h">"Se vilka och vad du kan göra under Import och export"</a>
                </p>
            })
        }}
        <Show when=move || app.ready.get() fallback=|| view! { <p class="muted" role="status">"Laddar planer…"</p> }>
        <Show
            when=move || !app.plans.get().is_empty()
            fallback=move || view! {
                <section class="welcome" aria-labelledby="welcome-h">
                    <h2 id="welcome-h">"Välkommen till verksam"</h2>
                    <p>"Här finns ännu inga planer. Allt du gör sparas i den här webbläsaren och kan exporteras som en fil."</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=on_demo disabled=move || busy.get()>"Ladda exempeldata"</button>
                        <button type="button" on:click=move |_| creating.set(true)>"Ny plan"</button>
                        <a class="button" href="/data">"Importera en fil"</a>
                    </div>
                    <p class="muted">"Exempeldata: Region Örebro läns verksamhetsplan för Folktandvården 2024, Region Norrbottens styrkort 2022 och Specialisttandvårdens handlingsplan 2022–2035."</p>
                </section>
            }
        >
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| creating.set(true)>"Ny plan"</button>
                <button type="button" on:click=on_demo disabled=move || busy.get()>"Ladda exempeldata"</button>
            </div>
            <PlanTable/>
        </Show>
        </Show>
        <Show when=move || creating.get()>
            <NewPlanForm on_close=Callback::new(move |_| creating.set(false))/>
        </Show>
    }
}

#[component]
fn PlanTable() -> impl IntoView {
    let app = use_app();
    let duplicate = move |id: String| {
        spawn_local(async move {
            let _ = start_action(app, StartAction::Duplicate(id)).await;
        });
    };
    // removed at once, with *Ångra* in the message (no question first)
    let remove = move |id: String, title: String| {
        spawn_local(async move {
            let _ = start_action(app, StartAction::Remove { id, title }).await;
        });
    };
    let query = RwSignal::new(String::new());
    let by_org = RwSignal::new(false);
    let row = move |s: PlanSummary| {
        let (id, id2, title) = (s.id.clone(), s.id.clone(), s.title.clone());
        view! {
            <tr>
                <td><a href=format!("/plan/{}", url_segment(&s.id))>{s.title.clone()}</a></td>
                <td>{s.organisation.clone()}</td>
                <td>{s.period.label()}</td>
                <td>{s.kind.label()}</td>
                <td><span class=format!("status status-{}", s.status.key())>{s.status.label()}</span></td>
                <td class="row-actions">
                    <button type="button" on:click=move |_| duplicate(id.clone())
                        aria-label=format!("Duplicera {}", s.title)>"Duplicera"</button>
                    <button type="button" class="danger" on:click=move |_| remove(id2.clone(), title.clone())
                        aria-label=format!("Ta bort {}", s.title)>"Ta bort"</button>
                </td>
            </tr>
        }
    };
    // the list as narrowed and grouped: (group name, its plans)
    let groups = move || {
        app.plans.with(|list| {
            find(list, &query.get(), by_org.get())
                .into_iter()
                .map(|(g, v)| (g, v.into_iter().cloned().collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        })
    };
    let count = move || {
        let all = app.plans.with(Vec::len);
        let n = app
            .plans
            .with(|list| find(list, &query.get(), false)[0].1.len());
        (n, all)
    };
    view! {
        <div class="list-tools" role="search">
            <label>"Sök bland planerna "
                <input type="search" id="plan-search" prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) aria-describedby="plan-count"/>
            </label>
            <label class="check"><input type="checkbox" id="plan-group" prop:checked=move || by_org.get()
                on:change=move |ev| by_org.set(event_target_checked(&ev))/>" Gruppera efter organisation"</label>
            <span id="plan-count" class="muted" aria-live="polite">{move || {
                let (n, all) = count();
                if n == all { format!("{all} {}", if all == 1 { "plan" } else { "planer" }) } else { format!("Visar {n} av {all} planer") }
            }}</span>
        </div>
        <table class="plans">
            <caption class="sr-only">"Planer i den här webbläsaren"</caption>
            <thead>
                <tr><th scope="col">"Titel"</th><th scope="col">"Organisation"</th><th scope="col">"Period"</th>
                    <th scope="col">"Typ"</th><th scope="col">"Status"</th><th scope="col">"Åtgärder"</th></tr>
            </thead>
            {move || groups().into_iter().map(|(group, plans)| {
                let n = plans.len();
                view! {
                    <tbody>
                        {group.map(|g| view! {
                            <tr class="group-row"><th scope="rowgroup" colspan="6">{format!("{g} ({n})")}</th></tr>
                        })}
                        {plans.into_iter().map(row).collect_view()}
                    </tbody>
                }
            }).collect_view()}
        </table>
        {move || (count().0 == 0).then(|| view! {
            <p id="plan-none">{format!("Ingen plan matchar ”{}”.", query.get().trim())}</p>
        })}
    }
}

/// The "Ny plan" form.
#[component]
fn NewPlanForm(
    /// Called when the form closes (created or cancelled).
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let title = RwSignal::new(String::new());
    let org = RwSignal::new(String::new());
    let year = RwSignal::new((js_sys::Date::new_0().get_full_year() as i32 + 1).to_string());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = title.get_untracked().trim().to_string();
        let Ok(y) = year.get_untracked().trim().parse::<i32>() else {
            error.set(Some("Ange år med fyra siffror, till exempel 2026.".into()));
            return;
        };
        if t.is_empty() {
            error.set(Some("Planen behöver en titel.".into()));
            return;
        }
        if !(1900..=2200).contains(&y) {
            error.set(Some("Året måste ligga mellan 1900 och 2200.".into()));
            return;
        }
        let action = StartAction::Create {
            title: t,
            organisation: org.get_untracked().trim().to_string(),
            year: y,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match start_action(app, action).await {
                Ok(id) => {
                    on_close.run(());
                    navigate(&format!("/plan/{}", url_segment(&id)), Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="card new-plan" on:submit=submit aria-labelledby="new-plan-h">
            <h2 id="new-plan-h">"Ny plan"</h2>
            <label>"Titel" <input type="text" required autofocus prop:value=move || title.get()
                on:input=move |ev| title.set(event_target_value(&ev))/></label>
            <label>"Organisation" <input type="text" prop:value=move || org.get()
                on:input=move |ev| org.set(event_target_value(&ev))/></label>
            <label>"År" <input type="number" min="1900" max="2200" prop:value=move || year.get()
                on:input=move |ev| year.set(event_target_value(&ev))/></label>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="submit" class="primary">"Skapa plan"</button>
                <button type="button" on:click=move |_| on_close.run(())>"Avbryt"</button>
            </div>
        </form>
    }
}
