//! The editing state of the open plan ([`PlanCtx`]): every change goes through [`PlanCtx::apply`], which
//! records undo history and saves to storage.

use super::state::{focus_later, now_iso, now_ms, AppState, SaveState};
use crate::domain::edit::EditError;
use crate::domain::history::History;
use crate::domain::plan::Plan;
use crate::storage::{sort_summaries, PlanSummary, Repository};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;

/// Editing state of the open plan, shared by the page's components.
#[derive(Clone, Copy)]
pub struct PlanCtx {
    app: AppState,
    pub plan: RwSignal<Option<Plan>>,
    pub selected: RwSignal<Option<String>>,
    pub expanded: RwSignal<BTreeSet<String>>,
    /// Bumped when the plan changes other than by typing (undo, redo, structure), so editors re-read it.
    pub rev: RwSignal<u64>,
    history: StoredValue<History<Plan>, LocalStorage>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    save_gen: StoredValue<Rc<Cell<u64>>, LocalStorage>,
    /// A published plan being read: no edit is applied and nothing is saved; editors are not shown.
    pub read_only: bool,
}

/// What a plan page shows until its plan is loaded, or when the route names no stored plan.
pub fn loading_or_missing(missing: RwSignal<bool>) -> impl IntoView {
    move || {
        if missing.get() {
            view! { <h1>"Planen finns inte"</h1><p><a href="/">"Till startsidan"</a></p> }
                .into_any()
        } else {
            view! { <p class="muted">"Laddar planen…"</p> }.into_any()
        }
    }
}

pub fn use_plan_ctx() -> PlanCtx {
    use_context::<PlanCtx>().expect("PlanCtx provided by PlanPage")
}

impl PlanCtx {
    pub fn new(app: AppState) -> Self {
        PlanCtx {
            app,
            plan: RwSignal::new(None),
            selected: RwSignal::new(None),
            expanded: RwSignal::new(BTreeSet::new()),
            rev: RwSignal::new(0),
            history: StoredValue::new_local(History::new(200, 1500.0)),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            save_gen: StoredValue::new_local(Rc::new(Cell::new(0))),
            read_only: false,
        }
    }

    /// The context of a plan that is only read (a publication): it is never written anywhere.
    pub fn read_only(app: AppState, plan: Plan) -> Self {
        let ctx = PlanCtx {
            read_only: true,
            ..PlanCtx::new(app)
        };
        ctx.open(plan);
        ctx
    }

    /// Show a loaded plan with its top level expanded.
    fn open(&self, plan: Plan) {
        let roots: BTreeSet<String> = plan.children(None).iter().map(|n| n.id.clone()).collect();
        self.expanded.set(roots);
        self.plan.set(Some(plan));
    }

    /// The context of a page showing the plan named by the route's `:id`: provided to the page's components,
    /// loaded from storage, with Ctrl+Z / Ctrl+Shift+Z bound. The signal says the plan does not exist.
    pub fn for_route(app: AppState) -> (PlanCtx, RwSignal<bool>) {
        let params = leptos_router::hooks::use_params_map();
        let ctx = PlanCtx::new(app);
        provide_context(ctx);
        let missing = RwSignal::new(false);
        Effect::new(move |_| {
            let id = params.read().get("id").unwrap_or_default();
            if !app.ready.get() {
                return;
            }
            spawn_local(async move {
                match app.repo().load(&id).await {
                    Ok(Some(p)) => {
                        ctx.open(p);
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
                ctx.undo();
            } else if (key == "z" && ev.shift_key()) || key == "y" {
                ev.prevent_default();
                ctx.redo();
            }
        });
        on_cleanup(move || handle.remove());
        (ctx, missing)
    }

    /// The open plan's id ("" while loading).
    pub fn id(&self) -> String {
        self.plan
            .with(|p| p.as_ref().map(|p| p.id.clone()))
            .unwrap_or_default()
    }

    /// Apply a change. `key` names the field for typing coalescence (None = a step of its own, and editors
    /// re-read the plan). Errors are shown and change nothing.
    pub fn apply<R>(
        &self,
        key: Option<String>,
        f: impl FnOnce(&mut Plan) -> Result<R, EditError>,
    ) -> Option<R> {
        let mut f = Some(f);
        let mut out = None;
        // the generic part stays this small; the work is compiled once in `apply_dyn`
        self.apply_dyn(key, &mut |p| {
            out = Some((f.take().expect("called once"))(p)?);
            Ok(())
        });
        out
    }

    fn apply_dyn(
        &self,
        key: Option<String>,
        f: &mut dyn FnMut(&mut Plan) -> Result<(), EditError>,
    ) {
        if self.read_only {
            return;
        }
        // typing in the same field again: the undo step already holds the state before it, so change in place
        let now = now_ms();
        if self
            .history
            .with_value(|h| h.coalesces(key.as_deref(), now))
        {
            let mut result = Ok(());
            self.plan.update(|p| {
                if let Some(p) = p {
                    result = f(p);
                    if result.is_ok() {
                        p.updated_at = now_iso();
                    }
                }
            });
            match result {
                Ok(()) => {
                    self.history.update_value(|h| h.extend_last(now));
                    self.after_change();
                }
                Err(e) => self.app.notify(e.to_string()),
            }
            return;
        }
        // take the plan out instead of cloning it twice: one clone is the undo step, the other the new state
        let Some(before) = self.plan.try_update_untracked(Option::take).flatten() else {
            return;
        };
        let mut next = before.clone();
        match f(&mut next) {
            Ok(()) => {
                next.updated_at = now_iso();
                let structural = key.is_none();
                self.history.update_value(|h| h.record(before, key, now));
                self.plan.set(Some(next));
                if structural {
                    self.rev.update(|r| *r += 1);
                }
                self.after_change();
            }
            Err(e) => {
                self.plan.update_untracked(|p| *p = Some(before));
                self.app.notify(e.to_string())
            }
        }
    }

    fn after_change(&self) {
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        self.schedule_save();
    }

    pub fn undo(&self) {
        let Some(cur) = self.plan.get_untracked() else {
            return;
        };
        if let Some(prev) = self.history.try_update_value(|h| h.undo(cur)).flatten() {
            self.restore(prev);
        }
    }

    pub fn redo(&self) {
        let Some(cur) = self.plan.get_untracked() else {
            return;
        };
        if let Some(next) = self.history.try_update_value(|h| h.redo(cur)).flatten() {
            self.restore(next);
        }
    }

    fn restore(&self, p: Plan) {
        if let Some(sel) = self.selected.get_untracked() {
            if p.node(&sel).is_none() {
                self.selected.set(None);
            }
        }
        self.plan.set(Some(p));
        self.rev.update(|r| *r += 1);
        self.after_change();
    }

    /// Save shortly after the last change; "Sparat" shows once the transaction has committed. The task holds
    /// its own snapshot and counter, so a change made just before leaving the page is still saved.
    fn schedule_save(&self) {
        if self.read_only {
            return;
        }
        let app = self.app;
        app.save.set(SaveState::Saving);
        let Some(snapshot) = self.plan.get_untracked() else {
            return;
        };
        let counter = self.save_gen.get_value();
        let gen = counter.get() + 1;
        counter.set(gen);
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(120).await;
            if counter.get() != gen {
                return; // a newer change will save
            }
            let result = app.repo().save(&snapshot).await;
            if counter.get() != gen {
                return; // a newer save is on its way and will report
            }
            match result {
                Ok(()) => {
                    app.save.set(SaveState::Saved);
                    // keep the start page's list current without re-reading every plan
                    let summary = PlanSummary::from(&snapshot);
                    app.plans
                        .update(|list| match list.iter_mut().find(|s| s.id == summary.id) {
                            Some(s) => *s = summary,
                            None => list.push(summary),
                        });
                    app.plans.update(|list| sort_summaries(list));
                }
                Err(e) => app.save.set(SaveState::Failed(e.to_string())),
            }
        });
    }

    pub fn select(&self, id: &str) {
        self.selected.set(Some(id.to_string()));
        focus_later(format!("node-{id}"));
    }

    pub fn toggle(&self, id: &str) {
        self.expanded.update(|e| {
            if !e.remove(id) {
                e.insert(id.to_string());
            }
        });
        focus_later(format!("node-{id}"));
    }

    /// Expand every ancestor of `id` so it is visible.
    pub fn reveal(&self, id: &str) {
        let Some(p) = self.plan.get_untracked() else {
            return;
        };
        let mut cur = p.node(id).and_then(|n| n.parent.clone());
        self.expanded.update(|e| {
            while let Some(c) = cur {
                cur = p.node(&c).and_then(|n| n.parent.clone());
                e.insert(c);
            }
        });
        self.select(id);
    }
}
