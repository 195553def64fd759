//! The proposal view (new prices that meet the limit, before and after, applied as one undoable step) and the
//! comparison with another tariff.

use crate::domain::format::{kr_sv, pct_sv};
use crate::domain::tariff::proposal::{propose, Mode, Proposal, Request};
use crate::domain::tariff::{compare, parse_price, Revenue, TariffKind};
use crate::storage::Repository;
use crate::ui::shell::state::use_app;
use crate::ui::tariff::ctx::{use_tariff_ctx, TariffCtx};
use leptos::prelude::*;

fn dev(r: &Revenue) -> String {
    r.deviation_pct().map(pct_sv).unwrap_or_else(|| "–".into())
}

/// The proposal's settings and result, shared by the sticky verdict's *Föreslå justering* and the proposal
/// section further down: one proposal, shown where the user asked for it.
#[derive(Clone, Copy)]
pub struct ProposalState {
    target: RwSignal<String>,
    per_group: RwSignal<bool>,
    only_lower: RwSignal<bool>,
    result: RwSignal<Option<Result<Proposal, String>>>,
    /// What the last *Tillämpa* did, shown where it was done ("bar" or "section").
    applied: RwSignal<Option<(&'static str, String)>>,
    /// Where the last proposal was asked for.
    asked_in: RwSignal<&'static str>,
}

impl ProposalState {
    /// Made by the tariff page and provided to its parts.
    pub fn provide() -> ProposalState {
        let s = ProposalState {
            target: RwSignal::new(String::new()),
            per_group: RwSignal::new(false),
            only_lower: RwSignal::new(true),
            result: RwSignal::new(None),
            applied: RwSignal::new(None),
            asked_in: RwSignal::new("section"),
        };
        provide_context(s);
        s
    }

    fn compute(self, ctx: TariffCtx, asked_in: &'static str) {
        self.applied.set(None);
        self.asked_in.set(asked_in);
        let Some(target_pct) = parse_price(&self.target.get_untracked().replace('−', "-")) else {
            self.result.set(Some(Err(
                "Ange målet som ett tal, t.ex. 7 eller 6,5.".into()
            )));
            return;
        };
        let idx = ctx.index.get_untracked();
        let out = ctx.tariff.with_untracked(|t| {
            let t = t.as_ref()?;
            Some(
                propose(
                    t,
                    &idx,
                    Request {
                        target_pct,
                        mode: if self.per_group.get_untracked() {
                            Mode::PerGroup
                        } else {
                            Mode::Uniform
                        },
                        only_lower: self.only_lower.get_untracked(),
                    },
                )
                .map_err(|e| e.to_string()),
            )
        });
        self.result.set(out);
    }

    fn apply(self, ctx: TariffCtx, at: &'static str) {
        let Some(Ok(p)) = self.result.get_untracked() else {
            return;
        };
        let n = p.changes.len();
        ctx.apply(None, false, move |t| p.apply(t));
        self.result.set(None);
        self.applied.set(Some((
            at,
            format!("Förslaget tillämpades: {n} priser ändrades."),
        )));
    }

    /// The confirmation and its *Ångra*, where the proposal was applied.
    fn confirmation(self, ctx: TariffCtx, at: &'static str) -> impl IntoView {
        move || {
            self.applied.get().filter(|(w, _)| *w == at).map(|(_, text)| {
                view! {
                    <p class="applied" id=format!("{at}-applied") role="status">{text}" "
                        <button type="button" on:click=move |_| { ctx.step(true); self.applied.set(None); }>"Ångra"</button>
                    </p>
                }
            })
        }
    }
}

/// The proposal in a sentence; with assumed volumes, said to be no real revenue.
fn explain_of(ctx: TariffCtx, p: &Proposal) -> String {
    let text = ctx
        .tariff
        .with_untracked(|t| t.as_ref().map(|t| p.explain(t)).unwrap_or_default());
    if ctx.assumed_volumes() && !p.changes.is_empty() {
        format!("{text} (Beloppen bygger på antagna volymer.)")
    } else {
        text
    }
}

fn use_proposal() -> ProposalState {
    use_context::<ProposalState>().expect("ProposalState provided by the tariff page")
}

/// Beside the sticky verdict: *Föreslå justering* while the tariff is over the limit; the proposal's summary
/// with *Tillämpa* right there; the confirmation with *Ångra* after it is applied. The details (per group,
/// each changed row) are in the proposal section.
#[component]
pub fn VerdictProposal() -> impl IntoView {
    let ctx = use_tariff_ctx();
    let st = use_proposal();
    let over = move || {
        ctx.totals
            .with(|t| {
                t.as_ref()
                    .map(|t| t.check == crate::domain::tariff::revenue::Check::Over)
            })
            .unwrap_or(false)
    };
    let ask = move |_| {
        st.compute(ctx, "bar");
        crate::ui::shell::browser::focus_later("bar-proposal-h".into());
    };
    view! {
        {move || (over() && !(st.asked_in.get() == "bar" && st.result.with(Option::is_some))).then(|| view! {
            <button type="button" id="verdict-propose" on:click=ask>"Föreslå justering"</button>
        })}
        {move || (st.asked_in.get() == "bar").then(|| st.result.get().map(|r| match r {
            Err(e) => view! {
                <div class="bar-proposal" id="bar-proposal">
                    <p class="error" id="bar-proposal-h" tabindex="-1">{e}</p>
                    <button type="button" on:click=move |_| st.result.set(None)>"Stäng"</button>
                </div>
            }.into_any(),
            Ok(p) => {
                let explain = explain_of(ctx, &p);
                let any = !p.changes.is_empty();
                view! {
                    <div class="bar-proposal" id="bar-proposal" role="region" aria-labelledby="bar-proposal-h">
                        <p id="bar-proposal-h" tabindex="-1"><strong>"Förslag: "</strong>{explain}</p>
                        <div class="row">
                            {any.then(|| view! { <button type="button" class="primary" id="bar-apply" on:click=move |_| st.apply(ctx, "bar")>"Tillämpa förslaget"</button> })}
                            <a href="#proposal-h">"Visa per åtgärdsgrupp och rad"</a>
                            <button type="button" on:click=move |_| st.result.set(None)>"Stäng"</button>
                        </div>
                    </div>
                }.into_any()
            }
        }))}
        {st.confirmation(ctx, "bar")}
    }
}

/// The proposal section: its settings, the summary with *Tillämpa* first, and the details collapsed under it.
#[component]
pub fn ProposalView() -> impl IntoView {
    let ctx = use_tariff_ctx();
    let st = use_proposal();
    let ProposalState {
        target,
        per_group,
        only_lower,
        result,
        ..
    } = st;
    Effect::new(move |_| {
        if target.get_untracked().is_empty() {
            if let Some(l) = ctx
                .tariff
                .with(|t| t.as_ref().map(|t| t.params.max_deviation_pct))
            {
                target.set(crate::domain::format::decimal_sv(l));
            }
        }
    });
    view! {
        <section aria-labelledby="proposal-h" class="card proposal">
            <h2 id="proposal-h">"Förslag som håller gränsen"</h2>
            <div class="sc-controls">
                <label>"Mål för avvikelsen (%) "
                    <input id="proposal-target" inputmode="decimal" size="5" prop:value=move || target.get()
                        on:input=move |ev| target.set(event_target_value(&ev))/>
                </label>
                <fieldset class="inline">
                    <legend>"Sätt"</legend>
                    <label class="check"><input type="radio" name="proposal-mode" checked=move || !per_group.get() on:change=move |_| per_group.set(false)/>"en faktor för alla rader"</label>
                    <label class="check"><input type="radio" name="proposal-mode" id="proposal-per-group" checked=move || per_group.get() on:change=move |_| per_group.set(true)/>"en faktor per åtgärdsgrupp"</label>
                </fieldset>
                <label class="check"><input type="checkbox" prop:checked=move || only_lower.get() on:change=move |ev| only_lower.set(event_target_checked(&ev))/>"Sänk bara (höj inga priser)"</label>
                <button type="button" class="primary" id="proposal-compute" on:click=move |_| st.compute(ctx, "section")>"Beräkna förslag"</button>
            </div>
            {st.confirmation(ctx, "section")}
            {move || result.get().map(|r| match r {
                Err(e) => view! { <p class="error" role="alert" id="proposal-result">{e}</p> }.into_any(),
                Ok(p) => {
                    let explain = explain_of(ctx, &p);
                    let groups: Vec<_> = p.after.by_group.iter().map(|(g, after)| {
                        let before = p.before.by_group.get(g).copied().unwrap_or_default();
                        let factor = p.factors.get(g).or_else(|| p.factors.values().next()).copied();
                        (g.clone(), before, *after, factor)
                    }).collect();
                    let changes = p.changes.clone();
                    let any = !changes.is_empty();
                    view! {
                        <div id="proposal-result" role="status">
                            <p>{explain}</p>
                            {any.then(|| view! { <p><button type="button" class="primary" id="proposal-apply" on:click=move |_| st.apply(ctx, "section")>"Tillämpa förslaget"</button></p> })}
                            <details open>
                                <summary>"Före och efter per åtgärdsgrupp"</summary>
                                <table class="list">
                                    <caption class="sr-only">"Före och efter"</caption>
                                    <thead><tr><th scope="col">""</th><th scope="col" class="num">"Intäkt före"</th><th scope="col" class="num">"Avvikelse före"</th><th scope="col" class="num">"Intäkt efter"</th><th scope="col" class="num">"Avvikelse efter"</th><th scope="col" class="num">"Faktor"</th></tr></thead>
                                    <tbody>
                                        <tr class="total"><th scope="row">"Hela taxan"</th>
                                            <td class="num">{kr_sv(p.before.total.at_price)}</td><td class="num">{dev(&p.before.total)}</td>
                                            <td class="num">{kr_sv(p.after.total.at_price)}</td><td class="num" id="proposal-after">{dev(&p.after.total)}</td><td></td></tr>
                                        {groups.into_iter().map(|(g, b, a, f)| view! {
                                            <tr><th scope="row">{g}</th>
                                                <td class="num">{kr_sv(b.at_price)}</td><td class="num">{dev(&b)}</td>
                                                <td class="num">{kr_sv(a.at_price)}</td><td class="num">{dev(&a)}</td>
                                                <td class="num">{f.map(|f| crate::domain::format::decimal_sv(f.round_dp(4))).unwrap_or_default()}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </details>
                            {any.then(|| view! {
                                <details>
                                    <summary>{format!("{} ändrade rader", changes.len())}</summary>
                                    <div class="table-scroll" tabindex="0" role="region" aria-label="Ändrade rader"><table class="list">
                                        <thead><tr><th scope="col">"Kod"</th><th scope="col">"Text"</th><th scope="col" class="num">"Nu"</th><th scope="col" class="num">"Förslag"</th><th scope="col" class="num">"Skillnad"</th></tr></thead>
                                        <tbody>{changes.iter().map(|c| view! {
                                            <tr><td>{c.code.clone()}</td><td>{c.text.clone()}</td><td class="num">{kr_sv(c.old)}</td><td class="num">{kr_sv(c.new)}</td><td class="num">{kr_sv(c.new - c.old)}</td></tr>
                                        }).collect_view()}</tbody>
                                    </table></div>
                                </details>
                            })}
                        </div>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// This tariff against another stored one (e.g. last year's): per row and weighted by this tariff's volumes.
#[component]
pub fn CompareView() -> impl IntoView {
    let ctx = use_tariff_ctx();
    let app = use_app();
    let other_id = RwSignal::new(String::new());
    let other = LocalResource::new(move || {
        let id = other_id.get();
        async move {
            if id.is_empty() {
                return None;
            }
            app.repo().load_tariff(&id).await.ok().flatten()
        }
    });
    let choices = move || {
        let me = ctx
            .tariff
            .with(|t| t.as_ref().map(|t| t.id.clone()))
            .unwrap_or_default();
        app.tariffs
            .get()
            .into_iter()
            .filter(|t| t.id != me && t.kind == TariffKind::Normal)
            .collect::<Vec<_>>()
    };
    view! {
        <section aria-labelledby="compare-h" class="card">
            <h2 id="compare-h">"Jämför med en annan taxa"</h2>
            <label>"Jämför med "
                <select id="compare-with" on:change=move |ev| other_id.set(event_target_value(&ev))>
                    <option value="">"Välj taxa"</option>
                    {move || choices().into_iter().map(|t| view! { <option value=t.id.clone()>{crate::domain::tariff::tariff_title(&t.name, t.year, t.kind)}</option> }).collect_view()}
                </select>
            </label>
            {move || {
                let old = other.get().flatten()?;
                let idx = ctx.index.get();
                ctx.tariff.with(|t| {
                    let t = t.as_ref()?;
                    let c = compare::compare(t, &idx, &old);
                    let mut changed: Vec<_> = c.rows.iter().filter(|r| r.old != r.new).cloned().collect();
                    changed.sort_by_key(|r| std::cmp::Reverse(r.change_pct.unwrap_or_default().abs()));
                    Some(view! {
                        <p id="compare-result">{c.explain(t, &old)}</p>
                        {(!c.only_new.is_empty()).then(|| view! { <p class="muted">{format!("Bara i denna taxa: {}", c.only_new.join(", "))}</p> })}
                        {(!c.only_old.is_empty()).then(|| view! { <p class="muted">{format!("Bara i {}: {}", old.name, c.only_old.join(", "))}</p> })}
                        <details>
                            <summary>{format!("{} rader med ändrat pris", changed.len())}</summary>
                            <div class="table-scroll" tabindex="0" role="region" aria-label="Rader med ändrat pris"><table class="list">
                                <thead><tr><th scope="col">"Kod"</th><th scope="col">"Text"</th><th scope="col" class="num">{old.name.clone()}</th><th scope="col" class="num">"Denna taxa"</th><th scope="col" class="num">"Förändring"</th></tr></thead>
                                <tbody>{changed.into_iter().map(|r| view! {
                                    <tr><td>{r.code}</td><td>{r.text}</td><td class="num">{kr_sv(r.old)}</td><td class="num">{kr_sv(r.new)}</td>
                                        <td class="num">{r.change_pct.map(pct_sv).unwrap_or_default()}</td></tr>
                                }).collect_view()}</tbody>
                            </table></div>
                        </details>
                    })
                })
            }}
        </section>
    }
}
