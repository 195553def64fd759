//! The editing state of the open plan ([`PlanCtx`]): the plan's [`EditCtx`] (every change goes through
//! [`PlanCtx::apply`]: checked, undoable, saved) and what the plan page shows of it.

use crate::domain::draft::EditKey;
use crate::domain::edit::EditError;
use crate::domain::plan::Plan;
use crate::ui::shell::browser::focus_later;
use crate::ui::shell::edit_ctx::EditCtx;
use crate::ui::shell::state::AppState;
use crate::ui::widgets::loading::not_shown;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Editing state of the open plan, shared by the page's components: the plan's [`EditCtx`] and what the plan
/// page shows of it (selection, expanded items).
#[derive(Clone, Copy)]
pub struct PlanCtx {
    pub edit: EditCtx<Plan>,
    pub plan: RwSignal<Option<Plan>>,
    pub selected: RwSignal<Option<String>>,
    pub expanded: RwSignal<BTreeSet<String>>,
    /// Bumped when the plan changes other than by typing (undo, redo, structure), so editors re-read it.
    pub rev: RwSignal<u64>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// A published plan being read: no edit is applied and nothing is saved; editors are not shown.
    pub read_only: bool,
}

/// What a plan page shows until its plan is loaded, or when the route names no stored plan.
pub fn loading_or_missing(missing: RwSignal<Option<String>>) -> impl IntoView {
    not_shown(missing, "Planen", ("/", "Till startsidan"))
}

pub fn use_plan_ctx() -> PlanCtx {
    use_context::<PlanCtx>().expect("PlanCtx provided by PlanPage")
}

impl PlanCtx {
    fn new(app: AppState) -> Self {
        let edit = EditCtx::new(app, 200);
        PlanCtx {
            edit,
            plan: edit.doc,
            selected: RwSignal::new(None),
            expanded: RwSignal::new(BTreeSet::new()),
            rev: edit.rev,
            can_undo: edit.can_undo,
            can_redo: edit.can_redo,
            read_only: false,
        }
    }

    /// The plan's own words for its measures in running text, singular and plural ([`Plan::measure_words`]).
    pub fn measure_words(&self) -> (String, String) {
        self.plan
            .with(|p| p.as_ref().map(Plan::measure_words))
            .unwrap_or_else(|| ("mått".into(), "mått".into()))
    }

    /// The context of a plan that is only read (a publication): it is never written anywhere.
    pub fn read_only(app: AppState, plan: Plan) -> Self {
        let mut ctx = PlanCtx::new(app);
        ctx.edit.read_only = true;
        ctx.read_only = true;
        ctx.expand_top(&plan);
        ctx.edit.open(plan, None);
        ctx
    }

    fn expand_top(&self, plan: &Plan) {
        let roots: BTreeSet<String> = plan.children(None).iter().map(|n| n.id.clone()).collect();
        self.expanded.set(roots);
    }

    /// The context of a page showing the plan named by the route's `:id`: provided to the page's components,
    /// loaded from storage (see [`EditCtx::for_route`]). The signal says why the plan cannot be shown.
    pub fn for_route(app: AppState) -> (PlanCtx, RwSignal<Option<String>>) {
        let ctx = PlanCtx::new(app);
        provide_context(ctx);
        let missing = ctx.edit.for_route();
        // a newly opened plan shows its top level
        let opened = StoredValue::new(String::new());
        Effect::new(move |_| {
            let Some(id) = ctx.plan.with(|p| p.as_ref().map(|p| p.id.clone())) else {
                return;
            };
            if opened.get_value() != id {
                opened.set_value(id);
                ctx.plan.with_untracked(|p| {
                    if let Some(p) = p {
                        ctx.expand_top(p);
                    }
                });
            }
        });
        // an undo (also by keyboard) may remove the selected item
        Effect::new(move |_| {
            ctx.rev.track();
            ctx.forget_gone_selection();
        });
        (ctx, missing)
    }

    /// The open plan's id ("" while loading).
    pub fn id(&self) -> String {
        self.edit.id()
    }

    /// Apply a change. `key` names the field for typing coalescence and where a refusal is shown (None = a
    /// step of its own, and editors re-read the plan). Errors are shown and change nothing.
    pub fn apply<R>(
        &self,
        key: Option<EditKey>,
        f: impl FnOnce(&mut Plan) -> Result<R, EditError>,
    ) -> Option<R> {
        let mut f = Some(f);
        let mut out = None;
        // the generic part stays this small; the work is compiled once in `apply_dyn`
        let applied = self.edit.apply_dyn(key, &mut |p| {
            out = Some((f.take().expect("called once"))(p).map_err(|e| e.to_string())?);
            Ok(())
        });
        out.filter(|_| applied)
    }

    pub fn undo(&self) {
        self.edit.undo();
        self.forget_gone_selection();
    }

    pub fn redo(&self) {
        self.edit.redo();
        self.forget_gone_selection();
    }

    fn forget_gone_selection(&self) {
        if let Some(sel) = self.selected.get_untracked() {
            let gone = self
                .plan
                .with_untracked(|p| p.as_ref().is_some_and(|p| p.node(&sel).is_none()));
            if gone {
                self.selected.set(None);
            }
        }
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
