//! Revenue per care type and per group as tables with a verdict each: the tariff page's and the published tariff summary's.

use crate::domain::format::kr_sv;
use crate::domain::tariff::revenue::check_of;
use crate::domain::tariff::revenue::Check;
use crate::domain::tariff::revenue::{Revenue, Totals};
use leptos::prelude::*;
use std::collections::BTreeMap;

fn revenue_table(
    caption: &'static str,
    id: &'static str,
    rows: BTreeMap<String, Revenue>,
    limit: rust_decimal::Decimal,
) -> impl IntoView {
    view! {
        <table class="list revenue" id=id>
            <caption>{caption}</caption>
            <thead><tr><th scope="col">""</th><th scope="col" class="num">"Rader"</th><th scope="col" class="num">"Intäkt enligt taxan"</th><th scope="col" class="num">"Enligt referenspris"</th><th scope="col" class="num">"Avvikelse"</th><th scope="col">"Prövning"</th></tr></thead>
            <tbody>{rows.into_iter().map(|(k, r)| {
                let check = check_of(&r, limit);
                view! {
                    <tr><th scope="row">{k}</th><td class="num" data-label="Rader">{r.rows}</td><td class="num" data-label="Intäkt enligt taxan">{kr_sv(r.at_price)}</td><td class="num" data-label="Enligt referenspris">{kr_sv(r.at_reference)}</td>
                        <td class="num" data-label="Avvikelse">{r.deviation_label(limit)}</td>
                        <td data-label="Prövning"><span class=match check { Check::Within => "badge g-uppfyllt", Check::Over => "badge g-ej_uppfyllt", Check::Unknown => "badge g-ej_bedombar" }>
                            {match check { Check::Within => "✓ ", Check::Over => "✗ ", Check::Unknown => "? " }}{check.word()}</span></td></tr>
                }
            }).collect_view()}</tbody>
        </table>
    }
}

/// The whole tariff, per care type and per group, each with its verdict; `ids` name the three tables. In a
/// narrow column (a phone) each row is a card with its numbers labelled (`data-label`), so no column is cut.
pub fn revenue_tables(t: &Totals, ids: [&'static str; 3]) -> impl IntoView {
    let mut total = BTreeMap::new();
    total.insert("Hela taxan".to_string(), t.total);
    view! {
        {revenue_table("Totalt", ids[0], total, t.limit_pct)}
        {revenue_table("Per vårdform", ids[1], t.by_care.clone(), t.limit_pct)}
        {revenue_table("Per åtgärdsgrupp", ids[2], t.by_group.clone(), t.limit_pct)}
    }
}
