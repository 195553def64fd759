//! Working without a network: the service worker (release builds only, never under `trunk serve`), the notice
//! that a new version is ready (the page switches only when the user reloads, never half old and half new), and
//! an honest offline indicator (the browser's `navigator.onLine`: offline is certain, online only likely).

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

#[derive(Clone, Copy)]
pub struct OfflineState {
    pub online: RwSignal<bool>,
    /// A new version is installed and waits for the user.
    pub update_ready: RwSignal<bool>,
    /// The service worker controls the page: the app works without a network.
    pub offline_ready: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
    /// The user chose "Ladda om nu": reload when the new version has taken over (and only then; the first
    /// visit's takeover must not reload the page under the user).
    reload_requested: RwSignal<bool>,
}

/// A service worker can be used: the browser has them and this is not `trunk serve`.
pub fn service_worker_available() -> bool {
    !under_trunk_serve()
        && js_sys::Reflect::has(&window().navigator(), &"serviceWorker".into()).unwrap_or(false)
}

/// `trunk serve` injects its live-reload script; a service worker would only get in the way there.
fn under_trunk_serve() -> bool {
    let Ok(scripts) = document().query_selector_all("script:not([src])") else {
        return false;
    };
    (0..scripts.length()).any(|i| {
        scripts
            .item(i)
            .and_then(|s| s.text_content())
            .is_some_and(|t| t.contains(".well-known/trunk/ws"))
    })
}

impl OfflineState {
    /// Provide the state, follow online/offline, and register the service worker.
    pub fn start() -> Self {
        let state = OfflineState {
            online: RwSignal::new(window().navigator().on_line()),
            update_ready: RwSignal::new(false),
            offline_ready: RwSignal::new(false),
            registration: StoredValue::new_local(None),
            reload_requested: RwSignal::new(false),
        };
        provide_context(state);
        let online = state.online;
        let on = Closure::<dyn Fn()>::new(move || online.set(true));
        let off = Closure::<dyn Fn()>::new(move || online.set(false));
        let _ = window().add_event_listener_with_callback("online", on.as_ref().unchecked_ref());
        let _ = window().add_event_listener_with_callback("offline", off.as_ref().unchecked_ref());
        on.forget();
        off.forget();
        if service_worker_available() {
            let stale = crate::ui::shell::state::use_app().stale;
            spawn_local(state.register(stale));
        }
        state
    }

    /// Register the worker; `stale` is set when a new release takes over because of another tab.
    async fn register(self, stale: RwSignal<bool>) {
        let container = window().navigator().service_worker();
        // a first visit registers after the first render and the page's own downloads: installing fetches the
        // whole build once, which should not compete with what the visitor is waiting for
        if container.controller().is_none() {
            gloo_timers::future::TimeoutFuture::new(1500).await;
        }
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(container.register("/sw.js")).await
        else {
            return; // no service worker in this build (debug) or the browser refused: the app still works online
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        let has_controller = move || window().navigator().service_worker().controller().is_some();
        if reg.waiting().is_some() && has_controller() {
            self.update_ready.set(true);
        }
        self.offline_ready
            .set(has_controller() || reg.active().is_some());
        let update_ready = self.update_ready;
        let offline_ready = self.offline_ready;
        let reg2 = reg.clone();
        let on_update = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let w = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || match w.state() {
                ServiceWorkerState::Installed if has_controller() => update_ready.set(true),
                ServiceWorkerState::Activated => offline_ready.set(true),
                _ => {}
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
        // once the new version has taken over (after the user's choice), load it whole; taken over because of
        // another tab, this tab runs the old release (the first visit's takeover is neither)
        let requested = self.reload_requested;
        let controlled_before = std::cell::Cell::new(has_controller());
        let reload = Closure::<dyn Fn()>::new(move || {
            offline_ready.set(true);
            if requested.get_untracked() {
                let _ = window().location().reload();
            } else if controlled_before.replace(true) {
                stale.set(true);
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        self.registration.set_value(Some(reg));
    }

    /// Let the waiting version take over; the page reloads when it has.
    pub fn activate_update(&self) {
        if let Some(w) = self
            .registration
            .with_value(|r| r.as_ref().and_then(|r| r.waiting()))
        {
            self.reload_requested.set(true);
            let _ = w.post_message(&"skip-waiting".into());
        }
    }
}

/// The header's status: offline (with what still works), and a new version ready to load.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let state = use_context::<OfflineState>().expect("OfflineState started by App");
    view! {
        <Show when=move || !state.online.get()>
            <p class="net-state" role="status" id="net-state">
                <span aria-hidden="true">"⚠ "</span>"Offline"
                {move || if state.offline_ready.get() { " – appen och dina data fungerar ändå" } else { " – sidor som inte laddats kan saknas" }}
            </p>
        </Show>
        <Show when=move || state.update_ready.get()>
            <p class="update-ready" role="status" id="update-ready">"En ny version av verksam finns. "
                <button type="button" on:click=move |_| state.activate_update()>"Ladda om nu"</button>
            </p>
        </Show>
    }
}
