//! *Lägg till mått* on the selected goal or perspective: name, target as the document words it and, if known,
//! an outcome, in one form and one step ([`add_measure`]). The target is read while it is typed, with the
//! same parser and warnings as *Tolka texten*; the new measure is graded at once and can be opened in the
//! scorecard. The form stays for the next measure.

use crate::domain::format::url_segment;
use crate::domain::period::Period;
use crate::domain::plan::{NodeData, NodeKind};
use crate::domain::scorecard::edit::{add_measure, value_unit, NewMeasure};
use crate::domain::scorecard::grade::assess;
use crate::domain::scorecard::grid::read_number;
use crate::domain::scorecard::parse::{parse_target, polarity_label, read_target};
use crate::domain::scorecard::print::target_sv;
use crate::domain::scorecard::rollup::{opening_period, period_choices};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::shell::browser::focus_later;
use leptos::prelude::*;

/// The form, under the editor when the selected item can hold measures.
#[component]
pub fn NewMeasureForm() -> impl IntoView {
    let ctx = use_plan_ctx();
    // rebuilt when another item is selected, not on every edit (the fields keep what is typed)
    let parent = Memo::new(move |_| {
        let sel = ctx.selected.get()?;
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            let n = p.node(&sel)?;
            matches!(n.data.kind(), NodeKind::Mal | NodeKind::Perspektiv).then(|| sel.clone())
        })
    });
    move || {
        parent
            .get()
            .map(|id| view! { <NewMeasureFields parent=id/> })
    }
}

#[component]
fn NewMeasureFields(parent: String) -> impl IntoView {
    let ctx = use_plan_ctx();
    let (word, periods, opening) = ctx.plan.with_untracked(|p| {
        let p = p.as_ref().expect("the plan is loaded");
        (
            p.level_name(NodeKind::Matt.key()),
            period_choices(p),
            opening_period(p),
        )
    });
    let name = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let period = RwSignal::new(opening.key());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<(String, String)>);
    // the target as read while typed: what it says, and what to check
    let reading = Memo::new(move |_| {
        let raw = target.get();
        if raw.trim().is_empty() {
            return None;
        }
        let (t, warnings) = read_target(&raw, None);
        let unit = t.unit.clone().unwrap_or_default();
        let said = crate::domain::scorecard::parse::implied_polarity(&t)
            .map(|p| format!(" · {}", polarity_label(p)))
            .unwrap_or_default();
        Some((
            format!("Läses som: {}{said}", target_sv(&t, &unit)),
            warnings,
        ))
    });
    let word2 = word.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let n = name.get_untracked();
        if n.trim().is_empty() {
            error.set(Some(format!("Skriv vad {} heter.", word2.to_lowercase())));
            focus_later("nm-name".into());
            return;
        }
        let raw = target.get_untracked();
        let unit = parse_target(&raw).unit.unwrap_or_default();
        let per = Period::parse_key(&period.get_untracked());
        let value = match read_number(&outcome.get_untracked(), &unit) {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(format!("Utfallet: {e}.")));
                focus_later("nm-outcome".into());
                return;
            }
        };
        let new = NewMeasure {
            name: n.clone(),
            target: raw,
            outcome: per.zip(value),
        };
        let parent = parent.clone();
        let Some(id) = ctx.apply(None, move |p| add_measure(p, &parent, new)) else {
            return;
        };
        ctx.expanded.update(|e| {
            if let Some(par) = ctx.selected.get_untracked() {
                e.insert(par);
            }
        });
        // what was added, graded as the scorecard will show it
        let line = ctx.plan.with_untracked(|p| {
            let p = p.as_ref()?;
            let NodeData::Matt(m) = &p.node(&id)?.data else {
                return None;
            };
            let unit = value_unit(m).unwrap_or_default();
            let target = m
                .targets
                .first()
                .map(|t| target_sv(t, &unit))
                .filter(|t| !t.is_empty());
            let graded = per.filter(|_| value.is_some()).map(|per| {
                let a = assess(m, &per, &p.scorecard);
                format!(
                    ", utfall {} ({}): {} {}",
                    crate::domain::format::value_sv(value.unwrap_or_default(), &unit),
                    per.label(),
                    crate::ui::widgets::badges::grade_icon(a.grade),
                    a.grade.label()
                )
            });
            Some(format!(
                "”{}” lades till{}{}.",
                n.trim(),
                target
                    .map(|t| format!(" med målvärde {t}"))
                    .unwrap_or_default(),
                graded.unwrap_or_default()
            ))
        });
        done.set(line.map(|l| (l, id)));
        name.set(String::new());
        target.set(String::new());
        outcome.set(String::new());
        focus_later("nm-name".into());
    };
    let plan_id = ctx.id();
    view! {
        <form class="card new-measure" on:submit=submit aria-labelledby="nm-h">
            <h3 id="nm-h">{format!("Lägg till {} under vald post", word.to_lowercase())}</h3>
            <div class="form-grid">
                <label>"Namn"<input id="nm-name" type="text" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <label>"Målvärde (som det står)"<input id="nm-target" type="text" placeholder="t.ex. Minst 90 %"
                    aria-describedby="nm-reading" prop:value=move || target.get()
                    on:input=move |ev| target.set(event_target_value(&ev))/></label>
                <label>"Utfall (om det finns)"<input id="nm-outcome" type="text" inputmode="decimal"
                    prop:value=move || outcome.get() on:input=move |ev| outcome.set(event_target_value(&ev))/></label>
                <label>"för perioden"
                    <select id="nm-period" on:change=move |ev| period.set(event_target_value(&ev))>
                        {periods.into_iter().map(|p| {
                            let key = p.key();
                            let sel = key == period.get_untracked();
                            view! { <option value=key selected=sel>{p.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div id="nm-reading" aria-live="polite">
                {move || reading.get().map(|(line, warnings)| view! {
                    <p class="muted">{line}</p>
                    {warnings.into_iter().map(|w| view! { <p class="warning">"⚠ "{w}</p> }).collect_view()}
                })}
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="row">
                <button type="submit" class="primary" id="nm-add">{format!("Lägg till {}", word.to_lowercase())}</button>
            </div>
            <p id="nm-done" role="status">
                {move || done.get().map(|(line, id)| view! {
                    {line}" "
                    <a href=format!("/plan/{}/styrkort?matt={}", url_segment(&plan_id), url_segment(&id))>"Öppna i styrkortet"</a>
                })}
            </p>
        </form>
    }
}
