//! The plan tree: nested lists with disclosure buttons (expand/collapse, `aria-expanded`) and a button per
//! item to select it (`aria-current`), so it works with Tab and Enter and reads well in screen readers.
//! Rendered from the plan on every change (a few hundred rows), with focus put back on the acted-on row.

use crate::domain::plan::{Node, NodeData, Plan};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

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

fn rows(
    index: &BTreeMap<Option<&str>, Vec<&Node>>,
    parent: Option<&str>,
    expanded: &BTreeSet<String>,
    selected: Option<&str>,
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
            let is_open = expanded.contains(&id);
            let is_sel = selected == Some(id.as_str());
            let (id_t, id_s) = (id.clone(), id.clone());
            let number = match &n.data {
                NodeData::Mal(g) => g.number.map(|x| format!(" {x}")).filter(|x| !n.label.ends_with(x.as_str())).unwrap_or_default(),
                _ => String::new(),
            };
            let children = if has_children && is_open {
                Some(view! { <ul>{rows(index, Some(&id), expanded, selected, level + 1)}</ul> })
            } else {
                None
            };
            view! {
                <li class:selected=is_sel data-level=level>
                    <div class="row">
                        {if has_children {
                            view! {
                                <button type="button" class="toggle" aria-expanded=is_open.to_string() aria-label=if is_open { "Fäll ihop" } else { "Fäll ut" }
                                    on:click=move |_| ctx.toggle(&id_t)>{if is_open { "▾" } else { "▸" }}</button>
                            }.into_any()
                        } else {
                            view! { <span class="toggle-space" aria-hidden="true"></span> }.into_any()
                        }}
                        <button type="button" class="node" id=format!("node-{id}") aria-current=is_sel.then_some("true")
                            on:click=move |_| ctx.select(&id_s)>
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

/// The whole tree.
#[component]
pub fn PlanTree() -> impl IntoView {
    let ctx = use_plan_ctx();
    view! {
        <ul class="tree" aria-label="Planens struktur">
            {move || {
                let expanded = ctx.expanded.get();
                let selected = ctx.selected.get();
                ctx.plan.with(|p| p.as_ref().map(|p| rows(&p.child_index(), None, &expanded, selected.as_deref(), 1)))
            }}
        </ul>
    }
}
