//! What the scorecard page and its CSV export show: the rows of the scorecard table (rolled-up nodes and
//! measures in tree order, optionally only the failing ones) and one CSV row per measure and period.

use super::grade::Assessment;
use super::rollup::{scorecard, Scorecard, Structure};
use crate::domain::measure::{Grade, Measure, Sex};
use crate::domain::period::Period;
use crate::domain::plan::{NodeData, Plan};

/// A row of the scorecard table: a node index and its depth (0 = top level).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub index: usize,
    pub depth: usize,
}

/// Measures and rolled-up nodes in tree order. With `only_failing`, only measures that are ej uppfyllt and the
/// nodes above them.
pub fn rows(plan: &Plan, st: &Structure, sc: &Scorecard, only_failing: bool) -> Vec<Row> {
    let n = plan.nodes.len();
    // which nodes have something to show below them (post-order: children first)
    let mut show = vec![false; n];
    for &i in &st.post_order {
        show[i] = match &sc.measures[i] {
            Some(a) => a.scheduled && (!only_failing || a.grade == Grade::EjUppfyllt),
            None => st.children[i].iter().any(|&c| show[c]),
        };
    }
    let mut out = Vec::new();
    let mut stack: Vec<(usize, usize)> = st.roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        if !show[i] {
            continue;
        }
        out.push(Row { index: i, depth });
        stack.extend(st.children[i].iter().rev().map(|&c| (c, depth + 1)));
    }
    out
}

/// A number for a Swedish spreadsheet: decimal comma, no thousands separator, at most two decimals.
pub fn number_csv(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s == "-0" { "0" } else { s };
    s.replace('.', ",")
}

fn field(s: &str) -> String {
    crate::domain::spreadsheet::csv_field(s)
}

/// The nearest ancestors of a node by kind, for the CSV's context columns: (perspective, goal).
fn context(plan: &Plan, i: usize) -> (String, String) {
    let (mut per, mut goal) = (String::new(), String::new());
    let mut cur = plan.nodes[i].parent.as_deref();
    let mut guard = 0;
    while let Some(id) = cur {
        let Some(n) = plan.node(id) else { break };
        match &n.data {
            NodeData::Perspektiv { .. } if per.is_empty() => per = n.text.clone(),
            NodeData::Mal(_) if goal.is_empty() => goal = n.text.clone(),
            _ => {}
        }
        cur = n.parent.as_deref();
        guard += 1;
        if guard > plan.nodes.len() {
            break;
        }
    }
    (per, goal)
}

fn value(m: &Measure, p: &Period, sex: Option<Sex>) -> String {
    super::edit::outcome_index(m, p, sex)
        .and_then(|i| m.outcomes[i].value)
        .map(number_csv)
        .unwrap_or_default()
}

/// The scorecard results for Excel: UTF-8 with BOM, semicolons, decimal comma, CRLF; one row per measure
/// and period (measures not followed up in a period are left out).
pub fn results_csv(plan: &Plan, periods: &[Period]) -> String {
    let st = Structure::new(plan);
    let mut out = String::from("\u{feff}");
    let header = [
        "Period",
        "Perspektiv",
        "Mål",
        "Mått",
        "Målvärde",
        "Utfall totalt",
        "Utfall kvinnor",
        "Utfall män",
        "Enhet",
        "Måluppfyllelse",
        "Beräknad måluppfyllelse",
        "Motivering manuell bedömning",
        "Trend",
        "Motivering",
        "Analys",
        "Rapportens bedömning",
        "Rapportens ord",
    ];
    out.push_str(&header.join(";"));
    out.push_str("\r\n");
    for p in periods {
        let sc = scorecard(plan, &st, *p);
        for (i, brief) in sc.measures.iter().enumerate() {
            let (Some(brief), NodeData::Matt(m)) = (brief, &plan.nodes[i].data) else {
                continue;
            };
            if !brief.scheduled {
                continue;
            }
            let Some(a) = sc.assessment(plan, i) else {
                continue;
            };
            let (per, goal) = context(plan, i);
            let targets = m
                .targets
                .iter()
                .map(|t| t.raw.as_str())
                .filter(|r| !r.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            let cols = [
                p.label(),
                per,
                goal,
                plan.nodes[i].text.clone(),
                targets,
                value(m, p, None),
                value(m, p, Some(Sex::Kvinnor)),
                value(m, p, Some(Sex::Man)),
                super::edit::value_unit(m).unwrap_or_default(),
                a.grade.label().to_string(),
                a.computed.label().to_string(),
                m.manual_grade(p)
                    .map(|g| g.motivation.clone())
                    .unwrap_or_default(),
                a.trend.label().to_string(),
                reason_line(&a, m, plan),
                m.analysis(p).unwrap_or_default().to_string(),
                m.stated_grade(p)
                    .map(|g| g.grade.label().to_string())
                    .unwrap_or_default(),
                m.stated_grade(p)
                    .map(|g| g.quote.clone())
                    .unwrap_or_default(),
            ];
            out.push_str(&cols.iter().map(|c| field(c)).collect::<Vec<_>>().join(";"));
            out.push_str("\r\n");
        }
    }
    out
}

/// What a scorecard row shows beside the grade when women and men are shown: the total, kvinnor, män and the
/// difference kvinnor − män (in procentenheter for a share: "−6,5 p.e."). A measure without values by sex shows
/// its total alone (the other cells empty); one sex without the other is "–". `None` without any value.
pub fn sex_columns(m: &Measure, p: &Period) -> Option<[String; 4]> {
    let unit = super::grade::main_unit(m);
    let at = |sex| super::grade::outcome_at(m, p, sex, unit);
    let (total, k, men) = (at(None), at(Some(Sex::Kvinnor)), at(Some(Sex::Man)));
    let u = unit.unwrap_or("");
    let shown = |v: Option<f64>| {
        v.map(|v| crate::domain::format::value_sv(v, u))
            .unwrap_or_else(|| "–".into())
    };
    match (k, men) {
        (None, None) => {
            total.map(|t| [shown(Some(t)), String::new(), String::new(), String::new()])
        }
        (Some(a), Some(b)) => Some([
            shown(total),
            shown(k),
            shown(men),
            crate::domain::format::difference_sv(a - b, u),
        ]),
        _ => Some([shown(total), shown(k), shown(men), "–".into()]),
    }
}

/// The reason as one line, with plain spaces (the page shows the same words).
pub fn reason_line(a: &Assessment, m: &Measure, plan: &Plan) -> String {
    a.reason(m, &plan.scorecard).replace('\u{a0}', " ")
}

/// A fingerprint of everything a measure's reason depends on (its content and the plan's settings), so a page
/// can keep the reasons of measures that did not change instead of writing them all again after each edit.
pub fn reason_fingerprint(m: &Measure, s: &crate::domain::measure::ScorecardSettings) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    let f = |h: &mut std::hash::DefaultHasher, v: Option<f64>| v.map(f64::to_bits).hash(h);
    m.unit.hash(&mut h);
    (m.polarity.map(|p| p as u8), m.flow, m.critical).hash(&mut h);
    m.follow_up.hash(&mut h);
    for t in &m.targets {
        (
            t.kind,
            &t.raw,
            t.operator,
            &t.unit,
            t.direction,
            &t.change_unit,
            t.annual,
        )
            .hash(&mut h);
        t.reference.map(|r| (r.kind, r.year)).hash(&mut h);
        for v in [t.value, t.value_high, t.change] {
            f(&mut h, v);
        }
        for g in &t.groups {
            (g.sex, g.value.to_bits()).hash(&mut h);
        }
    }
    let outcome = |h: &mut std::hash::DefaultHasher, o: &crate::domain::measure::Outcome| {
        let p = &o.period;
        (
            &p.code,
            p.year,
            p.from_month,
            p.to_month,
            &o.unit,
            o.sex,
            &o.subgroup,
        )
            .hash(h);
        f(h, o.value);
    };
    m.outcomes.iter().for_each(|o| outcome(&mut h, o));
    if let Some(b) = &m.baseline {
        b.values.iter().for_each(|o| outcome(&mut h, o));
    }
    let a = &m.applicability;
    (a.kind, &a.reason, a.starts_from).hash(&mut h);
    for g in &m.manual {
        (&g.period, g.grade, &g.motivation).hash(&mut h);
    }
    for g in &m.stated {
        (&g.period, g.grade).hash(&mut h);
    }
    (s.tolerance_pct.to_bits(), s.prorate, s.group_rule).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_and_numbers() {
        assert_eq!(number_csv(67.4), "67,4");
        assert_eq!(number_csv(18464.0), "18464");
        assert_eq!(number_csv(-0.001), "0");
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("sa \"x\""), "\"sa \"\"x\"\"\"");
        assert_eq!(field("enkel"), "enkel");
    }
}
