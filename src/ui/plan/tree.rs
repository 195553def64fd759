//! The plan tree: nested lists with disclosure buttons (expand/collapse, `aria-expanded`) and a button per
//! item to select it (`aria-current`), so it works with Tab and Enter and reads well in screen readers.
//! Rendered from the plan on every change (a few hundred rows), with focus put back on the acted-on row.

use crate::domain::plan::{Node, NodeData, Plan};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::plan::toolbar::{remove_node, shift_node};
use crate::ui::shell::browser::focus_later;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsCast;

/// Counts per level ("3 Perspektiv · 7 Effektmål …") in the plan's own level names: (key, name, count).
pub fn level_counts(p: &Plan) -> Vec<(String, String, usize)> {
    p.level_counts()
        .into_iter()
        .map(|(k, c)| (k.to_string(), p.level_name(k), c))
        .collect()
}

#[component]
pub fn LevelCounts() -> impl IntoView {
    let ctx = use_plan_ctx();
    view! {
        <ul class="level-counts" aria-label="Antal per nivå">
            {move || ctx.plan.with(|p| p.as_ref().map(level_counts).unwrap_or_default()).into_iter().map(|(key, name, n)| {
                view! { <li data-level=key><strong>{n}</strong>" "{name}</li> }
            }).collect_view()}
        </ul>
    }
}

/// What a row needs from the tree as a whole.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    expanded: &'a BTreeSet<String>,
    selected: Option<&'a str>,
    /// The one item in the tab order (roving tabindex): the last one the keyboard was on, else the selected
    /// one, else the first.
    tab_stop: &'a str,
    /// Where the keyboard was last (a click moves it too).
    keyboard_on: StoredValue<Option<String>>,
}

fn rows(
    index: &BTreeMap<Option<&str>, Vec<&Node>>,
    parent: Option<&str>,
    cur: Cursor<'_>,
    level: usize,
) -> AnyView {
    let ctx = use_plan_ctx();
    index
        .get(&parent)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|n| {
            let id = n.id.clone();
            let child_count = index.get(&Some(id.as_str())).map_or(0, Vec::len);
            let has_children = child_count > 0;
            let is_open = cur.expanded.contains(&id);
            let is_sel = cur.selected == Some(id.as_str());
            let (id_t, id_s) = (id.clone(), id.clone());
            let number = match &n.data {
                NodeData::Mal(g) => g.number.map(|x| format!(" {x}")).filter(|x| !n.label.ends_with(x.as_str())).unwrap_or_default(),
                _ => String::new(),
            };
            let group_id = format!("grp-{id}");
            let children = if has_children && is_open {
                Some(view! { <ul role="group" id=group_id.clone()>{rows(index, Some(&id), cur, level + 1)}</ul> })
            } else {
                None
            };
            view! {
                <li class:selected=is_sel data-level=level role="none">
                    <div class="row" role="none">
                        {if has_children {
                            // the mouse's way to open and close; the keyboard uses → and ←
                            view! {
                                <span class="toggle" aria-hidden="true" on:click=move |_| ctx.toggle(&id_t)>{if is_open { "▾" } else { "▸" }}</span>
                            }.into_any()
                        } else {
                            view! { <span class="toggle-space" aria-hidden="true"></span> }.into_any()
                        }}
                        <button type="button" class="node" id=format!("node-{id}") role="treeitem"
                            aria-selected=is_sel.to_string()
                            aria-expanded=has_children.then(|| is_open.to_string())
                            aria-owns=(has_children && is_open).then_some(group_id)
                            tabindex=if cur.tab_stop == id { "0" } else { "-1" }
                            on:click=move |_| { cur.keyboard_on.set_value(Some(id_s.clone())); ctx.select(&id_s) }>
                            <span class="kind">{format!("{}{}", n.label, number)}</span>
                            <span class="text">{snippet(&n.text, 90)}</span>
                            {has_children.then(|| view! { <span class="count" title="Antal underordnade">{child_count}</span> })}
                        </button>
                    </div>
                    {children}
                </li>
            }
        })
        .collect_view()
        .into_any()
}

/// The whole tree, with the keyboard model of a tree view: one tab stop; ↑ ↓ to the previous and next item,
/// → opens an item or goes to its first child, ← closes it or goes to its parent, Home and End; Enter or Space
/// selects the item for editing.
#[component]
pub fn PlanTree() -> impl IntoView {
    let ctx = use_plan_ctx();
    let keyboard_on = StoredValue::new(None::<String>);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(active) = doc.active_element() else {
            return;
        };
        let Some(id) = active.id().strip_prefix("node-").map(str::to_string) else {
            return;
        };
        let Ok(items) = doc.query_selector_all("ul.tree [role=treeitem]") else {
            return;
        };
        let ids: Vec<String> = (0..items.length())
            .filter_map(|i| items.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .filter_map(|e| e.id().strip_prefix("node-").map(str::to_string))
            .collect();
        let Some(at) = ids.iter().position(|x| *x == id) else {
            return;
        };
        let expanded = active.get_attribute("aria-expanded");
        let parent = ctx
            .plan
            .with_untracked(|p| p.as_ref().and_then(|p| p.node(&id)?.parent.clone()));
        // actions on the item with the focus: Alt+↑ ↓ moves it among its siblings, Delete removes it (with Ångra)
        if !ctx.read_only {
            match (ev.key().as_str(), ev.alt_key()) {
                ("ArrowUp", true) | ("ArrowDown", true) => {
                    ev.prevent_default();
                    keyboard_on.set_value(Some(id.clone()));
                    ctx.select(&id);
                    shift_node(ctx, &id, if ev.key() == "ArrowUp" { -1 } else { 1 });
                    return;
                }
                ("Delete", false) => {
                    ev.prevent_default();
                    // the focus goes to the item before it (for the first: the new first)
                    let before = at.checked_sub(1).and_then(|i| ids.get(i).cloned());
                    remove_node(ctx, &id);
                    let next = before.or_else(|| {
                        ctx.plan.with_untracked(|p| {
                            p.as_ref()?.children(None).first().map(|n| n.id.clone())
                        })
                    });
                    if let Some(n) = next {
                        keyboard_on.set_value(Some(n.clone()));
                        focus_later(format!("node-{n}"));
                    }
                    return;
                }
                _ => {}
            }
        }
        let target = match ev.key().as_str() {
            "ArrowDown" => ids.get(at + 1).cloned(),
            "ArrowUp" => at.checked_sub(1).and_then(|i| ids.get(i).cloned()),
            "Home" => ids.first().cloned(),
            "End" => ids.last().cloned(),
            "ArrowRight" => match expanded.as_deref() {
                Some("false") => {
                    ev.prevent_default();
                    keyboard_on.set_value(Some(id.clone()));
                    ctx.toggle(&id);
                    return;
                }
                Some("true") => ids.get(at + 1).cloned(),
                _ => None,
            },
            "ArrowLeft" => match expanded.as_deref() {
                Some("true") => {
                    ev.prevent_default();
                    keyboard_on.set_value(Some(id.clone()));
                    ctx.toggle(&id);
                    return;
                }
                _ => parent,
            },
            _ => return,
        };
        ev.prevent_default();
        let Some(t) = target else { return };
        // move the one tab stop with the focus
        active.set_attribute("tabindex", "-1").ok();
        if let Some(el) = doc
            .get_element_by_id(&format!("node-{t}"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            el.set_attribute("tabindex", "0").ok();
            let _ = el.focus();
        }
        keyboard_on.set_value(Some(t));
    };
    view! {
        <p class="muted small" id="tree-keys">"Tangentbord: ↑ ↓ går mellan posterna, → öppnar, ← stänger, Enter väljer; Alt+↑ ↓ flyttar posten, Delete tar bort den (kan ångras)."</p>
        <ul class="tree" role="tree" aria-label="Planens struktur" aria-describedby="tree-keys" on:keydown=on_keydown>
            {move || {
                let expanded = ctx.expanded.get();
                let selected = ctx.selected.get();
                ctx.plan.with(|p| p.as_ref().map(|p| {
                    let index = p.child_index();
                    let visible = |id: &str| {
                        // an item is in the tree as drawn when every ancestor is open
                        let mut cur = p.node(id).and_then(|n| n.parent.as_deref());
                        while let Some(c) = cur {
                            if !expanded.contains(c) {
                                return false;
                            }
                            cur = p.node(c).and_then(|n| n.parent.as_deref());
                        }
                        p.node(id).is_some()
                    };
                    let first = index.get(&None).and_then(|v| v.first()).map(|n| n.id.clone()).unwrap_or_default();
                    let tab_stop = keyboard_on
                        .get_value()
                        .filter(|k| visible(k))
                        .or_else(|| selected.clone().filter(|s| visible(s)))
                        .unwrap_or(first);
                    rows(&index, None, Cursor { expanded: &expanded, selected: selected.as_deref(), tab_stop: &tab_stop, keyboard_on }, 1)
                }))
            }}
        </ul>
    }
}
