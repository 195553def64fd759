//! Copying a link for the reader to share.

use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Kopiera länk": the link to the clipboard, and a word that it is there (or how to copy it by hand).
#[component]
pub fn CopyLink(link: Signal<String>) -> impl IntoView {
    let said = RwSignal::new(None::<Result<(), ()>>);
    let copy = move |_| {
        let text = link.get_untracked();
        spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&text);
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            said.set(Some(if ok { Ok(()) } else { Err(()) }));
        });
    };
    view! {
        <button type="button" id="copy-link" on:click=copy>"Kopiera länk"</button>
        <span role="status" class="copy-said">{move || said.get().map(|r| match r {
            Ok(()) => " Länken är kopierad.",
            Err(()) => " Webbläsaren tillät inte kopiering: markera länken och kopiera den (Ctrl+C).",
        })}</span>
    }
}
