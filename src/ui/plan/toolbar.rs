//! The plan page's toolbar (add, move, delete, undo/redo) and search.

use crate::domain::edit;
use crate::ui::plan::ctx::{use_plan_ctx, PlanCtx};
use crate::ui::shell::browser::focus_later;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

/// Add, move and delete, plus undo/redo.
#[component]
pub fn Toolbar() -> impl IntoView {
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
        if let Some(sel) = ctx.selected.get_untracked() {
            shift_node(ctx, &sel, d);
        }
    };
    let remove = move |_| {
        if let Some(sel) = ctx.selected.get_untracked() {
            remove_node(ctx, &sel);
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
                            // a goal under a goal is named by the level it will get (Framgångsfaktor)
                            let sel = ctx.selected.get();
                            let name = ctx.plan.with(|p| p.as_ref().map(|p| {
                                match (k, edit::child_goal_level(p, sel.as_deref())) {
                                    (crate::domain::plan::NodeKind::Mal, Some(l)) => p.level_name(l.key()),
                                    _ => p.level_name(k.key()),
                                }
                            }).unwrap_or_default());
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

/// Move an item one step among its siblings and keep the focus on it (the toolbar's ↑ ↓ and the tree's Alt+↑ ↓).
pub fn shift_node(ctx: PlanCtx, id: &str, d: i32) {
    ctx.apply(None, |p| edit::shift(p, id, d));
    focus_later(format!("node-{id}"));
}

/// Remove an item and what is under it at once, and say so with *Ångra* (and Ctrl+Z) instead of asking first
/// (the toolbar's *Ta bort* and the tree's Delete).
pub fn remove_node(ctx: PlanCtx, id: &str) {
    let (n, name) = ctx.plan.with_untracked(|p| {
        p.as_ref()
            .map(|p| {
                let name = p
                    .node(id)
                    .map(|x| format!("{}: {}", x.label, snippet(&x.text, 60)))
                    .unwrap_or_default();
                (edit::subtree(p, id).len(), name)
            })
            .unwrap_or_default()
    });
    if ctx.apply(None, |p| edit::delete(p, id)).is_some() {
        ctx.selected.set(None);
        let text = match n {
            0 | 1 => format!("”{name}” togs bort."),
            2 => format!("”{name}” och 1 underordnad post togs bort."),
            n => format!("”{name}” och {} underordnade poster togs bort.", n - 1),
        };
        let app = crate::ui::shell::state::use_app();
        let id = id.to_string();
        app.notify_with_undo(
            text,
            Callback::new(move |_| {
                ctx.undo();
                ctx.reveal(&id);
            }),
        );
    }
}

/// Search in the plan; results reveal and select the node.
#[component]
pub fn Search() -> impl IntoView {
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
