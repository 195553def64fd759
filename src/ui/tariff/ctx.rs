//! The editing state of the open tariff ([`TariffCtx`]): the tariff's [`EditCtx`] (every change goes through
//! [`TariffCtx::apply`]: checked, undoable, saved) and what the tariff pages compute from it. The volume index
//! is rebuilt only when volumes change; a price edit recomputes the totals over the rows alone.

use crate::domain::draft::EditKey;
use crate::domain::tariff::{Tariff, TariffKind, Totals, VolumeIndex, VolumeRow, VolumeSource};
use crate::ui::shell::edit_ctx::EditCtx;
use crate::ui::shell::state::AppState;
use crate::ui::widgets::loading::not_shown;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct TariffCtx {
    pub edit: EditCtx<Tariff>,
    pub tariff: RwSignal<Option<Tariff>>,
    /// Bumped when volumes change, so the index is rebuilt.
    vol_rev: RwSignal<u64>,
    /// Bumped when a change did not come from typing (undo, proposal, import, another tab's version): inputs
    /// re-read their values.
    pub rev: RwSignal<u64>,
    pub index: Memo<VolumeIndex>,
    pub totals: Memo<Option<Totals>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// A jour tariff without volumes of its own is weighed by its normal tariff's.
    pub borrowed: RwSignal<Option<Borrowed>>,
}

/// Volumes a jour tariff borrows from its normal tariff.
#[derive(Clone, PartialEq)]
pub struct Borrowed {
    /// The normal tariff's id and name.
    pub id: String,
    pub from: String,
    pub source: VolumeSource,
    pub volumes: Vec<VolumeRow>,
}

pub fn use_tariff_ctx() -> TariffCtx {
    use_context::<TariffCtx>().expect("TariffCtx provided by the tariff page")
}

impl TariffCtx {
    fn new(app: AppState) -> Self {
        let edit = EditCtx::<Tariff>::new(app, 100);
        let tariff = edit.doc;
        let vol_rev = RwSignal::new(0u64);
        let rev = edit.rev;
        let borrowed = RwSignal::new(None::<Borrowed>);
        let index = Memo::new(move |_| {
            vol_rev.track();
            // a change that is not typing may have changed the volumes too (undo, another tab's version)
            rev.track();
            borrowed.with(|b| {
                tariff.with_untracked(|t| {
                    t.as_ref()
                        .map(|t| match b {
                            Some(b) if t.volumes.is_empty() => VolumeIndex::of(t, &b.volumes),
                            _ => VolumeIndex::new(t),
                        })
                        .unwrap_or_default()
                })
            })
        });
        // the normal tariff whose volumes a jour tariff without its own borrows
        let wanted = Memo::new(move |_| {
            tariff.with(|t| {
                t.as_ref()
                    .filter(|t| t.kind == TariffKind::Jour && t.volumes.is_empty())
                    .and_then(|t| t.normal_id.clone())
            })
        });
        Effect::new(move |_| {
            let Some(id) = wanted.get() else {
                if borrowed.with_untracked(Option::is_some) {
                    borrowed.set(None);
                }
                return;
            };
            if borrowed.with_untracked(|b| b.as_ref().is_some_and(|b| b.id == id)) {
                return;
            }
            leptos::task::spawn_local(async move {
                if let Ok(Some(n)) =
                    crate::storage::Repository::load_tariff(&*app.repo(), &id).await
                {
                    if !n.volumes.is_empty() {
                        borrowed.set(Some(Borrowed {
                            id,
                            from: n.name,
                            source: n.volume_source,
                            volumes: n.volumes,
                        }));
                    }
                }
            });
        });
        let totals = Memo::new(move |_| {
            let idx = index.get();
            tariff.with(|t| t.as_ref().map(|t| Totals::new(t, &idx)))
        });
        TariffCtx {
            edit,
            tariff,
            vol_rev,
            rev,
            index,
            totals,
            can_undo: edit.can_undo,
            can_redo: edit.can_redo,
            borrowed,
        }
    }

    /// The context of a page showing the tariff named by the route's `:id`, loaded from storage (see
    /// [`EditCtx::for_route`]). The signal says why the tariff cannot be shown.
    pub fn for_route(app: AppState) -> (TariffCtx, RwSignal<Option<String>>) {
        let ctx = TariffCtx::new(app);
        provide_context(ctx);
        let missing = ctx.edit.for_route();
        (ctx, missing)
    }

    /// Apply a change. `key` names the field for typing coalescence and where a refusal is shown (None = a step
    /// of its own, and inputs re-read the tariff); `volumes` says the volumes changed. Returns whether it was
    /// applied.
    pub fn apply(&self, key: Option<EditKey>, volumes: bool, f: impl FnOnce(&mut Tariff)) -> bool {
        let mut f = Some(f);
        let applied = self.edit.apply_dyn(key, &mut |t| {
            (f.take().expect("called once"))(t);
            Ok(())
        });
        if applied && volumes {
            self.vol_rev.update(|r| *r += 1);
        }
        applied
    }

    /// Whether the volumes weighed are made up (the demo's equal volumes): amounts are then no real revenue.
    pub fn assumed_volumes(&self) -> bool {
        self.volume_source().is_some_and(|s| s.is_assumption())
    }

    /// Where the volumes weighed come from: the tariff's own, or its normal tariff's for a jour tariff without
    /// volumes of its own.
    pub fn volume_source(&self) -> Option<VolumeSource> {
        if let Some(b) = self.borrowed.with(|b| b.as_ref().map(|b| b.source.clone())) {
            return Some(b);
        }
        self.tariff
            .with(|t| t.as_ref().map(|t| t.volume_source.clone()))
    }

    /// Undo (`true`) or redo one step.
    pub fn step(&self, undo: bool) {
        if undo {
            self.edit.undo();
        } else {
            self.edit.redo();
        }
    }
}

/// What a tariff page shows until its tariff is loaded, or when the route names no stored tariff.
pub fn loading_or_missing(missing: RwSignal<Option<String>>) -> impl IntoView {
    not_shown(missing, "Taxan", ("/taxor", "Till taxorna"))
}
