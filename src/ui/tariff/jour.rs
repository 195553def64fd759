//! The jour page (`/taxa/:id/jour`): the after-hours tariff derived from this normal tariff, and a given jour
//! tariff compared with it, every difference listed with how the derived price came about.

use crate::domain::format::url_segment;
use crate::domain::format::{kr_sv, pct_plain_sv};
use crate::domain::tariff::jour::{compare_jour, derive_jour_of, explain_derived};
use crate::domain::tariff::TariffKind;
use crate::storage::Repository;
use crate::ui::shell::state::use_app;
use crate::ui::tariff::ctx::{loading_or_missing, TariffCtx};
use leptos::prelude::*;

#[component]
pub fn JourPage() -> impl IntoView {
    let app = use_app();
    let (ctx, missing) = TariffCtx::for_route(app);
    let chosen = RwSignal::new(None::<String>);
    // the given jour tariff: the user's choice, else the one that names this tariff as its normal one
    let given_id = Memo::new(move |_| {
        chosen.get().or_else(|| {
            let me = ctx.tariff.with(|t| t.as_ref().map(|t| t.id.clone()))?;
            app.tariffs
                .get()
                .into_iter()
                .find(|t| t.kind == TariffKind::Jour && t.normal_id.as_deref() == Some(me.as_str()))
                .map(|t| t.id)
        })
    });
    let given = LocalResource::new(move || {
        let id = given_id.get();
        async move {
            match id {
                Some(id) => app.repo().load_tariff(&id).await.ok().flatten(),
                None => None,
            }
        }
    });
    let derived = Memo::new(move |_| ctx.tariff.with(|t| t.as_ref().map(derive_jour_of)));

    view! {
        <Show when=move || ctx.tariff.with(Option::is_some) fallback=move || loading_or_missing(missing)>
            <crate::ui::shell::edit_ctx::ElsewhereBanner ctx=ctx.edit/>
            {move || ctx.tariff.with(|t| t.as_ref().map(|t| view! {
                <p class="page-links"><a href=format!("/taxa/{}", url_segment(&t.id))>{format!("← {}", t.name)}</a></p>
                <h1>{format!("Jourtaxa för {}", t.name)}</h1>
                <p id="jour-rule">{format!("Härledd jourtaxa: normalpris + {}, {}; {}.",
                    pct_plain_sv(t.params.jour_surcharge_pct),
                    t.params.rounding.describe(),
                    if t.params.jour_keep.is_empty() { "inga koder hålls oförändrade".to_string() } else { format!("oförändrade: {}", t.params.jour_keep.join(", ")) })}
                    " " <a href=format!("/taxa/{}#params-h", url_segment(&t.id))>"Ändra reglerna"</a></p>
            }))}
            <section aria-labelledby="given-h" class="card">
                <h2 id="given-h">"Härledd mot given jourtaxa"</h2>
                <label>"Given jourtaxa "
                    <select id="given-jour" on:change=move |ev| chosen.set(Some(event_target_value(&ev)).filter(|s| !s.is_empty()))>
                        <option value="">"Välj"</option>
                        {move || app.tariffs.get().into_iter().filter(|t| t.kind == TariffKind::Jour).map(|t| {
                            let id = t.id.clone();
                            view! { <option value=t.id.clone() selected=move || given_id.get().as_deref() == Some(id.as_str())>{t.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {move || {
                    let g = given.get().flatten()?;
                    let d = derived.get()?;
                    ctx.tariff.with(|t| {
                        let t = t.as_ref()?;
                        let cmp = compare_jour(&t.rows, &d, &g.rows);
                        let matched = cmp.equal + cmp.differences.len();
                        let fees: Vec<String> = cmp.differences.iter().filter(|x| x.given == x.normal).map(|x| x.code.clone()).collect();
                        let add_fees = {
                            let fees = fees.clone();
                            move |_| {
                                let fees = fees.clone();
                                ctx.apply(None, false, move |t| {
                                    for f in fees {
                                        if !t.params.jour_keep.contains(&f) {
                                            t.params.jour_keep.push(f);
                                        }
                                    }
                                });
                            }
                        };
                        Some(view! {
                            <p id="jour-summary"><strong>{format!("{} av {} matchade rader stämmer med härledningen; {} skillnader.", cmp.equal, matched, cmp.differences.len())}</strong></p>
                            {(!fees.is_empty()).then(|| view! {
                                <p class="warning">{format!("{} av skillnaderna har samma pris som i normaltaxan ({}): troligen avgifter som inte ska ha jourtillägg.", fees.len(), fees.join(", "))}
                                    " " <button type="button" id="keep-fees" on:click=add_fees>"Håll dessa koder oförändrade"</button></p>
                            })}
                            <div class="table-scroll" tabindex="0" role="region" aria-label="Skillnader mot given jourtaxa"><table class="list" id="jour-diffs">
                                <caption>"Skillnader"</caption>
                                <thead><tr><th scope="col">"Kod"</th><th scope="col">"Text"</th><th scope="col" class="num">"Normal"</th><th scope="col" class="num">"Härledd"</th><th scope="col" class="num">"Given"</th><th scope="col">"Förklaring"</th></tr></thead>
                                <tbody>{cmp.differences.iter().map(|x| view! {
                                    <tr><td>{x.code.clone()}</td><td>{x.text.clone()}</td><td class="num">{kr_sv(x.normal)}</td><td class="num">{kr_sv(x.derived)}</td><td class="num">{kr_sv(x.given)}</td><td>{x.explain()}</td></tr>
                                }).collect_view()}</tbody>
                            </table></div>
                            <p class="muted">{format!("Koder bara i normaltaxan ({}): {}.", cmp.only_derived.len(), cmp.only_derived.join(", "))}</p>
                            <p class="muted">{format!("Koder bara i jourtaxan ({}): {}.", cmp.only_given.len(), cmp.only_given.join(", "))}</p>
                        })
                    })
                }}
            </section>
            <section aria-labelledby="derived-h" class="card">
                <h2 id="derived-h">"Härledd jourtaxa"</h2>
                <details>
                    <summary>{move || format!("Alla {} rader", derived.with(|d| d.as_ref().map_or(0, Vec::len)))}</summary>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Härledd jourtaxa"><table class="list">
                        <thead><tr><th scope="col">"Kod"</th><th scope="col">"Text"</th><th scope="col" class="num">"Jourpris"</th><th scope="col">"Så här"</th></tr></thead>
                        <tbody>{move || ctx.tariff.with(|t| {
                            let t = t.as_ref()?;
                            let d = derived.get()?;
                            Some(t.rows.iter().zip(d).map(|(n, j)| view! {
                                <tr><td>{n.code.clone()}</td><td>{n.text.clone()}</td><td class="num">{kr_sv(j.price)}</td><td class="small">{explain_derived(n, &t.params)}</td></tr>
                            }).collect_view())
                        })}</tbody>
                    </table></div>
                </details>
            </section>
        </Show>
    }
}
