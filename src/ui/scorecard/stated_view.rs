//! *Rapportens bedömning och beräkningen*: when the report states grades for the period, how many the
//! computation grades the same, the measures where they differ with the report's words, its line and why, and
//! the rule sets with how many of the report's grades each reproduces (a strategist can switch; a reader sees).

use crate::domain::measure::Grade;
use crate::domain::period::Period;
use crate::domain::scorecard::stated::{self, RuleSet, RULE_SETS};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::widgets::badges::grade_badge;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct DiffRow {
    id: String,
    name: String,
    stated: Grade,
    quote: String,
    lines: String,
    computed: Grade,
    why: String,
}

#[derive(Clone, PartialEq)]
struct StatedData {
    period: Period,
    stated: usize,
    same: usize,
    rows: Vec<DiffRow>,
    /// Each rule set, how many of the report's grades it reproduces, and whether the plan follows it.
    sets: Vec<(RuleSet, usize, bool)>,
    /// The plan's tolerance when it follows no rule set.
    own_tolerance: Option<f64>,
}

fn data() -> Option<StatedData> {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let period = sc.period.get()?;
    ctx.plan.with(|p| {
        let p = p.as_ref()?;
        if !stated::has_stated(p, &period) {
            return None;
        }
        let cmp = stated::compare(p, &period, &p.scorecard);
        let current = RuleSet::of(&p.scorecard);
        Some(StatedData {
            period,
            stated: cmp.stated,
            same: cmp.same,
            rows: cmp
                .differences
                .into_iter()
                .map(|d| DiffRow {
                    id: p.nodes[d.index].id.clone(),
                    name: snippet(&p.nodes[d.index].text, 90),
                    stated: d.stated.grade,
                    quote: d.stated.quote,
                    lines: d.stated.source.map(|s| s.lines_sv()).unwrap_or_default(),
                    computed: d.computed,
                    why: d.why,
                })
                .collect(),
            sets: RULE_SETS
                .iter()
                .map(|r| {
                    // the rule set in use gives what was just computed
                    let same = if current == Some(r) {
                        cmp.same
                    } else {
                        stated::compare(p, &period, &r.apply(&p.scorecard)).same
                    };
                    (*r, same, current == Some(r))
                })
                .collect(),
            own_tolerance: current.is_none().then_some(p.scorecard.tolerance_pct),
        })
    })
}

#[component]
pub fn StatedSection(read_only: bool) -> impl IntoView {
    let ctx = use_plan_ctx();
    let data = Memo::new(move |_| data());
    let use_set = move |r: RuleSet| {
        ctx.apply(None, move |p| {
            p.scorecard = r.apply(&p.scorecard);
            Ok(())
        });
    };
    move || {
        data.get().map(|d| {
            let rules = match (d.sets.iter().find(|s| s.2), d.own_tolerance) {
                (Some((r, _, _)), _) => format!("regeluppsättningen {}", r.name),
                (None, Some(t)) => format!(
                    "egna inställningar, tolerans {}",
                    crate::domain::format::value_sv(t, "%")
                ),
                (None, None) => "planens inställningar".into(),
            };
            let many = ctx.measure_words().1;
            let differ = d.stated - d.same;
            let summary = format!(
                "Rapporten bedömer {} {many} i {}. Beräkningen ({rules}) ger samma bedömning för {} och en annan för {differ}{}",
                d.stated,
                d.period.label(),
                d.same,
                if differ > 0 { ":" } else { "." }
            );
            let total = d.stated;
            view! {
                <section class="card stated" id="stated-vs-computed" aria-labelledby="stated-h">
                    <h2 id="stated-h">"Rapportens bedömning och beräkningen"</h2>
                    <p id="stated-summary">{summary}</p>
                    {(!d.rows.is_empty()).then(|| view! {
                        <div class="report-table-wrap">
                        <table class="stated-table" id="stated-differences">
                            <caption class="sr-only">"Mått där rapporten och beräkningen skiljer sig"</caption>
                            <thead><tr>
                                <th scope="col">"Mått"</th><th scope="col">"Rapporten"</th><th scope="col">"Beräknat"</th><th scope="col">"Varför de skiljer sig"</th>
                            </tr></thead>
                            <tbody>
                                {d.rows.into_iter().map(|r| {
                                    let id = r.id.clone();
                                    view! {
                                        <tr data-id=r.id.clone()>
                                            <th scope="row"><button type="button" class="link" on:click=move |_| ctx.selected.set(Some(id.clone()))>{r.name}</button></th>
                                            <td data-label="Rapporten">{grade_badge(r.stated)}
                                                <span class="quote">"”"{r.quote}"”"</span>
                                                {(!r.lines.is_empty()).then(|| view! { <span class="muted">{format!(" ({})", r.lines)}</span> })}
                                            </td>
                                            <td data-label="Beräknat">{grade_badge(r.computed)}</td>
                                            <td data-label="Varför" class="why">{r.why}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    })}
                    <h3>"Regeluppsättningar"</h3>
                    <ul class="rule-sets" id="rule-sets">
                        {d.sets.into_iter().map(|(r, same, current)| view! {
                            <li data-key=r.key>
                                <strong>{r.name}</strong>{current.then_some(" (används)")}": "{r.description}
                                " "<span class="repro">{format!("Ger rapportens bedömning för {same} av {total}.")}</span>
                                {(!read_only && !current).then(|| view! {
                                    " "<button type="button" id=format!("use-rules-{}", r.key) on:click=move |_| use_set(r)>{format!("Använd {}", r.name)}</button>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
