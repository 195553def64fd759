//! What an import would do, as a table: each plan, tariff and rule set of the file with its organisation and
//! period, when it was changed in the file and here, its status (*ny*, *identisk*, *filen nyare*, *sparad
//! nyare*) and the user's choice for it. Identical records are skipped and nothing stored is replaced unless
//! the user chooses it for the row (or for every row where the file is newer).

use crate::domain::import::{choice_of, Choice, Choices, RecordKind, Row, Status, Tally};
use crate::ui::shell::browser::local_time;
use leptos::prelude::*;

/// A row with its place in the file (for ids).
type Numbered = (usize, Row);

/// Shows the table for a validated file.
#[component]
pub fn ImportDialog(
    /// The file's name, as the user picked it.
    file_name: String,
    /// One row per record of the file.
    rows: Vec<Row>,
    /// Called with the user's choices; `None` cancels.
    on_choose: Callback<Option<Choices>>,
) -> impl IntoView {
    let rows = StoredValue::new(rows);
    let choices = RwSignal::new(Choices::new());
    let count = |kind: RecordKind| rows.with_value(|r| r.iter().filter(|x| x.kind == kind).count());
    let (plans, tariffs) = (count(RecordKind::Plan), count(RecordKind::Tariff));
    let heading = format!(
        "Filen ”{file_name}” innehåller {plans} {}{}",
        if plans == 1 { "plan" } else { "planer" },
        match tariffs {
            0 => String::new(),
            1 => " och 1 taxa".into(),
            n => format!(" och {n} taxor"),
        }
    );
    let tally = Memo::new(move |_| rows.with_value(|r| choices.with(|c| Tally::of(r, c))));
    let file_newer =
        rows.with_value(|r| r.iter().filter(|x| x.status == Status::FileNewer).count());
    let replace_newer = move |_| {
        choices.update(|c| {
            rows.with_value(|r| {
                for x in r.iter().filter(|x| x.status == Status::FileNewer) {
                    c.insert(x.key(), Choice::Replace);
                }
            })
        })
    };
    // the rows that ask for a decision first, the identical ones folded away under them
    let (same, differ): (Vec<Numbered>, Vec<Numbered>) = rows.with_value(|r| {
        r.iter()
            .cloned()
            .enumerate()
            .partition(|(_, x)| x.status == Status::Identical)
    });
    let n_same = same.len();
    let table = |rows: Vec<Numbered>, caption: &'static str, head_id: Option<&'static str>| {
        view! {
            // it scrolls when long: a region the keyboard can reach and scroll
            <div class="import-table-wrap" tabindex="0" role="region" aria-label=caption>
                <table class="list import-table">
                    <caption class="sr-only">{caption}</caption>
                    <thead><tr>
                        <th scope="col">"Namn"</th>
                        <th scope="col">"Ändrad i filen"</th>
                        <th scope="col">"Ändrad här"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col" id=head_id>"Vid import"</th>
                    </tr></thead>
                    <tbody>{rows.into_iter().map(|(i, row)| view! { <ImportRow i row choices/> }).collect_view()}</tbody>
                </table>
            </div>
        }
    };
    let differ = (!differ.is_empty()).then(|| {
        table(
            differ,
            "Nya och ändrade planer och taxor i filen",
            Some("imp-col-val"),
        )
    });
    let all_same = differ.is_none();
    let same = (n_same > 0).then(|| {
        let text = if all_same {
            format!("Alla {n_same} i filen är identiska med de sparade och hoppas över – visa dem")
        } else {
            format!("{n_same} identiska med de sparade hoppas över – visa dem")
        };
        view! {
            <details class="imp-identical">
                <summary>{text}</summary>
                {table(same, "Planer och taxor i filen som är identiska med de sparade", None)}
            </details>
        }
    });
    view! {
        <section class="card import-preview" role="dialog" aria-modal="false" aria-labelledby="preview-h">
            <h3 id="preview-h">{heading}</h3>
            <p class="muted">"Planer och taxor som är identiska med de sparade hoppas över. En sparad ersätts bara om du väljer det för raden."</p>
            {differ}
            {same}
            {(file_newer > 0).then(|| view! {
                <p><button type="button" id="import-replace-newer" on:click=replace_newer>
                    {format!("Ersätt de sparade där filen är nyare ({file_newer})")}
                </button></p>
            })}
            <p id="import-summary" aria-live="polite"><strong>{move || tally.get().sentence()}</strong></p>
            <div class="actions">
                {move || if tally.get().written() > 0 {
                    view! { <button type="button" class="primary" on:click=move |_| on_choose.run(Some(choices.get_untracked()))>"Importera"</button> }.into_any()
                } else {
                    view! { <span class="muted">"Välj vad som ska importeras i tabellen, eller stäng."</span> }.into_any()
                }}
                <button type="button" on:click=move |_| on_choose.run(None)>
                    {move || if tally.get().written() > 0 { "Avbryt" } else { "Stäng" }}
                </button>
            </div>
        </section>
    }
}

/// One record: its name and what tells it apart, times of change, status and choice.
#[component]
fn ImportRow(i: usize, row: Row, choices: RwSignal<Choices>) -> impl IntoView {
    let options = row.options();
    let key = row.key();
    let status = row.status;
    let name = match row.kind {
        RecordKind::Plan => row.incoming.title.clone(),
        k => format!("{}: {}", k.label(), row.incoming.title),
    };
    let stored_differs = row
        .stored
        .as_ref()
        .filter(|s| s.title != row.incoming.title || s.about != row.incoming.about)
        .map(|s| format!("Sparad: ”{}” ({})", s.title, s.about));
    let row_c = row.clone();
    let current = move || choices.with(|c| choice_of(c, &row_c));
    let label_id = format!("imp-{i}-namn");
    let status_class = match status {
        Status::New => "imp-status new",
        Status::Identical => "imp-status same",
        Status::FileNewer => "imp-status file",
        Status::StoredNewer => "imp-status stored",
        Status::Differs => "imp-status differs",
    };
    let status_mark = match status {
        Status::New => "+ ",
        Status::Identical => "= ",
        Status::FileNewer | Status::StoredNewer | Status::Differs => "≠ ",
    };
    let changed = |s: &str| {
        if s.is_empty() {
            "–".to_string()
        } else {
            local_time(s)
        }
    };
    view! {
        <tr>
            <th scope="row" id=label_id.clone()>
                {name}
                <span class="muted imp-about">{row.incoming.about.clone()}</span>
                {stored_differs.map(|s| view! { <span class="muted imp-about">{s}</span> })}
            </th>
            <td data-label="Ändrad i filen">{changed(&row.file_changed)}</td>
            <td data-label="Ändrad här">{row.stored_changed.as_deref().map_or("–".to_string(), changed)}</td>
            <td data-label="Status"><span class=status_class>{status_mark}{status.label()}</span></td>
            <td data-label="Vid import">
                {if status == Status::Identical {
                    view! { <span>"Hoppas över"</span> }.into_any()
                } else if options.len() == 1 {
                    view! { <span>{options[0].label()}</span> }.into_any()
                } else {
                    view! {
                        <select aria-labelledby=format!("imp-col-val {label_id}") id=format!("imp-{i}-val")
                            on:change=move |ev| {
                                if let Some(c) = Choice::from_key(&event_target_value(&ev)) {
                                    choices.update(|m| { m.insert(key.clone(), c); });
                                }
                            }
                            prop:value=move || current().key()>
                            {options.iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                        </select>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
