//! Plan page: tree, toolbar, node editor, plan details and tables. Loads the plan and owns its [`PlanCtx`].

use super::node_editor::NodeEditor;
use super::plan_ctx::PlanCtx;
use super::plan_meta::PlanHeader;
use super::plan_tables::{BudgetTables, GroupsOverview, InternalControl};
use super::state::{use_app, SaveState};
use super::toolbar::{Search, Toolbar};
use super::tree::{LevelCounts, PlanTree};
use crate::storage::Repository;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeSet;

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
