//! The detail panel of the scorecard page: for a measure its grade and trend with reasons, targets, the
//! outcome of the chosen period (total, kvinnor, män) to enter, its history as a table and a small SVG line,
//! women/men bars with the gap, a manual grade with motivation, and the period's analysis. For a rolled-up
//! node its grade and counts.

use crate::domain::draft::EditKey;
use crate::domain::format::{difference_sv, number_sv, parse_number_sv, value_sv};
use crate::domain::limits::MAX_TEXT_CHARS;
use crate::domain::measure::{Grade, Measure, Sex};
use crate::domain::period::Period;
use crate::domain::plan::NodeData;
use crate::domain::scorecard::edit::target_line;
use crate::domain::scorecard::edit::{
    history as history_rows, measure_mut, outcome_index, set_analysis, set_manual, set_outcome,
    set_stated, value_unit,
};
use crate::ui::plan::ctx::use_plan_ctx;
use crate::ui::scorecard::ctx::use_score_ctx;
use crate::ui::scorecard::targets_form::TargetsEditor;
use crate::ui::widgets::badges::{grade_badge, trend_badge};
use crate::ui::widgets::charts::history_chart;
use leptos::prelude::*;

/// Women and men as two bars, with the gap in words.
fn sex_bars(k: f64, m: f64, unit: &str) -> impl IntoView {
    let max = k.abs().max(m.abs()).max(f64::EPSILON);
    let bar = |label: &'static str, v: f64, class: &'static str| {
        let width = (v.abs() / max * 100.0).clamp(0.0, 100.0);
        view! {
            <div class="bar-row">
                <span class="bar-label">{label}</span>
                <span class="bar-track"><span class=format!("bar {class}") style=format!("width:{width:.1}%")></span></span>
                <span class="bar-value">{value_sv(v, unit)}</span>
            </div>
        }
    };
    view! {
        <div class="sex-bars" aria-label="Kvinnor och män">
            {bar("Kvinnor", k, "bar-k")}
            {bar("Män", m, "bar-m")}
            <p class="muted">{format!("Skillnad: {} (kvinnor − män)", difference_sv(k - m, unit))}</p>
        </div>
    }
}

/// A text field for one outcome (a period and a sex; `None` = total). A change is saved at once; a text that is
/// not a number is refused with a message in `error` and changes nothing.
fn outcome_input(
    id: String,
    period: Period,
    sex: Option<Sex>,
    input_id: String,
    name: String,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = use_plan_ctx();
    // the value in force, followed as it changes anywhere (the period's fields above, undo, another tab)
    let id_v = id.clone();
    let value = Memo::new(move |_| {
        ctx.plan.with(|p| {
            p.as_ref()
                .and_then(|p| p.node(&id_v))
                .and_then(|n| match &n.data {
                    NodeData::Matt(m) => outcome_index(m, &period, sex)
                        .and_then(|i| m.outcomes[i].value)
                        .map(number_sv),
                    _ => None,
                })
                .unwrap_or_default()
        })
    });
    let label = name.clone();
    view! {
        <input id=input_id type="text" inputmode="decimal" autocomplete="off" prop:value=move || value.get() aria-label=name
            on:change=move |ev| {
                let text = event_target_value(&ev);
                let v = parse_number_sv(&text);
                if v.is_none() && !text.trim().is_empty() {
                    error.set(Some(format!("{label}: ”{}” är inte ett tal", text.trim())));
                    return;
                }
                error.set(None);
                let id = id.clone();
                let key = EditKey::node(id.clone(), format!("out:{}:{}", period.key(), sex.map_or("T", Sex::code)));
                ctx.apply(Some(key), move |p| {
                    set_outcome(measure_mut(p, &id)?, &period, sex, v)
                });
            }/>
    }
}

#[component]
fn OutcomeInputs(id: String, period: Period) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let field = move |sex: Option<Sex>, label: &'static str| {
        let input_id = format!("out-{}", sex.map_or("tot", Sex::code));
        view! {
            <label for=input_id.clone()>{label}</label>
            {outcome_input(id.clone(), period, sex, input_id, label.to_string(), error)}
        }
    };
    view! {
        <fieldset class="outcome-inputs">
            <legend>{format!("Utfall {}", period.label())}</legend>
            <div class="grid3">
                {field(None, "Totalt")}
                {field(Some(Sex::Kvinnor), "Kvinnor")}
                {field(Some(Sex::Man), "Män")}
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </fieldset>
    }
}

/// Something of the measure `id` as it is now, read once (a form's starting values).
fn measure_now<T>(id: &str, f: impl Fn(&Measure) -> Option<T>) -> Option<T> {
    use_plan_ctx().plan.with_untracked(|p| {
        p.as_ref()
            .and_then(|p| p.node(id))
            .and_then(|n| match &n.data {
                NodeData::Matt(m) => f(m),
                _ => None,
            })
    })
}

#[component]
fn ManualGradeForm(id: String, period: Period) -> impl IntoView {
    let ctx = use_plan_ctx();
    let current = measure_now(&id, |m| m.manual_grade(&period).cloned());
    let grade = RwSignal::new(current.as_ref().map(|g| g.grade));
    let motivation = RwSignal::new(current.map(|g| g.motivation).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let (id_s, id_c) = (id.clone(), id);
    let save = move |_| {
        let Some(g) = grade.get_untracked() else {
            return;
        };
        let text = motivation.get_untracked();
        if text.trim().is_empty() {
            error.set(Some(
                "Skriv en motivering till den manuella bedömningen.".into(),
            ));
            return;
        }
        error.set(None);
        let id = id_s.clone();
        ctx.apply(None, move |p| {
            set_manual(measure_mut(p, &id)?, &period, Some((g, text)))
        });
    };
    let clear = move |_| {
        let id = id_c.clone();
        grade.set(None);
        motivation.set(String::new());
        ctx.apply(None, move |p| {
            set_manual(measure_mut(p, &id)?, &period, None)
        });
    };
    view! {
        <fieldset class="manual-grade">
            <legend>"Manuell bedömning"</legend>
            <label for="manual-grade">"Måluppfyllelse"</label>
            <select id="manual-grade" on:change=move |ev| {
                let v = event_target_value(&ev);
                grade.set(Grade::ALL.into_iter().find(|g| g.key() == v));
            }>
                <option value="" selected=move || grade.get().is_none()>"Ingen (beräknad gäller)"</option>
                {Grade::ALL.into_iter().map(|g| view! {
                    <option value=g.key() selected=move || grade.get() == Some(g)>{g.label()}</option>
                }).collect_view()}
            </select>
            <label for="manual-motivation">"Motivering (krävs)"</label>
            <textarea id="manual-motivation" rows="3" maxlength=MAX_TEXT_CHARS prop:value=move || motivation.get()
                on:input=move |ev| motivation.set(event_target_value(&ev))></textarea>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="row">
                <button on:click=save disabled=move || grade.get().is_none()>"Spara bedömning"</button>
                <button on:click=clear>"Ta bort manuell bedömning"</button>
            </div>
        </fieldset>
    }
}

/// The grade the report states for the period, as the document words it: shown beside the computed grade and
/// counted when the måluppfyllelse table counts the report's grades.
#[component]
fn StatedGradeForm(id: String, period: Period) -> impl IntoView {
    let ctx = use_plan_ctx();
    let current = measure_now(&id, |m| m.stated_grade(&period).cloned());
    let grade = RwSignal::new(current.as_ref().map(|g| g.grade));
    let quote = RwSignal::new(current.map(|g| g.quote).unwrap_or_default());
    let save = move || {
        let id = id.clone();
        let stated = grade.get_untracked().map(|g| (g, quote.get_untracked()));
        ctx.apply(None, move |p| {
            set_stated(measure_mut(p, &id)?, &period, stated);
            Ok(())
        });
    };
    let save2 = save.clone();
    view! {
        <fieldset class="manual-grade">
            <legend>"Rapportens bedömning"</legend>
            <p class="muted">"Så som dokumentet själv bedömer måttet. Visas bredvid den beräknade och kan räknas i måluppfyllelsetabellen; den ändrar inte beräkningen."</p>
            <label for="stated-grade">"Rapporten säger"</label>
            <select id="stated-grade" on:change=move |ev| {
                let v = event_target_value(&ev);
                grade.set(Grade::ALL.into_iter().find(|g| g.key() == v));
                save();
            }>
                <option value="" selected=move || grade.get().is_none()>"Ingen bedömning i rapporten"</option>
                {Grade::ALL.into_iter().map(|g| view! {
                    <option value=g.key() selected=move || grade.get() == Some(g)>{g.label()}</option>
                }).collect_view()}
            </select>
            <label for="stated-quote">"Rapportens ord"</label>
            <textarea id="stated-quote" rows="2" maxlength=MAX_TEXT_CHARS prop:value=move || quote.get()
                disabled=move || grade.get().is_none()
                on:input=move |ev| quote.set(event_target_value(&ev))
                on:change=move |_| save2()></textarea>
        </fieldset>
    }
}

#[component]
fn AnalysisField(id: String, period: Period) -> impl IntoView {
    let ctx = use_plan_ctx();
    let initial = measure_now(&id, |m| m.analysis(&period).map(str::to_string)).unwrap_or_default();
    if ctx.read_only {
        return view! {
            <h4>{format!("Analys {}", period.label())}</h4>
            <p class="analysis">{if initial.trim().is_empty() { "Ingen analys skriven för perioden.".to_string() } else { initial }}</p>
        }
        .into_any();
    }
    let key = EditKey::node(id.clone(), format!("analys:{}", period.key()));
    let shown = key.clone();
    view! {
        <label for="analysis">{format!("Analys {}", period.label())}</label>
        <textarea id="analysis" rows="4" maxlength=MAX_TEXT_CHARS prop:value=initial on:input=move |ev| {
            let text = event_target_value(&ev);
            let id = id.clone();
            ctx.apply(Some(key.clone()), move |p| {
                set_analysis(measure_mut(p, &id)?, &period, text);
                Ok(())
            });
        }></textarea>
        {crate::ui::shell::edit_ctx::field_error(ctx.edit, shown)}
    }
    .into_any()
}

/// The computed part: grade, reason, trend, women/men. Re-renders with every change of the plan.
#[component]
fn Verdict(index: usize) -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    move || {
        let card = sc.card.get()?;
        let period = sc.period.get()?;
        ctx.plan.with(|p| {
            let p = p.as_ref()?;
            let a = card.assessment(p, index)?;
            let NodeData::Matt(m) = &p.nodes.get(index)?.data else {
                return None;
            };
            let unit = value_unit(m).unwrap_or_default();
            let manual = m.manual_grade(&period).cloned();
            Some(view! {
                <div class="verdict" aria-live="polite">
                    <p class="verdict-grade">{grade_badge(a.grade)}
                        {manual.as_ref().map(|_| view! { <span class="muted">" manuell bedömning; beräknat: "{a.computed.label()}</span> })}
                    </p>
                    {manual.map(|g| view! { <p><strong>"Motivering: "</strong>{g.motivation}</p> })}
                    <p class="reason">{a.reason(m, &p.scorecard)}</p>
                    {m.stated_grade(&period).map(|g| view! {
                        <p class="stated-verdict" id="stated-verdict">"Rapporten: "{grade_badge(g.grade)}
                            {(!g.quote.is_empty()).then(|| format!(" ”{}”", g.quote))}
                            {g.source.as_ref().map(|s| view! { <span class="muted">{format!(" ({})", s.lines_sv())}</span> })}
                        </p>
                    })}
                    <p>{trend_badge(a.trend)}" "<span class="muted">{a.trend_reason(m)}</span></p>
                    {a.sexes.map(|(k, mm)| sex_bars(k, mm, &unit))}
                </div>
            })
        })
    }
}

/// A measure's outcomes over time, following every outcome the moment it is entered (here, in the period's
/// fields above, by undo or from another tab): the chart at once; the table gets a row when a period is added,
/// and each cell follows its value.
#[component]
fn History(id: String, read_only: bool, grid_error: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = use_plan_ctx();
    let id_m = id.clone();
    let measure = Memo::new(move |_| {
        ctx.plan.with(|p| {
            p.as_ref()
                .and_then(|p| p.node(&id_m))
                .and_then(|n| match &n.data {
                    NodeData::Matt(m) => Some(m.clone()),
                    _ => None,
                })
        })
    });
    let periods = Memo::new(move |_| {
        measure.with(|m| {
            m.as_ref()
                .map(|m| {
                    history_rows(m)
                        .into_iter()
                        .map(|r| r.period)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let chart = move || {
        measure.with(|m| {
            m.as_ref().map(|m| {
                let unit = value_unit(m).unwrap_or_default();
                history_chart(&history_rows(m), target_line(m), &unit)
            })
        })
    };
    let cell_text = move |period: Period, sex: Option<Sex>| {
        move || {
            measure
                .with(|m| {
                    let m = m.as_ref()?;
                    let unit = value_unit(m).unwrap_or_default();
                    let v = outcome_index(m, &period, sex).and_then(|i| m.outcomes[i].value)?;
                    Some(value_sv(v, &unit))
                })
                .unwrap_or_else(|| "–".into())
        }
    };
    view! {
        {chart}
        <div class="table-scroll" tabindex="0" role="region" aria-label="Utfall per period">
        <table class="history">
            <caption class="muted">{if read_only { "Utfall per period" } else { "Utfall per period; ändra direkt i tabellen" }}</caption>
            <thead><tr><th scope="col">"Period"</th><th scope="col">"Totalt"</th><th scope="col">"Kvinnor"</th><th scope="col">"Män"</th></tr></thead>
            <tbody>
                {move || periods.get().into_iter().map(|period| {
                    let id = id.clone();
                    let cell = move |sex: Option<Sex>, what: &str| {
                        if read_only {
                            return view! { <td class="num">{cell_text(period, sex)}</td> }.into_any();
                        }
                        let name = format!("{what}, {}", period.label());
                        let input_id = format!("hist-{}-{}", period.key().replace(' ', "-"), sex.map_or("tot", Sex::code));
                        view! { <td class="num">{outcome_input(id.clone(), period, sex, input_id, name, grid_error)}</td> }.into_any()
                    };
                    view! {
                        <tr><th scope="row">{period.label()}</th>{cell(None, "Totalt")}{cell(Some(Sex::Kvinnor), "Kvinnor")}{cell(Some(Sex::Man), "Män")}</tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
pub fn MeasureDetail() -> impl IntoView {
    let ctx = use_plan_ctx();
    let sc = use_score_ctx();
    move || {
        ctx.rev.get();
        let period = sc.period.get()?;
        let Some(id) = ctx.selected.get() else {
            return Some(
                view! { <p class="muted">"Välj en rad i styrkortet för att se dess detaljer."</p> }
                    .into_any(),
            );
        };
        let (index, head, measure) = ctx.plan.with_untracked(|p| {
            let p = p.as_ref()?;
            let i = p.nodes.iter().position(|n| n.id == id)?;
            let n = &p.nodes[i];
            let m = match &n.data {
                NodeData::Matt(m) => Some(m.clone()),
                _ => None,
            };
            Some((i, format!("{} {}", n.label, n.text), m))
        })?;
        let Some(m) = measure else {
            // a rolled-up node
            return Some(view! {
                <h3>{head}</h3>
                {move || sc.card.with(|c| c.as_ref().and_then(|c| c.nodes.get(index)?.clone())).map(|r| view! {
                    <p>{r.grade.map(grade_badge)}</p>
                    {r.score.map(|s| view! { <p>{format!("Viktad andel: {} %", number_sv((s * 1000.0).round() / 10.0))}</p> })}
                    <p>{format!("{} uppfyllda, {} delvis, {} ej uppfyllda, {} ej bedömbara av {} {} som följs upp",
                        r.counts.uppfyllt, r.counts.delvis, r.counts.ej, r.counts.ej_bedombar, r.counts.scheduled(), ctx.measure_words().1)}</p>
                    {r.forced.then(|| view! { <p>"Ej uppfyllt eftersom ett kritiskt mått är ej uppfyllt."</p> })}
                })}
            }.into_any());
        };
        let grid_error = RwSignal::new(None::<String>);
        let read_only = ctx.read_only;
        Some(view! {
            <h3>{head}</h3>
            <Verdict index=index/>
            <h4>"Mål"</h4>
            <ul class="targets">
                {m.targets.iter().map(|t| view! {
                    <li><span class="muted">{t.kind.label()}": "</span>{if t.raw.is_empty() { "(ingen text)".to_string() } else { t.raw.clone() }}</li>
                }).collect_view()}
                {m.targets.is_empty().then(|| view! { <li class="muted">"Inget mål angivet"</li> })}
            </ul>
            {m.baseline.as_ref().map(|b| view! { <p><span class="muted">"Ingångsvärde: "</span>{b.raw.clone()}</p> })}
            {(!read_only).then(|| view! {
                <TargetsEditor id=id.clone()/>
                <OutcomeInputs id=id.clone() period=period/>
            })}
            <h4>"Utfall över tid"</h4>
            <History id=id.clone() read_only grid_error/>
            {move || grid_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {(!read_only).then(|| view! {
                <ManualGradeForm id=id.clone() period=period/>
                <StatedGradeForm id=id.clone() period=period/>
            })}
            <AnalysisField id=id period=period/>
        }.into_any())
    }
}
