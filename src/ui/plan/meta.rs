//! The plan's own fields (title, organisation, period, kind, status) and its names for its levels.

use crate::domain::draft::EditKey;
use crate::domain::limits::{MAX_TEXT_CHARS, MAX_YEAR, MIN_YEAR};
use crate::domain::plan::{Plan, PlanKind, PlanStatus};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::shell::edit_ctx::{field_error, field_invalid};
use leptos::prelude::*;

/// Title and the plan's own fields.
#[component]
pub fn PlanHeader() -> impl IntoView {
    let ctx = use_plan_ctx();
    let title = move || {
        ctx.plan
            .with(|p| p.as_ref().map(|p| p.title.clone()).unwrap_or_default())
    };
    let field = move |key: &'static str, get: fn(&Plan) -> String, set: fn(&mut Plan, String)| {
        let invalid = field_invalid(ctx.edit, &EditKey::header(key));
        view! {
            <label>{key}
                <input type="text" maxlength=MAX_TEXT_CHARS aria-invalid=invalid
                    prop:value=move || { ctx.rev.get(); ctx.plan.with_untracked(|p| p.as_ref().map(get).unwrap_or_default()) }
                    on:input=move |ev| { let v = event_target_value(&ev); ctx.apply(Some(EditKey::header(key)), move |p| { set(p, v); Ok(()) }); }/>
                {field_error(ctx.edit, EditKey::header(key))}
            </label>
        }
    };
    let year = move |key: &'static str, get: fn(&Plan) -> i32, set: fn(&mut Plan, i32)| {
        view! {
            <label>{key}
                <input type="number" min=MIN_YEAR max=MAX_YEAR
                    prop:value=move || { ctx.rev.get(); ctx.plan.with_untracked(|p| p.as_ref().map(|p| get(p).to_string()).unwrap_or_default()) }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Ok(y) = v.trim().parse::<i32>() {
                            if (MIN_YEAR..=MAX_YEAR).contains(&y) {
                                ctx.apply(None, move |p| {
                                    set(p, y);
                                    if p.period.from > p.period.to { p.period.to = p.period.from; }
                                    Ok(())
                                });
                            }
                        }
                    }/>
            </label>
        }
    };
    view! {
        <h1>{title}</h1>
        <details class="card plan-meta">
            <summary>"Planens uppgifter"</summary>
            <div class="grid">
                {field("Titel", |p| p.title.clone(), |p, v| p.title = v)}
                {field("Organisation", |p| p.organisation.clone(), |p, v| p.organisation = v)}
                {field("Region", |p| p.region.clone(), |p, v| p.region = v)}
                {year("Från år", |p| p.period.from, |p, y| p.period.from = y)}
                {year("Till år", |p| p.period.to, |p, y| p.period.to = y)}
                <label>"Typ"
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(k) = PlanKind::ALL.into_iter().find(|k| k.label() == v) {
                            ctx.apply(None, move |p| { p.kind = k; Ok(()) });
                        }
                    }>
                        {PlanKind::ALL.into_iter().map(|k| view! {
                            <option selected=move || { ctx.rev.get(); ctx.plan.with_untracked(|p| p.as_ref().map(|p| p.kind == k).unwrap_or(false)) }>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Status"
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let s = if v == PlanStatus::Beslutad.label() { PlanStatus::Beslutad } else { PlanStatus::Utkast };
                        ctx.apply(None, move |p| { p.status = s; Ok(()) });
                    }>
                        {[PlanStatus::Utkast, PlanStatus::Beslutad].into_iter().map(|s| view! {
                            <option selected=move || { ctx.rev.get(); ctx.plan.with_untracked(|p| p.as_ref().map(|p| p.status == s).unwrap_or(false)) }>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <LevelNames/>
        </details>
    }
}

/// The plan's own names for its levels.
#[component]
fn LevelNames() -> impl IntoView {
    let ctx = use_plan_ctx();
    let keys = move || {
        ctx.rev.get();
        ctx.plan.with_untracked(|p| {
            p.as_ref()
                .map(|p| {
                    crate::ui::plan::tree::level_counts(p)
                        .into_iter()
                        .map(|(k, name, _)| (k, name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <fieldset>
            <legend>"Planens namn på nivåerna"</legend>
            <div class="grid">
                {move || keys().into_iter().map(|(key, name)| {
                    let k2 = key.clone();
                    view! {
                        <label>{format!("Nivån {}", crate::domain::plan::default_level_name(&key).to_lowercase())}
                            <input type="text" value=name on:input=move |ev| {
                                let v = event_target_value(&ev);
                                let k = k2.clone();
                                ctx.apply(Some(EditKey::header(format!("level:{k}"))), move |p| { p.level_names.insert(k, v); Ok(()) });
                            }/>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
