//! Model validation: the invariants every stored plan keeps (tariffs and subsidy rule sets in `tariff.rs`). Import runs it before touching storage;
//! edits are built so they cannot break it (and tests check that).

use super::error::{ErrorKind, LocatedError};
use super::limits::*;
use super::period::Period;
use super::plan::{
    NodeData, Outcome, Plan, ScorecardSettings, When, WorkReport, DEFAULT_RISK_SCALE,
    MAX_RISK_SCALE,
};
use super::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet};

mod tariff;
pub use tariff::{validate_rule_set, validate_tariff, validate_tariff_header, validate_tariff_row};

/// Check a whole workspace; the first error wins. Paths start with `plans[i]`.
pub fn validate_workspace(ws: &Workspace) -> Result<(), LocatedError> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in ws.plans.iter().enumerate() {
        if let Some(first) = seen.insert(&p.id, i) {
            return Err(LocatedError::new(
                format!("plans[{i}].id"),
                ErrorKind::DuplicateId {
                    id: p.id.clone(),
                    first: format!("plans[{first}]"),
                },
            ));
        }
        validate_plan(p, &format!("plans[{i}]"))?;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, t) in ws.tariffs.iter().enumerate() {
        if let Some(first) = seen.insert(&t.id, i) {
            return Err(LocatedError::new(
                format!("tariffs[{i}].id"),
                ErrorKind::DuplicateId {
                    id: t.id.clone(),
                    first: format!("tariffs[{first}]"),
                },
            ));
        }
        validate_tariff(t, &format!("tariffs[{i}]"))?;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, r) in ws.rule_sets.iter().enumerate() {
        if let Some(first) = seen.insert(&r.id, i) {
            return Err(LocatedError::new(
                format!("rule_sets[{i}].id"),
                ErrorKind::DuplicateId {
                    id: r.id.clone(),
                    first: format!("rule_sets[{first}]"),
                },
            ));
        }
        validate_rule_set(r, &format!("rule_sets[{i}]"))?;
    }
    Ok(())
}

fn short(path: &str, s: &str, limit: usize) -> Result<(), LocatedError> {
    let len = s.chars().count();
    if len > limit {
        return Err(LocatedError::new(path, ErrorKind::TooLong { len, limit }));
    }
    Ok(())
}

fn text(path: &str, s: &str) -> Result<(), LocatedError> {
    let len = s.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(LocatedError::new(
            path,
            ErrorKind::TooLong {
                len,
                limit: MAX_TEXT_CHARS,
            },
        ));
    }
    Ok(())
}

fn id(path: &str, s: &str) -> Result<(), LocatedError> {
    if s.trim().is_empty() {
        return Err(LocatedError::new(path, ErrorKind::Blank));
    }
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(LocatedError::new(
            path,
            ErrorKind::ControlInId {
                code: format!("U+{:04X}", c as u32),
            },
        ));
    }
    let len = s.chars().count();
    if len > MAX_ID_CHARS {
        return Err(LocatedError::new(
            path,
            ErrorKind::TooLong {
                len,
                limit: MAX_ID_CHARS,
            },
        ));
    }
    Ok(())
}

fn year(path: &str, y: i64) -> Result<(), LocatedError> {
    if !(i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&y) {
        return Err(LocatedError::new(path, ErrorKind::AbsurdYear { year: y }));
    }
    Ok(())
}

fn number(path: &str, v: f64) -> Result<(), LocatedError> {
    if !v.is_finite() || v.abs() > MAX_ABS_NUMBER {
        return Err(LocatedError::new(
            path,
            ErrorKind::AbsurdNumber {
                value: v.to_string(),
            },
        ));
    }
    Ok(())
}

fn range(path: &str, v: f64, min: f64, max: f64) -> Result<(), LocatedError> {
    if !(v.is_finite() && (min..=max).contains(&v)) {
        return Err(LocatedError::new(
            path,
            ErrorKind::OutOfRange {
                value: crate::domain::format::number_sv(v),
                min: crate::domain::format::number_sv(min),
                max: crate::domain::format::number_sv(max),
            },
        ));
    }
    Ok(())
}

fn settings(
    s: &ScorecardSettings,
    at: &str,
    find: &dyn Fn(&str) -> Option<usize>,
) -> Result<(), LocatedError> {
    range(&format!("{at}.tolerance_pct"), s.tolerance_pct, 0.0, 100.0)?;
    range(&format!("{at}.green_at"), s.green_at, 0.0, 1.0)?;
    range(&format!("{at}.yellow_at"), s.yellow_at, 0.0, 1.0)?;
    range(&format!("{at}.min_coverage"), s.min_coverage, 0.0, 1.0)?;
    if s.yellow_at > s.green_at {
        return Err(LocatedError::new(
            format!("{at}.yellow_at"),
            ErrorKind::ThresholdOrder {
                yellow: crate::domain::format::number_sv(s.yellow_at),
                green: crate::domain::format::number_sv(s.green_at),
            },
        ));
    }
    for (id, w) in &s.weights {
        let wp = format!("{at}.weights.{id}");
        if find(id.as_str()).is_none() {
            return Err(LocatedError::new(
                wp,
                ErrorKind::UnknownNode { id: id.clone() },
            ));
        }
        range(&wp, *w, 0.0, 1000.0)?;
    }
    Ok(())
}

/// Periods of manual grades or analyses: each must read back from its key (a year in range, a month 1–12)
/// and occur once.
fn period_keys<'a>(
    path: &str,
    periods: impl Iterator<Item = &'a Period>,
) -> Result<(), LocatedError> {
    let mut seen = BTreeSet::new();
    for (i, p) in periods.enumerate() {
        let kp = format!("{path}[{i}].period");
        let key = p.key();
        if Period::parse_key(&key) != Some(*p) {
            return Err(LocatedError::new(kp, ErrorKind::BadPeriod { value: key }));
        }
        if !seen.insert(key.clone()) {
            return Err(LocatedError::new(
                kp,
                ErrorKind::DuplicatePeriod { period: key },
            ));
        }
    }
    Ok(())
}

fn outcome(path: &str, out: &Outcome) -> Result<(), LocatedError> {
    if let Some(v) = out.value {
        number(&format!("{path}.value"), v)?;
    }
    if let Some(y) = out.period.year {
        year(&format!("{path}.period.year"), y.into())?;
    }
    Ok(())
}

/// Check one plan; `at` is its path prefix, e.g. `plans[0]`.
pub fn validate_plan(p: &Plan, at: &str) -> Result<(), LocatedError> {
    plan_fields(p, at)?;
    // ids unique
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, n) in p.nodes.iter().enumerate() {
        id(&format!("{at}.nodes[{i}].id"), &n.id)?;
        if let Some(first) = index.insert(&n.id, i) {
            return Err(LocatedError::new(
                format!("{at}.nodes[{i}].id"),
                ErrorKind::DuplicateId {
                    id: n.id.clone(),
                    first: format!("{at}.nodes[{first}]"),
                },
            ));
        }
    }
    let find = |id: &str| index.get(id).copied();
    // parents exist, fields sane
    for i in 0..p.nodes.len() {
        node_fields(p, i, at, &find)?;
    }
    // no cycles, and no deeper than MAX_DEPTH: one pass, each node's depth found once
    depths(p, &index, at)?;
    settings(&p.scorecard, &format!("{at}.scorecard"), &find)?;
    stated_counts(p, at)?;
    budget_tables(p, at)
}

/// A report's stated måluppfyllelse rows: periods that read back, one row per period and group, counts of a
/// plausible size (a report counts measures, not millions).
fn stated_counts(p: &Plan, at: &str) -> Result<(), LocatedError> {
    let mut seen = BTreeSet::new();
    for (i, c) in p.stated_counts.iter().enumerate() {
        let cp = format!("{at}.stated_counts[{i}]");
        let key = c.period.key();
        if Period::parse_key(&key) != Some(c.period) {
            return Err(LocatedError::new(
                format!("{cp}.period"),
                ErrorKind::BadPeriod { value: key },
            ));
        }
        for (field, v) in [("uppfyllt", c.uppfyllt), ("delvis", c.delvis), ("ej", c.ej)] {
            range(&format!("{cp}.{field}"), v.into(), 0.0, 100_000.0)?;
        }
        if !seen.insert((key.clone(), c.decided)) {
            return Err(LocatedError::new(
                cp,
                ErrorKind::DuplicatePeriod {
                    period: format!("{key} ({})", c.decided.label().to_lowercase()),
                },
            ));
        }
    }
    Ok(())
}

/// Check what an edit of the plan's own fields can break (title, period, settings, budget tables), without
/// walking the tree: an editor checks a keystroke with this, storage checks the whole plan.
pub fn validate_plan_header(p: &Plan, at: &str) -> Result<(), LocatedError> {
    plan_fields(p, at)?;
    let find = |id: &str| p.nodes.iter().position(|n| n.id == id);
    settings(&p.scorecard, &format!("{at}.scorecard"), &find)?;
    stated_counts(p, at)?;
    budget_tables(p, at)
}

/// Check what an edit of one node's fields can break (its texts, targets, outcomes, links), without walking the
/// tree (its place in the tree is checked by [`validate_plan`]).
pub fn validate_plan_node(p: &Plan, i: usize, at: &str) -> Result<(), LocatedError> {
    id(&format!("{at}.nodes[{i}].id"), &p.nodes[i].id)?;
    let find = |id: &str| p.nodes.iter().position(|n| n.id == id);
    node_fields(p, i, at, &find)
}

fn plan_fields(p: &Plan, at: &str) -> Result<(), LocatedError> {
    id(&format!("{at}.id"), &p.id)?;
    for (field, v) in [
        ("title", &p.title),
        ("organisation", &p.organisation),
        ("region", &p.region),
    ] {
        text(&format!("{at}.{field}"), v)?;
    }
    year(&format!("{at}.period.from"), p.period.from.into())?;
    year(&format!("{at}.period.to"), p.period.to.into())?;
    if p.period.from > p.period.to {
        return Err(LocatedError::new(
            format!("{at}.period"),
            ErrorKind::PeriodOrder {
                from: p.period.from,
                to: p.period.to,
            },
        ));
    }
    if chrono::DateTime::parse_from_rfc3339(&p.updated_at).is_err() {
        return Err(LocatedError::new(
            format!("{at}.updated_at"),
            ErrorKind::BadTimestamp {
                value: p.updated_at.clone(),
            },
        ));
    }
    Ok(())
}

/// One node's fields: its parent exists, texts within limits, its data sane.
fn node_fields(
    p: &Plan,
    i: usize,
    at: &str,
    find: &dyn Fn(&str) -> Option<usize>,
) -> Result<(), LocatedError> {
    let n = &p.nodes[i];
    let np = format!("{at}.nodes[{i}]");
    if let Some(parent) = &n.parent {
        if find(parent).is_none() {
            return Err(LocatedError::new(
                format!("{np}.parent"),
                ErrorKind::MissingParent {
                    parent: parent.clone(),
                },
            ));
        }
    }
    text(&format!("{np}.text"), &n.text)?;
    text(&format!("{np}.label"), &n.label)?;
    validate_data(&n.data, &np, find, p, i)
}

fn budget_tables(p: &Plan, at: &str) -> Result<(), LocatedError> {
    let mut table_ids = BTreeSet::new();
    for (t, table) in p.budget_tables.iter().enumerate() {
        let tp = format!("{at}.budget_tables[{t}]");
        id(&format!("{tp}.id"), &table.id)?;
        if !table_ids.insert(&table.id) {
            return Err(LocatedError::new(
                format!("{tp}.id"),
                ErrorKind::DuplicateId {
                    id: table.id.clone(),
                    first: format!("{at}.budget_tables"),
                },
            ));
        }
        let cols: BTreeSet<&str> = table.columns.iter().map(|c| c.id.as_str()).collect();
        for (c, col) in table.columns.iter().enumerate() {
            year(&format!("{tp}.columns[{c}].year"), col.year.into())?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (col, v) in &row.values {
                let vp = format!("{tp}.rows[{r}].values.{col}");
                if !cols.contains(col.as_str()) {
                    return Err(LocatedError::new(
                        vp,
                        ErrorKind::UnknownColumn {
                            column: col.clone(),
                        },
                    ));
                }
                if let Some(v) = v {
                    if v.abs() > rust_decimal::Decimal::from(10_000_000_000_000i64) {
                        return Err(LocatedError::new(
                            vp,
                            ErrorKind::AbsurdNumber {
                                value: v.to_string(),
                            },
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn validate_data(
    d: &NodeData,
    np: &str,
    find: &dyn Fn(&str) -> Option<usize>,
    p: &Plan,
    i: usize,
) -> Result<(), LocatedError> {
    match d {
        NodeData::Matt(m) | NodeData::Nyckeltal(m) => {
            let key = if matches!(d, NodeData::Matt(_)) {
                "matt"
            } else {
                "nyckeltal"
            };
            let mp = format!("{np}.type.{key}");
            for (t, target) in m.targets.iter().enumerate() {
                let tp = format!("{mp}.targets[{t}]");
                for (field, v) in [
                    ("value", target.value),
                    ("value_high", target.value_high),
                    ("change", target.change),
                ] {
                    if let Some(v) = v {
                        number(&format!("{tp}.{field}"), v)?;
                    }
                }
                for (g, gt) in target.groups.iter().enumerate() {
                    number(&format!("{tp}.groups[{g}].value"), gt.value)?;
                }
                if let Some(y) = target.reference.and_then(|r| r.year) {
                    year(&format!("{tp}.reference.year"), y.into())?;
                }
            }
            for (o, out) in m.outcomes.iter().enumerate() {
                outcome(&format!("{mp}.outcomes[{o}]"), out)?;
            }
            if let Some(b) = &m.baseline {
                for (o, out) in b.values.iter().enumerate() {
                    outcome(&format!("{mp}.baseline.values[{o}]"), out)?;
                }
            }
            if let Some(y) = m.applicability.starts_from {
                year(&format!("{mp}.applicability.starts_from"), y.into())?;
            }
            period_keys(&format!("{mp}.manual"), m.manual.iter().map(|g| &g.period))?;
            for (g, mg) in m.manual.iter().enumerate() {
                let gp = format!("{mp}.manual[{g}].motivation");
                if mg.motivation.trim().is_empty() {
                    return Err(LocatedError::new(gp, ErrorKind::Blank));
                }
                text(&gp, &mg.motivation)?;
            }
            period_keys(
                &format!("{mp}.analyses"),
                m.analyses.iter().map(|a| &a.period),
            )?;
            for (a, an) in m.analyses.iter().enumerate() {
                text(&format!("{mp}.analyses[{a}].text"), &an.text)?;
            }
            period_keys(&format!("{mp}.stated"), m.stated.iter().map(|g| &g.period))?;
            for (g, sg) in m.stated.iter().enumerate() {
                text(&format!("{mp}.stated[{g}].quote"), &sg.quote)?;
            }
        }
        NodeData::Aktivitet(a) => {
            for (l, link) in a.links.iter().enumerate() {
                let ok = find(link.goal.as_str())
                    .map(|j| matches!(p.nodes[j].data, NodeData::Mal(_)))
                    .unwrap_or(false);
                if !ok {
                    return Err(LocatedError::new(
                        format!("{np}.type.aktivitet.links[{l}].goal"),
                        ErrorKind::BadLink {
                            target: link.goal.clone(),
                        },
                    ));
                }
            }
            if let Some(tp) = &a.time_period {
                for y in [tp.start_year, tp.end_year].into_iter().flatten() {
                    year(&format!("{np}.type.aktivitet.time_period"), y.into())?;
                }
            }
            let ap = format!("{np}.type.aktivitet");
            span(&ap, a.start, a.end)?;
            reports(&ap, &a.followups)?;
            text(&format!("{ap}.comment"), &a.comment)?;
        }
        NodeData::Uppdrag(c) => {
            let cp = format!("{np}.type.uppdrag");
            span(&cp, c.start, c.end)?;
            reports(&cp, &c.followups)?;
            text(&format!("{cp}.recipient"), &c.recipient)?;
            text(&format!("{cp}.report"), &c.report)?;
        }
        NodeData::IkPlan(c) => {
            let cp = format!("{np}.type.ik_plan");
            if !(2..=MAX_RISK_SCALE).contains(&c.risk_scale) {
                return Err(LocatedError::new(
                    format!("{cp}.risk_scale"),
                    ErrorKind::OutOfRange {
                        value: c.risk_scale.to_string(),
                        min: "2".into(),
                        max: MAX_RISK_SCALE.to_string(),
                    },
                ));
            }
            if let Some(isk) = &c.isk {
                text(&format!("{cp}.isk.motivation"), &isk.motivation)?;
            }
        }
        NodeData::IkRisk(r) => {
            let scale = risk_scale_of(p, i, find);
            for (field, v) in [("likelihood", r.likelihood), ("consequence", r.consequence)] {
                if let Some(v) = v {
                    if !(1..=scale).contains(&v) {
                        return Err(LocatedError::new(
                            format!("{np}.type.ik_risk.{field}"),
                            ErrorKind::OffScale { value: v, scale },
                        ));
                    }
                }
            }
        }
        NodeData::IkAtgard(a) => {
            let ap = format!("{np}.type.ik_atgard");
            for (field, v) in [
                ("control", &a.control),
                ("method", &a.method),
                ("responsible", &a.responsible),
                ("timing", &a.timing),
            ] {
                text(&format!("{ap}.{field}"), v)?;
            }
            reports(&ap, &a.followups)?;
        }
        _ => {}
    }
    Ok(())
}

/// A start and an end: years in range, the end not before the start.
fn span(path: &str, start: Option<When>, end: Option<When>) -> Result<(), LocatedError> {
    use chrono::Datelike;
    for (field, w) in [("start", start), ("end", end)] {
        if let Some(w) = w {
            year(&format!("{path}.{field}"), w.first_day().year().into())?;
        }
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e.last_day() < s.first_day() {
            return Err(LocatedError::new(
                format!("{path}.end"),
                ErrorKind::EndBeforeStart {
                    start: s.label(),
                    end: e.label(),
                },
            ));
        }
    }
    Ok(())
}

/// Reports per period: each period once and readable, analyses within the text limit.
fn reports(path: &str, r: &[WorkReport]) -> Result<(), LocatedError> {
    let rp = format!("{path}.followups");
    period_keys(&rp, r.iter().map(|x| &x.period))?;
    for (i, x) in r.iter().enumerate() {
        text(&format!("{rp}[{i}].analysis"), &x.analysis)?;
    }
    Ok(())
}

/// The scale a risk is assessed on: its nearest internkontrollplan's, else the default (1–4).
pub fn risk_scale_of(p: &Plan, i: usize, find: &dyn Fn(&str) -> Option<usize>) -> u8 {
    let mut cur = p.nodes.get(i).and_then(|n| n.parent.clone());
    // bounded: a cycle is refused elsewhere, but this must not loop on one
    for _ in 0..crate::domain::limits::MAX_DEPTH + 1 {
        let Some(j) = cur.as_deref().and_then(find) else {
            break;
        };
        if let NodeData::IkPlan(c) = &p.nodes[j].data {
            return c.risk_scale;
        }
        cur = p.nodes[j].parent.clone();
    }
    DEFAULT_RISK_SCALE
}

/// Every node's depth (roots 1), in one pass over the plan: a walk up from a node stops at the first ancestor
/// whose depth is known, so each node is visited a bounded number of times whatever the tree's shape. A walk that
/// meets itself is a cycle; a node deeper than [`MAX_DEPTH`] is refused.
fn depths(p: &Plan, index: &BTreeMap<&str, usize>, at: &str) -> Result<Vec<usize>, LocatedError> {
    const UNKNOWN: usize = 0;
    const ON_PATH: usize = usize::MAX;
    let mut depth = vec![UNKNOWN; p.nodes.len()];
    let mut path: Vec<usize> = vec![];
    for start in 0..p.nodes.len() {
        let mut cur = start;
        // climb until a root or a node whose depth is known
        let base = loop {
            match depth[cur] {
                ON_PATH => {
                    return Err(LocatedError::new(
                        format!("{at}.nodes[{cur}].parent"),
                        ErrorKind::Cycle {
                            id: p.nodes[cur].id.clone(),
                        },
                    ))
                }
                UNKNOWN => {}
                d => break d,
            }
            depth[cur] = ON_PATH;
            path.push(cur);
            match p.nodes[cur].parent.as_deref().and_then(|q| index.get(q)) {
                Some(&parent) => cur = parent,
                None => break 0,
            }
        };
        // number the path from the top down
        for (k, &i) in path.iter().rev().enumerate() {
            let d = base + k + 1;
            if d > MAX_DEPTH {
                return Err(LocatedError::new(
                    format!("{at}.nodes[{i}].parent"),
                    ErrorKind::TooDeep {
                        id: p.nodes[i].id.clone(),
                        limit: MAX_DEPTH,
                    },
                ));
            }
            depth[i] = d;
        }
        path.clear();
    }
    Ok(depth)
}
