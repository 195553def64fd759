//! The Leptos app: router and layout here; the rest grouped by feature. `shell/` holds the app state, opening
//! storage, the editing machine and browser glue; `widgets/` small stateless view pieces; then one folder per
//! feature (`start/`, `plan/`, `scorecard/`, `tariff/`, `published/`, `data/`), which are also the WASM chunk
//! groups. Imports point one way (`widgets` → `shell` → features; `tests/tidy.rs` checks it). Components get
//! values, signals and callbacks; only pages talk to the repository (through [`shell::state::AppState`]).

/// Put an async function's code in the WASM chunk of `group` in release builds (Cargo feature `split`, see
/// scripts/wasm-split.sh); calling it loads the chunk first. Every split point goes through this one attribute
/// line: Leptos names a chunk after the group *and* the place the attribute is written, so a split point
/// written anywhere else would get a chunk (and a request) of its own.
macro_rules! in_chunk {
    ($group:ident, $item:item) => {
        #[cfg_attr(feature = "split", leptos::lazy($group))]
        $item
    };
}

mod data;
mod plan;
mod published;
mod scorecard;
mod shell;
mod start;
mod tariff;
mod widgets;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy, LazyRoute};
use shell::state::{use_app, AppState, SaveState};
use shell::{lifecycle, offline};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    // a `#/…` link was made the page's address by index.html before the app started
    let app = AppState::new();
    provide_context(app);
    offline::OfflineState::start();
    // a published link's visitor gets no database (nothing is created in their browser) unless they save a copy
    // or go on to the app's other pages
    if !opened_as_published() {
        spawn_local(async move {
            app.open_storage().await;
            preload_pages().await;
        });
    }
    lifecycle::start(app);

    view! {
        <Router>
            <HashLinks/>
            <OpenWhenLeavingPublished/>
            <a class="skip" href="#main">"Hoppa till innehållet"</a>
            <header class="top">
                <A href="/" attr:class="brand">"verksam"</A>
                <MainNav/>
                <SaveIndicator/>
                <offline::OfflineStatus/>
            </header>
            <NoticeBar/>
            <lifecycle::StorageBanners/>
            <Show when=move || app.memory_only.get()>
                <p class="warning" role="alert">
                    "Webbläsaren tillåter inte lagring (IndexedDB). Ändringar finns bara kvar tills sidan stängs."
                </p>
            </Show>
            <main id="main" tabindex="-1">
                // pages render at once; each waits for `ready` (storage opened) before it reads data
                <Routes fallback=|| view! { <h1>"Sidan finns inte"</h1><p><a href="/">"Till startsidan"</a></p> }>
                    <Route path=path!("/") view=start::page::StartPage/>
                    <Route path=path!("/plan/:id") view={Lazy::<PlanRoute>::new()}/>
                    <Route path=path!("/plan/:id/styrkort") view={Lazy::<ScorecardRoute>::new()}/>
                    <Route path=path!("/plan/:id/rapport") view={Lazy::<ReportRoute>::new()}/>
                    <Route path=path!("/plan/:id/rapportera") view={Lazy::<GridRoute>::new()}/>
                    <Route path=path!("/plan/:id/uppfoljning") view={Lazy::<FollowUpRoute>::new()}/>
                    <Route path=path!("/publicerad") view=published::page::PublishedPage/>
                    <Route path=path!("/data") view={Lazy::<DataRoute>::new()}/>
                    <Route path=path!("/taxor") view={Lazy::<TariffsRoute>::new()}/>
                    <Route path=path!("/taxa/:id") view={Lazy::<TariffRoute>::new()}/>
                    <Route path=path!("/taxa/:id/jour") view={Lazy::<JourRoute>::new()}/>
                    <Route path=path!("/patientkostnad") view={Lazy::<PatientRoute>::new()}/>
                </Routes>
            </main>
        </Router>
    }
}

/// The app's navigation, except in a published view: its reader finds it under the view's "Mer" menu.
#[component]
fn MainNav() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    move || {
        (location.pathname.get() != "/publicerad").then(|| {
            view! {
                <nav aria-label="Huvudmeny">
                    <A href="/">"Planer"</A>
                    <A href="/taxor">"Taxor"</A>
                    <A href="/data">"Import och export"</A>
                </nav>
            }
        })
    }
}

/// A page whose code is in a WASM chunk of its group in release builds (see [`in_chunk!`]): the chunk is
/// fetched and compiled the first time a page of the group opens, so the start page does not wait for the code
/// of every other page. Few groups, because every chunk is a request and a compile of its own: the published
/// (read-only) view, the plan pages, the tariff pages.
macro_rules! lazy_page {
    ($group:ident: $route:ident, $load:ident, $page:path) => {
        struct $route;
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(_: Self) -> AnyView {
                $load().await
            }
        }
        in_chunk!(
            $group,
            async fn $load() -> AnyView {
                $page().into_any()
            }
        );
    };
}

lazy_page!(plans: PlanRoute, plan_page_view, plan::page::PlanPage);
lazy_page!(plans: ScorecardRoute, scorecard_page_view, scorecard::page::ScorecardPage);
lazy_page!(plans: ReportRoute, report_page_view, scorecard::report::ReportPage);
lazy_page!(plans: GridRoute, grid_page_view, scorecard::grid::ReportGridPage);
lazy_page!(plans: FollowUpRoute, follow_up_page_view, plan::followup::FollowUpPage);
lazy_page!(plans: DataRoute, data_page_view, data::page::DataPage);
lazy_page!(tariffs: TariffsRoute, tariffs_page_view, tariff::list::TariffsPage);
lazy_page!(tariffs: TariffRoute, tariff_page_view, tariff::page::TariffPage);
lazy_page!(tariffs: JourRoute, jour_page_view, tariff::jour::JourPage);
lazy_page!(tariffs: PatientRoute, patient_page_view, tariff::patient::PatientPage);

/// Once the first page is up and idle, fetch and compile the plan and tariff pages' chunks, so opening one is
/// not a wait. Not for a visitor of a published plan (a politician on a phone does not need the editors); the
/// published view's own chunk is loaded by its route straight away.
#[cfg(feature = "split")]
async fn preload_pages() {
    if opened_as_published() {
        return;
    }
    gloo_timers::future::TimeoutFuture::new(1000).await;
    __preload_plan_page_view().await;
    __preload_tariff_page_view().await;
}

#[cfg(not(feature = "split"))]
async fn preload_pages() {}

/// The app was opened with a published plan's link (`/publicerad?bundle=…`; a `#/…` link has been made the
/// page's address by index.html): a visitor who reads, not a strategist who edits.
fn opened_as_published() -> bool {
    window().location().pathname().ok().as_deref() == Some("/publicerad")
}

/// The app route named by a `#/…` address (`/#/publicerad?bundle=…`), if any. Such links work on any static
/// host, which serves index.html for `/`.
fn hash_route() -> Option<String> {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#')
        .filter(|r| r.starts_with('/') && !r.starts_with("//"))
        .map(str::to_string)
}

/// A `#/…` link followed while the app is open changes only the hash: route to it as well.
#[component]
fn HashLinks() -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(route) = hash_route() {
            navigate(
                &route,
                leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    on_cleanup(move || handle.remove());
}

/// A visitor who came by a published link and goes on to the app's own pages: open their workspace then.
#[component]
fn OpenWhenLeavingPublished() -> impl IntoView {
    let app = use_app();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        if location.pathname.get() != "/publicerad" {
            spawn_local(async move { app.open_storage().await });
        }
    });
}

/// "Sparar…" / "Sparat" / error, announced politely to screen readers.
#[component]
fn SaveIndicator() -> impl IntoView {
    let app = use_app();
    view! {
        <p class="save-state" role="status" aria-live="polite" data-state=move || match app.save.get() {
            SaveState::Idle => "idle",
            SaveState::Saving => "saving",
            SaveState::Saved => "saved",
            SaveState::Failed(_) => "failed",
        }>
            {move || match app.save.get() {
                SaveState::Idle => String::new(),
                SaveState::Saving => "Sparar…".to_string(),
                SaveState::Saved => "✓ Sparat".to_string(),
                SaveState::Failed(e) => format!("⚠ Kunde inte spara: {e}"),
            }}
        </p>
    }
}

/// One-line messages with an optional "Ångra".
#[component]
fn NoticeBar() -> impl IntoView {
    let app = use_app();
    // a notice belongs to its page: going to another closes it (one set for the page being opened stays)
    let location = leptos_router::hooks::use_location();
    // (the path last seen, the page the notice shown belongs to)
    let last = StoredValue::new((String::new(), None::<String>));
    Effect::new(move |_| {
        let path = location.pathname.get();
        let for_path = app.notice.with(|n| n.as_ref().map(|n| n.for_path.clone()));
        let (last_path, owner) = last.get_value();
        let moved = path != last_path;
        let owner = match for_path {
            None => None,
            Some(_) if moved && owner.as_ref().is_some_and(|o| *o != path) => {
                app.notice.set(None);
                None
            }
            Some(fp) if moved => Some(owner.or(fp).unwrap_or_else(|| path.clone())),
            Some(fp) => Some(fp.unwrap_or_else(|| path.clone())),
        };
        last.set_value((path, owner));
    });
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            {move || app.notice.get().map(|n| {
                let undo = n.undo;
                view! {
                    <p class="notice">
                        <span>{n.text}</span>
                        {undo.map(|cb| view! {
                            <button type="button" on:click=move |_| { app.notice.set(None); cb.run(()); }>"Ångra"</button>
                        })}
                        <button type="button" class="link" aria-label="Stäng meddelandet" on:click=move |_| app.notice.set(None)>"✕"</button>
                    </p>
                }
            })}
        </div>
    }
}
