//! Small view pieces shared by the features: badges, charts, text helpers, copying a link, the follow-up checkboxes, what a page shows
//! while its document loads.

pub mod badges;
pub mod charts;
pub mod confirm;
pub mod copy;
pub mod follow_up;
pub mod loading;
pub mod plan_title;
pub mod text;
pub mod timeline;
pub mod window;

/// Focus the element with `id` once the frame that draws it has run (a view set up now is in the DOM by then).
/// Here, so the widgets and the shell share it without the widgets depending on the shell.
pub fn focus_later(id: String) {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
