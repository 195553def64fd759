//! The tariff table: filter by group, care type and kind, search by code or text, sort by any column, and edit
//! a price in place with the totals following at once. The row order is taken when the filter or sort changes,
//! not while a price is typed, so a row never jumps away from the cursor.

use crate::domain::draft::EditKey;
use crate::domain::format::{count_sv, decimal_sv, kr_sv};
use crate::domain::tariff::{parse_price, CareType, CodeKind, TariffRow};
use crate::ui::tariff::ctx::use_tariff_ctx;
use crate::ui::widgets::window::Window;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// A table with more rows than this (after filtering) draws only the rows in view.
const WINDOW_FROM: usize = 1000;
/// Rows drawn above and below the view, so scrolling shows no gap.
const OVERSCAN: usize = 15;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SortKey {
    Order,
    Code,
    Text,
    Price,
    Reference,
    Deviation,
    Volume,
}

fn care_label(c: Option<CareType>) -> &'static str {
    match c {
        Some(CareType::A) => "A",
        Some(CareType::S) => "S",
        None => "–",
    }
}

#[component]
pub fn TariffTable() -> impl IntoView {
    let ctx = use_tariff_ctx();
    let group = RwSignal::new(String::new());
    let care = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let only_over = RwSignal::new(false);
    let sort = RwSignal::new((SortKey::Order, true));
    let message = RwSignal::new(String::new());

    let groups = Memo::new(move |_| {
        ctx.tariff
            .with(|t| t.as_ref().map(|t| t.groups()).unwrap_or_default())
    });
    // the visible rows, in order: re-taken when a filter or the sort changes, or the tariff is replaced
    let visible = Memo::new(move |_| {
        ctx.rev.track();
        let (g, c, k, q, over, (key, asc)) = (
            group.get(),
            care.get(),
            kind.get(),
            search.get().trim().to_lowercase(),
            only_over.get(),
            sort.get(),
        );
        let idx = ctx.index.get();
        ctx.tariff.with_untracked(|t| {
            let Some(t) = t else { return vec![] };
            let limit = t.params.max_deviation_pct;
            let mut v: Vec<usize> = (0..t.rows.len())
                .filter(|&i| {
                    let r = &t.rows[i];
                    (g.is_empty() || r.group == g)
                        && (c.is_empty() || r.care_type.map(CareType::key) == Some(c.as_str()))
                        && (k.is_empty() || CodeKind::from_key(&k) == Some(r.kind))
                        && (q.is_empty()
                            || r.code.to_lowercase().contains(&q)
                            || r.text.to_lowercase().contains(&q))
                        && (!over || r.over_limit(limit) == Some(true))
                })
                .collect();
            let dev = |r: &TariffRow| r.deviation().map(|d| d.1);
            match key {
                SortKey::Order => {}
                SortKey::Code => v.sort_by(|&a, &b| t.rows[a].code.cmp(&t.rows[b].code)),
                SortKey::Text => v.sort_by(|&a, &b| {
                    t.rows[a]
                        .text
                        .to_lowercase()
                        .cmp(&t.rows[b].text.to_lowercase())
                }),
                SortKey::Price => v.sort_by_key(|&i| t.rows[i].price),
                SortKey::Reference => v.sort_by_key(|&i| t.rows[i].reference),
                SortKey::Deviation => v.sort_by_key(|&i| dev(&t.rows[i])),
                SortKey::Volume => v.sort_by_key(|&i| idx.per_row.get(i).copied()),
            }
            if !asc {
                v.reverse();
            }
            v
        })
    });
    let total_rows = move || ctx.tariff.with(|t| t.as_ref().map_or(0, |t| t.rows.len()));

    // a long table renders only the rows in view (and a margin), between two spacers as tall as the rest
    let win = Window::new(
        Signal::derive(move || visible.with(Vec::len)),
        WINDOW_FROM,
        OVERSCAN,
        38.0,
        Signal::stored(None),
        "tbody tr.row",
    );
    let (windowed, range) = (win.windowed, win.range);
    let shown = move || {
        let (a, b) = range.get();
        visible.with(|v| {
            v[a..b]
                .iter()
                .enumerate()
                .map(|(k, &i)| (a + k, i))
                .collect::<Vec<_>>()
        })
    };

    let header = move |label: &'static str, key: SortKey, numeric: bool| {
        let aria = move || match sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria class=if numeric { "num" } else { "" }>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| {
                    *s = if s.0 == key { (key, !s.1) } else { (key, true) };
                })>
                    {label}
                    <span aria-hidden="true">{move || match sort.get() {
                        (k, true) if k == key => " ▲",
                        (k, false) if k == key => " ▼",
                        _ => "",
                    }}</span>
                </button>
            </th>
        }
    };

    view! {
        <section aria-labelledby="rows-h" class="tariff-rows">
            <h2 id="rows-h">"Priser"</h2>
            <div class="sc-controls filters">
                <label>"Sök kod eller text "
                    <input type="search" id="tariff-search" prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
                <label>"Åtgärdsgrupp "
                    <select id="filter-group" on:change=move |ev| group.set(event_target_value(&ev))>
                        <option value="">"Alla"</option>
                        {move || groups.get().into_iter().map(|g| view! { <option value=g.clone()>{g.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Vårdform "
                    <select id="filter-care" on:change=move |ev| care.set(event_target_value(&ev))>
                        <option value="">"Alla"</option>
                        <option value=CareType::A.key()>"Allmäntandvård (A)"</option>
                        <option value=CareType::S.key()>"Specialisttandvård (S)"</option>
                    </select>
                </label>
                <label>"Kodtyp "
                    <select id="filter-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">"Alla"</option>
                        <option value=CodeKind::Extern.key()>"Extern (med referenspris)"</option>
                        <option value=CodeKind::Intern.key()>"Intern"</option>
                    </select>
                </label>
                <label class="check"><input type="checkbox" id="filter-over" on:change=move |ev| only_over.set(event_target_checked(&ev))/>
                    "Endast rader utanför gränsen"</label>
            </div>
            <p class="muted" role="status" id="rows-count">{move || format!("Visar {} av {} rader.", count_sv(visible.get().len()), count_sv(total_rows()))}</p>
            <p class="error" role="alert" id="table-message" hidden=move || message.with(String::is_empty)>{move || message.get()}</p>
            <div class="table-scroll" class:windowed=move || windowed.get() tabindex="0" role="region" aria-label="Priser"
                node_ref=win.scroller on:scroll=move |_| win.on_scroll()>
                <table class="tariff-table" class:windowed=move || windowed.get()
                    aria-rowcount=move || visible.with(Vec::len) + 1>
                    <thead><tr>
                        {header("Kod", SortKey::Code, false)}
                        {header("Text", SortKey::Text, false)}
                        <th scope="col">"Grupp"</th>
                        <th scope="col"><abbr title="Vårdform: A allmäntandvård, S specialisttandvård">"Vf"</abbr></th>
                        {header("Pris", SortKey::Price, true)}
                        {header("Referenspris", SortKey::Reference, true)}
                        {header("Avvikelse", SortKey::Deviation, true)}
                        {header("Volym", SortKey::Volume, true)}
                    </tr></thead>
                    <tbody>
                        {move || win.spacer(range.get().0, 8)}
                        <For each=shown key=|x| *x let:x>
                            <PriceRow i=x.1 position=x.0 message=message/>
                        </For>
                        {move || win.spacer(visible.with(Vec::len) - range.get().1, 8)}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One row; its cells follow only that row's price (a memo per row), so an edit repaints one row.
#[component]
fn PriceRow(
    /// The row in the tariff.
    i: usize,
    /// Its place in the table as filtered and sorted (0 = the first row under the header).
    position: usize,
    message: RwSignal<String>,
) -> impl IntoView {
    let ctx = use_tariff_ctx();
    let row = Memo::new(move |_| {
        ctx.tariff
            .with(|t| t.as_ref().and_then(|t| t.rows.get(i).cloned()))
    });
    let limit = Memo::new(move |_| {
        ctx.tariff.with(|t| {
            t.as_ref()
                .map(|t| t.params.max_deviation_pct)
                .unwrap_or_default()
        })
    });
    let invalid = RwSignal::new(false);
    let Some(r0) = row.get_untracked() else {
        return ().into_any();
    };
    let label = format!("Pris för {} {}", r0.code, r0.text);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let code = row.with_untracked(|r| r.as_ref().map(|r| r.code.clone()).unwrap_or_default());
        match parse_price(&text)
            .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::from(crate::domain::limits::MAX_KR))
        {
            Some(p) => {
                invalid.set(false);
                message.set(String::new());
                let applied = ctx.apply(Some(EditKey::row(i, "price")), false, move |t| {
                    if let Some(r) = t.rows.get_mut(i) {
                        r.price = p;
                    }
                });
                if !applied {
                    // refused by the tariff's rules (e.g. an amount below one öre): the price stays
                    invalid.set(true);
                    let why = ctx
                        .edit
                        .field_error
                        .get_untracked()
                        .map(|(_, m)| m)
                        .unwrap_or_default();
                    message.set(format!("{code}: {why}"));
                }
            }
            None => {
                invalid.set(true);
                message.set(format!(
                    "”{text}” är inget pris för {code}; priset är oförändrat."
                ));
            }
        }
    };
    // leaving a field with a text that is not a price brings back the price in force, and says so
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        if !invalid.get_untracked() {
            return;
        }
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let (code, price) = row.with_untracked(|r| {
            r.as_ref()
                .map(|r| (r.code.clone(), decimal_sv(r.price)))
                .unwrap_or_default()
        });
        input.set_value(&price);
        invalid.set(false);
        message.set(format!("Priset för {code} är oförändrat: {price} kr."));
    };
    let dev_cell = move || {
        let r = row.get()?;
        let lim = limit.get();
        Some(match r.comparable_reference() {
            Ok(_) => {
                let (kr, pct) = r.deviation()?;
                let over = r.over_limit(lim)?;
                let shown = r.deviation_label(lim)?;
                let class = if !over {
                    "dev"
                } else if pct > Decimal::ZERO {
                    "dev dev-high"
                } else {
                    "dev dev-low"
                };
                view! {
                    <span class=class title=r.explain_deviation()>
                        {over.then(|| view! { <span aria-hidden="true">{if pct > Decimal::ZERO { "▲ " } else { "▼ " }}</span><span class="sr-only">"utanför gränsen: "</span> })}
                        {shown}
                        <span class="muted small kr">{format!(" ({}{})", if kr > Decimal::ZERO { "+" } else { "" }, kr_sv(kr))}</span>
                    </span>
                }
                .into_any()
            }
            Err(why) => view! { <span class="muted small" title=why.label()>{match why {
                crate::domain::tariff::NotCompared::Intern => "intern",
                crate::domain::tariff::NotCompared::Replacement => "utbytesåtgärd",
                crate::domain::tariff::NotCompared::NoReference => "–",
            }}</span> }
            .into_any(),
        })
    };
    view! {
        <tr class="row" aria-rowindex=position + 2>
            <td class="code">{r0.code.clone()}</td>
            <td class="text" title=r0.text.clone()>{r0.text.clone()}</td>
            <td class="small">{r0.group.clone()}</td>
            <td>{care_label(r0.care_type)}</td>
            <td class="num">
                <input class="price" id=format!("price-{i}") inputmode="decimal" aria-label=label
                    aria-invalid=move || invalid.get().then_some("true")
                    aria-describedby=move || invalid.get().then(|| format!("price-{i}-fel"))
                    prop:value=move || { ctx.rev.track(); row.with_untracked(|r| r.as_ref().map(|r| decimal_sv(r.price)).unwrap_or_default()) }
                    on:input=on_input on:blur=on_blur/>
                {move || invalid.get().then(|| view! {
                    <span class="field-error price-error" id=format!("price-{i}-fel")>"Inget giltigt pris – det gamla gäller"</span>
                })}
                {(r0.unit != crate::domain::tariff::PriceUnit::PerAction).then(|| view! { <span class="small muted unit">{format!(" {}", r0.unit.label())}</span> })}
            </td>
            <td class="num">{r0.reference.map(kr_sv).unwrap_or_else(|| "–".into())}</td>
            <td class="num">{dev_cell}</td>
            <td class="num">{move || ctx.index.with(|x| x.per_row.get(i).map(|v| decimal_sv(Decimal::from(*v))).unwrap_or_default())}</td>
        </tr>
    }
    .into_any()
}
