//! Plan page: tree, toolbar, node editor, plan details and tables. Loads the plan and owns its [`PlanCtx`].

use super::edit_ctx::ElsewhereBanner;
use super::node_editor::NodeEditor;
use super::plan_ctx::{loading_or_missing, PlanCtx};
use super::plan_meta::PlanHeader;
use super::plan_tables::{BudgetTables, GroupsOverview, InternalControl};
use super::state::use_app;
use super::toolbar::{Search, Toolbar};
use super::tree::{LevelCounts, PlanTree};
use crate::domain::format::url_segment;
use leptos::prelude::*;

#[component]
pub fn PlanPage() -> impl IntoView {
    let (ctx, missing) = PlanCtx::for_route(use_app());

    view! {
        <Show when=move || ctx.plan.with(Option::is_some) fallback=move || loading_or_missing(missing)>
            <ElsewhereBanner ctx=ctx.edit/>
            <PlanHeader/>
            <p class="page-links">
                <a href=move || format!("/plan/{}/styrkort", url_segment(&ctx.id()))>"Styrkort och måluppfyllelse"</a>
            </p>
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
