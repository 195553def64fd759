//! App-wide state in context, and the few browser helpers the pages share (clock, download, fetch).

pub use crate::storage::TariffSummary;
use crate::storage::{AnyRepository, PlanSummary, Repository, StorageError};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Whether the latest change has reached storage.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

/// A short message with an optional undo action (the start page's "Planen togs bort. Ångra").
#[derive(Clone)]
pub struct Notice {
    pub text: String,
    pub undo: Option<Callback<()>>,
}

/// Shared state, read through [`use_app`].
#[derive(Clone, Copy)]
pub struct AppState {
    repo: StoredValue<Option<Rc<AnyRepository>>, LocalStorage>,
    pub ready: RwSignal<bool>,
    /// True when IndexedDB was refused and data lives only in memory.
    pub memory_only: RwSignal<bool>,
    pub plans: RwSignal<Vec<PlanSummary>>,
    /// The stored tariffs (summaries), by name.
    pub tariffs: RwSignal<Vec<TariffSummary>>,
    pub save: RwSignal<SaveState>,
    pub notice: RwSignal<Option<Notice>>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            repo: StoredValue::new_local(None),
            ready: RwSignal::new(false),
            memory_only: RwSignal::new(false),
            plans: RwSignal::new(vec![]),
            tariffs: RwSignal::new(vec![]),
            save: RwSignal::new(SaveState::Idle),
            notice: RwSignal::new(None),
        }
    }

    pub fn set_repo(&self, repo: AnyRepository) {
        self.repo.set_value(Some(Rc::new(repo)));
    }

    /// The repository (after start-up).
    pub fn repo(&self) -> Rc<AnyRepository> {
        self.repo
            .get_value()
            .expect("repository opened before pages render")
    }

    /// Re-read the plan and tariff lists from storage.
    pub async fn refresh(&self) -> Result<(), StorageError> {
        let list = self.repo().list().await?;
        self.plans.set(list);
        self.tariffs.set(self.repo().tariff_list().await?);
        Ok(())
    }

    /// Ids of the stored tariffs (as last listed).
    pub fn tariff_ids(&self) -> std::collections::BTreeSet<String> {
        self.tariffs
            .get_untracked()
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    /// Ids of the stored plans (as last listed).
    pub fn plan_ids(&self) -> std::collections::BTreeSet<String> {
        self.plans
            .get_untracked()
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    /// Add plans that must not exist yet, in one transaction, and refresh the list.
    pub async fn add_plans(&self, plans: &[crate::domain::plan::Plan]) -> Result<(), StorageError> {
        let result = self
            .repo()
            .write(crate::storage::WriteBatch {
                add_new: plans,
                ..Default::default()
            })
            .await;
        self.refresh().await?;
        result
    }

    pub fn notify(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
        }));
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>().expect("AppState provided by App")
}

/// Now as RFC 3339 UTC with milliseconds.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Offer `bytes` as a file download.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = document();
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        let _ = doc.body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    // revoke later: some browsers read the blob after click() returns
    gloo_timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// GET a same-origin file as bytes.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    bytes_of(window().fetch_with_str(path)).await
}

/// The body of a fetch already under way (a promise of a `Response`); an HTTP error is `Err("HTTP <status>")`.
async fn bytes_of(fetching: js_sys::Promise) -> Result<Vec<u8>, String> {
    let resp = wasm_bindgen_futures::JsFuture::from(fetching)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let resp: web_sys::Response = resp.unchecked_into();
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let buf =
        wasm_bindgen_futures::JsFuture::from(resp.array_buffer().map_err(|e| format!("{e:?}"))?)
            .await
            .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Move keyboard focus to the element with this id once the DOM has been updated.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
