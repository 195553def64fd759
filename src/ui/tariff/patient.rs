//! "Vad betalar patienten?" (`/patientkostnad`): a treatment plan at a tariff's prices under the state dental
//! subsidy rules in force on the treatment date; the breakdown line by line, with the rules used, in Swedish.

use crate::domain::format::{kr_sv, parse_number_sv};
use crate::domain::tariff::subsidy::{self, patient_cost, rule_for, Case, Line, RuleSet};
use crate::domain::tariff::{parse_price, Tariff, TariffKind};
use crate::storage::Repository;
use crate::ui::shell::browser::now_iso;
use crate::ui::shell::state::use_app;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use rust_decimal::Decimal;

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(now_iso().get(..10).unwrap_or(""), "%Y-%m-%d")
        .unwrap_or_else(|_| NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date"))
}

#[component]
pub fn PatientPage() -> impl IntoView {
    let app = use_app();
    let tariff_id = RwSignal::new(None::<String>);
    let default_id = Memo::new(move |_| {
        tariff_id.get().or_else(|| {
            app.tariffs
                .get()
                .into_iter()
                .find(|t| t.kind == TariffKind::Normal)
                .map(|t| t.id)
        })
    });
    let tariff = LocalResource::new(move || {
        let id = default_id.get();
        async move {
            match id {
                Some(id) => app.repo().load_tariff(&id).await.ok().flatten(),
                None => None,
            }
        }
    });
    let rule_sets = LocalResource::new(move || {
        let ready = app.ready.get();
        async move {
            let mut sets = subsidy::builtin();
            if !ready {
                return sets;
            }
            if let Ok(stored) = app.repo().load_rule_sets().await {
                for s in stored {
                    match sets.iter_mut().find(|b| b.id == s.id) {
                        Some(b) => *b = s,
                        None => sets.push(s),
                    }
                }
            }
            sets
        }
    });
    let birth = RwSignal::new(String::from("1980"));
    let date = RwSignal::new(today().to_string());
    let prior = RwSignal::new(String::new());
    let period_start = RwSignal::new(String::new());
    let atb_left = RwSignal::new(String::new());
    let stb = RwSignal::new(false);
    let lines = RwSignal::new(Vec::<Line>::new());
    let query = RwSignal::new(String::new());

    let parsed_date = move || NaiveDate::parse_from_str(&date.get(), "%Y-%m-%d").ok();
    let rules = move || -> Option<RuleSet> {
        let d = parsed_date()?;
        rule_sets.get().and_then(|s| rule_for(&s, d).cloned())
    };

    let result = move || -> Result<Option<subsidy::Breakdown>, String> {
        let Some(t) = tariff.get().flatten() else {
            return Ok(None);
        };
        let d = parsed_date().ok_or("Ange ett behandlingsdatum.")?;
        let r = rules().ok_or_else(|| format!("Inga regler för tandvårdsstödet gäller {d}."))?;
        let birth_year: i32 = birth
            .get()
            .trim()
            .parse()
            .map_err(|_| "Ange födelseåret med fyra siffror, t.ex. 1980.".to_string())?;
        let amount = |s: String, what: &str| -> Result<Option<Decimal>, String> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            parse_price(&s)
                .filter(|v| *v >= Decimal::ZERO)
                .map(Some)
                .ok_or_else(|| format!("”{s}” är inget belopp ({what})."))
        };
        let case = Case {
            birth_year,
            date: d,
            lines: lines.get(),
            prior_basis: amount(prior.get(), "tidigare kostnader")?.unwrap_or_default(),
            period_start: match period_start.get().trim() {
                "" => None,
                s => Some(
                    NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .map_err(|_| "Periodens startdatum är inte ett datum.".to_string())?,
                ),
            },
            atb_left: amount(atb_left.get(), "ATB kvar")?,
            stb_left: if stb.get() {
                r.stb_per_half_year
            } else {
                Decimal::ZERO
            },
        };
        patient_cost(&r, &t, &case)
            .map(Some)
            .map_err(|e| crate::ui::widgets::text::capitalise(&e.to_string()) + ".")
    };

    let matches = move || {
        let q = query.get().trim().to_lowercase();
        if q.is_empty() {
            return vec![];
        }
        tariff
            .get()
            .flatten()
            .map(|t: Tariff| {
                t.rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| {
                        r.code.to_lowercase().starts_with(&q) || r.text.to_lowercase().contains(&q)
                    })
                    .take(15)
                    .map(|(i, r)| (i, r.code.clone(), r.text.clone(), r.price))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let add = move |row: usize| {
        lines.update(|l| match l.iter_mut().find(|x| x.row == row) {
            Some(x) => x.count += 1,
            None => l.push(Line { row, count: 1 }),
        });
    };

    view! {
        <p class="page-links"><a href="/taxor">"← Taxor"</a></p>
        <h1>"Vad betalar patienten?"</h1>
        <p>"Klinikens pris enligt taxan, statens ersättning enligt tandvårdsstödet som gäller på behandlingsdagen, och det patienten själv betalar."</p>
        <Show when=move || !app.tariffs.get().is_empty() fallback=|| view! { <p>"Det finns ingen taxa ännu. "<a href="/taxor">"Ladda exempeltaxorna eller importera en taxa."</a></p> }>
        <div class="patient-layout">
            <section class="card" aria-labelledby="patient-h">
                <h2 id="patient-h">"Patient och behandling"</h2>
                <div class="form-grid">
                    <label for="cost-tariff">"Taxa"</label>
                    <select id="cost-tariff" on:change=move |ev| { lines.set(vec![]); tariff_id.set(Some(event_target_value(&ev))); }>
                        {move || app.tariffs.get().into_iter().filter(|t| t.kind == TariffKind::Normal).map(|t| {
                            let id = t.id.clone();
                            view! { <option value=t.id.clone() selected=move || default_id.get().as_deref() == Some(id.as_str())>{t.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <label for="birth-year">"Födelseår"</label>
                    <span><input id="birth-year" inputmode="numeric" size="5" prop:value=move || birth.get() on:input=move |ev| birth.set(event_target_value(&ev))/>
                        <span class="muted">{move || {
                            let y: i32 = birth.get().trim().parse().ok()?;
                            let d = parsed_date()?;
                            Some(format!(" fyller {} år {}", d.year() - y, d.year()))
                        }}</span></span>
                    <label for="treatment-date">"Behandlingsdatum"</label>
                    <input id="treatment-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                    <label for="prior">"Redan räknat i ersättningsperioden (kr)"</label>
                    <input id="prior" inputmode="decimal" placeholder="0" prop:value=move || prior.get() on:input=move |ev| prior.set(event_target_value(&ev))/>
                    <label for="period-start">"Ersättningsperioden började"</label>
                    <input id="period-start" type="date" prop:value=move || period_start.get() on:input=move |ev| period_start.set(event_target_value(&ev))/>
                    <label for="atb-left">"ATB kvar att använda (kr)"</label>
                    <input id="atb-left" inputmode="decimal" placeholder="hela årets belopp" prop:value=move || atb_left.get() on:input=move |ev| atb_left.set(event_target_value(&ev))/>
                    <span></span>
                    <label class="check"><input type="checkbox" id="stb" on:change=move |ev| stb.set(event_target_checked(&ev))/>
                        {move || format!("Särskilt tandvårdsbidrag (STB, {} per halvår)", rules().map(|r| kr_sv(r.stb_per_half_year)).unwrap_or_default())}</label>
                </div>
                <h3>"Åtgärder"</h3>
                <label>"Sök kod eller text "
                    <input type="search" id="code-search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </label>
                <ul class="matches" aria-live="polite">
                    {move || matches().into_iter().map(|(i, code, text, price)| view! {
                        <li><button type="button" class="link" on:click=move |_| add(i)>{format!("Lägg till {code}")}</button>
                            {format!(" {text} – {}", kr_sv(price))}</li>
                    }).collect_view()}
                </ul>
                <table class="list" id="lines">
                    <thead><tr><th scope="col">"Kod"</th><th scope="col">"Text"</th><th scope="col" class="num">"Antal"</th><th scope="col"><span class="sr-only">"Ta bort"</span></th></tr></thead>
                    <tbody>
                        {move || {
                            let t = tariff.get().flatten();
                            lines.get().into_iter().enumerate().map(|(k, l)| {
                                let (code, text) = t.as_ref().and_then(|t| t.rows.get(l.row)).map(|r| (r.code.clone(), r.text.clone())).unwrap_or_default();
                                view! {
                                    <tr><td>{code.clone()}</td><td>{text}</td>
                                        <td class="num"><input class="count" inputmode="numeric" size="3" aria-label=format!("Antal {code}") prop:value=l.count.to_string()
                                            on:change=move |ev| {
                                                let n = parse_number_sv(&event_target_value(&ev)).filter(|n| *n >= 1.0 && *n <= 1000.0).map(|n| n as u32);
                                                if let Some(n) = n { lines.update(|ls| ls[k].count = n); }
                                            }/></td>
                                        <td><button type="button" class="link" aria-label=format!("Ta bort {code}") on:click=move |_| lines.update(|ls| { ls.remove(k); })>"Ta bort"</button></td></tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </section>
            <section class="card" aria-labelledby="result-h" aria-live="polite">
                <h2 id="result-h">"Resultat"</h2>
                {move || match result() {
                    Err(e) => view! { <p class="error" role="alert" id="cost-error">{e}</p> }.into_any(),
                    Ok(None) => view! { <p class="muted">"Välj en taxa."</p> }.into_any(),
                    Ok(Some(b)) if b.lines.is_empty() => view! { <p class="muted">"Lägg till åtgärder för att se vad patienten betalar."</p> }.into_any(),
                    Ok(Some(b)) => view! {
                        <p class="big" id="patient-pays">"Patienten betalar "<strong>{kr_sv(b.patient)}</strong></p>
                        <ul class="cost-summary">
                            <li>{format!("Klinikens pris: {}", kr_sv(b.clinic))}</li>
                            <li>{format!("Referensprisunderlag: {}", kr_sv(b.basis))}</li>
                            <li id="state-pays">{format!("Staten betalar: {}", kr_sv(b.state))}</li>
                            {(!b.atb.is_zero()).then(|| view! { <li>{format!("ATB används: {}", kr_sv(b.atb))}</li> })}
                            {(!b.stb.is_zero()).then(|| view! { <li>{format!("STB används: {}", kr_sv(b.stb))}</li> })}
                            {(!b.region.is_zero()).then(|| view! { <li>{format!("Regionen betalar (avgiftsfri tandvård): {}", kr_sv(b.region))}</li> })}
                            <li>{format!("Räknat i ersättningsperioden efter behandlingen: {}", kr_sv(b.period_basis_after))}</li>
                        </ul>
                        <h3>"Regler som användes"</h3>
                        <ul id="cost-rules">{b.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                        {rules().filter(|r| !r.note.is_empty()).map(|r| view! { <p class="warning">{r.note}</p> })}
                        // each line with its amounts, and the rule that decided them on a row of its own under
                        // it; in a narrow column each line is a card with its amounts labelled
                        <div class="cost-lines"><table class="list cost" id="cost-table">
                            <caption>"Rad för rad"</caption>
                            <thead><tr><th scope="col">"Åtgärd"</th><th scope="col" class="num">"Antal"</th><th scope="col" class="num">"Klinikpris"</th><th scope="col" class="num">"Referens"</th><th scope="col" class="num">"ATB/STB"</th><th scope="col" class="num">"Staten"</th><th scope="col" class="num">"Patienten"</th></tr></thead>
                            {b.lines.iter().map(|l| view! {
                                <tbody class="cost-line">
                                    <tr><th scope="row"><span class="code">{l.code.clone()}</span>" "<span class="cost-text">{l.text.clone()}</span></th>
                                        <td class="num" data-label="Antal">{l.count}</td><td class="num" data-label="Klinikpris">{kr_sv(l.clinic)}</td><td class="num" data-label="Referensunderlag">{kr_sv(l.basis)}</td>
                                        <td class="num" data-label="ATB/STB">{kr_sv(l.atb + l.stb)}</td><td class="num" data-label="Staten betalar">{kr_sv(l.state)}</td><td class="num" data-label="Patienten betalar">{kr_sv(l.patient)}</td></tr>
                                    <tr class="cost-rule"><td colspan="7">{format!("Regel: {}", l.rule)}</td></tr>
                                </tbody>
                            }).collect_view()}
                            <tbody class="cost-line total">
                                <tr><th scope="row">"Summa"</th><td data-label="Antal"></td><td class="num" data-label="Klinikpris">{kr_sv(b.clinic)}</td><td class="num" data-label="Referensunderlag">{kr_sv(b.basis)}</td><td class="num" data-label="ATB/STB">{kr_sv(b.atb + b.stb)}</td><td class="num" data-label="Staten betalar">{kr_sv(b.state)}</td><td class="num" data-label="Patienten betalar">{kr_sv(b.patient)}</td></tr>
                            </tbody>
                        </table></div>
                    }.into_any(),
                }}
            </section>
        </div>
        </Show>
    }
}
