//! The plan editor's form parts: change the selected node (field by field, with refusals said at the field),
//! and the labelled inputs the node editor and the follow-up fields are built of.

use crate::domain::draft::EditKey;
use crate::domain::edit::EditError;
use crate::domain::limits::MAX_TEXT_CHARS;
use crate::domain::plan::Node;
use crate::ui::plan::ctx::PlanCtx;
use crate::ui::shell::edit_ctx::{field_error, field_invalid};
use leptos::prelude::*;

/// Change node `id` by `f`, which may refuse (its error is said at the field). With a field name, typing in that
/// field coalesces into one undo step; without one (selects, checkboxes) the change is a step of its own and the
/// form re-reads the plan.
fn edit_node(
    ctx: PlanCtx,
    id: &str,
    field: Option<&str>,
    f: &mut dyn FnMut(&mut Node) -> Result<(), EditError>,
) {
    let id = id.to_string();
    ctx.apply(field.map(|k| EditKey::node(id.clone(), k)), move |p| {
        let n = p
            .nodes
            .iter_mut()
            .find(|n| n.id == id)
            .ok_or_else(|| EditError::NotFound(id.clone()))?;
        f(n)
    });
}

pub fn set(ctx: PlanCtx, id: &str, field: &str, f: impl FnOnce(&mut Node)) {
    let mut f = Some(f);
    edit_node(ctx, id, Some(field), &mut |n| {
        (f.take().expect("called once"))(n);
        Ok(())
    })
}

/// [`set`] for a change that may be refused: a text that does not read, say.
pub fn try_set(
    ctx: PlanCtx,
    id: &str,
    field: &str,
    f: impl FnOnce(&mut Node) -> Result<(), EditError>,
) {
    let mut f = Some(f);
    edit_node(ctx, id, Some(field), &mut |n| {
        (f.take().expect("called once"))(n)
    })
}

pub fn set_now(ctx: PlanCtx, id: &str, f: impl FnOnce(&mut Node)) {
    let mut f = Some(f);
    edit_node(ctx, id, None, &mut |n| {
        (f.take().expect("called once"))(n);
        Ok(())
    })
}

/// A field's change handler, boxed so the helpers below are compiled once, not once per call site.
type OnChange = Box<dyn Fn(String)>;

/// Where a field's refused change is explained: the plan's context and the field's key.
pub type FieldKey = (PlanCtx, EditKey);

/// The key of node `id`'s `field`, as [`set`] names it.
pub fn fe(ctx: PlanCtx, id: &str, field: &str) -> FieldKey {
    (ctx, EditKey::node(id, field))
}

pub fn text_input(
    key: FieldKey,
    label: &'static str,
    value: String,
    on: impl Fn(String) + 'static,
) -> AnyView {
    text_input_dyn(None, key, label, value, Box::new(on))
}

/// [`text_input`] with an element id (for a page's tests and links).
pub fn text_input_with_id(
    dom_id: &'static str,
    key: FieldKey,
    label: &'static str,
    value: String,
    on: impl Fn(String) + 'static,
) -> AnyView {
    text_input_dyn(Some(dom_id), key, label, value, Box::new(on))
}

fn text_input_dyn(
    dom_id: Option<&'static str>,
    key: FieldKey,
    label: &'static str,
    value: String,
    on: OnChange,
) -> AnyView {
    let (ctx, key) = key;
    let invalid = field_invalid(ctx.edit, &key);
    view! {
        <label>{label}<input type="text" id=dom_id maxlength=MAX_TEXT_CHARS prop:value=value aria-invalid=invalid
            on:input=move |ev| on(event_target_value(&ev))/>
            {field_error(ctx.edit, key)}</label>
    }
    .into_any()
}

pub fn text_area(
    key: FieldKey,
    label: &'static str,
    dom_id: &'static str,
    value: String,
    on: impl Fn(String) + 'static,
) -> AnyView {
    text_area_dyn(key, label, dom_id, value, Box::new(on))
}

fn text_area_dyn(
    key: FieldKey,
    label: &'static str,
    dom_id: &'static str,
    value: String,
    on: OnChange,
) -> AnyView {
    let (ctx, key) = key;
    let invalid = field_invalid(ctx.edit, &key);
    view! {
        <label>{label}<textarea id=dom_id rows="4" maxlength=MAX_TEXT_CHARS prop:value=value aria-invalid=invalid
            on:input=move |ev| on(event_target_value(&ev))></textarea>
            {field_error(ctx.edit, key)}</label>
    }
    .into_any()
}

/// A select over `options` (value, label); `current` is the selected value ("" for none).
pub fn select(
    label: &'static str,
    current: String,
    options: Vec<(String, String)>,
    on: impl Fn(String) + 'static,
) -> AnyView {
    select_dyn(None, label, current, options, Box::new(on))
}

/// [`select`] with an element id.
pub fn select_with_id(
    dom_id: &'static str,
    label: &'static str,
    current: String,
    options: Vec<(String, String)>,
    on: impl Fn(String) + 'static,
) -> AnyView {
    select_dyn(Some(dom_id), label, current, options, Box::new(on))
}

fn select_dyn(
    dom_id: Option<&'static str>,
    label: &'static str,
    current: String,
    options: Vec<(String, String)>,
    on: OnChange,
) -> AnyView {
    view! {
        <label>{label}
            <select id=dom_id on:change=move |ev| on(event_target_value(&ev))>
                {options.into_iter().map(|(v, l)| { let sel = v == current; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
            </select>
        </label>
    }
    .into_any()
}
