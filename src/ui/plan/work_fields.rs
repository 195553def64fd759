//! The plan editor's fields for what is followed up per period (activities, uppdrag, IK-åtgärder): start and
//! end, and the report of a chosen period; and the risk's and the internkontrollplan's own fields.

use crate::domain::draft::EditKey;
use crate::domain::edit::{self, EditError};
use crate::domain::period::Period;
use crate::domain::plan::*;
use crate::domain::scorecard::rollup::{opening_period, period_choices};
use crate::ui::plan::ctx::PlanCtx;
use crate::ui::plan::form::{
    fe, select, select_with_id, set, set_now, text_area, text_input, text_input_with_id, try_set,
};
use crate::ui::shell::edit_ctx::{field_error, field_invalid};
use leptos::prelude::*;

/// The period whose report the editor shows; kept while the form is rebuilt after a change, so choosing a status
/// does not jump back to another period. Provided by the node editor.
#[derive(Clone, Copy)]
pub struct WorkPeriod(pub RwSignal<Option<Period>>);

/// A start or an end as typed: empty is none, else a year or a date.
fn read_when(v: &str) -> Result<Option<When>, EditError> {
    let t = v.trim();
    if t.is_empty() {
        return Ok(None);
    }
    When::parse(t)
        .map(Some)
        .ok_or_else(|| EditError::BadWhen(t.to_string()))
}

/// Where a node's start and end are.
pub(super) type SpanOf = fn(&mut NodeData) -> Option<(&mut Option<When>, &mut Option<When>)>;

/// *Start* and *Slut* (a year or a date); a text that does not read, or an end before the start, is said at the
/// field and changes nothing.
pub(super) fn span_fields(
    ctx: PlanCtx,
    id: String,
    start: Option<When>,
    end: Option<When>,
    of: SpanOf,
) -> AnyView {
    let (id1, id2) = (id.clone(), id.clone());
    view! {
        <div class="span-fields">
            {text_input_with_id("field-start", fe(ctx, &id, "start"), "Start (år eller datum)", start.map(|w| w.key()).unwrap_or_default(), move |v| {
                try_set(ctx, &id1, "start", move |n| {
                    let w = read_when(&v)?;
                    if let Some((s, _)) = of(&mut n.data) { *s = w }
                    Ok(())
                })
            })}
            {text_input_with_id("field-end", fe(ctx, &id, "end"), "Slut (år eller datum)", end.map(|w| w.key()).unwrap_or_default(), move |v| {
                try_set(ctx, &id2, "end", move |n| {
                    let w = read_when(&v)?;
                    if let Some((_, e)) = of(&mut n.data) { *e = w }
                    Ok(())
                })
            })}
        </div>
    }
    .into_any()
}

fn status_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Ej rapporterad".to_string()))
        .chain(
            WorkStatus::ALL
                .iter()
                .map(|s| (s.key().to_string(), s.label().to_string())),
        )
        .collect()
}

/// "Pågår, försenad: analys …" for the list of reports.
fn report_line(r: &WorkReport) -> String {
    let mut s = r.status_words();
    if !r.analysis.trim().is_empty() {
        s.push_str(&format!(
            ": {}",
            crate::ui::widgets::text::snippet(r.analysis.trim(), 120)
        ));
    }
    s
}

/// The follow-up of one item: a period to report on (the plan's report periods), its status, *försenad* and
/// analysis, and the reports already made. Every change is saved as the other fields are.
pub(super) fn reports_fields(ctx: PlanCtx, id: String, reports: WorkReports, p: &Plan) -> AnyView {
    let WorkPeriod(chosen) =
        use_context::<WorkPeriod>().expect("the node editor provides WorkPeriod");
    let mut periods = period_choices(p);
    for r in &reports {
        if !periods.contains(&r.period) {
            periods.push(r.period);
        }
    }
    periods.sort_by_key(Period::sort_key);
    let fallback = reports
        .iter()
        .map(|r| r.period)
        .max_by_key(Period::sort_key)
        .unwrap_or_else(|| opening_period(p));
    let period = chosen
        .get_untracked()
        .filter(|c| periods.contains(c))
        .unwrap_or(fallback);
    let now = report_at(&reports, period).cloned();
    let options: Vec<(String, String)> = periods
        .iter()
        .map(|x| {
            let said = if report_at(&reports, *x).is_some() {
                " (rapporterad)"
            } else {
                ""
            };
            (x.key(), format!("{}{said}", x.label()))
        })
        .collect();
    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
    let status = now.as_ref().and_then(|r| r.status);
    let delayed = now.as_ref().is_some_and(|r| r.delayed);
    let analysis = now.map(|r| r.analysis).unwrap_or_default();
    let field = format!("analysis-{}", period.key());
    let earlier: Vec<(String, String)> = reports
        .iter()
        .rev()
        .map(|r| (r.period.label(), report_line(r)))
        .collect();
    view! {
        <fieldset class="work-report">
            <legend>"Uppföljning"</legend>
            {select_with_id("wr-period", "Period", period.key(), options, move |v| {
                if let Some(x) = Period::parse_key(&v) {
                    chosen.set(Some(x));
                    ctx.rev.update(|r| *r += 1);
                }
            })}
            {select_with_id("wr-status", "Status", status.map(|s| s.key().to_string()).unwrap_or_default(), status_options(), move |v| {
                let s = WorkStatus::from_key(&v);
                chosen.set(Some(period));
                set_now(ctx, &id1, move |n| {
                    if let Some(r) = n.data.work_reports_mut() { set_report(r, period, |x| x.status = s) }
                })
            })}
            <label class="check"><input type="checkbox" id="wr-delayed" prop:checked=delayed on:change=move |ev| {
                let on = event_target_checked(&ev);
                chosen.set(Some(period));
                set_now(ctx, &id2, move |n| {
                    if let Some(r) = n.data.work_reports_mut() { set_report(r, period, |x| x.delayed = on) }
                });
            }/>" Försenad"</label>
            {text_area(fe(ctx, &id3, &field), "Analys", "field-analysis", analysis, {
                let field = field.clone();
                move |v| {
                    chosen.set(Some(period));
                    set(ctx, &id3, &field, move |n| {
                        if let Some(r) = n.data.work_reports_mut() { set_report(r, period, |x| x.analysis = v) }
                    })
                }
            })}
            {(!earlier.is_empty()).then(|| view! {
                <details class="reports" open=true>
                    <summary>{format!("Rapporter ({})", earlier.len())}</summary>
                    <dl>
                        {earlier.into_iter().map(|(when, what)| view! { <dt>{when}</dt><dd>{what}</dd> }).collect_view()}
                    </dl>
                </details>
            })}
        </fieldset>
    }
    .into_any()
}

/// A risk: its scope, sannolikhet and konsekvens on the plan's scale, and the riskvärde they give.
pub(super) fn risk_fields(ctx: PlanCtx, id: String, r: Risk, p: &Plan) -> AnyView {
    let i = p.nodes.iter().position(|n| n.id == id).unwrap_or(0);
    let find = |x: &str| p.nodes.iter().position(|n| n.id == x);
    let scale = crate::domain::validate::risk_scale_of(p, i, &find);
    let options: Vec<(String, String)> = std::iter::once((String::new(), "Ej bedömd".to_string()))
        .chain((1..=scale).map(|v| (v.to_string(), v.to_string())))
        .collect();
    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
    let value = r
        .value()
        .map(|v| {
            format!(
                "Riskvärde: {v} (sannolikhet {} × konsekvens {})",
                r.likelihood.unwrap_or(0),
                r.consequence.unwrap_or(0)
            )
        })
        .unwrap_or_else(|| "Riskvärde: sätts när sannolikhet och konsekvens är bedömda.".into());
    view! {
        {scope_field(ctx, id1, r.scope)}
        {select_with_id("risk-likelihood", "Sannolikhet",  r.likelihood.map(|v| v.to_string()).unwrap_or_default(), options.clone(), move |v| {
            set_now(ctx, &id2, move |n| if let NodeData::IkRisk(r) = &mut n.data { r.likelihood = v.parse().ok() })
        })}
        {select_with_id("risk-consequence", "Konsekvens",  r.consequence.map(|v| v.to_string()).unwrap_or_default(), options, move |v| {
            set_now(ctx, &id3, move |n| if let NodeData::IkRisk(r) = &mut n.data { r.consequence = v.parse().ok() })
        })}
        <p class="risk-value" id="risk-value">{value}</p>
    }
    .into_any()
}

/// *Omfattning* of a risk or an åtgärd.
pub(super) fn scope_field(ctx: PlanCtx, id: String, scope: Scope) -> AnyView {
    select(
        "Omfattning",
        scope.key().to_string(),
        [Scope::Regionovergripande, Scope::Namndspecifik]
            .map(|s| (s.key().to_string(), s.label().to_string()))
            .to_vec(),
        move |v| {
            let s = Scope::from_key(&v).unwrap_or(Scope::Namndspecifik);
            set_now(ctx, &id, |n| match &mut n.data {
                NodeData::IkRisk(r) => r.scope = s,
                NodeData::IkAtgard(a) => a.scope = s,
                _ => {}
            })
        },
    )
}

/// Where one of an åtgärd's texts is.
type TextOf = fn(&mut ControlAction) -> &mut String;

/// An åtgärd: scope, kontrollmoment, metod, ansvarig, tidpunkt, and its follow-up.
pub(super) fn action_fields(ctx: PlanCtx, id: String, a: ControlAction, p: &Plan) -> AnyView {
    let texts: [(&'static str, &'static str, String, TextOf); 4] = [
        ("control", "Kontrollmoment", a.control.clone(), |a| {
            &mut a.control
        }),
        ("method", "Metod", a.method.clone(), |a| &mut a.method),
        ("responsible", "Ansvarig", a.responsible.clone(), |a| {
            &mut a.responsible
        }),
        ("timing", "Tidpunkt", a.timing.clone(), |a| &mut a.timing),
    ];
    view! {
        {scope_field(ctx, id.clone(), a.scope)}
        {texts.into_iter().map(|(key, label, value, get)| {
            let id = id.clone();
            text_input(fe(ctx, &id, key), label, value, move |v| set(ctx, &id, key, move |n| {
                if let NodeData::IkAtgard(a) = &mut n.data { *get(a) = v }
            }))
        }).collect_view()}
        {reports_fields(ctx, id.clone(), a.followups, p)}
    }
    .into_any()
}

/// The internkontrollplan's own fields: its description, the risk scale (refused below a risk's assessment) and
/// the year's ISK-bedömning (*saknas* until entered).
pub(super) fn control_plan_fields(ctx: PlanCtx, id: String, c: ControlPlan) -> AnyView {
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
    let scales: Vec<(String, String)> = (2..=MAX_RISK_SCALE)
        .map(|s| (s.to_string(), format!("1–{s}")))
        .collect();
    let isk_value = IskJudgement::choice(c.isk.as_ref()).to_string();
    let motivation = c.isk.as_ref().map(|j| j.motivation.clone());
    let scale_key = EditKey::node(id.clone(), "risk_scale");
    let invalid = field_invalid(ctx.edit, &scale_key);
    view! {
        {text_area(fe(ctx, &id, "description"), "Beskrivning", "field-description", c.description, move |v| set(ctx, &id1, "description", |n| {
            if let NodeData::IkPlan(c) = &mut n.data { c.description = v }
        }))}
        <label>"Skala för sannolikhet och konsekvens"
            <select id="risk-scale" aria-invalid=invalid on:change=move |ev| {
                let Ok(s) = event_target_value(&ev).parse::<u8>() else { return };
                let id = id2.clone();
                if ctx.apply(Some(EditKey::node(id.clone(), "risk_scale")), move |p| edit::set_risk_scale(p, &id, s)).is_none() {
                    // refused: the select shows the scale in force again
                    ctx.rev.update(|r| *r += 1);
                }
            }>
                {scales.into_iter().map(|(v, l)| { let sel = v == c.risk_scale.to_string(); view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
            </select>
            {field_error(ctx.edit, scale_key)}
        </label>
        <fieldset class="isk">
            <legend>"ISK-bedömning (intern kontroll)"</legend>
            {select_with_id("isk-sufficient", "Är den interna kontrollen tillräcklig?", isk_value, vec![
                (String::new(), "Saknas (inte bedömd)".into()),
                ("ja".into(), "Ja, tillräcklig".into()),
                ("nej".into(), "Nej, inte tillräcklig".into()),
            ], move |v| set_now(ctx, &id3, move |n| if let NodeData::IkPlan(c) = &mut n.data {
                let motivation = c.isk.take().map(|j| j.motivation).unwrap_or_default();
                c.isk = IskJudgement::from_choice(&v, motivation);
            }))}
            {motivation.map(|m| text_area(fe(ctx, &id4, "isk-motivation"), "Motivering", "field-isk-motivation", m, move |v| set(ctx, &id4, "isk-motivation", |n| {
                if let NodeData::IkPlan(c) = &mut n.data { if let Some(j) = &mut c.isk { j.motivation = v } }
            })))}
        </fieldset>
    }
    .into_any()
}
