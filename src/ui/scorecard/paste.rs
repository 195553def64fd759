//! *Rapportera period*'s paste preview: what a block pasted from Excel would change, each changed row with its
//! grade before and after, each cell that does not read with why, and the choice: apply, skip the cells that do
//! not read, or cancel (Esc).

use crate::domain::measure::Grade;
use crate::domain::scorecard::grid::{Col, PastePreview};
use crate::ui::widgets::badges::grade_badge;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Rows of the preview's table shown at most; the rest are counted.
const PREVIEW_ROWS: usize = 100;

/// A paste waiting for the user's choice, with where it went and each changed row's grade before and after.
#[derive(Clone)]
pub struct Pending {
    pub preview: PastePreview,
    pub grades: Vec<(usize, Grade, Grade)>,
    pub texts: BTreeMap<usize, String>,
    pub anchor: (usize, Col),
}

/// What a paste would do, and the choice: apply, skip the cells that do not read, or cancel.
#[component]
pub fn PastePanel(
    pd: Pending,
    /// The plan's word for its measures ("Styrmått").
    word: String,
    apply: impl Fn(bool) + Copy + Send + Sync + 'static,
    cancel: impl Fn((usize, Col)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let Pending {
        preview,
        grades,
        texts,
        anchor,
    } = pd;
    let name = move |r: usize| texts.get(&r).cloned().unwrap_or_default();
    let n_bad = preview.bad.len();
    let n_changes = preview.changes.len();
    // changes grouped by row, in row order
    let mut by_row: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for c in &preview.changes {
        by_row.entry(c.row).or_default().push(format!(
            "{}: {} → {}",
            c.col.label(),
            c.before,
            c.after
        ));
    }
    let grade_of: BTreeMap<usize, (Grade, Grade)> =
        grades.into_iter().map(|(r, a, b)| (r, (a, b))).collect();
    let more = by_row.len().saturating_sub(PREVIEW_ROWS);
    let bad = preview
        .bad
        .iter()
        .map(|b| {
            view! { <li>{format!("Rad {}, {}, {}: {}", b.row + 1, name(b.row), b.col.label(), b.reason)}</li> }
        })
        .collect_view();
    let rows = by_row
        .into_iter()
        .take(PREVIEW_ROWS)
        .map(|(r, changes)| {
            let grade = grade_of.get(&r).map(|&(a, b)| {
                view! { {grade_badge(a)}<span aria-label="blir">" → "</span>{grade_badge(b)} }
            });
            view! {
                <tr>
                    <th scope="row">{name(r)}</th>
                    <td>{changes.join("; ")}</td>
                    <td class="grade">{grade}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card paste-preview" id="paste-preview" aria-labelledby="paste-h"
            on:keydown=move |ev| if ev.key() == "Escape" { cancel(anchor) }>
            <h2 id="paste-h" tabindex="-1">"Klistra in från Excel"</h2>
            <p id="paste-summary">{preview.summary()}</p>
            {(n_bad > 0).then(|| view! {
                <div class="error" role="alert" id="paste-bad">
                    <p>{format!("Inget är ändrat: {n_bad} {} kan inte läsas. Rätta {} i Excel och klistra in igen, eller hoppa över {}.",
                        if n_bad == 1 { "cell" } else { "celler" }, if n_bad == 1 { "den" } else { "dem" }, if n_bad == 1 { "den" } else { "dem" })}</p>
                    <ul>{bad}</ul>
                </div>
            })}
            {(n_changes > 0).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Ändringar">
                <table class="paste-changes">
                    <thead><tr><th scope="col">{word}</th><th scope="col">"Ändras"</th><th scope="col">"Bedömning"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
                {(more > 0).then(|| view! { <p class="muted">{format!("… och {more} rader till.")}</p> })}
            })}
            <div class="row">
                {if n_changes == 0 {
                    view! { <p>"Inget att ändra."</p> }.into_any()
                } else if n_bad == 0 {
                    view! { <button type="button" class="primary" id="paste-apply" on:click=move |_| apply(false)>{format!("Tillämpa {n_changes} {}", if n_changes == 1 { "ändring" } else { "ändringar" })}</button> }.into_any()
                } else {
                    view! { <button type="button" id="paste-skip" on:click=move |_| apply(true)>{format!("Hoppa över {} och tillämpa {n_changes} {}", if n_bad == 1 { "den felaktiga cellen" } else { "de felaktiga cellerna" }, if n_changes == 1 { "ändring" } else { "ändringar" })}</button> }.into_any()
                }}
                <button type="button" id="paste-cancel" on:click=move |_| cancel(anchor)>"Avbryt"</button>
            </div>
        </section>
    }
}
