//! The måluppfyllelse table: per plan and perspective, the measures per grade this period (as shares of those that
//! could be assessed, with the rest counted beside them) and, under each value, the same period last year's. When
//! last year has no assessed measure, its values are left out and one line says why. Five columns, so it fits a
//! tablet; in a narrow column each row is a card with its values labelled.

use crate::domain::format::number_sv;
use crate::domain::measure::Grade;
use crate::domain::period::Period;
use crate::domain::scorecard::rollup::{Counts, ReportRow};
use crate::domain::scorecard::stated::{self, Counting};
use crate::domain::scorecard::{report, scorecard_with};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

fn pct(c: &Counts, g: Grade) -> String {
    match c.share_of_graded(g) {
        Some(s) => format!(
            "{} ({}\u{a0}%)",
            c.get(g),
            number_sv((s * 1000.0).round() / 10.0)
        ),
        None => "–".into(),
    }
}

/// The måluppfyllelse table's content: the period, its rows, whether to compare with last year, and notes on
/// where counts come from (when they are the report's).
#[derive(Clone, PartialEq)]
pub struct ReportData {
    pub period: Period,
    pub rows: Vec<ReportRow>,
    pub compare: bool,
    pub notes: Vec<String>,
    /// The rows are the groups by who decided (else the plan and its perspectives).
    pub by_decided: bool,
    /// The plan can be split by who decided, and has stated grades or counts to count.
    pub can_split: bool,
    pub can_count_stated: bool,
    /// What the rows count (the report's grades only where there are some to count).
    pub counting: Counting,
}

/// The måluppfyllelse rows of the period in context against the same period last year (the table's and the
/// meeting slide's): by perspective, or by who decided (with a total row) and counted as chosen.
pub fn report_rows() -> Option<ReportData> {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let per = sc.period.get()?;
    let st = sc.structure.get()?;
    let now = sc.card.get()?;
    let choice = sc.by_decided.get();
    let counting = sc.counting.get();
    ctx.plan.with(|p| {
        let p = p.as_ref()?;
        let last = sc
            .facts
            .with(|f| scorecard_with(p, &st.0, f.as_ref(), per.previous_year()));
        let can_split = stated::can_split(p);
        let by_decided = can_split && choice.unwrap_or(true);
        let can_count_stated = stated::has_stated(p, &per)
            || p.stated_counts
                .iter()
                .any(|c| c.period == per || c.period == per.previous_year());
        // the report's grades are counted only in the table by who decided, and only where there are some
        let counting = if by_decided && can_count_stated {
            counting
        } else {
            Counting::Beraknad
        };
        let (rows, notes) = if by_decided {
            let (mut rows, notes) = stated::decided_report(p, &now, &last, counting);
            let mut total = ReportRow {
                node: None,
                label: "Totalt".into(),
                now: Counts::default(),
                last_year: Counts::default(),
            };
            for r in &rows {
                total.now.merge(&r.now);
                total.last_year.merge(&r.last_year);
            }
            // a total of last year where a group has nothing to compare would compare unlike with unlike
            if rows
                .iter()
                .any(|r| r.now.graded() > 0 && r.last_year.graded() == 0)
            {
                total.last_year = Counts::default();
            }
            rows.push(total);
            (rows, notes)
        } else {
            (report(p, &st.0, &now, &last), vec![])
        };
        let compare = rows.iter().any(|r| r.last_year.graded() > 0);
        Some(ReportData {
            period: per,
            rows,
            compare,
            notes,
            by_decided,
            can_split,
            can_count_stated,
            counting,
        })
    })
}

#[component]
pub fn ReportTable() -> impl IntoView {
    let ctx = use_plan_ctx();
    let data = Memo::new(move |_| report_rows());
    // this period's value, and under it (when comparing) the same period last year's
    let cells = |c: Counts, last: Option<(i32, Counts)>| {
        let cell = move |label: &'static str, now: String, then: Option<(i32, String)>| {
            view! {
                <td class="num" data-label=label>
                    <span class="now">{now}</span>
                    {then.map(|(y, t)| view! { <span class="then">{format!("{y}: {t}")}</span> })}
                </td>
            }
        };
        let past = move |f: &dyn Fn(&Counts) -> String| last.map(|(y, l)| (y, f(&l)));
        view! {
            {cell("Uppfyllda", pct(&c, Grade::Uppfyllt), past(&|l| pct(l, Grade::Uppfyllt)))}
            {cell("Delvis", pct(&c, Grade::Delvis), past(&|l| pct(l, Grade::Delvis)))}
            {cell("Ej uppfyllda", pct(&c, Grade::EjUppfyllt), past(&|l| pct(l, Grade::EjUppfyllt)))}
            {cell("Ej bedömbara", c.ej_bedombar.to_string(), past(&|l| l.ej_bedombar.to_string()))}
            {cell("Mäts", c.scheduled().to_string(), past(&|l| l.scheduled().to_string()))}
        }
    };
    let sc = use_score_ctx();
    let controls = move || {
        let d = data.get()?;
        d.can_split.then(|| {
            let by = d.by_decided;
            let counting = sc.counting.get();
            view! {
                <div class="mu-controls no-print" role="group" aria-label="Tabellens uppdelning">
                    <label>"Dela upp efter "
                        <select id="mu-split" on:change=move |ev| sc.by_decided.set(Some(event_target_value(&ev) == "beslut"))>
                            <option value="beslut" selected=by>"Vem som beslutat"</option>
                            <option value="perspektiv" selected=!by>"Perspektiv"</option>
                        </select>
                    </label>
                    {(by && d.can_count_stated).then(|| view! {
                        <label>"Räkna "
                            <select id="mu-counting" on:change=move |ev| sc.counting.set(if event_target_value(&ev) == "rapporten" { Counting::Rapporten } else { Counting::Beraknad })>
                                <option value="beraknad" selected=counting == Counting::Beraknad>"Beräknad måluppfyllelse"</option>
                                <option value="rapporten" selected=counting == Counting::Rapporten>"Rapportens bedömning"</option>
                            </select>
                        </label>
                    })}
                </div>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="mu-h">
            <h2 id="mu-h">"Måluppfyllelse"</h2>
            {controls}
            {move || data.get().map(|ReportData { period: per, rows, compare, notes, by_decided, counting, .. }| {
                let counted = if counting == Counting::Rapporten { "enligt rapportens bedömning" } else { "beräknad" };
                let before = per.previous_year();
                let many = ctx.measure_words().1;
                let split = if by_decided { " per beslutsnivå" } else { "" };
                let caption = if compare {
                    format!("Antal {many}{split} per utfall ({counted}), {} jämfört med {} (under varje värde). Andelarna är av dem som kunde bedömas.", per.label(), before.label())
                } else {
                    format!("Antal {many}{split} per utfall ({counted}), {}. Andelarna är av dem som kunde bedömas.", per.label())
                };
                view! {
                    <div class="report-table-wrap">
                    <table class="report-table">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Del"</th>
                                <th scope="col">"Uppfyllda"</th><th scope="col">"Delvis"</th><th scope="col">"Ej uppfyllda"</th><th scope="col">"Ej bedömbara"</th><th scope="col">"Mäts"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr data-row=r.node.clone().unwrap_or_else(|| "plan".into())>
                                    <th scope="row">{snippet(&r.label, 60)}</th>
                                    {cells(r.now, compare.then_some((before.year, r.last_year)))}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    {(!compare).then(|| view! {
                        <p class="muted" id="mu-no-compare">{format!("Jämförelse med {} visas inte: den perioden har inga bedömda utfall.", before.label())}</p>
                    })}
                    {(!notes.is_empty()).then(|| view! {
                        <ul class="muted mu-notes" id="mu-notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    })}
                }
            })}
        </section>
    }
}
