//! When a measure is followed up, as checkboxes named like the periods (*Tertial 1 · Delår april · Delår augusti ·
//! Helår*) instead of codes to type. Codes the form does not offer (MÅNAD, a code from a document) are kept and
//! named beside them.

use crate::domain::period::FollowUp;
use leptos::prelude::*;

/// The follow-up checkboxes for `current`; `on_change` gets the whole new list at each click. `id` prefixes the
/// boxes' ids (two forms may be on one page).
#[component]
pub fn FollowUpChecks(
    id: &'static str,
    current: Vec<FollowUp>,
    on_change: Callback<Vec<FollowUp>>,
) -> impl IntoView {
    let list = RwSignal::new(current);
    let others = move || {
        list.with(|l| {
            let offered: Vec<FollowUp> = FollowUp::choices().into_iter().map(|(f, _)| f).collect();
            let rest: Vec<FollowUp> = l.iter().filter(|f| !offered.contains(f)).cloned().collect();
            (!rest.is_empty()).then(|| format!("Även: {}.", FollowUp::list_words(&rest)))
        })
    };
    view! {
        <fieldset class="follow-up" id=id>
            <legend>"Följs upp"</legend>
            <div class="follow-up-boxes">
                {FollowUp::choices().into_iter().enumerate().map(|(i, (f, name))| {
                    let checked_f = f.clone();
                    view! {
                        <label class="check"><input type="checkbox" id=format!("{id}-{i}")
                            prop:checked=move || list.with(|l| l.contains(&checked_f))
                            on:change=move |ev| {
                                let next = list.with_untracked(|l| FollowUp::toggled(l, &f, event_target_checked(&ev)));
                                list.set(next.clone());
                                on_change.run(next);
                            }/>" "{name}</label>
                    }
                }).collect_view()}
            </div>
            {move || others().map(|t| view! { <p class="muted">{t}</p> })}
            {move || list.with(Vec::is_empty).then(|| view! { <p class="muted">{FollowUp::NONE_CHOSEN}</p> })}
        </fieldset>
    }
}
