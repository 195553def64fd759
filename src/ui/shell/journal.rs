//! Changes that were not yet written when the page was hidden or closed. A write to IndexedDB takes several
//! turns of the event loop, and a page that is being reloaded or closed gets none after `pagehide`; so the open
//! document's pending state is also kept, synchronously, in `localStorage` (its record text and the revision it
//! is based on). The next start writes it, before any page reads the record, if the record is still at that
//! revision; if another tab changed it meanwhile, the kept version is saved as a copy instead, so nothing is
//! lost and nothing is overwritten unasked. A successful write forgets the kept state.

use crate::storage::{Expect, Kind, Op, Repository, Rev, WriteBatch};
use crate::ui::shell::state::AppState;

const PREFIX: &str = "verksam-unsaved:";
/// Larger records are not kept here (localStorage holds about 5 MB per site); their write is still started.
const MAX_KEPT_BYTES: usize = 2_000_000;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn key_of(kind: Kind, id: &str) -> String {
    format!("{PREFIX}{}/{id}", kind.store())
}

/// Keep `text`, the record of `id` based on revision `base`, until it is written.
pub fn keep(kind: Kind, id: &str, base: Option<Rev>, text: &str) {
    if text.len() > MAX_KEPT_BYTES {
        return;
    }
    if let Some(s) = storage() {
        let base = base.map_or("-".to_string(), |b| b.to_string());
        let _ = s.set_item(&key_of(kind, id), &format!("{base}\n{text}"));
    }
}

/// The record of `id` has been written (or the user dropped the changes): nothing to keep.
pub fn forget(kind: Kind, id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&key_of(kind, id));
    }
}

/// Whether an earlier page kept changes that are not written yet (cheap: the writing code is loaded only then).
pub fn pending() -> bool {
    storage().is_some_and(|s| {
        (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .any(|k| k.starts_with(PREFIX))
    })
}

in_chunk!(
    plans,
    /// Write what earlier pages kept (see the module's doc), then save as copies what could not be written
    /// because its record changed meanwhile. In the plan pages' chunk: a start with nothing kept never loads it.
    pub async fn write_kept(app: AppState) {
        let kept = replay(&app).await;
        if !kept.is_empty() {
            // the ids in use, for the copies' new ids
            let _ = app.refresh().await;
            save_as_copies(app, kept).await;
        }
    }
);

/// Write what earlier pages kept. Returns the kept versions that could not be written because the record had
/// changed since (kind, id, text): the caller saves those as copies.
async fn replay(app: &AppState) -> Vec<(Kind, String, String)> {
    let Some(s) = storage() else {
        return vec![];
    };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    let mut conflicts = vec![];
    for k in keys {
        let Some(Some(value)) = s.get_item(&k).ok() else {
            continue;
        };
        let _ = s.remove_item(&k);
        let Some((store, id)) = k[PREFIX.len()..].split_once('/') else {
            continue;
        };
        let Some(kind) = Kind::ALL.into_iter().find(|x| x.store() == store) else {
            continue;
        };
        let Some((base, text)) = value.split_once('\n') else {
            continue;
        };
        let base: Option<Rev> = base.parse().ok();
        let current = match app.repo().record_at(kind, id).await {
            Ok(c) => c,
            Err(_) => {
                // keep it for the next start
                let _ = s.set_item(&k, &value);
                continue;
            }
        };
        match current {
            Some((stored, _)) if stored == text => {} // written after all
            Some((_, rev)) if Some(rev) == base => {
                // the text was encoded (and validated) as the page closed: written as it is, if still on its base
                let ops = vec![Op {
                    kind,
                    key: id.to_string(),
                    value: Some(text.to_string()),
                    must_be_new: false,
                }];
                let expect = [Expect {
                    kind,
                    key: id.to_string(),
                    rev,
                }];
                match app.repo().commit_ops(ops, &expect).await {
                    Ok(revs) => app.announce(&revs),
                    Err(_) => conflicts.push((kind, id.to_string(), text.to_string())),
                }
            }
            _ => conflicts.push((kind, id.to_string(), text.to_string())),
        }
    }
    conflicts
}

/// Save kept versions that could not be written (their record changed in another tab meanwhile) as copies
/// under new ids, and say so.
async fn save_as_copies(app: AppState, kept: Vec<(Kind, String, String)>) {
    use crate::domain::edit::{free_plan_id, with_suffix};
    use crate::domain::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
    let mut plans = vec![];
    let mut tariffs = vec![];
    let mut names = vec![];
    for (kind, id, text) in kept {
        match kind {
            Kind::Plan => {
                if let Ok(mut p) = crate::storage::decode(&id, &text) {
                    let mut taken = app.plan_ids();
                    taken.extend(
                        plans
                            .iter()
                            .map(|p: &crate::domain::plan::Plan| p.id.clone()),
                    );
                    p.id = free_plan_id(&format!("{id}-osparad"), &taken);
                    p.title = with_suffix(&p.title, " (osparad version)", MAX_TEXT_CHARS);
                    names.push(format!("”{}”", p.title));
                    plans.push(p);
                }
            }
            Kind::Tariff => {
                if let Ok(mut t) = crate::storage::decode_tariff(&id, &text) {
                    let mut taken = app.tariff_ids();
                    taken.extend(
                        tariffs
                            .iter()
                            .map(|t: &crate::domain::tariff::Tariff| t.id.clone()),
                    );
                    t.id = free_plan_id(&format!("{id}-osparad"), &taken);
                    t.name = with_suffix(&t.name, " (osparad version)", MAX_NAME_CHARS);
                    names.push(format!("”{}”", t.name));
                    tariffs.push(t);
                }
            }
            Kind::RuleSet => {}
        }
    }
    if names.is_empty() {
        return;
    }
    let saved = app
        .write(WriteBatch {
            add_new: &plans,
            put_tariffs: &tariffs,
            ..Default::default()
        })
        .await;
    let _ = app.refresh().await;
    match saved {
            Ok(()) => app.notify(format!(
                "Ändringar som inte hann sparas innan en flik stängdes har sparats som {}: originalet hade ändrats på annat håll under tiden.",
                names.join(", ")
            )),
            Err(e) => app.notify(format!("Ändringar från en stängd flik kunde inte sparas: {e}")),
        }
}
