//! A destructive action that cannot be undone, confirmed in the page instead of with the browser's `confirm()`:
//! the button opens its question beside it with the action and *Avbryt* (focused, so Enter does not destroy).
//! Actions that can be undone do not ask; they say what was done and offer *Ångra*.

use super::focus_later;
use leptos::prelude::*;

#[component]
pub fn ConfirmButton(
    /// A unique id stem for the button and its question.
    #[prop(into)]
    id: String,
    /// The button's text ("Radera all data").
    label: &'static str,
    /// The question, with what is lost ("Radera alla 10 planer …? Det går inte att ångra.").
    #[prop(into)]
    question: Signal<String>,
    /// The confirming button's text ("Ja, radera allt").
    yes: &'static str,
    on_confirm: Callback<()>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional, into)] describedby: Option<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let q_id = format!("{id}-fraga");
    let no_id = format!("{id}-avbryt");
    let yes_id = format!("{id}-ja");
    let no_focus = no_id.clone();
    let back = StoredValue::new(id.clone());
    let close = move || {
        open.set(false);
        focus_later(back.get_value());
    };
    view! {
        <button type="button" class="danger" id=id aria-expanded=move || open.get().to_string()
            aria-describedby=describedby disabled=move || disabled.get()
            on:click=move |_| { open.set(true); focus_later(no_focus.clone()); }>{label}</button>
        {move || open.get().then(|| {
            let (q1, q2) = (q_id.clone(), q_id.clone());
            view! {
                <div class="confirm-inline" role="group" aria-labelledby=q1
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { close(); }>
                    <p id=q2>{move || question.get()}</p>
                    <button type="button" class="danger" id=yes_id.clone()
                        on:click=move |_| { open.set(false); on_confirm.run(()); }>{yes}</button>
                    <button type="button" id=no_id.clone() on:click=move |_| close()>"Avbryt"</button>
                </div>
            }
        })}
    }
}
