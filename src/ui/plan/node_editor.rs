//! The form for the selected node. Fields start from the stored values and write every keystroke through
//! [`PlanCtx::apply`]; the form is rebuilt when the selection or the plan's structure changes.

use crate::domain::format::url_segment;
use crate::domain::period::FollowUp;
use crate::domain::plan::*;
use crate::domain::scorecard::parse::{parse_target, target_warnings};
use crate::domain::scorecard::print::target_sv;
use crate::ui::plan::ctx::{use_plan_ctx, PlanCtx};
use crate::ui::plan::form::{fe, select, set, set_now, text_area, text_input};
use crate::ui::plan::work_fields;
use crate::ui::widgets::follow_up::FollowUpChecks;
use crate::ui::widgets::text::snippet;
use leptos::prelude::*;

fn issuer_fields(
    ctx: PlanCtx,
    id: String,
    issuer: Option<Issuer>,
    get: fn(&mut Node) -> Option<&mut Option<Issuer>>,
) -> impl IntoView {
    let level = issuer
        .as_ref()
        .map(|i| i.level.key().to_string())
        .unwrap_or_default();
    let name = issuer.map(|i| i.name).unwrap_or_default();
    let opts: Vec<(String, String)> = std::iter::once((String::new(), "(ej angivet)".to_string()))
        .chain(
            IssuerLevel::ALL
                .iter()
                .map(|l| (l.key().to_string(), l.label().to_string())),
        )
        .collect();
    let id2 = id.clone();
    view! {
        {select("Beslutat av", level, opts, move |v| set_now(ctx, &id, |n| {
            if let Some(slot) = get(n) {
                *slot = IssuerLevel::from_key(&v)
                    .map(|level| Issuer { level, name: slot.as_ref().map(|i| i.name.clone()).unwrap_or_default() });
            }
        }))}
        {text_input(fe(ctx, &id2, "issuer-name"), "Beslutande organ", name, move |v| set(ctx, &id2, "issuer-name", |n| {
            if let Some(Some(i)) = get(n) { i.name = v; }
        }))}
    }
}

fn measure_view(ctx: PlanCtx, id: String, m: Measure) -> impl IntoView {
    let pol = match m.polarity {
        Some(Polarity::HigherIsBetter) => "hogre",
        Some(Polarity::LowerIsBetter) => "lagre",
        None => "",
    };
    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
    view! {
        {text_input(fe(ctx, &id1, "unit"), "Enhet", m.unit.clone(), move |v| set(ctx, &id1, "unit", |n| if let NodeData::Matt(m) | NodeData::Nyckeltal(m) = &mut n.data { m.unit = v }))}
        {select("Riktning", pol.into(), vec![("".into(), "(ej angiven)".into()), ("hogre".into(), "Högre är bättre".into()), ("lagre".into(), "Lägre är bättre".into())],
            move |v| set_now(ctx, &id2, |n| if let NodeData::Matt(m) | NodeData::Nyckeltal(m) = &mut n.data {
                m.polarity = match v.as_str() { "hogre" => Some(Polarity::HigherIsBetter), "lagre" => Some(Polarity::LowerIsBetter), _ => None };
            }))}
        <FollowUpChecks id="ne-follow" current=m.follow_up.clone() on_change=Callback::new(move |list: Vec<FollowUp>| set_now(ctx, &id3, |n| if let NodeData::Matt(m) | NodeData::Nyckeltal(m) = &mut n.data {
            m.follow_up = list;
        }))/>
        {issuer_fields(ctx, id.clone(), m.issuer.clone(), |n| match &mut n.data { NodeData::Matt(m) | NodeData::Nyckeltal(m) => Some(&mut m.issuer), _ => None })}
        {target_fields(ctx, id.clone(), &m)}
        <h3>"Utfall"</h3>
        {if m.outcomes.is_empty() { view! { <p class="muted">"Inga utfall."</p> }.into_any() } else { view! {
            <table class="compact"><thead><tr><th scope="col">"Period"</th><th scope="col">"Värde"</th><th scope="col">"Som skrivet"</th><th scope="col">"Ursprung"</th></tr></thead>
            <tbody>{m.outcomes.iter().map(|o| view! {
                <tr><td>{o.period.label.clone()}</td><td>{o.value.map(fmt_num).unwrap_or_else(|| "–".into())}" "{o.unit.clone().unwrap_or_default()}</td>
                <td>{o.raw.clone()}</td><td>{o.origin.clone().unwrap_or_default()}</td></tr>
            }).collect_view()}</tbody></table>
        }.into_any() }}
        <p class="muted">"Målvärden och utfall bedöms i styrkortet. "
            <a id="open-in-scorecard" href=format!("/plan/{}/styrkort?matt={}", url_segment(&ctx.id()), url_segment(&id))>"Öppna i styrkortet"</a></p>
    }
}

/// The measure's target written as the document words it, read by *Tolka texten* with the scorecard's parser;
/// what it is read as, and what to check (a text not read, words against the direction), from the stored target
/// so they stay true after any edit. Further targets (per sex, several levels) are listed and edited in the
/// scorecard.
fn target_fields(ctx: PlanCtx, id: String, m: &Measure) -> impl IntoView {
    let first = m.targets.first().cloned();
    let raw = first.as_ref().map(|t| t.raw.clone()).unwrap_or_default();
    let unit = crate::domain::scorecard::edit::value_unit(m).unwrap_or_default();
    let read = first.as_ref().map(|t| {
        let parsed = parse_target(&t.raw);
        let stale =
            parsed.kind != t.kind || parsed.operator != t.operator || parsed.value != t.value;
        (target_sv(t, &unit), stale)
    });
    let warnings = first
        .as_ref()
        .map(|t| target_warnings(t, m.polarity))
        .unwrap_or_default();
    let more: Vec<String> = m
        .targets
        .iter()
        .skip(1)
        .map(|t| target_sv(t, &unit))
        .collect();
    let (id1, id2) = (id.clone(), id);
    let reparse = move |_| {
        set_now(ctx, &id2, |n| {
            if let NodeData::Matt(m) | NodeData::Nyckeltal(m) = &mut n.data {
                if let Some(t) = m.targets.first_mut() {
                    let parsed = parse_target(&t.raw);
                    *t = Target {
                        extra: std::mem::take(&mut t.extra),
                        ..parsed
                    };
                    if m.unit.is_empty() {
                        m.unit = t.unit.clone().unwrap_or_default();
                    }
                }
            }
        })
    };
    view! {
        {text_input(fe(ctx, &id1, "target-raw"), "Målvärde (som det står)", raw, move |v| set(ctx, &id1, "target-raw", |n| {
            if let NodeData::Matt(m) | NodeData::Nyckeltal(m) = &mut n.data {
                match m.targets.first_mut() {
                    Some(t) => t.raw = v,
                    None => m.targets.push(Target { raw: v, ..Target::new(TargetKind::Oklar) }),
                }
            }
        }))}
        <p class="row">
            <button type="button" id="ne-reparse" on:click=reparse>"Tolka texten"</button>
            {read.map(|(line, stale)| view! {
                <span id="ne-target-read">{if line.is_empty() { "Bedöms inte mot ett värde.".to_string() } else { format!("Bedöms mot: {line}") }}</span>
                {stale.then(|| view! { <span class="muted">" – texten har ändrats sedan den tolkades"</span> })}
            })}
        </p>
        {warnings.into_iter().map(|w| view! { <p class="warning" role="status">"⚠ "{w}</p> }).collect_view()}
        {(!more.is_empty()).then(|| view! {
            <p class="muted">{format!("Fler målvärden: {}. De ändras i styrkortet.", more.join("; "))}</p>
        })}
    }
}

/// A measure value in Swedish: decimal comma, no trailing ",0".
pub fn fmt_num(v: f64) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    s.replace('.', ",").replace('-', "−")
}

fn activity_view(ctx: PlanCtx, id: String, a: Activity, p: &Plan) -> impl IntoView {
    let (id1, id2, id3, id4, id5) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let goals: Vec<(String, String)> =
        std::iter::once((String::new(), "Koppla till mål…".to_string()))
            .chain(
                p.nodes
                    .iter()
                    .filter(|n| matches!(n.data, NodeData::Mal(_)))
                    .map(|n| {
                        (
                            n.id.clone(),
                            format!("{}: {}", n.label, snippet(&n.text, 60)),
                        )
                    }),
            )
            .collect();
    let links: Vec<(String, String)> = a
        .links
        .iter()
        .map(|l| {
            (
                l.goal.clone(),
                p.node(&l.goal)
                    .map(|n| format!("{}: {}", n.label, snippet(&n.text, 80)))
                    .unwrap_or_else(|| l.goal.clone()),
            )
        })
        .collect();
    view! {
        {work_fields::reports_fields(ctx, id1, a.followups.clone(), p)}
        {work_fields::span_fields(ctx, id2, a.start, a.end, |d| match d { NodeData::Aktivitet(a) => Some((&mut a.start, &mut a.end)), _ => None })}
        {text_area(fe(ctx, &id3, "comment"), "Kommentar", "field-comment", a.comment.clone(), move |v| set(ctx, &id3, "comment", |n| if let NodeData::Aktivitet(a) = &mut n.data { a.comment = v }))}
        {text_input(fe(ctx, &id4, "time_period"), "Tidsperiod", a.time_period.as_ref().map(|t| t.label.clone()).unwrap_or_default(), move |v| set(ctx, &id4, "time_period", |n| if let NodeData::Aktivitet(a) = &mut n.data {
            a.time_period = if v.trim().is_empty() { None } else {
                Some(TimePeriod { label: v, start_year: a.time_period.as_ref().and_then(|t| t.start_year), end_year: a.time_period.as_ref().and_then(|t| t.end_year) })
            };
        }))}
        <h3>"Kopplad även till"</h3>
        <ul class="links">
            {links.into_iter().map(|(goal, label)| {
                let id = id.clone();
                view! { <li>{label}" "<button type="button" class="link" on:click=move |_| {
                    let g = goal.clone();
                    set_now(ctx, &id, move |n| if let NodeData::Aktivitet(a) = &mut n.data { a.links.retain(|l| l.goal != g) });
                }>"Ta bort kopplingen"</button></li> }
            }).collect_view()}
        </ul>
        {select("Ny koppling", String::new(), goals, move |v| if !v.is_empty() {
            set_now(ctx, &id5, move |n| if let NodeData::Aktivitet(a) = &mut n.data {
                if n.parent.as_deref() != Some(v.as_str()) && !a.links.iter().any(|l| l.goal == v) {
                    a.links.push(GoalLink { goal: v, source: None, former_id: None });
                }
            });
        })}
    }
}

fn data_view(ctx: PlanCtx, node: &Node, p: &Plan) -> AnyView {
    let id = node.id.clone();
    let id1 = id.clone();
    let id2 = id.clone();
    let id3 = id.clone();
    match node.data.clone() {
        NodeData::Mal(g) => {
            let levels: Vec<(String, String)> = GoalLevel::ALL.iter().map(|l| (l.key().to_string(), p.level_name(l.key()))).collect();
            view! {
                {select("Nivå", g.level.key().into(), levels, move |v| set_now(ctx, &id1, |n| if let NodeData::Mal(g) = &mut n.data {
                    if let Some(l) = GoalLevel::ALL.into_iter().find(|l| l.key() == v) { g.level = l }
                }))}
                <label>"Nummer"<input type="number" min="0" prop:value=g.number.map(|n| n.to_string()).unwrap_or_default()
                    on:input=move |ev| { let v = event_target_value(&ev); set(ctx, &id2, "number", |n| if let NodeData::Mal(g) = &mut n.data { g.number = v.trim().parse().ok() }) }/></label>
                {issuer_fields(ctx, id.clone(), g.issuer, |n| match &mut n.data { NodeData::Mal(g) => Some(&mut g.issuer), _ => None })}
            }.into_any()
        }
        NodeData::Matt(m) | NodeData::Nyckeltal(m) => measure_view(ctx, id, m).into_any(),
        NodeData::Aktivitet(a) => activity_view(ctx, id, a, p).into_any(),
        NodeData::Uppdrag(c) => view! {
            {issuer_fields(ctx, id.clone(), c.issuer, |n| match &mut n.data { NodeData::Uppdrag(c) => Some(&mut c.issuer), _ => None })}
            {text_input(fe(ctx, &id1, "recipient"), "Mottagare", c.recipient, move |v| set(ctx, &id1, "recipient", |n| if let NodeData::Uppdrag(c) = &mut n.data { c.recipient = v }))}
            {text_area(fe(ctx, &id3, "report"), "Återrapportering", "field-report", c.report, move |v| set(ctx, &id3, "report", |n| if let NodeData::Uppdrag(c) = &mut n.data { c.report = v }))}
            {work_fields::span_fields(ctx, id2, c.start, c.end, |d| match d { NodeData::Uppdrag(c) => Some((&mut c.start, &mut c.end)), _ => None })}
            {work_fields::reports_fields(ctx, id.clone(), c.followups, p)}
        }.into_any(),
        NodeData::Perspektiv { description } => {
            text_area(fe(ctx, &id1, "description"), "Beskrivning", "field-description", description, move |v| set(ctx, &id1, "description", |n| {
                if let NodeData::Perspektiv { description } = &mut n.data { *description = v }
            })).into_any()
        }
        NodeData::IkPlan(c) => work_fields::control_plan_fields(ctx, id, c),
        NodeData::Kontext { kind } => text_input(fe(ctx, &id1, "kind"), "Slag (vision, syfte, fokus …)", kind, move |v| set(ctx, &id1, "kind", |n| if let NodeData::Kontext { kind } = &mut n.data { *kind = v })).into_any(),
        NodeData::Strategi { statements } => text_area(fe(ctx, &id1, "statements"), "Strategier (en per rad)", "field-statements", statements.join("\n"), move |v| set(ctx, &id1, "statements", |n| if let NodeData::Strategi { statements } = &mut n.data {
            *statements = v.lines().map(str::to_string).collect();
        })).into_any(),
        NodeData::Grupp { grouping, time_period } => view! {
            {select("Gruppering", grouping.key().to_string(), vec![(Grouping::Tidsperiod.key().into(), "Tidsperiod".into()), (Grouping::Niva.key().into(), "Nivå".into())],
                move |v| set_now(ctx, &id1, |n| if let NodeData::Grupp { grouping, .. } = &mut n.data { *grouping = Grouping::from_key(&v).unwrap_or(Grouping::Tidsperiod) }))}
            {text_input(fe(ctx, &id2, "time_period"), "Tidsperiod", time_period.map(|t| t.label).unwrap_or_default(), move |v| set(ctx, &id2, "time_period", |n| if let NodeData::Grupp { time_period, .. } = &mut n.data {
                *time_period = if v.trim().is_empty() { None } else { Some(TimePeriod { label: v, start_year: None, end_year: None }) };
            }))}
        }.into_any(),
        NodeData::IkKrav { code, group } => view! {
            {text_input(fe(ctx, &id1, "code"), "Kod", code, move |v| set(ctx, &id1, "code", |n| if let NodeData::IkKrav { code, .. } = &mut n.data { *code = v }))}
            {text_input(fe(ctx, &id2, "group"), "Grupp", group, move |v| set(ctx, &id2, "group", |n| if let NodeData::IkKrav { group, .. } = &mut n.data { *group = v }))}
        }.into_any(),
        NodeData::IkRisk(r) => work_fields::risk_fields(ctx, id, r, p),
        NodeData::IkAtgard(a) => work_fields::action_fields(ctx, id, a, p),
        NodeData::Avsnitt | NodeData::IkOmrade => ().into_any(),
    }
}

#[component]
pub fn NodeEditor() -> impl IntoView {
    let ctx = use_plan_ctx();
    provide_context(work_fields::WorkPeriod(RwSignal::new(None)));
    move || {
        ctx.rev.get();
        let Some(sel) = ctx.selected.get() else {
            return view! { <p class="muted">"Välj en post i strukturen för att redigera den, eller lägg till en ny."</p> }.into_any();
        };
        let Some((node, plan)) = ctx.plan.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| p.node(&sel).cloned().map(|n| (n, p.clone())))
        }) else {
            return ().into_any();
        };
        let (id1, id2) = (node.id.clone(), node.id.clone());
        let source = node.source.as_ref().map(|s| match s.line_end {
            Some(e) if e != s.line => format!("{} rad {}–{}", s.file, s.line, e),
            _ => format!("{} rad {}", s.file, s.line),
        });
        let extra = (!node.extra.is_empty())
            .then(|| serde_json::to_string_pretty(&node.extra).unwrap_or_default());
        view! {
            <form class="node-form" on:submit=|ev| ev.prevent_default() aria-label="Redigera vald post">
                <p class="kind-line">{plan.level_name(node.data.kind().key())}</p>
                {text_input(fe(ctx, &id1, "label"), "Benämning (nivånamn)", node.label.clone(), move |v| set(ctx, &id1, "label", |n| n.label = v))}
                {text_area(fe(ctx, &id2, "text"), "Text", "field-text", node.text.clone(), move |v| set(ctx, &id2, "text", |n| n.text = v))}
                {data_view(ctx, &node, &plan)}
                <details class="tech">
                    <summary>"Teknisk information"</summary>
                    <p>"Id: "<code>{node.id.clone()}</code></p>
                    {source.map(|s| view! { <p class="source">"Källa: "{s}</p> })}
                    {extra.map(|e| view! { <p>"Övriga uppgifter från källan:"</p><pre>{e}</pre> })}
                </details>
            </form>
        }
        .into_any()
    }
}
