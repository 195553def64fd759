//! Lifting scorecard fields that older data kept as free annotations (`extra`) into typed fields: the seed
//! extracts' `direction`, `reference`, `by_group`, `group`, `baseline`, `applicability`; and bundle version 1,
//! which stored them the same way. A key is only removed from `extra` when it was fully understood, so nothing
//! is ever lost.

use crate::domain::measure::*;
use crate::domain::plan::Extra;
use serde_json::{Map, Value};

fn sex(s: &str) -> Option<Sex> {
    match s {
        "K" | "k" | "kvinnor" | "Kvinnor" => Some(Sex::Kvinnor),
        "M" | "m" | "män" | "Män" => Some(Sex::Man),
        _ => None,
    }
}

/// `{"kon": "K", "alder": "40 år"}` → (Kvinnor, "alder: 40 år"); `None` if any part is not text.
fn group(v: &Value) -> Option<(Option<Sex>, Option<String>)> {
    let o = v.as_object()?;
    let mut sx = None;
    let mut rest = vec![];
    for (k, v) in o {
        let v = v.as_str()?;
        if k == "kon" {
            sx = Some(sex(v)?);
        } else {
            rest.push(format!("{k}: {v}"));
        }
    }
    Some((sx, (!rest.is_empty()).then(|| rest.join("; "))))
}

fn direction(s: &str) -> Option<Direction> {
    Some(match s {
        "oka" => Direction::Oka,
        "minska" => Direction::Minska,
        "forbattra" => Direction::Forbattra,
        "bibehalla" => Direction::Bibehalla,
        _ => return None,
    })
}

fn reference_kind(s: &str) -> Option<ReferenceKind> {
    Some(match s {
        "foregaende_ar" => ReferenceKind::ForegaendeAr,
        "samma_period_foregaende_ar" => ReferenceKind::SammaPeriodForegaendeAr,
        "angivet_ar" => ReferenceKind::AngivetAr,
        "ingangsvarde" => ReferenceKind::Ingangsvarde,
        "senaste_matning" => ReferenceKind::SenasteMatning,
        "ej_angiven" => ReferenceKind::EjAngiven,
        _ => return None,
    })
}

fn take_if<T>(extra: &mut Extra, key: &str, f: impl FnOnce(&Value) -> Option<T>) -> Option<T> {
    let v = f(extra.get(key)?)?;
    extra.remove(key);
    Some(v)
}

fn year(v: &Value) -> Option<Option<i32>> {
    match v {
        Value::Null => Some(None),
        v => v
            .as_i64()
            .filter(|y| (1900..=2200).contains(y))
            .map(|y| Some(y as i32)),
    }
}

/// Typed target fields from `extra`.
pub fn lift_target(t: &mut Target) {
    if let Some(d) = take_if(&mut t.extra, "direction", |v| {
        v.as_str().and_then(direction)
    }) {
        t.direction = Some(d);
    }
    if let Some(c) = take_if(&mut t.extra, "change", |v| {
        v.as_f64().filter(|x| x.is_finite())
    }) {
        t.change = Some(c);
    }
    if let Some(u) = take_if(&mut t.extra, "change_unit", |v| {
        v.as_str().map(str::to_string)
    }) {
        t.change_unit = Some(u);
    }
    if let Some(r) = take_if(&mut t.extra, "reference", |v| {
        let o = v.as_object()?;
        if o.keys().any(|k| k != "kind" && k != "year") {
            return None;
        }
        Some(Reference {
            kind: reference_kind(o.get("kind")?.as_str()?)?,
            year: year(o.get("year").unwrap_or(&Value::Null))?,
        })
    }) {
        t.reference = Some(r);
    }
    if let Some(g) = take_if(&mut t.extra, "by_group", |v| {
        v.as_array()?
            .iter()
            .map(|x| {
                let o = x.as_object()?;
                let (s, rest) = group(o.get("group")?)?;
                if rest.is_some() || o.len() != 2 {
                    return None;
                }
                Some(GroupTarget {
                    sex: s?,
                    value: o.get("value")?.as_f64().filter(|x| x.is_finite())?,
                })
            })
            .collect::<Option<Vec<_>>>()
    }) {
        t.groups = g;
    }
    if take_if(&mut t.extra, "horizon", |v| {
        (v.as_str()? == "helår").then_some(())
    })
    .is_some()
    {
        t.annual = true;
    }
}

/// Typed outcome fields (`group` → sex and subgroup) from `extra`.
pub fn lift_outcome(o: &mut Outcome) {
    if let Some((s, rest)) = take_if(&mut o.extra, "group", group) {
        o.sex = s;
        o.subgroup = rest;
    }
}

fn applicability(v: &Value) -> Option<Applicability> {
    let o = v.as_object()?;
    if o.keys().any(|k| k != "value" && k != "reason") {
        return None;
    }
    let kind = match o.get("value")?.as_str()? {
        "aktuell" => ApplicabilityKind::Aktuell,
        "senare_start" => ApplicabilityKind::SenareStart,
        "ej_matbar" => ApplicabilityKind::EjMatbar,
        "ej_relevant" => ApplicabilityKind::EjRelevant,
        "data_saknas" => ApplicabilityKind::DataSaknas,
        _ => return None,
    };
    let reason = match o.get("reason") {
        None | Some(Value::Null) => String::new(),
        Some(r) => r.as_str()?.to_string(),
    };
    Some(Applicability {
        kind,
        reason,
        starts_from: None,
    })
}

/// An outcome-shaped value from a seed object `{period, value, unit, group?, …}`.
pub fn outcome_from_value(v: &Value) -> Option<Outcome> {
    let mut o: Map<String, Value> = v.as_object()?.clone();
    let p = o.remove("period")?;
    let p = p.as_object()?;
    let s = |k: &str| p.get(k).and_then(Value::as_str).map(str::to_string);
    let n = |k: &str| p.get(k).and_then(Value::as_i64);
    if p.keys()
        .any(|k| !["label", "code", "year", "from_month", "to_month"].contains(&k.as_str()))
    {
        return None;
    }
    let period = PeriodRef {
        label: s("label").unwrap_or_default(),
        code: s("code"),
        year: n("year")
            .filter(|y| (1900..=2200).contains(y))
            .map(|y| y as i32),
        from_month: n("from_month")
            .filter(|m| (1..=12).contains(m))
            .map(|m| m as u8),
        to_month: n("to_month")
            .filter(|m| (1..=12).contains(m))
            .map(|m| m as u8),
    };
    let value = match o.remove("value") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_f64().filter(|x| x.is_finite())?),
    };
    let text = |o: &mut Map<String, Value>, k: &str| match o.remove(k) {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(s)) => Some(Some(s)),
        Some(_) => None,
    };
    let unit = text(&mut o, "unit")?;
    let raw = text(&mut o, "raw")?.unwrap_or_default();
    let origin = text(&mut o, "origin")?;
    let mut out = Outcome {
        period,
        value,
        unit,
        raw,
        origin,
        sex: None,
        subgroup: None,
        extra: o.into_iter().collect(),
    };
    lift_outcome(&mut out);
    Some(out)
}

/// Typed measure fields kept at node level (`baseline`, `applicability`, `follow_up.starts_from`) and in the
/// measure's targets and outcomes.
pub fn lift_measure(node_extra: &mut Extra, m: &mut Measure) {
    m.targets.iter_mut().for_each(lift_target);
    m.outcomes.iter_mut().for_each(lift_outcome);
    if m.targets
        .iter()
        .any(|t| t.annual && t.kind == TargetKind::Antal)
    {
        m.flow = true;
    }
    if let Some(b) = take_if(node_extra, "baseline", |v| {
        if v.is_null() {
            return Some(None);
        }
        let o = v.as_object()?;
        let values = match o.get("values") {
            None => vec![],
            Some(a) => a
                .as_array()?
                .iter()
                .map(outcome_from_value)
                .collect::<Option<Vec<_>>>()?,
        };
        let raw = match o.get("raw") {
            None | Some(Value::Null) => String::new(),
            Some(r) => r.as_str()?.to_string(),
        };
        Some(Some(Baseline {
            raw,
            values,
            extra: o
                .iter()
                .filter(|(k, _)| *k != "raw" && *k != "values")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }))
    }) {
        m.baseline = b;
    }
    if let Some(a) = take_if(node_extra, "applicability", applicability) {
        m.applicability = a;
    }
    if let Some(Value::Object(f)) = node_extra.get_mut("follow_up") {
        if let Some(y) = f.get("starts_from").and_then(Value::as_i64) {
            if (1900..=2200).contains(&y) {
                m.applicability.starts_from = Some(y as i32);
                f.remove("starts_from");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn extra(v: Value) -> Extra {
        v.as_object().unwrap().clone().into_iter().collect()
    }

    #[test]
    fn lifts_targets_outcomes_and_baseline() {
        let mut t = Target::new(TargetKind::Niva);
        t.extra = extra(json!({
            "by_group": [{"group": {"kon": "K"}, "value": 16}, {"group": {"kon": "M"}, "value": 17.2}],
            "interpreted": true,
            "reference": {"kind": "angivet_ar", "year": 2020},
            "direction": "minska"
        }));
        lift_target(&mut t);
        assert_eq!(t.group_value(Sex::Man), Some(17.2));
        assert_eq!(
            t.reference,
            Some(Reference {
                kind: ReferenceKind::AngivetAr,
                year: Some(2020)
            })
        );
        assert_eq!(t.direction, Some(Direction::Minska));
        // what was not understood stays
        assert_eq!(t.extra, extra(json!({"interpreted": true})));

        let mut m = Measure {
            outcomes: vec![outcome_from_value(&json!({
                "period": {"label": "DÅ04 2022", "code": "DÅ04", "year": 2022},
                "value": 43, "unit": "%", "raw": "K 43%", "origin": "tabell", "group": {"kon": "K"}
            }))
            .unwrap()],
            ..Default::default()
        };
        let mut ne = extra(json!({
            "baseline": {"raw": "Ingångsvärde 2019", "values": [
                {"period": {"label": "2019", "code": "ÅR", "year": 2019}, "value": 8520, "unit": "patienter",
                 "group": {"kon": "K"}},
                {"period": {"label": "2019"}, "value": 16, "group": {"alder": "40 år", "kon": "M"}}
            ]},
            "applicability": {"value": "senare_start", "reason": "Följs upp fr om 2023"},
            "follow_up": {"raw": "ÅR", "starts_from": 2023}
        }));
        lift_measure(&mut ne, &mut m);
        assert_eq!(m.outcomes[0].sex, Some(Sex::Kvinnor));
        let b = m.baseline.unwrap();
        assert_eq!(b.values[0].sex, Some(Sex::Kvinnor));
        assert_eq!(b.values[1].subgroup.as_deref(), Some("alder: 40 år"));
        assert_eq!(m.applicability.kind, ApplicabilityKind::SenareStart);
        assert_eq!(m.applicability.starts_from, Some(2023));
        assert_eq!(ne, extra(json!({"follow_up": {"raw": "ÅR"}})));
    }

    #[test]
    fn leaves_what_it_does_not_understand() {
        let mut t = Target::new(TargetKind::Riktning);
        t.extra = extra(json!({"direction": "uppåt", "reference": {"kind": "x"}}));
        let before = t.clone();
        lift_target(&mut t);
        assert_eq!(t, before);
    }
}
