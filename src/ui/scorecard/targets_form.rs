//! Editing a measure's targets (a form per kind) and its grading settings (polarity, flow, critical, weight,
//! follow-up). Every change goes through the plan context, so it is saved, undoable and regraded at once.

use crate::domain::draft::EditKey;
use crate::domain::edit::EditError;
use crate::domain::format::{number_sv, parse_number_sv};
use crate::domain::limits::MAX_TEXT_CHARS;
use crate::domain::measure::*;
use crate::domain::period::FollowUp;
use crate::domain::plan::Plan;
use crate::domain::scorecard::edit::measure_mut;
use crate::domain::scorecard::parse::parse_target;
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::widgets::follow_up::FollowUpChecks;
use leptos::prelude::*;

fn num(v: Option<f64>) -> String {
    v.map(number_sv).unwrap_or_default()
}

/// Read an optional number field: empty → None; unreadable → an error message.
fn read_num(label: &str, text: &str) -> Result<Option<f64>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_number_sv(text)
        .map(Some)
        .ok_or_else(|| format!("{label}: ”{}” är inte ett tal", text.trim()))
}

type TargetEdit = fn(&mut Target, String) -> Result<(), String>;

#[component]
fn TargetForm(id: String, index: usize, target: Target) -> impl IntoView {
    let ctx = use_plan_ctx();
    let error = RwSignal::new(None::<String>);
    let edit = {
        let id = id.clone();
        move |structural: bool, field: &'static str, f: Box<dyn FnOnce(&mut Target)>| {
            let id = id.clone();
            let key =
                (!structural).then(|| EditKey::node(id.clone(), format!("target:{index}:{field}")));
            ctx.apply(key, move |p: &mut Plan| {
                let m = measure_mut(p, &id)?;
                let t = m
                    .targets
                    .get_mut(index)
                    .ok_or_else(|| EditError::NotFound(format!("{id} mål {index}")))?;
                f(t);
                Ok(())
            });
        }
    };
    // a text or number field of the target: `set` reads the text and changes the target, or says what is wrong
    let field = {
        let edit = edit.clone();
        move |label: &'static str, key: &'static str, value: String, set: TargetEdit| {
            let edit = edit.clone();
            let input_id = format!("t{index}-{key}");
            view! {
                <label for=input_id.clone()>{label}</label>
                <input id=input_id type="text" maxlength=MAX_TEXT_CHARS value=value on:change=move |ev| {
                    let text = event_target_value(&ev);
                    // check first, so a bad number changes nothing
                    let mut probe = Target::new(TargetKind::Niva);
                    match set(&mut probe, text.clone()) {
                        Err(e) => error.set(Some(e)),
                        Ok(()) => {
                            error.set(None);
                            edit(false, key, Box::new(move |t| { let _ = set(t, text); }));
                        }
                    }
                }/>
            }
        }
    };
    let kind = target.kind;
    let kind_select = {
        let edit = edit.clone();
        view! {
            <label for=format!("t{index}-kind")>"Typ av mål"</label>
            <select id=format!("t{index}-kind") on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(k) = TargetKind::from_key(&v) {
                    edit(true, "kind", Box::new(move |t| t.kind = k));
                }
            }>
                {TargetKind::ALL.into_iter().map(|k| view! {
                    <option value=k.key() selected=k == kind>{k.label()}</option>
                }).collect_view()}
            </select>
        }
    };
    let op_select = {
        let edit = edit.clone();
        let cur = target.operator;
        view! {
            <label for=format!("t{index}-op")>"Jämförelse"</label>
            <select id=format!("t{index}-op") on:change=move |ev| {
                let v = event_target_value(&ev);
                let op = Operator::from_symbol(&v);
                edit(false, "op", Box::new(move |t| t.operator = op));
            }>
                <option value="" selected=cur.is_none()>"Ej angiven (enligt riktning)"</option>
                {Operator::ALL.into_iter().map(|o| view! {
                    <option value=o.symbol() selected=cur == Some(o)>{o.sign()}</option>
                }).collect_view()}
            </select>
        }
    };
    let direction_select = {
        let edit = edit.clone();
        let cur = target.direction;
        view! {
            <label for=format!("t{index}-dir")>"Riktning"</label>
            <select id=format!("t{index}-dir") on:change=move |ev| {
                let v = event_target_value(&ev);
                let d = Direction::from_key(&v);
                edit(false, "dir", Box::new(move |t| t.direction = d));
            }>
                <option value="" selected=cur.is_none()>"Ej angiven"</option>
                {Direction::ALL.into_iter().map(|d| view! {
                    <option value=d.key() selected=cur == Some(d)>{d.label()}</option>
                }).collect_view()}
            </select>
        }
    };
    let reference_fields = {
        let edit = edit.clone();
        let cur = target.reference;
        view! {
            <label for=format!("t{index}-ref")>"Jämförs med"</label>
            <select id=format!("t{index}-ref") on:change=move |ev| {
                let v = event_target_value(&ev);
                let k = ReferenceKind::from_key(&v);
                edit(false, "ref", Box::new(move |t| {
                    t.reference = k.map(|kind| Reference { kind, year: t.reference.and_then(|r| r.year) });
                }));
            }>
                <option value="" selected=cur.is_none()>"Ej angivet"</option>
                {ReferenceKind::ALL.into_iter().map(|k| view! {
                    <option value=k.key() selected=cur.map(|r| r.kind) == Some(k)>{k.label()}</option>
                }).collect_view()}
            </select>
        }
    };
    let ref_year = field(
        "Jämförelseår",
        "refyear",
        target
            .reference
            .and_then(|r| r.year)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        |t, s| {
            let y = match s.trim() {
                "" => None,
                y => Some(
                    y.parse::<i32>()
                        .ok()
                        .filter(|y| (1900..=2200).contains(y))
                        .ok_or_else(|| format!("Jämförelseår: ”{y}” är inte ett år"))?,
                ),
            };
            let kind = t.reference.map_or(ReferenceKind::AngivetAr, |r| r.kind);
            t.reference = Some(Reference { kind, year: y });
            Ok(())
        },
    );
    let value = field("Målvärde", "value", num(target.value), |t, s| {
        t.value = read_num("Målvärde", &s)?;
        Ok(())
    });
    let unit = field(
        "Enhet",
        "unit",
        target.unit.clone().unwrap_or_default(),
        |t, s| {
            t.unit = Some(s.trim().to_string()).filter(|u| !u.is_empty());
            Ok(())
        },
    );
    let kind_fields = match kind {
        TargetKind::Niva | TargetKind::Antal => view! {
            {op_select}
            {value}
            {unit}
            {field("Målvärde kvinnor", "k", num(target.group_value(Sex::Kvinnor)), |t, s| {
                let v = read_num("Målvärde kvinnor", &s)?;
                t.groups.retain(|g| g.sex != Sex::Kvinnor);
                if let Some(value) = v { t.groups.insert(0, GroupTarget { sex: Sex::Kvinnor, value }); }
                Ok(())
            })}
            {field("Målvärde män", "m", num(target.group_value(Sex::Man)), |t, s| {
                let v = read_num("Målvärde män", &s)?;
                t.groups.retain(|g| g.sex != Sex::Man);
                if let Some(value) = v { t.groups.push(GroupTarget { sex: Sex::Man, value }); }
                Ok(())
            })}
        }
        .into_any(),
        TargetKind::Intervall => view! {
            {field("Från", "value", num(target.value), |t, s| { t.value = read_num("Från", &s)?; Ok(()) })}
            {field("Till", "high", num(target.value_high), |t, s| { t.value_high = read_num("Till", &s)?; Ok(()) })}
            {unit}
        }
        .into_any(),
        TargetKind::Forandring => view! {
            {direction_select}
            {field("Förändring", "change", num(target.change.or(target.value)), |t, s| {
                t.change = read_num("Förändring", &s)?;
                t.value = None;
                Ok(())
            })}
            {field("Enhet för förändringen (% eller t.ex. st)", "cunit", target.change_unit.clone().or(target.unit.clone()).unwrap_or_default(), |t, s| {
                t.change_unit = Some(s.trim().to_string()).filter(|u| !u.is_empty());
                Ok(())
            })}
            {reference_fields}
            {ref_year}
        }
        .into_any(),
        TargetKind::Riktning => view! { {direction_select}{reference_fields}{ref_year} }.into_any(),
        TargetKind::Bibehalla => view! { {value}{unit}{reference_fields} }.into_any(),
        _ => view! { <p class="muted">"Bedöms manuellt."</p> }.into_any(),
    };
    let reparse = {
        let edit = edit.clone();
        move |_| {
            edit(
                true,
                "parse",
                Box::new(|t| {
                    let parsed = parse_target(&t.raw);
                    *t = Target {
                        extra: std::mem::take(&mut t.extra),
                        ..parsed
                    };
                }),
            )
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            ctx.apply(None, move |p| {
                let m = measure_mut(p, &id)?;
                if index < m.targets.len() {
                    m.targets.remove(index);
                }
                Ok(())
            });
        }
    };
    let raw = field("Målet som det står", "raw", target.raw.clone(), |t, s| {
        t.raw = s;
        Ok(())
    });
    view! {
        <fieldset class="target-form">
            <legend>{format!("Mål {}", index + 1)}</legend>
            <div class="form-grid">
                {raw}
                {kind_select}
                {kind_fields}
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {
                // a change the plan's rules refused (e.g. a number out of range): shown with this target
                let prefix = EditKey::node(id.clone(), format!("target:{index}:")).name();
                move || ctx.edit.field_error.with(|e| e.as_ref().filter(|(k, _)| k.starts_with(&prefix)).map(|(_, m)| m.clone()))
                    .map(|m| view! { <p class="field-error" role="alert">{m}</p> })
            }
            <div class="row">
                <button on:click=reparse>"Tolka texten"</button>
                <button class="danger" on:click=remove>"Ta bort målet"</button>
            </div>
        </fieldset>
    }
}

/// The targets of a measure and its grading settings.
#[component]
pub fn TargetsEditor(id: String) -> impl IntoView {
    let ctx = use_plan_ctx();
    let (m, weight) = ctx.plan.with_untracked(|p| {
        let p = p.as_ref()?;
        let n = p.node(&id)?;
        match &n.data {
            crate::domain::plan::NodeData::Matt(m) => {
                Some((m.clone(), p.scorecard.weights.get(&id).copied()))
            }
            _ => None,
        }
    })?;
    let error = RwSignal::new(None::<String>);
    let set_measure = {
        let id = id.clone();
        move |structural: bool, f: Box<dyn FnOnce(&mut Measure)>| {
            let id = id.clone();
            let key = (!structural).then(|| EditKey::node(id.clone(), "measure"));
            ctx.apply(key, move |p| {
                f(measure_mut(p, &id)?);
                Ok(())
            });
        }
    };
    let add = {
        let set_measure = set_measure.clone();
        move |_| {
            set_measure(
                true,
                Box::new(|m| m.targets.push(Target::new(TargetKind::Niva))),
            )
        }
    };
    let polarity = m.polarity;
    let pol = {
        let set_measure = set_measure.clone();
        move |ev| {
            let v = event_target_value(&ev);
            let p = Polarity::from_key(&v);
            set_measure(false, Box::new(move |m| m.polarity = p));
        }
    };
    let flow = {
        let set_measure = set_measure.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            set_measure(false, Box::new(move |m| m.flow = on));
        }
    };
    let critical = {
        let set_measure = set_measure.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            set_measure(false, Box::new(move |m| m.critical = on));
        }
    };
    let follow = {
        let set_measure = set_measure.clone();
        Callback::new(move |codes: Vec<FollowUp>| {
            set_measure(false, Box::new(move |m| m.follow_up = codes));
        })
    };
    let weight_change = {
        let id = id.clone();
        move |ev| {
            let text = event_target_value(&ev);
            match read_num("Vikt", &text) {
                Ok(w) if w.is_none_or(|w| (0.0..=1000.0).contains(&w)) => {
                    error.set(None);
                    let id = id.clone();
                    ctx.apply(Some(EditKey::header(format!("weight:{id}"))), move |p| {
                        match w {
                            Some(w) if w != 1.0 => p.scorecard.weights.insert(id, w),
                            _ => p.scorecard.weights.remove(&id),
                        };
                        Ok(())
                    });
                }
                Ok(_) => error.set(Some("Vikt: mellan 0 och 1 000".into())),
                Err(e) => error.set(Some(e)),
            }
        }
    };
    Some(view! {
        <details class="targets-editor">
            <summary>"Redigera mål och bedömningsgrund"</summary>
            {m.targets.iter().cloned().enumerate().map(|(i, t)| view! { <TargetForm id=id.clone() index=i target=t/> }).collect_view()}
            <button on:click=add>"Lägg till mål"</button>
            <fieldset>
                <legend>"Bedömningsgrund"</legend>
                <div class="form-grid">
                    <label for="m-polarity">"Riktning"</label>
                    <select id="m-polarity" on:change=pol>
                        <option value="" selected=polarity.is_none()>"Ej angiven"</option>
                        <option value=Polarity::HigherIsBetter.key() selected=polarity == Some(Polarity::HigherIsBetter)>{Polarity::HigherIsBetter.label()}</option>
                        <option value=Polarity::LowerIsBetter.key() selected=polarity == Some(Polarity::LowerIsBetter)>{Polarity::LowerIsBetter.label()}</option>
                    </select>
                    <label for="m-weight">"Vikt i sammanvägningen"</label>
                    <input id="m-weight" type="text" inputmode="decimal" value=num(weight.or(Some(1.0))) on:change=weight_change/>
                </div>
                <FollowUpChecks id="m-follow" current=m.follow_up.clone() on_change=follow/>
                <label class="check"><input type="checkbox" prop:checked=m.flow on:change=flow/>" Flödesmått (årsmål räknas om vid delår)"</label>
                <label class="check"><input type="checkbox" prop:checked=m.critical on:change=critical/>" Kritiskt mått (ej uppfyllt ger målet ej uppfyllt)"</label>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </fieldset>
        </details>
    })
}
