//! Plan page: tree, toolbar, node editor, plan details, tables. Owns the editing state ([`PlanCtx`]):
//! every change goes through [`PlanCtx::apply`], which records undo history and saves to storage.

use super::node_editor::NodeEditor;
use super::plan_tables::{BudgetTables, GroupsOverview, InternalControl};
use super::state::{focus_later, now_iso, now_ms, use_app, AppState, SaveState};
use super::tree::{snippet, LevelCounts, PlanTree};
use crate::domain::edit::{self, EditError};
use crate::domain::history::History;
use crate::domain::plan::{Plan, PlanKind, PlanStatus};
use crate::storage::Repository;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
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
}

pub fn use_plan_ctx() -> PlanCtx {
    use_context::<PlanCtx>().expect("PlanCtx provided by PlanPage")
}

impl PlanCtx {
    fn new(app: AppState) -> Self {
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
        }
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
        let Some(before) = self.plan.get_untracked() else {
            return;
        };
        let mut next = before.clone();
        match f(&mut next) {
            Ok(()) => {
                next.updated_at = now_iso();
                let structural = key.is_none();
                self.history
                    .update_value(|h| h.record(before, key, now_ms()));
                self.plan.set(Some(next));
                if structural {
                    self.rev.update(|r| *r += 1);
                }
                self.after_change();
            }
            Err(e) => self.app.notify(e.to_string()),
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
                    let _ = app.refresh().await;
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

#[component]
pub fn PlanPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
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
                    let roots: BTreeSet<String> =
                        p.children(None).iter().map(|n| n.id.clone()).collect();
                    ctx.expanded.set(roots);
                    ctx.plan.set(Some(p));
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

    view! {
        <Show when=move || ctx.plan.with(Option::is_some) fallback=move || view! {
            {move || if missing.get() {
                view! { <h1>"Planen finns inte"</h1><p><a href="/">"Till startsidan"</a></p> }.into_any()
            } else {
                view! { <p class="muted">"Laddar planen…"</p> }.into_any()
            }}
        }>
            <PlanHeader/>
            <div class="plan-layout">
                <section class="tree-panel" aria-labelledby="tree-h">
                    <h2 id="tree-h">"Struktur"</h2>
                    <LevelCounts/>
                    <Toolbar/>
                    <Search/>
                    <PlanTree/>
                </section>
                <section class="editor-panel" aria-labelledby="editor-h">
                    <h2 id="editor-h">"Vald post"</h2>
                    <NodeEditor/>
                </section>
            </div>
            <GroupsOverview/>
            <BudgetTables/>
            <InternalControl/>
        </Show>
    }
}

/// Title and the plan's own fields.
#[component]
fn PlanHeader() -> impl IntoView {
    let ctx = use_plan_ctx();
    let title = move || {
        ctx.plan
            .with(|p| p.as_ref().map(|p| p.title.clone()).unwrap_or_default())
    };
    let field = move |key: &'static str, get: fn(&Plan) -> String, set: fn(&mut Plan, String)| {
        view! {
            <label>{key}
                <input type="text" prop:value=move || { ctx.rev.get(); ctx.plan.with_untracked(|p| p.as_ref().map(get).unwrap_or_default()) }
                    on:input=move |ev| { let v = event_target_value(&ev); ctx.apply(Some(format!("plan:{key}")), move |p| { set(p, v); Ok(()) }); }/>
            </label>
        }
    };
    let year = move |key: &'static str, get: fn(&Plan) -> i32, set: fn(&mut Plan, i32)| {
        view! {
            <label>{key}
                <input type="number" min="1900" max="2200"
                    prop:value=move || { ctx.rev.get(); ctx.plan.with_untracked(|p| p.as_ref().map(|p| get(p).to_string()).unwrap_or_default()) }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Ok(y) = v.trim().parse::<i32>() {
                            if (1900..=2200).contains(&y) {
                                ctx.apply(None, move |p| {
                                    set(p, y);
                                    if p.period.from > p.period.to { p.period.to = p.period.from; }
                                    Ok(())
                                });
                            }
                        }
                    }/>
            </label>
        }
    };
    view! {
        <h1>{title}</h1>
        <details class="card plan-meta">
            <summary>"Planens uppgifter"</summary>
            <div class="grid">
                {field("Titel", |p| p.title.clone(), |p, v| p.title = v)}
                {field("Organisation", |p| p.organisation.clone(), |p, v| p.organisation = v)}
                {field("Region", |p| p.region.clone(), |p, v| p.region = v)}
                {year("Från år", |p| p.period.from, |p, y| p.period.from = y)}
                {year("Till år", |p| p.period.to, |p, y| p.period.to = y)}
                <label>"Typ"
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(k) = PlanKind::ALL.into_iter().find(|k| k.label() == v) {
                            ctx.apply(None, move |p| { p.kind = k; Ok(()) });
                        }
                    }>
                        {PlanKind::ALL.into_iter().map(|k| view! {
                            <option selected=move || { ctx.rev.get(); ctx.plan.with_untracked(|p| p.as_ref().map(|p| p.kind == k).unwrap_or(false)) }>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Status"
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let s = if v == PlanStatus::Beslutad.label() { PlanStatus::Beslutad } else { PlanStatus::Utkast };
                        ctx.apply(None, move |p| { p.status = s; Ok(()) });
                    }>
                        {[PlanStatus::Utkast, PlanStatus::Beslutad].into_iter().map(|s| view! {
                            <option selected=move || { ctx.rev.get(); ctx.plan.with_untracked(|p| p.as_ref().map(|p| p.status == s).unwrap_or(false)) }>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <LevelNames/>
        </details>
    }
}

/// The plan's own names for its levels.
#[component]
fn LevelNames() -> impl IntoView {
    let ctx = use_plan_ctx();
    let keys = move || {
        ctx.rev.get();
        ctx.plan.with_untracked(|p| {
            p.as_ref()
                .map(|p| {
                    super::tree::level_counts(p)
                        .into_iter()
                        .map(|(k, name, _)| (k, name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <fieldset>
            <legend>"Planens namn på nivåerna"</legend>
            <div class="grid">
                {move || keys().into_iter().map(|(key, name)| {
                    let k2 = key.clone();
                    view! {
                        <label>{format!("Nivån {}", crate::domain::plan::default_level_name(&key).to_lowercase())}
                            <input type="text" value=name on:input=move |ev| {
                                let v = event_target_value(&ev);
                                let k = k2.clone();
                                ctx.apply(Some(format!("level:{k}")), move |p| { p.level_names.insert(k, v); Ok(()) });
                            }/>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// Add, move and delete, plus undo/redo.
#[component]
fn Toolbar() -> impl IntoView {
    let ctx = use_plan_ctx();
    let selected_kind = move || {
        let sel = ctx.selected.get()?;
        ctx.plan
            .with(|p| p.as_ref().and_then(|p| p.node(&sel).map(|n| n.data.kind())))
    };
    let child_kind = RwSignal::new(String::new());
    let move_target = RwSignal::new(String::new());
    let add_child = move |_| {
        let parent = ctx.selected.get_untracked();
        let kinds = edit::allowed_children(selected_kind());
        let wanted = child_kind.get_untracked();
        let Some(kind) = kinds
            .iter()
            .copied()
            .find(|k| k.key() == wanted)
            .or(kinds.first().copied())
        else {
            return;
        };
        if let Some(id) = ctx.apply(None, |p| edit::add_child(p, parent.as_deref(), kind)) {
            if let Some(par) = parent {
                ctx.expanded.update(|e| {
                    e.insert(par);
                });
            }
            ctx.select(&id);
            focus_later("field-text".into());
        }
    };
    let add_sibling = move |_| {
        let Some(sel) = ctx.selected.get_untracked() else {
            return;
        };
        let Some(kind) = selected_kind() else { return };
        if let Some(id) = ctx.apply(None, |p| edit::add_sibling(p, &sel, kind)) {
            ctx.select(&id);
            focus_later("field-text".into());
        }
    };
    let shift = move |d: i32| {
        let Some(sel) = ctx.selected.get_untracked() else {
            return;
        };
        ctx.apply(None, |p| edit::shift(p, &sel, d));
        focus_later(format!("node-{sel}"));
    };
    let remove = move |_| {
        let Some(sel) = ctx.selected.get_untracked() else {
            return;
        };
        let n = ctx.plan.with_untracked(|p| {
            p.as_ref()
                .map(|p| edit::subtree(p, &sel).len())
                .unwrap_or(0)
        });
        let msg = if n > 1 {
            format!("Ta bort posten och {} underordnade? (Ctrl+Z ångrar)", n - 1)
        } else {
            "Ta bort posten? (Ctrl+Z ångrar)".to_string()
        };
        if window().confirm_with_message(&msg).unwrap_or(false)
            && ctx.apply(None, |p| edit::delete(p, &sel)).is_some()
        {
            ctx.selected.set(None);
        }
    };
    let do_move = move |_| {
        let Some(sel) = ctx.selected.get_untracked() else {
            return;
        };
        let target = move_target.get_untracked();
        let target = if target == "__top" {
            None
        } else if target.is_empty() {
            return;
        } else {
            Some(target)
        };
        if ctx
            .apply(None, |p| edit::reparent(p, &sel, target.as_deref()))
            .is_some()
        {
            ctx.reveal(&sel);
        }
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Redigera strukturen">
            <div class="group">
                <label>"Ny post "
                    <select on:change=move |ev| child_kind.set(event_target_value(&ev))>
                        {move || edit::allowed_children(selected_kind()).iter().map(|k| {
                            let name = ctx.plan.with(|p| p.as_ref().map(|p| p.level_name(k.key())).unwrap_or_default());
                            view! { <option value=k.key()>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" on:click=add_child disabled=move || edit::allowed_children(selected_kind()).is_empty()>
                    {move || if ctx.selected.get().is_some() { "Lägg till under vald" } else { "Lägg till på toppnivå" }}
                </button>
                <button type="button" on:click=add_sibling disabled=move || ctx.selected.get().is_none()>"Lägg till efter vald"</button>
                <button type="button" on:click=move |_| { ctx.selected.set(None); } disabled=move || ctx.selected.get().is_none()>"Avmarkera"</button>
            </div>
            <div class="group">
                <button type="button" on:click=move |_| shift(-1) disabled=move || ctx.selected.get().is_none() aria-label="Flytta upp">"↑ Upp"</button>
                <button type="button" on:click=move |_| shift(1) disabled=move || ctx.selected.get().is_none() aria-label="Flytta ned">"↓ Ned"</button>
                <label>"Flytta till "
                    <select on:change=move |ev| move_target.set(event_target_value(&ev)) disabled=move || ctx.selected.get().is_none()>
                        <option value="">"Välj ny överordnad…"</option>
                        <option value="__top">"(toppnivå)"</option>
                        {move || {
                            let sel = ctx.selected.get()?;
                            ctx.plan.with(|p| p.as_ref().map(|p| edit::move_targets(p, &sel).into_iter().map(|id| {
                                let n = p.node(&id).expect("target exists");
                                let label = format!("{}: {}", n.label, snippet(&n.text, 60));
                                view! { <option value=id>{label}</option> }
                            }).collect_view()))
                        }}
                    </select>
                </label>
                <button type="button" on:click=do_move disabled=move || ctx.selected.get().is_none()>"Flytta"</button>
                <button type="button" class="danger" on:click=remove disabled=move || ctx.selected.get().is_none()>"Ta bort"</button>
            </div>
            <div class="group">
                <button type="button" on:click=move |_| ctx.undo() disabled=move || !ctx.can_undo.get() aria-keyshortcuts="Control+Z">"↶ Ångra"</button>
                <button type="button" on:click=move |_| ctx.redo() disabled=move || !ctx.can_redo.get() aria-keyshortcuts="Control+Shift+Z">"↷ Gör om"</button>
            </div>
        </div>
    }
}

/// Search in the plan; results reveal and select the node.
#[component]
fn Search() -> impl IntoView {
    let ctx = use_plan_ctx();
    let query = RwSignal::new(String::new());
    let results = move || {
        let q = query.get();
        ctx.plan
            .with(|p| p.as_ref().map(|p| edit::search(p, &q)).unwrap_or_default())
    };
    view! {
        <div class="search" role="search">
            <label>"Sök i planen "
                <input type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </label>
            <Show when=move || !query.get().trim().is_empty()>
                <p class="muted" role="status">{move || format!("{} träffar", results().len())}</p>
                <ul class="search-results">
                    {move || {
                        let ids = results();
                        ctx.plan.with(|p| p.as_ref().map(|p| ids.into_iter().take(50).map(|id| {
                            let n = p.node(&id).expect("search returns existing ids");
                            let label = format!("{}: {}", n.label, snippet(&n.text, 80));
                            view! { <li><button type="button" class="link" on:click=move |_| ctx.reveal(&id)>{label}</button></li> }
                        }).collect_view()))
                    }}
                </ul>
            </Show>
        </div>
    }
}
