//! The page's and the database's lifecycle, so nothing is lost and nothing hangs:
//!
//! - the page is hidden (another tab, the phone's home screen) or closed or reloaded (`visibilitychange`,
//!   `pagehide`): the open document's pending changes are written at once, not after the pause in typing;
//! - another tab holds an older version of the database open (`blocked`): the user is asked to close it, and
//!   the app goes on when it is closed;
//! - another tab opens a newer version (`versionchange`): this tab saves, closes its connection and asks for a
//!   reload ([`crate::ui::shell::state::AppState::open_storage`] wires that up);
//! - a new release has taken over in another tab and this tab's code can no longer load a page's chunk: the
//!   chunk loader (index.html's `__verksamChunkFailed`) asks the app, which saves and reloads into the new
//!   release instead of failing.

use crate::ui::shell::state::{use_app, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Listen for the events above for the life of the app.
pub fn start(app: AppState) {
    let on_hidden = Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            app.flush_for_unload();
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_hidden.as_ref().unchecked_ref());
    on_hidden.forget();
    let on_pagehide = Closure::<dyn Fn()>::new(move || app.flush_for_unload());
    let _ =
        window().add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    on_pagehide.forget();
    let on_chunk_failed = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        // the app takes it from here: index.html would otherwise reload at once
        ev.prevent_default();
        spawn_local(async move {
            app.flush_and_wait().await;
            let _ = window().location().reload();
        });
    });
    let _ = window().add_event_listener_with_callback(
        "verksam-chunk-failed",
        on_chunk_failed.as_ref().unchecked_ref(),
    );
    on_chunk_failed.forget();
}

/// What the user must know about storage: another tab blocks it, it was closed for a newer version, or this
/// tab runs an old release.
#[component]
pub fn StorageBanners() -> impl IntoView {
    let app = use_app();
    let reload = move |_| {
        spawn_local(async move {
            app.flush_and_wait().await;
            let _ = window().location().reload();
        });
    };
    view! {
        <Show when=move || app.blocked.get()>
            <p class="warning" role="alert" id="storage-blocked">
                <strong>"Stäng andra flikar med verksam. "</strong>
                "En annan flik har en äldre version av verksam öppen, och dina data kan inte öppnas här förrän den stängs eller laddas om. Sidan fortsätter av sig själv då."
            </p>
        </Show>
        <Show when=move || app.closed.get()>
            <p class="warning" role="alert" id="storage-closed">
                <strong>"verksam har uppdaterats i en annan flik. "</strong>
                "Det du ändrat här är sparat. Ladda om sidan för att fortsätta arbeta. "
                <button type="button" class="primary" on:click=reload>"Ladda om sidan"</button>
            </p>
        </Show>
        <Show when=move || app.stale.get() && !app.closed.get()>
            <p class="warning" role="status" id="stale-version">
                "En ny version av verksam har tagits i bruk i en annan flik. Ladda om när det passar; det du ändrat sparas först. "
                <button type="button" on:click=reload>"Ladda om nu"</button>
            </p>
        </Show>
    }
}
