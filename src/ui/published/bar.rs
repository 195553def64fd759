//! The published view's bar: links to the page's sections (Resultat · Styrkort · Aktiviteter · Taxa …) and one
//! "Mer" menu that holds what a reader rarely needs (the printed report, the presentation, exports, saving a
//! copy, the app's own pages). It stays at the top of the screen while the reader scrolls.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Move the reader to a section: scroll its heading into view and give it the focus (headings are focusable
/// with `tabindex="-1"`, so a screen reader continues from there).
fn go_to(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        el.scroll_into_view_with_bool(true);
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            if el.get_attribute("tabindex").is_none() {
                let _ = el.set_attribute("tabindex", "-1");
            }
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = el.focus_with_options(&opts);
        }
    }
}

/// The bar: `sections` are (heading id, link text) in page order; `children` are the "Mer" menu's items.
/// Choosing an item, Esc or a click elsewhere closes the menu.
#[component]
pub fn PageBar(sections: Vec<(&'static str, &'static str)>, children: Children) -> impl IntoView {
    let menu = NodeRef::<html::Details>::new();
    let close = move || {
        if let Some(d) = menu.get_untracked() {
            d.set_open(false);
        }
    };
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        let (Some(d), Some(t)) = (menu.get_untracked(), ev.target()) else {
            return;
        };
        if let Ok(node) = t.dyn_into::<web_sys::Node>() {
            if !d.contains(Some(&node)) {
                d.set_open(false);
            }
        }
    });
    on_cleanup(move || outside.remove());
    view! {
        <div class="page-bar no-print">
            <nav class="page-nav" aria-label="På sidan">
                <ul>
                    {sections.into_iter().map(|(id, label)| view! {
                        <li><a href=format!("#{id}") on:click=move |ev| {
                            ev.prevent_default();
                            go_to(id);
                        }>{label}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
            <details class="more-menu" node_ref=menu on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    close();
                    if let Some(s) = menu.get_untracked().and_then(|d| d.query_selector("summary").ok().flatten()) {
                        if let Ok(s) = s.dyn_into::<web_sys::HtmlElement>() {
                            let _ = s.focus();
                        }
                    }
                }
            }>
                <summary id="more-menu">"Mer"</summary>
                // a click on an item (not on a select, which needs the menu to stay open) closes the menu
                <div class="more-items" on:click=move |ev| {
                    let on_button = ev.target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|e| e.closest("button, a").ok().flatten().is_some());
                    if on_button {
                        close();
                    }
                }>
                    {children()}
                </div>
            </details>
        </div>
    }
}

/// The app's own pages, for a reader who goes on to work with plans of their own.
pub fn app_links() -> impl IntoView {
    view! {
        <p class="more-label">"Appen"</p>
        <a href="/">"Planer"</a>
        <a href="/taxor">"Taxor"</a>
        <a href="/data">"Import och export"</a>
    }
}
