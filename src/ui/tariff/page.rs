//! The tariff page (`/taxa/:id`): the rules as parameters, the volumes and where they come from, the revenue
//! check (gauge, per group and care type, distribution), the price table with inline editing, the proposal, the
//! comparison with another tariff, and CSV in and out.

use crate::domain::draft::EditKey;
use crate::domain::format::url_segment;
use crate::domain::format::{decimal_sv, pct_plain_sv};
use crate::domain::limits::{
    MAX_LIMIT_PCT, MAX_NAME_CHARS, MAX_ROUNDING_KR, MAX_SURCHARGE_PCT, MAX_YEAR, MIN_YEAR,
};
use crate::domain::publish;
use crate::domain::tariff::revenue::Check;
use crate::domain::tariff::{csv_io, parse_price, TariffKind, VolumeSource};
use crate::ui::shell::browser::download;
use crate::ui::shell::browser::read_picked;
use crate::ui::shell::edit_ctx::field_error;
use crate::ui::tariff::charts::{Distribution, Gauge};
use crate::ui::tariff::ctx::{loading_or_missing, use_tariff_ctx, TariffCtx};
use crate::ui::tariff::proposal::{CompareView, ProposalState, ProposalView, VerdictProposal};
use crate::ui::tariff::revenue::revenue_tables;
use crate::ui::tariff::table::TariffTable;
use crate::ui::widgets::copy::FileAndLink;
use crate::ui::widgets::text::{capitalise, slug};
use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn TariffPage() -> impl IntoView {
    let app = crate::ui::shell::state::use_app();
    let (ctx, missing) = TariffCtx::for_route(app);
    ProposalState::provide();
    // the distribution chart (hundreds of SVG marks) follows once typing pauses; the numbers follow at once
    let settled_tariff = RwSignal::new(None);
    let settled_totals = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let t = ctx.tariff.get();
        let totals = ctx.totals.get();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if settled_tariff.with_untracked(Option::is_none) {
            settled_tariff.set(t);
            settled_totals.set(totals);
            return;
        }
        gloo_timers::callback::Timeout::new(250, move || {
            if generation.try_get_value() == Some(mine) {
                settled_tariff.set(t);
                settled_totals.set(totals);
            }
        })
        .forget();
    });
    view! {
        <Show when=move || ctx.tariff.with(Option::is_some) fallback=move || loading_or_missing(missing)>
            <crate::ui::shell::edit_ctx::ElsewhereBanner ctx=ctx.edit/>
            <TariffHeader/>
            <div class="tariff-summary">
                <section aria-labelledby="check-h" class="card">
                    <h2 id="check-h">"Intäktsregeln"</h2>
                    <Gauge totals=Signal::derive(move || ctx.totals.get())/>
                    <p id="totals-explain">{move || {
                        let t = ctx.totals.get()?;
                        ctx.volume_source().map(|s| t.explain(&s))
                    }}</p>
                </section>
                <VolumesBox/>
            </div>
            <RevenueTables/>
            <section aria-labelledby="dist-h" class="card">
                <h2 id="dist-h">"Avvikelser per åtgärdsgrupp"</h2>
                <Distribution tariff=settled_tariff.into() totals=settled_totals.into()/>
            </section>
            // while the prices are on screen, the verdict they add up to stays at the top
            <div class="with-verdict">
                <div class="verdict-sticky">
                    <VerdictBar/>
                    <VerdictProposal/>
                </div>
                <TariffTable/>
            </div>
            <ProposalView/>
            <CompareView/>
            <Params/>
        </Show>
    }
}

/// The revenue rule's verdict in one line ("+8,6 % ✗ över gränsen ±7,0 %"), kept at the top of the screen while
/// the price table is on it, and following every price as it is typed.
#[component]
fn VerdictBar() -> impl IntoView {
    let ctx = use_tariff_ctx();
    move || {
        ctx.totals.get().map(|t| {
            let (icon, word, class) = match t.check {
                Check::Within => ("✓", "inom gränsen", "ok"),
                Check::Over => ("✗", "över gränsen", "over"),
                Check::Unknown => ("?", "kan inte prövas mot gränsen", "unknown"),
            };
            view! {
                <div class=format!("verdict-bar v-{class}") id="verdict-bar" role="status">
                    <span class="muted">"Intäktsavvikelse "</span>
                    <strong>{t.total.deviation_label(t.limit_pct)}</strong>" "
                    <span class="verdict-word"><span aria-hidden="true">{icon}" "</span>{format!("{word} ±{}", pct_plain_sv(t.limit_pct))}</span>
                </div>
            }
        })
    }
}

#[component]
fn TariffHeader() -> impl IntoView {
    let ctx = use_tariff_ctx();
    let t = move || ctx.tariff.get();
    let export_csv = move |_| {
        ctx.tariff.with_untracked(|t| {
            if let Some(t) = t {
                download(
                    &format!("{}.csv", slug(&t.name)),
                    &csv_io::write_tariff(&t.rows),
                    "text/csv;charset=utf-8",
                );
            }
        })
    };
    let publishing = RwSignal::new(false);
    let export_bundle = move |_| {
        ctx.tariff.with_untracked(|t| {
            if let Some(t) = t {
                let ws = crate::domain::workspace::Workspace {
                    tariffs: vec![t.clone()],
                    ..Default::default()
                };
                download(
                    &format!("{}.verksam.json", t.id),
                    &crate::domain::bundle::export_workspace(&ws),
                    "application/json",
                );
            }
        })
    };
    view! {
        {move || t().map(|t| {
            let jour = t.kind == TariffKind::Jour;
            view! {
                <p class="page-links"><a href="/taxor">"← Taxor"</a>
                    {(!jour).then(|| view! { " · " <a href=format!("/taxa/{}/jour", url_segment(&t.id))>"Jourtaxa"</a> })}
                    " · " <a href="/patientkostnad">"Vad betalar patienten?"</a></p>
                <h1>{t.name.clone()}</h1>
                <p class="muted">{format!("{} · {} · {} · {} rader",
                    if t.organisation.is_empty() { "Organisation saknas".to_string() } else { t.organisation.clone() },
                    if jour { "Jourtaxa" } else { "Normaltaxa" },
                    t.valid_from
                        .map(|d| format!("gäller från {}", crate::domain::format::date_sv(d.year(), d.month() as u8, d.day() as u8)))
                        .unwrap_or_else(|| "giltighetsdag saknas".into()),
                    crate::domain::format::count_sv(t.rows.len()))}</p>
                <details class="tech">
                    <summary>"Teknisk information"</summary>
                    <p>"Id: "<code>{t.id.clone()}</code></p>
                    {t.source.clone().map(|s| view! { <p class="source">"Källa: "{s}</p> })}
                </details>
            }
        })}
        <div class="actions">
            <button type="button" id="export-tariff-csv" on:click=export_csv>"Exportera priser (CSV)"</button>
            <button type="button" on:click=export_bundle>"Exportera taxan (verksam-fil)"</button>
            <button type="button" id="publish-open" aria-expanded=move || publishing.get().to_string()
                on:click=move |_| publishing.update(|p| *p = !*p)>"Publicera"</button>
            <button type="button" on:click=move |_| ctx.step(true) disabled=move || !ctx.can_undo.get() aria-keyshortcuts="Control+Z">"Ångra"</button>
            <button type="button" on:click=move |_| ctx.step(false) disabled=move || !ctx.can_redo.get() aria-keyshortcuts="Control+Shift+Z">"Gör om"</button>
        </div>
        <TariffPublishBox open=publishing/>
    }
}

/// "Publicera" for a tariff on its own: the file to put next to the app (with the normal tariff, for a jour
/// tariff) and the link that opens it read-only: gauge, verdict, revenue per group.
#[component]
fn TariffPublishBox(open: RwSignal<bool>) -> impl IntoView {
    let ctx = use_tariff_ctx();
    let app = crate::ui::shell::state::use_app();
    let error = RwSignal::new(None::<String>);
    let file = move || {
        ctx.tariff
            .with(|t| t.as_ref().map(publish::tariff_file_name))
            .unwrap_or_default()
    };
    let on_download = move |_| {
        let Some(t) = ctx.tariff.get_untracked() else {
            return;
        };
        error.set(None);
        spawn_local(async move {
            let mut all = vec![];
            if let Some(n) = t.normal_id.clone() {
                match crate::storage::Repository::load_tariff(&*app.repo(), &n).await {
                    Ok(Some(normal)) => all.push(normal),
                    Ok(None) => {}
                    Err(e) => {
                        error.set(Some(format!("Normaltaxan kunde inte läsas: {e}")));
                        return;
                    }
                }
            }
            let ws = publish::tariff_publication(&t, &all);
            download(
                &publish::tariff_file_name(&t),
                &crate::domain::bundle::export_workspace(&ws),
                "application/json",
            );
        });
    };
    view! {
        <Show when=move || open.get()>
            <section class="card publish-box" aria-labelledby="publish-h" id="publish-box">
                <h2 id="publish-h">"Publicera taxan"</h2>
                <p>"Publiceringsfilen innehåller taxan (och för en jourtaxa dess normaltaxa). Lägg filen i samma mapp som appen på webbplatsen och dela länken. Den som öppnar länken ser intäktsavvikelsen mot gränsen, intäkten per vårdform och åtgärdsgrupp och avvikelserna per grupp, utan att kunna ändra något."</p>
                <FileAndLink file=Signal::derive(file)/>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <p>
                    <button type="button" class="primary" id="publish-download" on:click=on_download>"Ladda ned publiceringsfil"</button>" "
                    <button type="button" on:click=move |_| open.set(false)>"Stäng"</button>
                </p>
            </section>
        </Show>
    }
}

/// Where the volumes come from (an assumption is said so plainly), import and export of volumes.
#[component]
fn VolumesBox() -> impl IntoView {
    let ctx = use_tariff_ctx();
    let app = crate::ui::shell::state::use_app();
    let error = RwSignal::new(None::<String>);
    let source = move || ctx.volume_source();
    let on_import = move |ev: leptos::ev::Event| {
        error.set(None);
        spawn_local(async move {
            let Some((name, bytes)) = read_picked(&ev).await else {
                return;
            };
            match csv_io::read_volumes(&bytes) {
                Ok(v) => {
                    let n = v.len();
                    ctx.apply(None, true, move |t| {
                        t.volumes = v;
                        t.volume_source = VolumeSource::Imported { file: name };
                    });
                    app.notify(format!("{n} volymrader importerades."));
                }
                Err(e) => error.set(Some(format!(
                    "Volymfilen ”{name}” kunde inte läsas. Inget har ändrats. {}",
                    capitalise(&e.to_string())
                ))),
            }
        });
    };
    let export = move |_| {
        ctx.tariff.with_untracked(|t| {
            if let Some(t) = t {
                download(
                    &format!("{}-volymer.csv", slug(&t.name)),
                    &csv_io::write_volumes(&t.volumes),
                    "text/csv;charset=utf-8",
                );
            }
        })
    };
    view! {
        <section aria-labelledby="vol-h" class="card volumes">
            <h2 id="vol-h">"Volymer"</h2>
            {move || source().map(|s| {
                let assumed = s.is_assumption();
                view! {
                    // an assumption is a note to keep in mind, not an error
                    {move || ctx.borrowed.with(|b| b.as_ref().map(|b| view! {
                        <p id="volume-borrowed">{format!("Jourtaxan har inga egna volymer och vägs med normaltaxans, ”{}”:", b.from)}</p>
                    }))}
                    <p class=if assumed { "note" } else { "" } id="volume-source">{s.label()}</p>
                }
            })}
            {move || {
                let idx = ctx.index.get();
                let mut notes = vec![];
                if idx.clinics > 0 {
                    notes.push(format!("{} kliniker.", idx.clinics));
                }
                if !idx.unmatched.is_empty() {
                    let codes: Vec<String> = idx.unmatched.iter().take(10).map(|(_, c)| c.clone()).collect();
                    notes.push(format!("{} volymrader har en kod som inte finns i taxan och räknas inte: {}{}.",
                        idx.unmatched.len(), codes.join(", "), if idx.unmatched.len() > 10 { " …" } else { "" }));
                }
                if !idx.ambiguous.is_empty() {
                    notes.push(format!("Koderna {} finns på flera rader; volymer utan text räknas på den första raden.", idx.ambiguous.join(", ")));
                }
                notes.into_iter().map(|n| view! { <p class="muted">{n}</p> }).collect_view()
            }}
            <div class="actions">
                <label class="button">"Importera volymer (CSV) "
                    <input type="file" id="volumes-csv" class="sr-only" accept=".csv,text/csv" on:change=on_import/>
                </label>
                <button type="button" on:click=export>"Exportera volymer"</button>
            </div>
            <p class="muted small">"Kolumner: Kod och Antal; Text (för koder på flera rader) och Klinik om de finns."</p>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="volumes-error">{e}</p> })}
        </section>
    }
}

#[component]
fn RevenueTables() -> impl IntoView {
    let ctx = use_tariff_ctx();
    view! {
        <section aria-labelledby="rev-h" class="card">
            <h2 id="rev-h">"Intäkt per åtgärdsgrupp och vårdform"</h2>
            {move || ctx.assumed_volumes().then(|| view! {
                <p class="note" id="rev-assumed">"Beloppen bygger på antagna volymer och är inte verkliga intäkter. Det är procenten som prövas mot gränsen."</p>
            })}
            <div class="table-scroll revenue-tables" tabindex="0" role="region" aria-label="Intäkt per vårdform och åtgärdsgrupp">
                {move || ctx.totals.get().map(|t| revenue_tables(&t, ["rev-total", "rev-care", "rev-group"]))}
            </div>
        </section>
    }
}

/// The tariff's rules: the limit, the jour surcharge, rounding and the codes kept unchanged in the jour tariff.
#[component]
fn Params() -> impl IntoView {
    let ctx = use_tariff_ctx();
    let error = RwSignal::new(String::new());
    let value = move |f: fn(&crate::domain::tariff::TariffParams) -> String| {
        move || {
            ctx.rev.track();
            ctx.tariff
                .with_untracked(|t| t.as_ref().map(|t| f(&t.params)).unwrap_or_default())
        }
    };
    let set_amount =
        move |key: &'static str,
              max: i64,
              set: fn(&mut crate::domain::tariff::TariffParams, rust_decimal::Decimal)| {
            move |ev: leptos::ev::Event| {
                let text = event_target_value(&ev);
                match parse_price(&text).filter(|v| {
                    *v >= rust_decimal::Decimal::ZERO && *v <= rust_decimal::Decimal::from(max)
                }) {
                    Some(v) => {
                        error.set(String::new());
                        ctx.apply(Some(EditKey::header(key)), false, move |t| {
                            set(&mut t.params, v)
                        });
                    }
                    None => error.set(format!(
                        "”{text}” är inget tal mellan 0 och {max}; inget ändrades."
                    )),
                }
            }
        };
    let app = crate::ui::shell::state::use_app();
    let text_field = move |f: fn(&crate::domain::tariff::Tariff) -> String| {
        move || {
            ctx.rev.track();
            ctx.tariff
                .with_untracked(|t| t.as_ref().map(f).unwrap_or_default())
        }
    };
    view! {
        <section aria-labelledby="meta-h" class="card">
            <h2 id="meta-h">"Om taxan"</h2>
            <div class="form-grid">
                <label for="meta-name">"Namn"</label>
                <div><input id="meta-name" maxlength=MAX_NAME_CHARS prop:value=text_field(|t| t.name.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); if !v.trim().is_empty() { ctx.apply(Some(EditKey::header("meta-name")), false, move |t| t.name = v); } }/>
                    {field_error(ctx.edit, EditKey::header("meta-name"))}</div>
                <label for="meta-org">"Organisation"</label>
                <div><input id="meta-org" maxlength=MAX_NAME_CHARS prop:value=text_field(|t| t.organisation.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); ctx.apply(Some(EditKey::header("meta-org")), false, move |t| t.organisation = v); }/>
                    {field_error(ctx.edit, EditKey::header("meta-org"))}</div>
                <label for="meta-year">"År"</label>
                <input id="meta-year" inputmode="numeric" size="5" prop:value=text_field(|t| t.year.to_string())
                    on:input=move |ev| {
                        match event_target_value(&ev).trim().parse::<i32>().ok().filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y)) {
                            Some(y) => { error.set(String::new()); ctx.apply(Some(EditKey::header("meta-year")), false, move |t| t.year = y); }
                            None => error.set("Året ska vara ett årtal, t.ex. 2026; inget ändrades.".into()),
                        }
                    }/>
                <label for="meta-valid">"Gäller från"</label>
                <input id="meta-valid" type="date" prop:value=text_field(|t| t.valid_from.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let d = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d").ok();
                        ctx.apply(None, false, move |t| t.valid_from = d);
                    }/>
                <label for="meta-kind">"Slag"</label>
                <select id="meta-kind" on:change=move |ev| {
                    let kind = TariffKind::from_key(&event_target_value(&ev)).unwrap_or(TariffKind::Normal);
                    ctx.apply(None, false, move |t| t.kind = kind);
                }>
                    <option value=TariffKind::Normal.key() selected=move || ctx.tariff.with(|t| t.as_ref().is_some_and(|t| t.kind == TariffKind::Normal))>"Normaltaxa"</option>
                    <option value=TariffKind::Jour.key() selected=move || ctx.tariff.with(|t| t.as_ref().is_some_and(|t| t.kind == TariffKind::Jour))>"Jourtaxa"</option>
                </select>
                <Show when=move || ctx.tariff.with(|t| t.as_ref().is_some_and(|t| t.kind == TariffKind::Jour))>
                    <label for="meta-normal">"Hör till normaltaxan"</label>
                    <select id="meta-normal" on:change=move |ev| {
                        let v = Some(event_target_value(&ev)).filter(|s| !s.is_empty());
                        ctx.apply(None, false, move |t| t.normal_id = v);
                    }>
                        <option value="">"Ingen"</option>
                        {move || {
                            let current = ctx.tariff.with(|t| t.as_ref().and_then(|t| t.normal_id.clone()));
                            app.tariffs.get().into_iter().filter(|s| s.kind == TariffKind::Normal).map(|s| {
                                let sel = current.as_deref() == Some(s.id.as_str());
                                view! { <option value=s.id.clone() selected=sel>{s.name.clone()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </Show>
            </div>
        </section>
        <section aria-labelledby="params-h" class="card">
            <h2 id="params-h">"Regler för taxan"</h2>
            <div class="form-grid">
                <label for="param-limit">"Största tillåtna intäktsavvikelse (%)"</label>
                <div><input id="param-limit" inputmode="decimal" prop:value=value(|p| decimal_sv(p.max_deviation_pct))
                    on:input=set_amount("param-limit", MAX_LIMIT_PCT, |p, v| p.max_deviation_pct = v)/>
                    {field_error(ctx.edit, EditKey::header("param-limit"))}</div>
                <label for="param-jour">"Jourtillägg (%)"</label>
                <div><input id="param-jour" inputmode="decimal" prop:value=value(|p| decimal_sv(p.jour_surcharge_pct))
                    on:input=set_amount("param-jour", MAX_SURCHARGE_PCT, |p, v| p.jour_surcharge_pct = v)/>
                    {field_error(ctx.edit, EditKey::header("param-jour"))}</div>
                <label for="param-step">"Avrunda till (kr; 0 = ingen avrundning, annars minst 0,01)"</label>
                <div><input id="param-step" inputmode="decimal" prop:value=value(|p| decimal_sv(p.rounding.step))
                    on:input=set_amount("param-step", MAX_ROUNDING_KR, |p, v| p.rounding.step = v)/>
                    {field_error(ctx.edit, EditKey::header("param-step"))}</div>
                <label for="param-up">"Avrundning"</label>
                <select id="param-up" on:change=move |ev| {
                    let up = event_target_value(&ev) == "up";
                    ctx.apply(None, false, move |t| t.params.rounding.up = up);
                }>
                    <option value="up" selected=move || ctx.tariff.with(|t| t.as_ref().is_some_and(|t| t.params.rounding.up))>"uppåt"</option>
                    <option value="nearest" selected=move || ctx.tariff.with(|t| t.as_ref().is_some_and(|t| !t.params.rounding.up))>"till närmaste"</option>
                </select>
                <label for="param-keep">"Koder som är oförändrade i jourtaxan"</label>
                <input id="param-keep" prop:value=value(|p| p.jour_keep.join(", "))
                    on:change=move |ev| {
                        let codes: Vec<String> = event_target_value(&ev).split([',', ';', ' ']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
                        ctx.apply(Some(EditKey::header("param-keep")), false, move |t| t.params.jour_keep = codes);
                    }/>
            </div>
            <p class="muted small">{move || ctx.tariff.with(|t| t.as_ref().map(|t| format!(
                "Gränsen gäller i båda riktningarna: ±{}. Förslag och jourtaxa avrundas {}.",
                pct_plain_sv(t.params.max_deviation_pct), t.params.rounding.describe())))}</p>
            <p class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}
