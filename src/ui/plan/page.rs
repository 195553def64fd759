//! Plan page: tree, toolbar, node editor, plan details and tables. Loads the plan and owns its [`PlanCtx`].

use crate::domain::format::url_segment;
use crate::ui::plan::ctx::{loading_or_missing, PlanCtx};
use crate::ui::plan::meta::PlanHeader;
use crate::ui::plan::new_measure::NewMeasureForm;
use crate::ui::plan::node_editor::NodeEditor;
use crate::ui::plan::tables::{BudgetTables, GroupsOverview, InternalControl};
use crate::ui::plan::toolbar::{Search, Toolbar};
use crate::ui::plan::tree::{LevelCounts, PlanTree};
use crate::ui::shell::edit_ctx::ElsewhereBanner;
use crate::ui::shell::state::use_app;
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
                <a id="plan-grid-link" href=move || format!("/plan/{}/rapportera", url_segment(&ctx.id()))>"Rapportera period"</a>
                <a id="plan-followup-link" href=move || format!("/plan/{}/uppfoljning", url_segment(&ctx.id()))>"Uppföljning av aktiviteter och intern kontroll"</a>
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
                    <NewMeasureForm/>
                </section>
            </div>
            <GroupsOverview/>
            <BudgetTables/>
            <InternalControl/>
        </Show>
    }
}
