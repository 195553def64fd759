//! Demo scorecards from Region Jönköpings län's mätetal (`jonkoping-measures-2024.csv`, 243 rows from the
//! Delårsrapport 2 2024 reports and the committee's Verksamhetsplan 2025): one plan per section, perspektiv →
//! framgångsfaktor → uppdrag/mål → mätetal. Targets and results are read where the text is unambiguous; the
//! raw text is kept on every one, and the rest is left for manual entry.

use super::extract::{SeedError, DEMO_UPDATED_AT};
use crate::domain::period::{FollowUp, Period, PeriodCode};
use crate::domain::plan::*;
use crate::domain::scorecard::parse::{parse_target, parse_value};
use serde_json::Value;
use std::collections::BTreeMap;

/// The report the sections come from (Region Jönköpings län, Delårsrapporter 2024).
const SOURCE_FILE: &str = "002_dafa2fe6fd2ca6d7.txt";

#[derive(Debug, serde::Deserialize)]
struct Row {
    source_section: String,
    perspective: String,
    success_factor: String,
    mission: String,
    measure: String,
    target_raw: String,
    result_raw: String,
    line: String,
    strategic_goal: String,
    decided_by: String,
    periodicity: String,
    value_line: String,
    note: String,
}

/// Measures whose text says lower is better. A stated operator ("<", "Max") decides on its own; this is the
/// assumption for the rest, recorded on the measure.
const LOWER_IS_BETTER: [&str; 8] = [
    "sjukfrånvaro",
    "personalomsättning",
    "övertid",
    "överbeläggning",
    "utlokaliserade",
    "återinläggning",
    "bemanningsföretag",
    "hyrkostnad",
];

fn section_id(section: &str) -> String {
    let s = section.to_lowercase();
    let org = if s.starts_with("folktandvården") {
        "ftv"
    } else if s.starts_with("kirurgisk") {
        "kir"
    } else if s.starts_with("medicinsk") {
        "med"
    } else if s.starts_with("psykiatri") {
        "pri"
    } else if s.starts_with("vårdcentralerna") {
        "vc"
    } else {
        "fs"
    };
    if s.contains("verksamhetsplan 2025") {
        format!("jkp25-{org}-vp")
    } else {
        format!("jkp24-{org}")
    }
}

fn issuer(decided_by: &str) -> Option<Issuer> {
    let level = match decided_by {
        "RF symbol" => IssuerLevel::Regionfullmaktige,
        "Nämnd" => IssuerLevel::Namnd,
        "VO" => IssuerLevel::Verksamhet,
        _ => return None,
    };
    Some(Issuer {
        level,
        name: decided_by.to_string(),
    })
}

fn node(
    id: String,
    parent: Option<String>,
    order: u32,
    label: &str,
    text: &str,
    data: NodeData,
) -> Node {
    Node {
        id,
        parent,
        order,
        label: label.to_string(),
        text: text.to_string(),
        data,
        source: None,
        extra: Extra::new(),
    }
}

/// How many targets and results were read into numbers (for the note and the tests).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ParseCounts {
    pub rows: usize,
    pub targets_typed: usize,
    pub targets_empty: usize,
    pub results_typed: usize,
    pub results_present: usize,
}

/// Convert the CSV into one plan per section, in the order the sections first appear.
pub fn convert(csv_text: &str) -> Result<(Vec<Plan>, ParseCounts), SeedError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut plans: Vec<Plan> = vec![];
    let mut counts = ParseCounts::default();
    // per plan: the id of a perspective / factor / mission by its text, and how many children each parent has
    let mut ids: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut orders: BTreeMap<(String, Option<String>), u32> = BTreeMap::new();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let row = row.map_err(|e| SeedError {
            path: format!("rad {}", i + 2),
            what: e.to_string(),
        })?;
        counts.rows += 1;
        let pid = section_id(&row.source_section);
        if !plans.iter().any(|p| p.id == pid) {
            let (org, title) = row
                .source_section
                .split_once(", ")
                .unwrap_or((&row.source_section, ""));
            let vp = title.starts_with("Verksamhetsplan");
            let title = title.to_string();
            let year = if vp { 2025 } else { 2024 };
            let title = match title.strip_prefix("Delårsrapport 2") {
                Some(rest) => format!("Delårsrapport 2 2024{rest} – mätetal"),
                None => format!("{title} – mätetal"),
            };
            let mut p = Plan::new(
                pid.clone(),
                title,
                org.to_string(),
                year,
                DEMO_UPDATED_AT.to_string(),
            );
            p.region = "Region Jönköpings län".into();
            p.kind = if vp {
                PlanKind::Verksamhetsplan
            } else {
                PlanKind::Delarsrapport
            };
            p.status = PlanStatus::Beslutad;
            p.stated_counts = super::jonkoping_stated::counts_for(&pid);
            for (k, v) in [
                ("perspektiv", "Perspektiv"),
                ("framgangsfaktor", "Framgångsfaktor"),
                ("mal", "Uppdrag"),
                ("matt", "Mätetal"),
            ] {
                p.level_names.insert(k.into(), v.into());
            }
            p.extra.insert(
                "source".into(),
                Value::String(format!(
                    "jonkoping-measures-2024.csv, {}",
                    row.source_section
                )),
            );
            plans.push(p);
        }
        let plan = plans.iter_mut().find(|p| p.id == pid).expect("just added");
        let mut next_order = |parent: &Option<String>| {
            let o = orders.entry((pid.clone(), parent.clone())).or_insert(0);
            *o += 1;
            *o
        };
        // perspektiv → framgångsfaktor → uppdrag, each created once per text
        let mut parent: Option<String> = None;
        let levels: [(&str, &str, &str); 3] = [
            ("per", "Perspektiv", row.perspective.as_str()),
            ("ff", "Framgångsfaktor", row.success_factor.as_str()),
            ("upp", "Uppdrag", row.mission.as_str()),
        ];
        for (key, label, text) in levels {
            let text = if key == "per" && text.is_empty() {
                "Utan perspektiv"
            } else {
                text
            };
            if text.is_empty() {
                continue;
            }
            let k = (
                pid.clone(),
                format!("{key}|{}|{text}", parent.clone().unwrap_or_default()),
            );
            let id = match ids.get(&k) {
                Some(id) => id.clone(),
                None => {
                    let id = format!("{pid}.{key}{}", ids.len() + 1);
                    let data = match key {
                        "per" => NodeData::Perspektiv {
                            description: String::new(),
                        },
                        "ff" => NodeData::Mal(Goal {
                            level: GoalLevel::Framgangsfaktor,
                            ..Default::default()
                        }),
                        _ => NodeData::Mal(Goal::default()),
                    };
                    let order = next_order(&parent);
                    plan.nodes
                        .push(node(id.clone(), parent.clone(), order, label, text, data));
                    ids.insert(k, id.clone());
                    id
                }
            };
            parent = Some(id);
        }
        // the measure
        let target = parse_target(&row.target_raw);
        if target.kind == TargetKind::Saknas {
            counts.targets_empty += 1;
        } else if target.value.is_some() || target.change.is_some() {
            counts.targets_typed += 1;
        }
        let vp = plan.kind == PlanKind::Verksamhetsplan;
        let mut outcomes = vec![];
        let result = row.result_raw.trim();
        if !result.is_empty() {
            counts.results_present += 1;
            // Delårsrapport 2 reports January–August
            let period = Period::new(2024, PeriodCode::Da08).to_ref();
            let (value, unit) = match parse_value(result) {
                Some((v, u)) => {
                    counts.results_typed += 1;
                    (Some(v), u)
                }
                None => (None, None),
            };
            outcomes.push(Outcome {
                period,
                value,
                unit,
                raw: row.result_raw.clone(),
                origin: Some("tabell".into()),
                sex: None,
                subgroup: None,
                extra: Extra::new(),
            });
        }
        let lowered = row.measure.to_lowercase();
        let lower = LOWER_IS_BETTER.iter().any(|w| lowered.contains(w));
        let follow_up = match row.periodicity.as_str() {
            "Månad" => vec![FollowUp::Monthly],
            "Tertial" => vec![FollowUp::Tertial],
            "År" => vec![FollowUp::Code(PeriodCode::Ar)],
            _ if vp => vec![],
            _ => vec![FollowUp::Code(PeriodCode::Da08)],
        };
        let unit = target
            .unit
            .clone()
            .or_else(|| outcomes.iter().find_map(|o| o.unit.clone()))
            .unwrap_or_default();
        let line = row.line.parse::<u32>().ok();
        let m = Measure {
            unit,
            polarity: lower.then_some(Polarity::LowerIsBetter),
            issuer: issuer(&row.decided_by),
            follow_up,
            targets: vec![target],
            outcomes,
            stated: line
                .and_then(|l| super::jonkoping_stated::grade_for(&pid, l))
                .into_iter()
                .collect(),
            ..Default::default()
        };
        let order = next_order(&parent);
        let mut n = node(
            format!("{pid}.m{}", i + 1),
            parent,
            order,
            "Mätetal",
            &row.measure,
            NodeData::Matt(m),
        );
        n.source = line.map(|line| SourceRef {
            file: SOURCE_FILE.into(),
            line,
            line_end: row.value_line.parse::<u32>().ok().filter(|&l| l != line),
        });
        for (k, v) in [
            ("strategic_goal", &row.strategic_goal),
            ("note", &row.note),
            ("decided_by", &row.decided_by),
            ("periodicity", &row.periodicity),
        ] {
            if !v.is_empty() {
                n.extra.insert(k.into(), Value::String(v.clone()));
            }
        }
        if lower {
            n.extra.insert(
                "polarity_basis".into(),
                Value::String("antagen från måttets namn: lägre är bättre".into()),
            );
        }
        plan.nodes.push(n);
    }
    Ok((plans, counts))
}
