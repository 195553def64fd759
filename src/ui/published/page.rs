//! The published, read-only view's route (`/publicerad?bundle=plan-2025.json`, also reached as
//! `/#/publicerad?bundle=…` on hosts that only serve index.html at the root), in the main module.
//!
//! A politician opening the link should see the plan at once. This page fetches the file (index.html started
//! the fetch while the app loaded), reads the chosen plan's heading and no further
//! ([`bundle::summary::plan_heading`]) and shows the plan's title and facts straight away; the full view
//! ([`super::view`]: the file validated like any import, the overview, the scorecard, the tariff summary,
//! "Spara en kopia") is in the published chunk in release builds and takes the head's place as soon as it is
//! ready. Nothing is written to the visitor's workspace here.

use crate::domain::bundle::summary::{plan_heading, PlanHeading};
use crate::domain::publish;
use crate::ui::published::head::failed_view;
use crate::ui::published::head::not_valid;
use crate::ui::published::view::published_view;
use crate::ui::shell::browser::{fetch_bytes, FetchError};
use crate::ui::shell::offline::service_worker_available;
use crate::ui::widgets::plan_title::banner;
use crate::ui::widgets::plan_title::title_and_facts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

#[derive(Clone)]
enum Load {
    Loading,
    Failed(String),
    /// The file's bytes (read in full by the published view), the heading of the plan to show (none in a file
    /// of tariffs), and the file's path as the link names it.
    /// The tariff the link names (`taxa=`) comes last.
    Ready(
        Arc<Vec<u8>>,
        Option<Box<PlanHeading>>,
        String,
        Option<String>,
    ),
}

#[component]
pub fn PublishedPage() -> impl IntoView {
    let query = use_query_map();
    let load = RwSignal::new_local(Load::Loading);
    Effect::new(move |_| {
        let raw = query.read().get("bundle").unwrap_or_default();
        let wanted = query.read().get("plan");
        let wanted_tariff = query.read().get("taxa");
        load.set(Load::Loading);
        spawn_local(async move {
            match fetch_publication(&raw).await {
                Ok((bytes, href, path)) => match head(&bytes, &path, wanted.as_deref()) {
                    Ok(plan) => {
                        load.set(Load::Ready(
                            Arc::new(bytes),
                            plan.map(Box::new),
                            path,
                            wanted_tariff,
                        ));
                        keep_for_offline(href).await;
                    }
                    Err(e) => load.set(Load::Failed(e)),
                },
                Err(e) => load.set(Load::Failed(e)),
            }
        });
    });
    // the title index.html showed while the app loaded gives way to the app's own head (the same title, in the
    // same place and size, so the reader sees no change but the facts line filled in) or to the reason the file
    // cannot be shown
    Effect::new(move |_| {
        if !matches!(load.get(), Load::Loading) {
            remove_shell();
        }
    });
    on_cleanup(remove_shell);
    move || match load.get() {
        Load::Loading => {
            view! { <p class="muted" role="status">"Hämtar den publicerade planen…"</p> }.into_any()
        }
        Load::Failed(e) => failed_view(e),
        Load::Ready(bytes, plan, path, wanted_tariff) => {
            let full = RwSignal::new(false);
            let progress = RwSignal::new(None::<String>);
            let wanted = plan.as_ref().map(|p| p.id.clone());
            view! {
                <Show when=move || !full.get()>{
                    let plan = plan.clone();
                    move || head_view(plan.as_deref(), progress)
                }</Show>
                {Suspend::new(async move {
                    // the head first: the chunk loader's fetches and compiles would otherwise run before the
                    // browser shows it
                    send_wrapper::SendWrapper::new(after_paint()).await;
                    let view = send_wrapper::SendWrapper::new(published_view(bytes, wanted, wanted_tariff, path, progress)).await;
                    full.set(true);
                    view
                })}
            }
            .into_any()
        }
    }
}

/// Resolves once the browser has painted what is in the DOM now: after the frame after the next one (the next
/// frame draws it; by the one after, it is on screen), or after 300 ms in a tab that draws no frames, such as
/// one opened in the background. Loading the full view's code only then keeps it from delaying the first paint.
async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let after_frame = resolve.clone();
        request_animation_frame(move || {
            request_animation_frame(move || {
                set_timeout(
                    move || drop(after_frame.call0(&wasm_bindgen::JsValue::NULL)),
                    Duration::ZERO,
                )
            })
        });
        set_timeout(
            move || drop(resolve.call0(&wasm_bindgen::JsValue::NULL)),
            Duration::from_millis(300),
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Remove the plan's title index.html showed before the app had loaded (`#verksam-shell`), if it is there.
fn remove_shell() {
    if let Some(el) = document().get_element_by_id("verksam-shell") {
        el.remove();
    }
}

/// The heading of the plan the link asks for (`plan=`, else the file's first), read without reading the rest;
/// none for a file without plans (a tariff published on its own: the full view reads it).
fn head(bytes: &[u8], path: &str, wanted: Option<&str>) -> Result<Option<PlanHeading>, String> {
    plan_heading(bytes, wanted).map_err(|e| not_valid(path, e))
}

/// What shows while the full view loads: the same banner, title and facts it starts with.
fn head_view(plan: Option<&PlanHeading>, progress: RwSignal<Option<String>>) -> impl IntoView {
    let with_plan = plan.is_some();
    view! {
        {banner()}
        {plan.map(|plan| title_and_facts(&plan.title, &plan.organisation, plan.kind.label(), &plan.period.label(), plan.status))}
        <p class="muted" role="status">{move || progress.get().unwrap_or_else(|| if with_plan { "Läser planen och beräknar styrkortet…" } else { "Läser filen…" }.into())}</p>
    }
}

/// Resolve the link's file against this page and fetch it, refusing anything on another origin.
/// Returns the bytes, the file's address and its path as the link names it.
async fn fetch_publication(raw: &str) -> Result<(Vec<u8>, String, String), String> {
    let path = publish::bundle_path(raw).map_err(|e| e.to_string())?;
    let here = window()
        .location()
        .href()
        .map_err(|_| "Sidans adress kunde inte läsas.".to_string())?;
    let url = web_sys::Url::new_with_base(&path, &here)
        .map_err(|_| format!("”{path}” är ingen giltig adress."))?;
    let origin = window().location().origin().unwrap_or_default();
    if url.origin() != origin {
        return Err(publish::LinkError::Foreign(path).to_string());
    }
    let fetched = match prefetched(&url.href()) {
        Some(body) => wasm_bindgen_futures::JsFuture::from(body)
            .await
            .map(|buf| js_sys::Uint8Array::new(&buf).to_vec())
            .map_err(|e| FetchError::from_js(&e)),
        None => fetch_bytes(&url.href()).await,
    };
    let bytes = fetched.map_err(|e| {
        if !window().navigator().on_line() {
            format!("Filen ”{path}” kunde inte hämtas: du är utan nätverk och planen har inte lästs på den här enheten förut. Öppna länken igen när du är ansluten.")
        } else {
            match e {
                FetchError::Status(404) => format!("Filen ”{path}” finns inte på webbplatsen (HTTP 404). Kontrollera länken, eller be den som publicerade planen om en ny."),
                FetchError::Status(s) => format!("Filen ”{path}” kunde inte hämtas (HTTP {s})."),
                FetchError::Network(e) => format!("Filen ”{path}” kunde inte hämtas ({e}). Försök igen om en stund."),
            }
        }
    })?;
    Ok((bytes, url.href(), path))
}

/// Once a service worker controls the page, read the file again through it, so it keeps a copy for offline
/// reading (on a first visit the worker is installed after the file was read; the server answers 304 when
/// the browser's copy is current).
async fn keep_for_offline(href: String) {
    if !service_worker_available() {
        return;
    }
    let container = window().navigator().service_worker();
    let Ok(ready) = container.ready() else {
        return;
    };
    if wasm_bindgen_futures::JsFuture::from(ready).await.is_err() {
        return;
    }
    for _ in 0..50 {
        if container.controller().is_some() {
            let _ = fetch_bytes(&href).await;
            return;
        }
        gloo_timers::future::TimeoutFuture::new(200).await;
    }
}

/// The body index.html fetched for this very URL while the app loaded (a promise of an `ArrayBuffer`, rejected
/// with the HTTP status, a number, on an HTTP error: [`FetchError::from_js`]), taken once (a later visit fetches anew).
fn prefetched(href: &str) -> Option<js_sys::Promise> {
    let key = wasm_bindgen::JsValue::from_str("__verksamPrefetch");
    let p = js_sys::Reflect::get(&window(), &key).ok()?;
    if p.is_undefined() {
        return None;
    }
    let _ = js_sys::Reflect::set(&window(), &key, &wasm_bindgen::JsValue::UNDEFINED);
    let url = js_sys::Reflect::get(&p, &"url".into()).ok()?.as_string()?;
    if url != href {
        return None;
    }
    js_sys::Reflect::get(&p, &"body".into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}
