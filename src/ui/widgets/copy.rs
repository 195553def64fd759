//! A publication's file name and the link to share, with *Kopiera länk* (the plan's and the tariff's
//! *Publicera* both show them).

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

/// "Filnamn: …" and "Länk att dela: … [Kopiera länk]" for a publication file placed next to the app.
#[component]
pub fn FileAndLink(file: Signal<String>) -> impl IntoView {
    let link = Signal::derive(move || {
        let origin = window().location().origin().unwrap_or_default();
        crate::domain::publish::share_link(&origin, &file.get())
    });
    view! {
        <p>"Filnamn: "<code id="publish-file">{file}</code></p>
        <p class="publish-link">"Länk att dela: "<code id="publish-link">{link}</code>" "<CopyLink link=link/></p>
    }
}
