//! Browser glue shared by the pages: the clock, downloads, fetching a file of this site, a picked file, reading a bundle in slices that keep the page responsive, moving focus.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Now as RFC 3339 UTC with milliseconds.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// A stored time of change (RFC 3339) in the reader's time zone, as tables write it: "2026-12-06 10:05". A
/// text that is not a time is shown as it is.
pub fn local_time(rfc3339: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_string();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Today's date in the reader's time zone.
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
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

/// Why a file could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered with this HTTP status (404: no such file).
    Status(u16),
    /// No answer: no network, a refused request, a body that could not be read (the browser's words).
    Network(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Status(404) => write!(f, "filen finns inte (HTTP 404)"),
            Self::Status(s) => write!(f, "servern svarade HTTP {s}"),
            Self::Network(e) => write!(f, "ingen kontakt med servern ({e})"),
        }
    }
}

impl FetchError {
    /// From a rejection: index.html's early fetch rejects with the HTTP status as a number; anything else is
    /// the browser's error.
    pub fn from_js(e: &wasm_bindgen::JsValue) -> FetchError {
        match e.as_f64() {
            Some(s) if (100.0..600.0).contains(&s) => Self::Status(s as u16),
            _ => Self::Network(e.as_string().unwrap_or_else(|| format!("{e:?}"))),
        }
    }
}

/// GET a same-origin file as bytes.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, FetchError> {
    bytes_of(window().fetch_with_str(path)).await
}

/// The body of a fetch already under way (a promise of a `Response`).
async fn bytes_of(fetching: js_sys::Promise) -> Result<Vec<u8>, FetchError> {
    let resp = wasm_bindgen_futures::JsFuture::from(fetching)
        .await
        .map_err(|e| FetchError::from_js(&e))?;
    let resp: web_sys::Response = resp.unchecked_into();
    if !resp.ok() {
        return Err(FetchError::Status(resp.status()));
    }
    let buf = wasm_bindgen_futures::JsFuture::from(
        resp.array_buffer().map_err(|e| FetchError::from_js(&e))?,
    )
    .await
    .map_err(|e| FetchError::from_js(&e))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Read and validate a bundle an item at a time ([`crate::domain::bundle::Import`]), giving the browser a turn
/// about every 40 ms so the page stays responsive on a large file; `progress` hears (items read, items in all)
/// at each pause.
pub async fn read_bundle_in_slices(
    bytes: &[u8],
    progress: impl Fn(usize, usize),
) -> Result<crate::domain::workspace::Workspace, crate::domain::error::LocatedError> {
    let mut job = crate::domain::bundle::Import::start(bytes)?;
    let mut slice_began = now_ms();
    while !job.step()? {
        if now_ms() - slice_began > 40.0 {
            progress(job.done(), job.total());
            gloo_timers::future::TimeoutFuture::new(0).await;
            slice_began = now_ms();
        }
    }
    Ok(job.finish())
}

/// Focus an element once the frame that draws it has run (one definition, in the widgets).
pub use crate::ui::widgets::focus_later;
/// Read a picked file's bytes.
pub async fn read_picked(ev: &leptos::ev::Event) -> Option<(String, Vec<u8>)> {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let file = input.files().and_then(|l| l.get(0))?;
    input.set_value("");
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buf).to_vec()))
}
