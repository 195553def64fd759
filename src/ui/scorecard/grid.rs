//! *Rapportera period* (`/plan/:id/rapportera?period=…`): a whole period's outcomes in one grid, as in a
//! spreadsheet. One row per measure followed up in the period under its perspective and goal (the plan's own
//! level names), Målvärde to read, Totalt, Kvinnor, Män and Analys to write, and the grade that follows, live.
//! Arrows, Enter and Tab move between cells; every cell is saved as it is typed. A block pasted from Excel is
//! read by [`crate::domain::scorecard::grid`] and shown first: what changes, the grades before and after, and
//! every cell that does not read with why; nothing is applied until it is accepted, and then all of it as one
//! undo step.

use crate::domain::draft::EditKey;
use crate::domain::format::url_segment;
use crate::domain::measure::Sex;
use crate::domain::period::Period;
use crate::domain::plan::{NodeData, Plan};
use crate::domain::scorecard::grid::{
    self, grades_after, read_cell, read_paste, reported_line, Col, GridRow,
};
use crate::domain::scorecard::Structure;
use crate::ui::plan::ctx::{loading_or_missing, use_plan_ctx};
use crate::ui::scorecard::ctx::{use_score_ctx, PeriodSelect, ScoreCtx};
use crate::ui::scorecard::paste::{PastePanel, Pending};
use crate::ui::shell::browser::focus_later;
use crate::ui::shell::state::use_app;
use crate::ui::widgets::badges::grade_badge;
use crate::ui::widgets::window::Window;
use leptos::prelude::*;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// From this many lines the grid draws only the lines in view (and a margin) between two spacers.
const WINDOW_FROM: usize = 300;
/// Lines drawn above and below the view, so scrolling shows no gap.
const OVERSCAN: usize = 8;

/// A line of the grid: a perspective's or goal's heading, or a measure's row.
#[derive(Clone, PartialEq)]
enum Line {
    Perspective(String),
    Goal(String),
    Row(RowKey),
}

/// What a measure's row needs to be drawn; the values are read from the plan by each cell.
#[derive(Clone, PartialEq)]
struct RowKey {
    /// The row's position among the rows shown.
    pos: usize,
    index: usize,
    id: String,
    text: String,
    target: String,
    unit: String,
}

/// A cell's message, if it has one.
type Message = RwSignal<Option<String>>;

/// Each cell's message (a text that does not read, or a pasted cell that does not), one signal per cell so a
/// message shown or cleared re-renders that cell only (a grid of 1 000 rows has 4 000 cells).
#[derive(Clone, Copy)]
struct CellErrors {
    cells: StoredValue<BTreeMap<(usize, Col), Message>, LocalStorage>,
    /// The cells that show a message now.
    shown: StoredValue<Vec<(usize, Col)>, LocalStorage>,
}

impl CellErrors {
    fn new() -> Self {
        CellErrors {
            cells: StoredValue::new_local(BTreeMap::new()),
            shown: StoredValue::new_local(vec![]),
        }
    }

    /// The signal of a cell, made when the cell is drawn.
    fn signal(&self, at: (usize, Col)) -> RwSignal<Option<String>> {
        let s = RwSignal::new(None);
        self.cells.update_value(|m| {
            m.insert(at, s);
        });
        s
    }

    fn set(&self, at: (usize, Col), message: Option<String>) {
        if let Some(s) = self.cells.with_value(|m| m.get(&at).copied()) {
            let shown = message.is_some();
            s.try_set(message);
            self.shown.update_value(|v| {
                v.retain(|x| *x != at);
                if shown {
                    v.push(at);
                }
            });
        }
    }

    fn get(&self, at: (usize, Col)) -> Option<String> {
        self.cells
            .with_value(|m| m.get(&at).copied())
            .and_then(|s| s.try_get_untracked().flatten())
    }

    fn clear(&self) {
        for at in self.shown.get_value() {
            self.set(at, None);
        }
    }
}

fn cell_id(pos: usize, col: Col) -> String {
    format!("g-{pos}-{}", col.index())
}

/// The undo key of a cell: the same names the measure's detail panel uses, so typing there and here is one step.
fn cell_key(id: &str, period: &Period, col: Col) -> EditKey {
    let field = match col.sex() {
        Some(sex) => format!("out:{}:{}", period.key(), sex.map_or("T", Sex::code)),
        None => format!("analys:{}", period.key()),
    };
    EditKey::node(id.to_string(), field)
}

/// The rows of the grid for a period, fresh from the plan.
fn grid_rows(p: &Plan, st: &Structure, period: &Period) -> Vec<GridRow> {
    grid::rows(&grid::grid(p, st, period))
        .into_iter()
        .cloned()
        .collect()
}

#[component]
pub fn ReportGridPage() -> impl IntoView {
    let (ctx, missing) = ScoreCtx::for_route(use_app());
    view! {
        <Show when=move || ctx.plan.with(Option::is_some) fallback=move || loading_or_missing(missing)>
            <crate::ui::shell::edit_ctx::ElsewhereBanner ctx=ctx.edit/>
            <h1>"Rapportera period: "{move || ctx.plan.with(|p| p.as_ref().map(|p| format!("{}, {}", p.title, p.organisation)).unwrap_or_default())}</h1>
            <p class="page-links">
                <a href=move || format!("/plan/{}", url_segment(&ctx.id()))>"Redigera planen"</a>
                <a href=move || format!("/plan/{}/styrkort", url_segment(&ctx.id()))>"Styrkort och måluppfyllelse"</a>
            </p>
            <div class="report-grid-page"><ReportGrid/></div>
        </Show>
    }
}

/// The grid with its controls and the paste preview.
#[component]
fn ReportGrid() -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let missing_only = RwSignal::new(false);
    let pending = RwSignal::new(None::<Pending>);
    let done = RwSignal::new(None::<String>);
    // cells typed in that do not read: (row, column) → why
    let errors = CellErrors::new();
    // the lines only change with the period, the filter, and changes other than typing (undo, a paste)
    let lines = Memo::new(move |_| {
        let st = sc.structure.get()?;
        let period = sc.period.get()?;
        let only = missing_only.get();
        ctx.plan.with_untracked(|p| {
            let p = p.as_ref()?;
            let sections = grid::grid(p, &st.0, &period);
            let mut out = vec![];
            let mut pos = 0;
            for s in sections {
                let mut head = Some(Line::Perspective(format!("{}: {}", s.level, s.heading)));
                for g in s.goals {
                    let rows: Vec<GridRow> = g
                        .measures
                        .into_iter()
                        .filter(|r| !only || !r.reported())
                        .collect();
                    if rows.is_empty() {
                        continue;
                    }
                    out.extend(head.take());
                    out.push(Line::Goal(g.heading));
                    for r in rows {
                        out.push(Line::Row(RowKey {
                            pos,
                            index: r.index,
                            id: r.id,
                            text: r.text,
                            target: r.target,
                            unit: r.unit,
                        }));
                        pos += 1;
                    }
                }
            }
            Some(out)
        })
    });
    Effect::new(move |_| {
        lines.track();
        errors.clear();
    });
    // a long grid draws only the lines in view: a paste into a thousand rows then lays out a few dozen; the
    // line of the cell with the focus is always drawn, so scrolling never takes the focus away
    let n_lines = Memo::new(move |_| lines.with(|l| l.as_ref().map_or(0, Vec::len)));
    let focus_line = RwSignal::new(None::<usize>);
    let win = Window::new(
        n_lines.into(),
        WINDOW_FROM,
        OVERSCAN,
        36.0,
        focus_line.into(),
        "tbody tr[data-id]",
    );
    let (windowed, range) = (win.windowed, win.range);
    let line_of = move |pos: usize| {
        lines.with_untracked(|l| {
            l.as_ref()?
                .iter()
                .position(|x| matches!(x, Line::Row(k) if k.pos == pos))
        })
    };
    let focus_cell = StoredValue::new(None::<(usize, Col)>);
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        if let Some((pos, col)) = ev.target().and_then(|t| cell_of(&t)) {
            focus_cell.set_value(Some((pos, col)));
            let at = line_of(pos);
            if focus_line.get_untracked() != at {
                focus_line.set(at);
            }
        }
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        // the focus leaves the grid for good (not to another cell, not lost to a redrawn row)
        if ev.related_target().is_some() {
            focus_cell.set_value(None);
        }
    };
    // a row moved while the lines in view change can lose the focus: the cell that had it gets it back
    Effect::new(move |_| {
        range.track();
        if !windowed.get_untracked() {
            return;
        }
        request_animation_frame(move || {
            let Some((pos, col)) = focus_cell.get_value() else {
                return;
            };
            let doc = document();
            let lost = doc.active_element().is_none_or(|a| a.tag_name() == "BODY");
            if lost {
                if let Some(el) = doc
                    .get_element_by_id(&cell_id(pos, col))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            }
        });
    });
    // a cell that is not drawn: scroll its line into the middle of the view, then focus it
    let bring = move |pos: usize, col: Col| {
        let Some(at) = line_of(pos) else {
            return;
        };
        focus_line.set(Some(at));
        win.center(at);
        let id = cell_id(pos, col);
        request_animation_frame(move || {
            if let Some(el) = document()
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let _ = el.focus();
                el.select();
            }
        });
    };
    let count = move || {
        let period = sc.period.get()?;
        let st = sc.structure.get()?;
        ctx.plan.with(|p| {
            let rows = grid::grid(p.as_ref()?, &st.0, &period);
            Some(reported_line(&grid::rows(&rows)))
        })
    };
    let measure_word = move || {
        ctx.plan
            .with(|p| p.as_ref().map(|p| p.level_name("matt")))
            .unwrap_or_default()
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        // one value goes into the field as usual; a block (tabs or lines) is read and previewed
        if !text
            .trim_end_matches(['\r', '\n'])
            .contains(['\t', '\n', '\r'])
        {
            return;
        }
        let Some((pos, col)) = ev.target().and_then(|t| cell_of(&t)) else {
            return;
        };
        ev.prevent_default();
        let Some(period) = sc.period.get_untracked() else {
            return;
        };
        let shown: Vec<String> = lines.with_untracked(|l| {
            l.iter()
                .flatten()
                .filter_map(|l| match l {
                    Line::Row(k) => Some(k.id.clone()),
                    _ => None,
                })
                .collect()
        });
        let next = ctx.plan.with_untracked(|p| {
            let p = p.as_ref()?;
            let st = sc.structure.get_untracked()?;
            let all = grid_rows(p, &st.0, &period);
            let by_id: BTreeMap<&str, &GridRow> = all.iter().map(|r| (r.id.as_str(), r)).collect();
            let rows: Vec<&GridRow> = shown
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            let preview = read_paste(&text, &rows, pos, col);
            let grades = grades_after(p, &period, &preview.changes);
            let texts = preview
                .changes
                .iter()
                .map(|c| c.row)
                .chain(preview.bad.iter().map(|b| b.row))
                .filter_map(|r| rows.get(r).map(|row| (r, row.text.clone())))
                .collect();
            Some(Pending {
                preview,
                grades,
                texts,
                anchor: (pos, col),
            })
        });
        done.set(None);
        errors.clear();
        for b in next.iter().flat_map(|n| n.preview.bad.iter()) {
            errors.set((b.row, b.col), Some(format!("Inklistrat: {}", b.reason)));
        }
        pending.set(next);
        focus_later("paste-h".into());
    };
    let finish = move |anchor: (usize, Col)| {
        pending.set(None);
        errors.clear();
        focus_later(cell_id(anchor.0, anchor.1));
    };
    let apply = move |skip_bad: bool| {
        let Some(pd) = pending.get_untracked() else {
            return;
        };
        if !pd.preview.bad.is_empty() && !skip_bad {
            return;
        }
        let Some(period) = sc.period.get_untracked() else {
            return;
        };
        let n = pd.preview.changes.len();
        let changes = pd.preview.changes.clone();
        let applied = ctx.apply(None, move |p| grid::apply(p, &period, &changes));
        if applied.is_some() {
            done.set(Some(format!(
                "{n} {} inklistrade.",
                if n == 1 { "cell" } else { "celler" }
            )));
        }
        finish(pd.anchor);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(t) = ev.target() else { return };
        let Some((pos, col)) = cell_of(&t) else {
            return;
        };
        let Ok(input) = t.dyn_into::<web_sys::HtmlInputElement>() else {
            return;
        };
        let len = input.value().encode_utf16().count() as u32;
        let (start, end) = (
            input.selection_start().ok().flatten().unwrap_or(0),
            input.selection_end().ok().flatten().unwrap_or(0),
        );
        let c = col.index();
        let to = match ev.key().as_str() {
            "ArrowDown" => Some((pos + 1, c)),
            "Enter" if !ev.shift_key() => Some((pos + 1, c)),
            "ArrowUp" | "Enter" => pos.checked_sub(1).map(|p| (p, c)),
            "ArrowLeft" if start == 0 && end == 0 => c.checked_sub(1).map(|c| (pos, c)),
            "ArrowRight" if start == len && end == len => Some((pos, c + 1)),
            _ => None,
        };
        let Some((p, c)) = to else { return };
        let Some(&col) = Col::ALL.get(c) else { return };
        if let Some(el) = document().get_element_by_id(&cell_id(p, col)) {
            ev.prevent_default();
            if let Ok(el) = el.dyn_into::<web_sys::HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        } else if windowed.get_untracked() && p < lines_rows(lines) {
            ev.prevent_default();
            bring(p, col);
        }
    };
    let undo = move |_| {
        ctx.undo();
        done.set(Some("Inklistringen är ångrad.".into()));
    };
    view! {
        <div class="grid-controls" role="group" aria-label="Period och urval">
            <PeriodSelect id="grid-period"/>
            <label class="check"><input type="checkbox" id="grid-missing" prop:checked=move || missing_only.get()
                on:change=move |ev| missing_only.set(event_target_checked(&ev))/>" Visa endast de som saknar utfall"</label>
            <span id="grid-count" class="count" aria-live="polite">{count}</span>
            <span id="grid-done" role="status">{move || done.get().map(|d| view! {
                {d}" "<button type="button" id="grid-undo" on:click=undo>"Ångra"</button>
            })}</span>
        </div>
        <p class="muted grid-help">"Skriv i cellerna eller klistra in ett block från Excel: klicka i cellen där blocket ska börja och tryck Ctrl+V. "
            "Pilar och Enter flyttar mellan cellerna. Allt sparas medan du skriver; Ctrl+Z ångrar."</p>
        {move || pending.get().map(|pd| view! { <PastePanel pd=pd word=measure_word() apply=apply cancel=finish/> })}
        <div class="table-scroll" class:windowed=move || windowed.get() tabindex="-1" node_ref=win.scroller
            on:scroll=move |_| win.on_scroll()>
        <table class="report-grid" class:windowed=move || windowed.get() id="report-grid" on:paste=on_paste on:keydown=on_keydown on:focusin=on_focusin on:focusout=on_focusout>
            <colgroup>
                <col class="gcol-name"/><col class="gcol-target"/><col class="gcol-num"/><col class="gcol-num"/><col class="gcol-num"/>
                <col class="gcol-analysis"/><col class="gcol-grade"/>
            </colgroup>
            <thead><tr>
                <th scope="col" id="gc-name">{measure_word}</th>
                <th scope="col">"Målvärde"</th>
                {Col::ALL.into_iter().map(|c| view! { <th scope="col" id=format!("gc-{}", c.index())>{c.label()}</th> }).collect_view()}
                <th scope="col">"Bedömning"</th>
            </tr></thead>
            <tbody>
                {move || (n_lines.get() == 0 && lines.with(Option::is_some)).then(|| {
                    let many = ctx.measure_words().1;
                    let text = if missing_only.get_untracked() {
                        format!("Alla {many} som följs upp i perioden har utfall.")
                    } else {
                        format!("Inga {many} följs upp i perioden.")
                    };
                    view! { <tr><td colspan="7">{text}</td></tr> }
                })}
                {move || win.spacer(range.get().0, 7)}
                <For
                    each=move || {
                        let (a, b) = range.get();
                        lines.with(|l| l.as_ref().map(|l| l[a.min(l.len())..b.min(l.len())].iter().cloned().enumerate().map(|(k, x)| (a + k, x)).collect::<Vec<_>>()).unwrap_or_default())
                    }
                    key=|(i, l)| (*i, match l { Line::Row(k) => k.id.clone(), Line::Perspective(h) | Line::Goal(h) => h.clone() })
                    children=move |(_, l)| match l {
                        Line::Perspective(h) => view! { <tr class="grid-perspective"><th colspan="7" scope="colgroup">{h}</th></tr> }.into_any(),
                        Line::Goal(h) => view! { <tr class="grid-goal"><th colspan="7" scope="colgroup">{h}</th></tr> }.into_any(),
                        Line::Row(k) => view! { <GridLine k=k errors=errors/> }.into_any(),
                    }
                />
                {move || win.spacer(n_lines.get() - range.get().1, 7)}
            </tbody>
        </table>
        </div>
    }
}

/// How many measure rows the grid has (drawn or not).
fn lines_rows(lines: Memo<Option<Vec<Line>>>) -> usize {
    lines.with_untracked(|l| {
        l.as_ref().map_or(0, |l| {
            l.iter().filter(|x| matches!(x, Line::Row(_))).count()
        })
    })
}

/// The (row, column) of a grid cell an event came from.
fn cell_of(t: &web_sys::EventTarget) -> Option<(usize, Col)> {
    let el = t.dyn_ref::<web_sys::Element>()?;
    let pos = el.get_attribute("data-pos")?.parse().ok()?;
    let col = *Col::ALL.get(el.get_attribute("data-col")?.parse::<usize>().ok()?)?;
    Some((pos, col))
}

/// One measure's row: its name and target, four cells and the grade.
#[component]
fn GridLine(k: RowKey, errors: CellErrors) -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    let RowKey {
        pos,
        index,
        id,
        text,
        target,
        unit,
    } = k;
    let name_id = format!("gr-{pos}");
    // the values in force, read again after changes other than typing (a paste, undo, another period); a field
    // is written only when it shows something else, so a paste into ten rows does not lay out a thousand again
    let read = move || -> Option<[String; 4]> {
        let period = sc.period.get()?;
        ctx.plan
            .with_untracked(|p| match &p.as_ref()?.nodes.get(index)?.data {
                NodeData::Matt(m) => Some(Col::ALL.map(|c| grid::cell_text(m, &period, c))),
                _ => None,
            })
    };
    let initial = read().unwrap_or_default();
    let shown = StoredValue::new_local(initial.clone());
    let fields: [NodeRef<leptos::html::Input>; 4] = std::array::from_fn(|_| NodeRef::new());
    Effect::new(move |_| {
        ctx.rev.track();
        let Some(now) = read() else { return };
        shown.update_value(|s| {
            for (c, v) in now.into_iter().enumerate() {
                if s[c] != v {
                    if let Some(el) = fields[c].get_untracked() {
                        el.set_value(&v);
                    }
                    s[c] = v;
                }
            }
        });
    });
    let cells = Col::ALL
        .into_iter()
        .map(|col| {
            let (id, unit, name_id) = (id.clone(), unit.clone(), name_id.clone());
            let dom_id = cell_id(pos, col);
            let err_id = format!("{dom_id}-fel");
            let field = fields[col.index()];
            let value = move || read().map(|v| v[col.index()].clone());
            let message = errors.signal((pos, col));
            let error = move || message.get();
            let unit_c = unit.clone();
            let on_input = move |ev: leptos::ev::Event| {
                let Some(period) = sc.period.get_untracked() else {
                    return;
                };
                let raw = event_target_value(&ev);
                shown.update_value(|s| s[col.index()] = raw.clone());
                match read_cell(&raw, col, &unit_c) {
                    Ok(v) => {
                        if message.with_untracked(Option::is_some) {
                            errors.set((pos, col), None);
                        }
                        let id = id.clone();
                        ctx.apply(Some(cell_key(&id, &period, col)), move |p| {
                            grid::set_cell(p, &period, &id, col, v)
                        });
                    }
                    Err(why) => errors.set((pos, col), Some(why)),
                }
            };
            // a cell left with a text that does not read shows the value in force again, and says so
            let on_blur = move |ev: leptos::ev::FocusEvent| {
                let Some(why) = errors.get((pos, col)) else {
                    return;
                };
                if why.ends_with("värdet är oförändrat") {
                    return;
                }
                let input: web_sys::HtmlInputElement = event_target(&ev);
                let v = value().unwrap_or_default();
                input.set_value(&v);
                shown.update_value(|s| s[col.index()] = v);
                errors.set((pos, col), Some(format!("{why} – värdet är oförändrat")));
            };
            let numeric = col != Col::Analys;
            view! {
                <td class=if numeric { "num" } else { "analysis" }>
                    <input id=dom_id type="text" autocomplete="off" data-pos=pos data-col=col.index()
                        inputmode=numeric.then_some("decimal")
                        class:bad=move || error().is_some()
                        aria-invalid=move || error().is_some().then_some("true")
                        aria-labelledby=format!("{name_id} gc-{}", col.index())
                        aria-describedby=move || error().is_some().then(|| err_id.clone())
                        maxlength=crate::domain::limits::MAX_TEXT_CHARS
                        node_ref=field value=initial[col.index()].clone() on:input=on_input on:blur=on_blur/>
                    {move || error().map(|e| view! { <span class="cell-error" id=format!("g-{pos}-{}-fel", col.index())>{e}</span> })}
                </td>
            }
        })
        .collect_view();
    // the badge is drawn again only when this row's grade changes, not at every edit of the plan
    let grade = Memo::new(move |_| {
        sc.card.with(|c| {
            c.as_ref()
                .and_then(|c| c.measures.get(index).copied().flatten())
                .map(|b| b.grade)
        })
    });
    let badge = move || grade.get().map(grade_badge);
    let unit_note = (!unit.is_empty()).then(|| format!(" ({unit})"));
    view! {
        <tr data-id=id.clone()>
            <th scope="row" id=name_id>{text}<span class="muted">{unit_note}</span></th>
            <td class="target">{target}</td>
            {cells}
            <td class="grade">{badge}</td>
        </tr>
    }
}
