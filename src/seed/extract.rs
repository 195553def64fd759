//! Conversion of the checked seed extracts (`seed-plan-extract/1.0`, copied into `tests/fixtures/seed/`)
//! into plans. This is how the shipped demo bundles in `public/demo/` are made; a test regenerates them and
//! compares bytes. Nothing of the source is dropped: fields without a typed home go to `extra` verbatim, and
//! activities that the document repeats under several goals are stored once and linked (`links`).

use crate::domain::period::FollowUp;
use crate::domain::plan::*;
use crate::domain::scorecard::lift::lift_measure;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::str::FromStr;

/// `updated_at` of every demo plan (the demo content is fixed, so its bundles are byte-stable).
pub const DEMO_UPDATED_AT: &str = "2025-01-01T00:00:00.000Z";

/// Why a seed could not be converted.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {what}")]
pub struct SeedError {
    pub path: String,
    pub what: String,
}

fn err(path: impl Into<String>, what: impl Into<String>) -> SeedError {
    SeedError {
        path: path.into(),
        what: what.into(),
    }
}

type Obj = Map<String, Value>;

fn take_str(o: &mut Obj, k: &str) -> Option<String> {
    match o.remove(k) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Null) | None => None,
        Some(other) => {
            o.insert(k.to_string(), other);
            None
        }
    }
}

fn take_i64(o: &mut Obj, k: &str) -> Option<i64> {
    let v = o.get(k)?.as_i64()?;
    o.remove(k);
    Some(v)
}

fn take_f64(o: &mut Obj, k: &str) -> Option<f64> {
    let v = o.get(k)?.as_f64()?;
    o.remove(k);
    Some(v)
}

fn rest(o: Obj) -> Extra {
    o.into_iter().collect()
}

fn source(v: Option<&Value>) -> Option<SourceRef> {
    let o = v?.as_object()?;
    Some(SourceRef {
        file: o.get("file")?.as_str()?.to_string(),
        line: o.get("line")?.as_u64()? as u32,
        line_end: o.get("line_end").and_then(Value::as_u64).map(|x| x as u32),
    })
}

fn take_source(o: &mut Obj) -> Option<SourceRef> {
    let s = source(o.get("source"))?;
    o.remove("source");
    Some(s)
}

fn issuer(name: &str) -> Issuer {
    let lower = name.to_lowercase();
    let level = if lower.contains("fullmäktige") {
        IssuerLevel::Regionfullmaktige
    } else if lower.contains("nämnd") || lower.contains("regionstyrelse") {
        IssuerLevel::Namnd
    } else {
        IssuerLevel::Verksamhet
    };
    Issuer {
        level,
        name: name.to_string(),
    }
}

fn target_kind(s: &str) -> Option<TargetKind> {
    Some(match s {
        "niva" => TargetKind::Niva,
        "antal" => TargetKind::Antal,
        "riktning" => TargetKind::Riktning,
        "forandring" => TargetKind::Forandring,
        "intervall" => TargetKind::Intervall,
        "bibehalla" => TargetKind::Bibehalla,
        "tillstand" => TargetKind::Tillstand,
        "kvalitativ" => TargetKind::Kvalitativ,
        "efter_behov" => TargetKind::EfterBehov,
        "saknas" => TargetKind::Saknas,
        "oklar" => TargetKind::Oklar,
        _ => return None,
    })
}

fn time_period(v: Option<&Value>) -> Option<TimePeriod> {
    let o = v?.as_object()?;
    Some(TimePeriod {
        label: o.get("label")?.as_str()?.to_string(),
        start_year: o
            .get("start_year")
            .and_then(Value::as_i64)
            .map(|y| y as i32),
        end_year: o.get("end_year").and_then(Value::as_i64).map(|y| y as i32),
    })
}

/// "Effektmål 3" → "Effektmål": the level name without the item's number.
fn level_label(label: &str) -> String {
    label
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.')
        .to_string()
}

fn measure(o: &mut Obj, path: &str) -> Result<Measure, SeedError> {
    let mut targets = vec![];
    for (i, t) in o
        .remove("targets")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let mut t = t
            .as_object()
            .cloned()
            .ok_or_else(|| err(format!("{path}.targets[{i}]"), "not an object"))?;
        let kind_s = take_str(&mut t, "kind").unwrap_or_default();
        let kind =
            target_kind(&kind_s).ok_or_else(|| err(format!("{path}.targets[{i}].kind"), kind_s))?;
        targets.push(Target {
            kind,
            raw: take_str(&mut t, "raw").unwrap_or_default(),
            operator: take_str(&mut t, "operator")
                .map(|o| {
                    Operator::from_symbol(&o)
                        .ok_or_else(|| err(format!("{path}.targets[{i}].operator"), o))
                })
                .transpose()?,
            value: take_f64(&mut t, "value"),
            value_high: take_f64(&mut t, "value_high"),
            unit: take_str(&mut t, "unit"),
            extra: rest(t),
            // direction, reference, per-sex values … are lifted from `extra` by `lift_measure`
            ..Target::new(kind)
        });
    }
    let mut outcomes = vec![];
    for (i, x) in o
        .remove("outcomes")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let mut x = x
            .as_object()
            .cloned()
            .ok_or_else(|| err(format!("{path}.outcomes[{i}]"), "not an object"))?;
        let mut p = x
            .remove("period")
            .and_then(|p| p.as_object().cloned())
            .unwrap_or_default();
        let period = PeriodRef {
            label: take_str(&mut p, "label").unwrap_or_default(),
            code: take_str(&mut p, "code"),
            year: take_i64(&mut p, "year").map(|y| y as i32),
            from_month: take_i64(&mut p, "from_month").map(|m| m as u8),
            to_month: take_i64(&mut p, "to_month").map(|m| m as u8),
        };
        if !p.is_empty() {
            return Err(err(
                format!("{path}.outcomes[{i}].period"),
                "unexpected period fields",
            ));
        }
        let value = match x.remove("value") {
            Some(Value::Null) | None => None,
            Some(v) => Some(
                v.as_f64()
                    .ok_or_else(|| err(format!("{path}.outcomes[{i}].value"), "not a number"))?,
            ),
        };
        outcomes.push(Outcome {
            period,
            value,
            unit: take_str(&mut x, "unit"),
            raw: take_str(&mut x, "raw").unwrap_or_default(),
            origin: take_str(&mut x, "origin"),
            sex: None,
            subgroup: None,
            extra: rest(x),
        });
    }
    let polarity = match o.get("polarity").and_then(Value::as_str) {
        Some("hogre_battre") => Some(Polarity::HigherIsBetter),
        Some("lagre_battre") => Some(Polarity::LowerIsBetter),
        _ => None,
    };
    if polarity.is_some() {
        o.remove("polarity");
    }
    let unit = targets
        .iter()
        .find_map(|t| t.unit.clone())
        .or_else(|| outcomes.iter().find_map(|x| x.unit.clone()))
        .unwrap_or_default();
    // follow_up keeps its raw text and notes in `extra`; the typed list is the period codes
    let follow_up = o
        .get("follow_up")
        .and_then(|f| f.get("periods"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|p| p.as_str().map(FollowUp::parse))
                .collect()
        })
        .unwrap_or_default();
    Ok(Measure {
        unit,
        polarity,
        issuer: take_str(o, "issuer").map(|s| issuer(&s)),
        follow_up,
        targets,
        outcomes,
        ..Default::default()
    })
}

/// Convert one seed extract into a plan.
pub fn convert_seed(seed: &Value) -> Result<Plan, SeedError> {
    let root = seed.as_object().ok_or_else(|| err("", "not an object"))?;
    let doc = root
        .get("document")
        .and_then(Value::as_object)
        .ok_or_else(|| err("document", "missing"))?;
    let s = |k: &str| {
        doc.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let kind = match s("kind").as_str() {
        "verksamhetsplan" => PlanKind::Verksamhetsplan,
        "handlingsplan" => PlanKind::Handlingsplan,
        k if k.starts_with("delarsrapport") => PlanKind::Delarsrapport,
        k => return Err(err("document.kind", k)),
    };
    let period = doc
        .get("period")
        .ok_or_else(|| err("document.period", "missing"))?;
    let year = |k: &str| period.get(k).and_then(Value::as_i64).map(|y| y as i32);
    let (from, to) = (
        year("start_year").ok_or_else(|| err("document.period", "no start_year"))?,
        year("end_year"),
    );
    let mut extra = Extra::new();
    extra.insert("document".into(), Value::Object(doc.clone()));
    for (k, v) in root {
        if !matches!(k.as_str(), "document" | "nodes" | "tables") {
            extra.insert(k.clone(), v.clone());
        }
    }
    let id = s("id");
    let mut plan = Plan {
        id: id.clone(),
        title: s("title"),
        organisation: s("organisation"),
        region: s("region"),
        kind,
        status: PlanStatus::Beslutad,
        period: YearPeriod {
            from,
            to: to.unwrap_or(from),
        },
        level_names: BTreeMap::new(),
        nodes: vec![],
        budget_tables: vec![],
        scorecard: Default::default(),
        source: source(doc.get("source")),
        updated_at: DEMO_UPDATED_AT.to_string(),
        stated_counts: vec![],
        extra,
    };

    let raw_nodes = root
        .get("nodes")
        .and_then(Value::as_array)
        .ok_or_else(|| err("nodes", "missing"))?;
    let mut duplicates: Vec<(String, Obj)> = vec![];
    let mut labels_by_level: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, rn) in raw_nodes.iter().enumerate() {
        let path = format!("nodes[{i}]");
        let mut o = rn
            .as_object()
            .cloned()
            .ok_or_else(|| err(&path, "not an object"))?;
        let ty = take_str(&mut o, "type").ok_or_else(|| err(&path, "no type"))?;
        if let Some(of) = o.get("duplicate_of").and_then(Value::as_str) {
            duplicates.push((of.to_string(), o));
            continue;
        }
        let id = take_str(&mut o, "id").ok_or_else(|| err(&path, "no id"))?;
        let parent = take_str(&mut o, "parent");
        let order = take_i64(&mut o, "order").ok_or_else(|| err(&path, "no order"))? as u32;
        let label = take_str(&mut o, "label").unwrap_or_default();
        let text = take_str(&mut o, "text").unwrap_or_default();
        let src = take_source(&mut o);
        let goal = |o: &mut Obj, level: GoalLevel| {
            NodeData::Mal(Goal {
                level,
                number: take_i64(o, "number").map(|n| n as u32),
                issuer: take_str(o, "issuer").map(|s| issuer(&s)),
            })
        };
        let data = match ty.as_str() {
            "avsnitt" => NodeData::Avsnitt,
            "kontext" => NodeData::Kontext {
                kind: take_str(&mut o, "kind").unwrap_or_default(),
            },
            "perspektiv" => NodeData::Perspektiv {
                description: take_str(&mut o, "description").unwrap_or_default(),
            },
            "strategi" => NodeData::Strategi {
                // statement sources stay in extra with the whole list
                statements: o
                    .get("statements")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|s| s.get("text")?.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
            },
            "effektmal" => goal(&mut o, GoalLevel::Effektmal),
            "strategiskt_mal" => goal(&mut o, GoalLevel::StrategisktMal),
            "framgangsfaktor" => goal(&mut o, GoalLevel::Framgangsfaktor),
            "mal" => goal(&mut o, GoalLevel::Mal),
            "matt" => NodeData::Matt(measure(&mut o, &path)?),
            "nyckeltal" => NodeData::Nyckeltal(measure(&mut o, &path)?),
            "aktivitet" => {
                let tp = time_period(o.get("time_period"));
                NodeData::Aktivitet(Activity {
                    comment: o
                        .get("comment")
                        .and_then(|c| c.get("text"))
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    time_period: tp,
                    ..Default::default()
                })
            }
            "uppdrag" => NodeData::Uppdrag(Commission {
                issuer: take_str(&mut o, "issuer").map(|s| issuer(&s)),
                recipient: take_str(&mut o, "recipient").unwrap_or_default(),
                ..Default::default()
            }),
            "grupp" => NodeData::Grupp {
                grouping: match take_str(&mut o, "grouping").as_deref() {
                    Some("niva") => Grouping::Niva,
                    _ => Grouping::Tidsperiod,
                },
                time_period: time_period(o.get("time_period")),
            },
            "ik_plan" => NodeData::IkPlan(ControlPlan {
                description: take_str(&mut o, "description").unwrap_or_default(),
                ..Default::default()
            }),
            "ik_krav" => NodeData::IkKrav {
                code: take_str(&mut o, "code").unwrap_or_default(),
                group: take_str(&mut o, "group").unwrap_or_default(),
            },
            "ik_omrade" => NodeData::IkOmrade,
            "ik_risk" | "ik_atgard" => {
                let scope = match take_str(&mut o, "scope")
                    .as_deref()
                    .map(str::to_lowercase)
                    .as_deref()
                {
                    Some("regionövergripande") => Scope::Regionovergripande,
                    Some("namndspecifik") | Some("nämndspecifik") => Scope::Namndspecifik,
                    other => return Err(err(format!("{path}.scope"), format!("{other:?}"))),
                };
                if ty == "ik_risk" {
                    NodeData::IkRisk(Risk {
                        scope,
                        likelihood: None,
                        consequence: None,
                    })
                } else {
                    NodeData::IkAtgard(ControlAction::new(scope))
                }
            }
            other => return Err(err(format!("{path}.type"), other)),
        };
        // a null status carries no information; anything else is kept
        if o.get("status").is_some_and(Value::is_null) {
            o.remove("status");
        }
        let level_key = match &data {
            NodeData::Mal(g) => g.level.key(),
            d => d.kind().key(),
        };
        labels_by_level
            .entry(level_key.to_string())
            .or_default()
            .push(level_label(&label));
        let mut node = Node {
            id,
            parent,
            order,
            label,
            text,
            data,
            source: src,
            extra: rest(o),
        };
        if let NodeData::Matt(m) | NodeData::Nyckeltal(m) = &mut node.data {
            lift_measure(&mut node.extra, m);
        }
        plan.nodes.push(node);
    }

    // a level gets the document's own name when (nearly) every item of it carries that name
    for (key, labels) in labels_by_level {
        let mut freq: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &labels {
            *freq.entry(l.as_str()).or_insert(0) += 1;
        }
        if let Some((name, n)) = freq.into_iter().max_by_key(|(_, n)| *n) {
            if n * 10 >= labels.len() * 8 && !name.is_empty() {
                plan.level_names.insert(key, name.to_string());
            }
        }
    }

    // a repeated activity becomes a link from the original to the repetition's goal
    for (of, dup) in duplicates {
        let goal = dup
            .get("parent")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let former_id = dup.get("id").and_then(Value::as_str).map(str::to_string);
        let src = source(dup.get("source"));
        let original = plan
            .nodes
            .iter_mut()
            .find(|n| n.id == of)
            .ok_or_else(|| err(format!("duplicate_of {of}"), "original not found"))?;
        let NodeData::Aktivitet(a) = &mut original.data else {
            return Err(err(
                format!("duplicate_of {of}"),
                "original is not an activity",
            ));
        };
        a.links.push(GoalLink {
            goal,
            source: src,
            former_id,
        });
        let list = original
            .extra
            .entry("repetitions".into())
            .or_insert_with(|| Value::Array(vec![]));
        if let Value::Array(v) = list {
            v.push(Value::Object(dup));
        }
    }

    // repetitions removed above leave gaps in the sibling order
    crate::domain::edit::renumber_all(&mut plan);

    for (t, table) in root
        .get("tables")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let path = format!("tables[{t}]");
        let mut o = table
            .as_object()
            .cloned()
            .ok_or_else(|| err(&path, "not an object"))?;
        let columns_raw = o
            .remove("columns")
            .and_then(|c| c.as_array().cloned())
            .unwrap_or_default();
        let mut columns = vec![];
        let mut column_extra = vec![];
        for c in &columns_raw {
            let mut c = c.as_object().cloned().unwrap_or_default();
            columns.push(BudgetColumn {
                id: take_str(&mut c, "id").unwrap_or_default(),
                label: take_str(&mut c, "label").unwrap_or_default(),
                scenario: take_str(&mut c, "scenario").unwrap_or_default(),
                year: take_i64(&mut c, "year").ok_or_else(|| err(&path, "column without year"))?
                    as i32,
            });
            column_extra.push(Value::Object(c));
        }
        let mut rows = vec![];
        for (r, row) in o
            .remove("rows")
            .and_then(|c| c.as_array().cloned())
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            let mut row = row
                .as_object()
                .cloned()
                .ok_or_else(|| err(format!("{path}.rows[{r}]"), "not an object"))?;
            let mut values = BTreeMap::new();
            for (k, v) in row
                .remove("values")
                .and_then(|v| v.as_object().cloned())
                .unwrap_or_default()
            {
                let amount = match v {
                    Value::Null => None,
                    Value::Number(n) => Some(
                        Decimal::from_str(&n.to_string())
                            .or_else(|_| Decimal::from_scientific(&n.to_string()))
                            .map_err(|e| {
                                err(format!("{path}.rows[{r}].values.{k}"), e.to_string())
                            })?,
                    ),
                    other => {
                        return Err(err(
                            format!("{path}.rows[{r}].values.{k}"),
                            other.to_string(),
                        ))
                    }
                };
                values.insert(k, amount);
            }
            rows.push(BudgetRow {
                id: take_str(&mut row, "id").unwrap_or_default(),
                label: take_str(&mut row, "label").unwrap_or_default(),
                row_type: take_str(&mut row, "row_type").unwrap_or_default(),
                values,
                source: take_source(&mut row),
                extra: rest(row),
            });
        }
        let mut extra = Extra::new();
        if column_extra
            .iter()
            .any(|c| c.as_object().is_some_and(|o| !o.is_empty()))
        {
            extra.insert("column_extra".into(), Value::Array(column_extra));
        }
        plan.budget_tables.push(BudgetTable {
            id: take_str(&mut o, "id").unwrap_or_default(),
            kind: take_str(&mut o, "kind").unwrap_or_default(),
            title: take_str(&mut o, "title").unwrap_or_default(),
            unit: take_str(&mut o, "unit").unwrap_or_default(),
            columns,
            rows,
            source: take_source(&mut o),
            extra: {
                extra.extend(rest(o));
                extra
            },
        });
    }
    Ok(plan)
}
