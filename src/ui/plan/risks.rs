//! Uppföljning's internal control: the risk matrix (each cell's count as a number; choosing it lists its risks),
//! each risk's sannolikhet and konsekvens set in place, and the year's ISK-bedömning.

use crate::domain::activities::{isk_verdict, risk_matrix};
use crate::domain::draft::EditKey;
use crate::domain::edit::EditError;
use crate::domain::limits::MAX_TEXT_CHARS;
use crate::domain::plan::{IskJudgement, NodeData};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

/// The risk matrix: sannolikhet (rows, highest first) × konsekvens (columns); each cell says how many risks it
/// holds as a number, and choosing it lists them.
#[component]
pub fn RiskMatrixView() -> impl IntoView {
    let ctx = use_plan_ctx();
    let chosen = RwSignal::new(None::<(u8, u8)>);
    let matrix = Memo::new(move |_| ctx.plan.with(|p| p.as_ref().map(risk_matrix)));
    let has_risks = Memo::new(move |_| {
        ctx.plan.with(|p| {
            p.as_ref().is_some_and(|p| {
                p.nodes
                    .iter()
                    .any(|n| matches!(n.data, NodeData::IkRisk(_)))
            })
        })
    });
    let text_of = move |id: &str| {
        ctx.plan
            .with_untracked(|p| p.as_ref().and_then(|p| p.node(id)).map(|n| n.text.clone()))
            .unwrap_or_default()
    };
    view! {
        {move || has_risks.get().then(|| view! {
            <section class="card" aria-labelledby="risk-h" id="risk-section">
                <h2 id="risk-h">"Riskmatris"</h2>
                {move || matrix.get().map(|m| {
                    let k = m.scale;
                    let assessed: usize = m.cells.iter().flatten().map(Vec::len).sum();
                    view! {
                        <p>{format!("{assessed} av {} risker bedömda. Riskvärde (rv) = sannolikhet × konsekvens, skala 1–{k}. Välj en ruta för att se dess risker.", assessed + m.unassessed.len())}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Riskmatris">
                        <table class="risk-matrix" id="risk-matrix">
                            <caption class="sr-only">"Antal risker per sannolikhet och konsekvens"</caption>
                            <thead><tr><th scope="col" class="rm-corner"><span>"Sannolikhet ↓"</span><br/><span>"Konsekvens →"</span></th>
                                {(1..=k).map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {(1..=k).rev().map(|l| {
                                    let m = m.clone();
                                    view! {
                                        <tr><th scope="row">{l}</th>
                                            {(1..=k).map(|c| {
                                                let n = m.count(l, c);
                                                let value = l as u32 * c as u32;
                                                let band = if value * 3 > (k as u32 * k as u32) * 2 { "high" } else if value * 3 > k as u32 * k as u32 { "mid" } else { "low" };
                                                view! {
                                                    <td class={format!("rm-{band}")}>
                                                        <button type="button" id={format!("risk-cell-{l}-{c}")} class="rm-cell" disabled=n == 0
                                                            aria-pressed=move || if chosen.get() == Some((l, c)) { "true" } else { "false" }
                                                            on:click=move |_| chosen.update(|x| *x = if *x == Some((l, c)) { None } else { Some((l, c)) })>
                                                            <span class="rm-count">{n}</span>
                                                            <span class="sr-only">{format!(" {}: sannolikhet {l}, konsekvens {c}, riskvärde {value}", if n == 1 { "risk" } else { "risker" })}</span>
                                                            <span class="rm-value muted small" aria-hidden="true">{format!("rv {value}")}</span>
                                                        </button>
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                        {move || chosen.get().map(|(l, c)| {
                            let ids = m.cells.get(l as usize - 1).and_then(|r| r.get(c as usize - 1)).cloned().unwrap_or_default();
                            view! {
                                <div id="risk-chosen" role="status">
                                    <h3>{format!("Sannolikhet {l}, konsekvens {c}: riskvärde {}", l as u32 * c as u32)}</h3>
                                    <ul>{ids.iter().map(|id| view! { <li>{text_of(id)}</li> }).collect_view()}</ul>
                                </div>
                            }
                        })}
                        {(!m.unassessed.is_empty()).then(|| view! {
                            <details><summary>{format!("Ej bedömda ({})", m.unassessed.len())}</summary>
                                <ul>{m.unassessed.iter().map(|id| view! { <li>{text_of(id)}</li> }).collect_view()}</ul>
                            </details>
                        })}
                    }
                })}
                <RiskList/>
            </section>
        })}
    }
}

/// Every risk with its sannolikhet and konsekvens, set here (or on the risk in the plan's structure); the
/// riskvärde follows at once. Rebuilt only on changes other than these choices, so the focus stays put.
#[component]
fn RiskList() -> impl IntoView {
    let ctx = use_plan_ctx();
    let risks = Memo::new(move |_| {
        ctx.rev.get();
        ctx.plan.with_untracked(|p| {
            let p = p.as_ref()?;
            let find = |x: &str| p.nodes.iter().position(|n| n.id == x);
            Some(
                p.tree_order()
                    .into_iter()
                    .filter_map(|n| match &n.data {
                        NodeData::IkRisk(r) => {
                            let i = p.nodes.iter().position(|m| m.id == n.id).unwrap_or(0);
                            let area = n
                                .parent
                                .as_deref()
                                .and_then(|a| p.node(a))
                                .map(|a| a.text.clone())
                                .unwrap_or_default();
                            let scale = crate::domain::validate::risk_scale_of(p, i, &find);
                            Some((
                                n.id.clone(),
                                area,
                                n.text.clone(),
                                r.likelihood,
                                r.consequence,
                                scale,
                            ))
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let set = move |id: String, field: &'static str, v: Option<u8>| {
        let key = EditKey::node(id.clone(), format!("risk-{field}"));
        ctx.apply(Some(key), move |p| {
            match p.nodes.iter_mut().find(|n| n.id == id).map(|n| &mut n.data) {
                Some(NodeData::IkRisk(r)) => {
                    if field == "likelihood" {
                        r.likelihood = v;
                    } else {
                        r.consequence = v;
                    }
                    Ok(())
                }
                _ => Err(EditError::NotFound(id.clone())),
            }
        });
    };
    let value_of = move |id: String| {
        move || {
            ctx.plan
                .with(
                    |p| match p.as_ref().and_then(|p| p.node(&id)).map(|n| &n.data) {
                        Some(NodeData::IkRisk(r)) => r.value(),
                        _ => None,
                    },
                )
                .map(|v| v.to_string())
                .unwrap_or_else(|| "–".into())
        }
    };
    let options = |current: Option<u8>, scale: u8| {
        view! {
            <option value="" selected=current.is_none()>"Ej bedömd"</option>
            {(1..=scale).map(|v| view! { <option value=v.to_string() selected=current == Some(v)>{v}</option> }).collect_view()}
        }
    };
    view! {
        <details class="risk-list" id="risk-list">
            <summary>"Bedöm riskerna"</summary>
            <div class="table-scroll" tabindex="-1">
            <table class="list fu-risks">
                <thead><tr><th scope="col">"Område"</th><th scope="col">"Risk"</th><th scope="col">"Sannolikhet"</th><th scope="col">"Konsekvens"</th><th scope="col" class="num">"Riskvärde"</th></tr></thead>
                <tbody>
                    {move || risks.get().unwrap_or_default().into_iter().enumerate().map(|(i, (id, area, text, l, c, scale))| {
                        let short = snippet(&text, 60);
                        let (id1, id2, id3) = (id.clone(), id.clone(), id);
                        view! {
                            <tr>
                                <td>{area}</td>
                                <th scope="row">{text}</th>
                                <td><select id=format!("risk-{i}-l") aria-label=format!("Sannolikhet: {short}")
                                    on:change=move |ev| set(id1.clone(), "likelihood", event_target_value(&ev).parse().ok())>{options(l, scale)}</select></td>
                                <td><select id=format!("risk-{i}-c") aria-label=format!("Konsekvens: {short}")
                                    on:change=move |ev| set(id2.clone(), "consequence", event_target_value(&ev).parse().ok())>{options(c, scale)}</select></td>
                                <td class="num" id=format!("risk-{i}-value")>{value_of(id3)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </details>
    }
}

/// A change of the ISK judgement.
type IskChange = Box<dyn FnOnce(&mut Option<IskJudgement>)>;

/// The year's ISK-bedömning: *saknas* until the nämnd has judged; set here or on the internkontrollplan.
#[component]
pub fn IskView() -> impl IntoView {
    let ctx = use_plan_ctx();
    // read again after a choice or an undo, not while the motivation is typed
    let found = move || {
        ctx.rev.get();
        ctx.plan.with_untracked(|p| {
            p.as_ref()?.nodes.iter().find_map(|n| match &n.data {
                NodeData::IkPlan(c) => Some((n.id.clone(), c.isk.clone())),
                _ => None,
            })
        })
    };
    let set_isk = move |id: String, f: IskChange, key: &str| {
        let key = EditKey::node(id.clone(), key.to_string());
        ctx.apply(Some(key), move |p| {
            match p.nodes.iter_mut().find(|n| n.id == id).map(|n| &mut n.data) {
                Some(NodeData::IkPlan(c)) => {
                    f(&mut c.isk);
                    Ok(())
                }
                _ => Err(EditError::NotFound(id.clone())),
            }
        });
    };
    view! {
        {move || found().map(|(id, isk)| {
            let said = isk_verdict(isk.as_ref());
            let value = IskJudgement::choice(isk.as_ref());
            let motivation = isk.as_ref().map(|j| j.motivation.clone());
            let (id1, id2) = (id.clone(), id);
            view! {
                <section class="card" aria-labelledby="isk-h" id="isk-section">
                    <h2 id="isk-h">"ISK-bedömning"</h2>
                    <p id="isk-said"><strong>{said}</strong></p>
                    <label>"Är den interna kontrollen tillräcklig? "
                        <select id="fu-isk" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set_isk(id1.clone(), Box::new(move |isk: &mut Option<IskJudgement>| {
                                let motivation = isk.take().map(|j| j.motivation).unwrap_or_default();
                                *isk = IskJudgement::from_choice(&v, motivation);
                            }), "isk");
                            ctx.rev.update(|r| *r += 1);
                        }>
                            <option value="" selected=value.is_empty()>"Saknas (inte bedömd)"</option>
                            <option value="ja" selected=value == "ja">"Ja, tillräcklig"</option>
                            <option value="nej" selected=value == "nej">"Nej, inte tillräcklig"</option>
                        </select>
                    </label>
                    {motivation.map(|m| view! {
                        <label>"Motivering"
                            <textarea id="fu-isk-motivation" rows="3" maxlength=MAX_TEXT_CHARS prop:value=m on:input=move |ev| {
                                let v = event_target_value(&ev);
                                set_isk(id2.clone(), Box::new(move |isk: &mut Option<IskJudgement>| {
                                    if let Some(j) = isk { j.motivation = v }
                                }), "isk-motivation");
                            }></textarea>
                        </label>
                    })}
                </section>
            }
        })}
    }
}
