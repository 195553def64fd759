//! The editing state of the open tariff ([`TariffCtx`]): every change goes through [`TariffCtx::apply`], which
//! records undo history and saves to storage shortly after. The volume index is rebuilt only when volumes
//! change; a price edit recomputes the totals over the rows alone.

use super::state::{now_iso, now_ms, AppState, SaveState, TariffSummary};
use crate::domain::history::History;
use crate::domain::tariff::{Tariff, Totals, VolumeIndex};
use crate::storage::Repository;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::rc::Rc;

#[derive(Clone, Copy)]
pub struct TariffCtx {
    app: AppState,
    pub tariff: RwSignal<Option<Tariff>>,
    /// Bumped when volumes change, so the index is rebuilt.
    vol_rev: RwSignal<u64>,
    /// Bumped when a change did not come from typing (undo, proposal, import): inputs re-read their values.
    pub rev: RwSignal<u64>,
    pub index: Memo<VolumeIndex>,
    pub totals: Memo<Option<Totals>>,
    history: StoredValue<History<Tariff>, LocalStorage>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    save_gen: StoredValue<Rc<Cell<u64>>, LocalStorage>,
}

pub fn use_tariff_ctx() -> TariffCtx {
    use_context::<TariffCtx>().expect("TariffCtx provided by the tariff page")
}

impl TariffCtx {
    fn new(app: AppState) -> Self {
        let tariff = RwSignal::new(None::<Tariff>);
        let vol_rev = RwSignal::new(0u64);
        let index = Memo::new(move |_| {
            vol_rev.track();
            tariff.with_untracked(|t| t.as_ref().map(VolumeIndex::new).unwrap_or_default())
        });
        let totals = Memo::new(move |_| {
            let idx = index.get();
            tariff.with(|t| t.as_ref().map(|t| Totals::new(t, &idx)))
        });
        TariffCtx {
            app,
            tariff,
            vol_rev,
            rev: RwSignal::new(0),
            index,
            totals,
            history: StoredValue::new_local(History::new(100, 1500.0)),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            save_gen: StoredValue::new_local(Rc::new(Cell::new(0))),
        }
    }

    /// The context of a page showing the tariff named by the route's `:id`, loaded from storage, with
    /// Ctrl+Z / Ctrl+Shift+Z bound. The signal says the tariff does not exist.
    pub fn for_route(app: AppState) -> (TariffCtx, RwSignal<bool>) {
        let params = leptos_router::hooks::use_params_map();
        let ctx = TariffCtx::new(app);
        provide_context(ctx);
        let missing = RwSignal::new(false);
        Effect::new(move |_| {
            let id = params.read().get("id").unwrap_or_default();
            if !app.ready.get() {
                return;
            }
            spawn_local(async move {
                match app.repo().load_tariff(&id).await {
                    Ok(Some(t)) => {
                        ctx.tariff.set(Some(t));
                        ctx.vol_rev.update(|r| *r += 1);
                        app.save.set(SaveState::Idle);
                    }
                    Ok(None) => missing.set(true),
                    Err(e) => {
                        app.notify(e.to_string());
                        missing.set(true);
                    }
                }
            });
        });
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            let key = ev.key().to_lowercase();
            if !(ev.ctrl_key() || ev.meta_key()) {
                return;
            }
            if key == "z" && !ev.shift_key() {
                ev.prevent_default();
                ctx.step(true);
            } else if (key == "z" && ev.shift_key()) || key == "y" {
                ev.prevent_default();
                ctx.step(false);
            }
        });
        on_cleanup(move || handle.remove());
        (ctx, missing)
    }

    /// Apply a change. `key` names the field for typing coalescence (None = a step of its own, and inputs
    /// re-read the tariff); `volumes` says the volumes changed.
    pub fn apply(&self, key: Option<String>, volumes: bool, f: impl FnOnce(&mut Tariff)) {
        let now = now_ms();
        let Some(mut next) = self.tariff.get_untracked() else {
            return;
        };
        f(&mut next);
        next.updated_at = now_iso();
        let coalesce = self
            .history
            .with_value(|h| h.coalesces(key.as_deref(), now));
        if coalesce {
            self.history.update_value(|h| h.extend_last(now));
        } else if let Some(before) = self.tariff.get_untracked() {
            let structural = key.is_none();
            self.history.update_value(|h| h.record(before, key, now));
            if structural {
                self.rev.update(|r| *r += 1);
            }
        }
        self.tariff.set(Some(next));
        if volumes {
            self.vol_rev.update(|r| *r += 1);
        }
        self.after_change();
    }

    /// Undo (`true`) or redo one step.
    pub fn step(&self, undo: bool) {
        let Some(cur) = self.tariff.get_untracked() else {
            return;
        };
        let other = self
            .history
            .try_update_value(|h| if undo { h.undo(cur) } else { h.redo(cur) })
            .flatten();
        if let Some(t) = other {
            self.tariff.set(Some(t));
            self.rev.update(|r| *r += 1);
            self.vol_rev.update(|r| *r += 1);
            self.after_change();
        }
    }

    fn after_change(&self) {
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        let app = self.app;
        app.save.set(SaveState::Saving);
        let Some(snapshot) = self.tariff.get_untracked() else {
            return;
        };
        let counter = self.save_gen.get_value();
        let gen = counter.get() + 1;
        counter.set(gen);
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(150).await;
            if counter.get() != gen {
                return; // a newer change will save
            }
            let result = app.repo().save_tariff(&snapshot).await;
            if counter.get() != gen {
                return;
            }
            match result {
                Ok(()) => {
                    app.save.set(SaveState::Saved);
                    let summary = TariffSummary::from(&snapshot);
                    app.tariffs.update(|list| {
                        if let Some(s) = list.iter_mut().find(|s| s.id == summary.id) {
                            *s = summary;
                        }
                    });
                }
                Err(e) => app.save.set(SaveState::Failed(e.to_string())),
            }
        });
    }
}

/// What a tariff page shows until its tariff is loaded, or when the route names no stored tariff.
pub fn loading_or_missing(missing: RwSignal<bool>) -> impl IntoView {
    move || {
        if missing.get() {
            view! { <h1>"Taxan finns inte"</h1><p><a href="/taxor">"Till taxorna"</a></p> }
                .into_any()
        } else {
            view! { <p class="muted">"Laddar taxan…"</p> }.into_any()
        }
    }
}
