//! The scorecard's shared state ([`ScoreCtx`]): the chosen period and the plan graded in it, and the period select.

use crate::domain::period::Period;
use crate::domain::scorecard::rollup::{opening_period, period_choices};
use crate::domain::scorecard::{scorecard_with, Facts, Scorecard, Structure};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::plan::ctx::PlanCtx;
use leptos::prelude::*;

/// The page's shared state: the chosen period and the plan graded in it (recomputed when either changes).
#[derive(Clone, Copy)]
pub struct ScoreCtx {
    pub period: RwSignal<Option<Period>>,
    pub only_failing: RwSignal<bool>,
    /// The måluppfyllelse table by who decided the measures (`None`: when the plan has both kinds).
    pub by_decided: RwSignal<Option<bool>>,
    /// What the måluppfyllelse table counts: the computed grades or the report's.
    pub counting: RwSignal<crate::domain::scorecard::stated::Counting>,
    /// The scorecard shows the total, kvinnor, män and their difference.
    pub sexes: RwSignal<bool>,
    pub structure: Memo<Option<StructureOf>>,
    pub facts: Memo<Option<Facts>>,
    pub card: Memo<Option<Scorecard>>,
}

/// The tree structure with the node count it was built for (structure changes rebuild it).
#[derive(Clone, PartialEq)]
pub struct StructureOf(pub Structure);

pub fn use_score_ctx() -> ScoreCtx {
    use_context::<ScoreCtx>().expect("ScoreCtx provided by ScorecardPage")
}

/// The period chooser: the plan's periods with data and its report periods.
#[component]
pub fn PeriodSelect(id: &'static str) -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    // the options only re-render when the set of periods changes, not on every edit
    let choices = Memo::new(move |_| {
        ctx.plan
            .with(|p| p.as_ref().map(period_choices).unwrap_or_default())
    });
    view! {
        <label>"Period "
            <select id=id on:change=move |ev| sc.period.set(Period::parse_key(&event_target_value(&ev)))>
                {move || {
                    let cur = sc.period.get();
                    choices.get().into_iter().map(|per| {
                        view! { <option value=per.key() selected=cur == Some(per)>{per.label()}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

impl ScoreCtx {
    /// The plan named by the route with its scorecard state, the period from `?period=` when given (the printed
    /// report, *Rapportera period*). Returns the plan's context and why it cannot be shown (see
    /// [`PlanCtx::for_route`]).
    pub fn for_route(
        app: crate::ui::shell::state::AppState,
    ) -> (PlanCtx, RwSignal<Option<String>>) {
        let (ctx, missing) = PlanCtx::for_route(app);
        let initial = leptos_router::hooks::use_query_map()
            .with_untracked(|q| q.get("period").and_then(|k| Period::parse_key(&k)));
        let _ = ScoreCtx::provide(ctx, initial);
        (ctx, missing)
    }

    /// The scorecard state of the plan in `ctx`, provided to the page's components: the period (the given one,
    /// else the plan's latest with data), the structure, the outcome index and the graded card.
    pub fn provide(ctx: PlanCtx, initial: Option<Period>) -> ScoreCtx {
        let period: RwSignal<Option<Period>> = RwSignal::new(initial);
        // structure only changes when nodes are added, removed or moved
        let structure = Memo::new(move |_| {
            ctx.rev.get();
            ctx.plan
                .with(|p| p.as_ref().map(|p| StructureOf(Structure::new(p))))
        });
        // the outcome index follows every edit; switching periods reuses it
        let facts = Memo::new(move |_| ctx.plan.with(|p| p.as_ref().map(Facts::new)));
        let card = Memo::new(move |_| {
            let per = period.get()?;
            let st = structure.get()?;
            facts.with(|f| {
                ctx.plan.with(|p| {
                    p.as_ref()
                        .map(|p| scorecard_with(p, &st.0, f.as_ref(), per))
                })
            })
        });
        let sc = ScoreCtx {
            period,
            only_failing: RwSignal::new(false),
            by_decided: RwSignal::new(None),
            counting: RwSignal::new(Default::default()),
            sexes: RwSignal::new(false),
            structure,
            facts,
            card,
        };
        provide_context(sc);
        Effect::new(move |_| {
            if period.get_untracked().is_none() {
                if let Some(p) = ctx.plan.with(|p| p.as_ref().map(opening_period)) {
                    period.set(Some(p));
                }
            }
        });
        sc
    }
}
