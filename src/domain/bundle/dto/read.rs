//! Reading a bundle of any version from parsed JSON: field by field, exact paths, unknown fields rejected.
//! Version 1 files may not hold version-2 fields (a file claiming version 1 with them is not one we wrote).

use super::read_measure::read_measure;
use super::read_parts::{keys, keys_since, read_issuer, read_source, read_stated_counts};
use super::*;
use crate::domain::bundle::reader::{decimal, number, text, Obj};
use crate::domain::error::{ErrorKind, LocatedError};

type R<T> = Result<T, LocatedError>;

pub(in crate::domain::bundle) const PLAN_KINDS: &[(&str, PlanKind)] = &[
    ("verksamhetsplan", PlanKind::Verksamhetsplan),
    ("delarsrapport", PlanKind::Delarsrapport),
    ("handlingsplan", PlanKind::Handlingsplan),
];
pub(in crate::domain::bundle) const PLAN_STATUSES: &[(&str, PlanStatus)] = &[
    ("utkast", PlanStatus::Utkast),
    ("beslutad", PlanStatus::Beslutad),
];
const GOAL_LEVELS: &[(&str, GoalLevel)] = &[
    ("effektmal", GoalLevel::Effektmal),
    ("strategiskt_mal", GoalLevel::StrategisktMal),
    ("framgangsfaktor", GoalLevel::Framgangsfaktor),
    ("namndmal", GoalLevel::Namndmal),
    ("verksamhetsmal", GoalLevel::Verksamhetsmal),
    ("mal", GoalLevel::Mal),
];
const ROLLUP_METHODS: &[(&str, RollupMethod)] = &[
    ("viktad_andel", RollupMethod::ViktadAndel),
    ("samsta", RollupMethod::Samsta),
    ("majoritet", RollupMethod::Majoritet),
    ("endast_fordelning", RollupMethod::EndastFordelning),
];
const GROUP_RULES: &[(&str, GroupRule)] = &[
    ("total_forst", GroupRule::TotalForst),
    ("kombinera", GroupRule::Kombinera),
];
const WORK_STATUSES: &[(&str, WorkStatus)] = &[
    ("ej_paborjad", WorkStatus::EjPaborjad),
    ("pagar", WorkStatus::Pagar),
    ("genomford", WorkStatus::Genomford),
    ("avbruten", WorkStatus::Avbruten),
];
const GROUPINGS: &[(&str, Grouping)] = &[
    ("tidsperiod", Grouping::Tidsperiod),
    ("niva", Grouping::Niva),
];
const SCOPES: &[(&str, Scope)] = &[
    ("regionovergripande", Scope::Regionovergripande),
    ("namndspecifik", Scope::Namndspecifik),
];
const NODE_TYPES: &[&str] = &[
    "avsnitt",
    "kontext",
    "perspektiv",
    "strategi",
    "mal",
    "matt",
    "aktivitet",
    "uppdrag",
    "nyckeltal",
    "grupp",
    "ik_plan",
    "ik_krav",
    "ik_omrade",
    "ik_risk",
    "ik_atgard",
];

impl Bundle {
    /// The header's fields (format, version, exported_at, generator) of parsed JSON, with no field the version
    /// does not have; `plans` must be a list. (The caller has checked `format` and that `version` is one we read;
    /// the items are read one at a time by `read_one_plan` and the tariff readers, see `bundle::Import`.)
    pub fn read_header(v: &serde_json::Value) -> R<(String, u64, String, String)> {
        let o = Obj::new(v, String::new())?;
        let version = o.u64("version")?;
        let mut k = vec!["format", "version", "exported_at", "generator", "plans"];
        if version >= 3 {
            k.extend(["tariffs", "rule_sets"]);
        }
        o.only(&k)?;
        let header = (
            o.str("format")?,
            version,
            o.str("exported_at")?,
            o.str("generator")?,
        );
        o.list("plans", true, |_, _| Ok(()))?;
        Ok(header)
    }
}

fn read_time_period(o: &Obj) -> R<Option<TimePeriod>> {
    o.opt_obj("time_period")?
        .map(|t| {
            t.only(&["label", "start_year", "end_year"])?;
            Ok(TimePeriod {
                label: t.str("label")?,
                start_year: t.opt_i32("start_year")?,
                end_year: t.opt_i32("end_year")?,
            })
        })
        .transpose()
}

/// One plan of a bundle of version `ver`, at `path` (`plans[3]`).
pub fn read_one_plan(v: &serde_json::Value, path: String, ver: u64) -> R<Plan> {
    let o = Obj::new(v, path)?;
    let mut k = keys(
        ver,
        &[
            "id",
            "title",
            "organisation",
            "region",
            "kind",
            "status",
            "period",
            "level_names",
            "updated_at",
            "source",
            "nodes",
            "budget_tables",
            "extra",
        ],
        &["scorecard"],
    );
    k.extend(keys_since(ver, 5, &[], &["stated_counts"]));
    o.only(&k)?;
    let period = o.obj("period")?;
    period.only(&["from", "to"])?;
    Ok(Plan {
        id: o.str("id")?,
        title: o.str("title")?,
        organisation: o.str("organisation")?,
        region: o.str_or_empty("region")?,
        kind: o.choice("kind", PLAN_KINDS)?,
        status: o.choice("status", PLAN_STATUSES)?,
        period: Period {
            from: period.i32("from")?,
            to: period.i32("to")?,
        },
        level_names: o.map("level_names", text)?,
        updated_at: o.str("updated_at")?,
        source: read_source(&o)?,
        nodes: o.list("nodes", true, |v, p| read_node(v, p, ver))?,
        budget_tables: o.list("budget_tables", false, read_table)?,
        scorecard: if ver >= 2 {
            read_settings(&o.obj("scorecard")?)?
        } else {
            d::ScorecardSettings::default().into()
        },
        stated_counts: read_stated_counts(&o)?,
        extra: o.extra("extra")?,
    })
}

fn read_settings(o: &Obj) -> R<ScorecardSettings> {
    o.only(&[
        "method",
        "tolerance_pct",
        "prorate",
        "group_rule",
        "green_at",
        "yellow_at",
        "min_coverage",
        "weights",
    ])?;
    let num = |k: &str| o.opt_f64(k)?.ok_or_else(|| o.missing(k));
    Ok(ScorecardSettings {
        method: o.choice("method", ROLLUP_METHODS)?,
        tolerance_pct: num("tolerance_pct")?,
        prorate: o.bool("prorate")?,
        group_rule: o.choice("group_rule", GROUP_RULES)?,
        green_at: num("green_at")?,
        yellow_at: num("yellow_at")?,
        min_coverage: num("min_coverage")?,
        weights: if o.has("weights") {
            o.map("weights", number)?
        } else {
            BTreeMap::new()
        },
    })
}

fn read_node(v: &serde_json::Value, path: String, ver: u64) -> R<Node> {
    let o = Obj::new(v, path)?;
    o.only(&[
        "id", "parent", "order", "label", "text", "type", "source", "extra",
    ])?;
    Ok(Node {
        id: o.str("id")?,
        parent: o.opt_str("parent")?,
        order: o.u32("order")?,
        label: o.str("label")?,
        text: o.str("text")?,
        data: read_data(&o, ver)?,
        source: read_source(&o)?,
        extra: o.extra("extra")?,
    })
}

fn read_data(node: &Obj, ver: u64) -> R<NodeData> {
    let (name, o) = node.variant("type", NODE_TYPES)?;
    let d = match name {
        "avsnitt" => {
            o.only(&[])?;
            NodeData::Avsnitt {}
        }
        "kontext" => {
            o.only(&["kind"])?;
            NodeData::Kontext {
                kind: o.str("kind")?,
            }
        }
        "perspektiv" => {
            o.only(&["description"])?;
            NodeData::Perspektiv {
                description: o.str("description")?,
            }
        }
        "strategi" => {
            o.only(&["statements"])?;
            NodeData::Strategi {
                statements: o.list("statements", true, text)?,
            }
        }
        "mal" => {
            o.only(&["level", "number", "issuer"])?;
            NodeData::Mal {
                level: o.choice("level", GOAL_LEVELS)?,
                number: o.opt_u32("number")?,
                issuer: read_issuer(&o, "issuer")?,
            }
        }
        "matt" => NodeData::Matt(read_measure(&o, ver)?),
        "nyckeltal" => NodeData::Nyckeltal(read_measure(&o, ver)?),
        "aktivitet" => {
            if ver >= 4 {
                o.only(&[
                    "comment",
                    "time_period",
                    "links",
                    "start",
                    "end",
                    "followups",
                ])?;
            } else {
                o.only(&["status", "delayed", "comment", "time_period", "links"])?;
            }
            NodeData::Aktivitet(Activity {
                comment: o.str("comment")?,
                time_period: read_time_period(&o)?,
                links: o.list("links", true, |v, p| {
                    let l = Obj::new(v, p)?;
                    l.only(&["goal", "source", "former_id"])?;
                    Ok(GoalLink {
                        goal: l.str("goal")?,
                        source: read_source(&l)?,
                        former_id: l.opt_str("former_id")?,
                    })
                })?,
                start: read_when(&o, "start")?,
                end: read_when(&o, "end")?,
                followups: read_followups(&o, ver)?,
            })
        }
        "uppdrag" => {
            if ver >= 4 {
                o.only(&["issuer", "recipient", "report", "start", "end", "followups"])?;
            } else {
                o.only(&["issuer", "recipient", "status", "report"])?;
            }
            NodeData::Uppdrag(Commission {
                issuer: read_issuer(&o, "issuer")?,
                recipient: o.str("recipient")?,
                report: o.str("report")?,
                start: read_when(&o, "start")?,
                end: read_when(&o, "end")?,
                followups: read_followups(&o, ver)?,
            })
        }
        "grupp" => {
            o.only(&["grouping", "time_period"])?;
            NodeData::Grupp {
                grouping: o.choice("grouping", GROUPINGS)?,
                time_period: read_time_period(&o)?,
            }
        }
        "ik_plan" => {
            o.only(&keys_since(
                ver,
                4,
                &["description"],
                &["risk_scale", "isk"],
            ))?;
            NodeData::IkPlan(ControlPlan {
                description: o.str("description")?,
                risk_scale: o.opt_u8("risk_scale")?.unwrap_or(d::DEFAULT_RISK_SCALE),
                isk: o
                    .opt_obj("isk")?
                    .map(|i| {
                        i.only(&["sufficient", "motivation"])?;
                        Ok(IskJudgement {
                            sufficient: i.bool("sufficient")?,
                            motivation: i.str_or_empty("motivation")?,
                        })
                    })
                    .transpose()?,
            })
        }
        "ik_krav" => {
            o.only(&["code", "group"])?;
            NodeData::IkKrav {
                code: o.str("code")?,
                group: o.str("group")?,
            }
        }
        "ik_omrade" => {
            o.only(&[])?;
            NodeData::IkOmrade {}
        }
        "ik_risk" => {
            o.only(&keys_since(
                ver,
                4,
                &["scope"],
                &["likelihood", "consequence"],
            ))?;
            NodeData::IkRisk(Risk {
                scope: o.choice("scope", SCOPES)?,
                likelihood: o.opt_u8("likelihood")?,
                consequence: o.opt_u8("consequence")?,
            })
        }
        _ => {
            if ver >= 4 {
                o.only(&[
                    "scope",
                    "control",
                    "method",
                    "responsible",
                    "timing",
                    "followups",
                ])?;
            } else {
                o.only(&["scope", "status"])?;
            }
            NodeData::IkAtgard(ControlAction {
                scope: o.choice("scope", SCOPES)?,
                control: o.str_or_empty("control")?,
                method: o.str_or_empty("method")?,
                responsible: o.str_or_empty("responsible")?,
                timing: o.str_or_empty("timing")?,
                followups: read_followups(&o, ver)?,
            })
        }
    };
    Ok(d)
}

/// A start or an end: a year ("2024") or a date ("2024-03-31").
fn read_when(o: &Obj, key: &str) -> R<Option<d::When>> {
    o.opt_str(key)?
        .map(|s| {
            d::When::parse(&s).ok_or_else(|| {
                LocatedError::new(o.path_of(key), ErrorKind::BadWhen { value: s.clone() })
            })
        })
        .transpose()
}

/// The reports per period of an activity, uppdrag or åtgärd. Before version 4 an item had one `status` and a
/// `delayed` flag and no period: they are read as one report of [`LEGACY_PERIOD`], which `bundle::migrate_v3`
/// moves to the period the plan opens on before anything else sees it.
fn read_followups(o: &Obj, ver: u64) -> R<Vec<WorkReport>> {
    if ver < 4 {
        let status = o.opt_choice("status", WORK_STATUSES)?;
        let delayed = if o.has("delayed") {
            o.bool("delayed")?
        } else {
            false
        };
        return Ok((status.is_some() || delayed)
            .then(|| WorkReport {
                period: LEGACY_PERIOD,
                status,
                delayed,
                analysis: String::new(),
            })
            .into_iter()
            .collect());
    }
    let mut seen: Vec<crate::domain::period::Period> = vec![];
    o.list("followups", false, |v, p| {
        let r = Obj::new(v, p)?;
        r.only(&["period", "status", "delayed", "analysis"])?;
        let period = r.period_key("period")?;
        if seen.contains(&period) {
            return Err(LocatedError::new(
                r.path_of("period"),
                ErrorKind::DuplicatePeriod {
                    period: period.key(),
                },
            ));
        }
        seen.push(period);
        Ok(WorkReport {
            period,
            status: r.opt_choice("status", WORK_STATUSES)?,
            delayed: if r.has("delayed") {
                r.bool("delayed")?
            } else {
                false
            },
            analysis: r.str_or_empty("analysis")?,
        })
    })
}

/// Where a version 1–3 status waits until `bundle::migrate_v3` gives it the plan's period: year 0, which no
/// file can hold (years are 1900–2200).
pub(in crate::domain::bundle) const LEGACY_PERIOD: crate::domain::period::Period =
    crate::domain::period::Period {
        year: 0,
        code: crate::domain::period::PeriodCode::Ar,
    };

fn read_table(v: &serde_json::Value, path: String) -> R<BudgetTable> {
    let o = Obj::new(v, path)?;
    o.only(&[
        "id", "kind", "title", "unit", "columns", "rows", "source", "extra",
    ])?;
    Ok(BudgetTable {
        id: o.str("id")?,
        kind: o.str("kind")?,
        title: o.str("title")?,
        unit: o.str("unit")?,
        columns: o.list("columns", true, |v, p| {
            let c = Obj::new(v, p)?;
            c.only(&["id", "label", "scenario", "year"])?;
            Ok(BudgetColumn {
                id: c.str("id")?,
                label: c.str("label")?,
                scenario: c.str("scenario")?,
                year: c.i32("year")?,
            })
        })?,
        rows: o.list("rows", true, |v, p| {
            let r = Obj::new(v, p)?;
            r.only(&["id", "label", "row_type", "values", "source", "extra"])?;
            Ok(BudgetRow {
                id: r.str("id")?,
                label: r.str("label")?,
                row_type: r.str("row_type")?,
                values: r.map("values", decimal)?,
                source: read_source(&r)?,
                extra: r.extra("extra")?,
            })
        })?,
        source: read_source(&o)?,
        extra: o.extra("extra")?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::read_measure::*;
    use super::super::read_parts::{DECIDED, ISSUER_LEVELS};
    use super::*;

    /// The reading tables and serde's writing names must agree, or an export would not import.
    #[test]
    fn reading_tables_match_the_written_names() {
        fn check<T: Serialize + Copy>(table: &[(&str, T)]) {
            for (name, v) in table {
                assert_eq!(
                    serde_json::to_value(v).unwrap(),
                    serde_json::Value::from(*name)
                );
            }
        }
        check(PLAN_KINDS);
        check(PLAN_STATUSES);
        check(GOAL_LEVELS);
        check(ISSUER_LEVELS);
        check(POLARITIES);
        check(TARGET_KINDS);
        check(WORK_STATUSES);
        check(GROUPINGS);
        check(SCOPES);
        check(ROLLUP_METHODS);
        check(GROUP_RULES);
        check(APPLICABILITY);
        check(GRADES);
        check(DECIDED);
        check(OPERATORS);
        check(DIRECTIONS);
        check(REFERENCE_KINDS);
        check(SEXES);
        assert_eq!(
            (
                PLAN_KINDS.len(),
                GOAL_LEVELS.len(),
                TARGET_KINDS.len(),
                WORK_STATUSES.len()
            ),
            (3, 6, 11, 4)
        );
        // every node type is a variant name serde writes
        for name in NODE_TYPES {
            let data = read_data(
                &Obj::new(
                    &serde_json::json!({"type": {*name: minimal(name)}}),
                    String::new(),
                )
                .unwrap(),
                2,
            )
            .unwrap();
            let written = serde_json::to_value(&data).unwrap();
            assert!(written.get(*name).is_some(), "{name}: {written}");
        }
    }

    /// The domain's stable names (`key()`, used for option values, CSS classes and CSV) are the bundle's wire
    /// names, and every variant has one the bundle reads: a select's value is always a name a file would carry.
    #[test]
    fn domain_keys_are_the_wire_names() {
        macro_rules! check {
            ($table:expr, $t:ty) => {
                super::super::same_keys($table, <$t>::KEYS, <$t>::from, <$t>::key, <$t>::from_key)
            };
        }
        check!(PLAN_KINDS, d::PlanKind);
        check!(PLAN_STATUSES, d::PlanStatus);
        check!(GOAL_LEVELS, d::GoalLevel);
        check!(ISSUER_LEVELS, d::IssuerLevel);
        check!(POLARITIES, d::Polarity);
        check!(TARGET_KINDS, d::TargetKind);
        check!(WORK_STATUSES, d::WorkStatus);
        check!(GROUPINGS, d::Grouping);
        check!(SCOPES, d::Scope);
        check!(ROLLUP_METHODS, d::RollupMethod);
        check!(GROUP_RULES, d::GroupRule);
        check!(APPLICABILITY, d::ApplicabilityKind);
        check!(GRADES, d::Grade);
        check!(DECIDED, d::Decided);
        check!(OPERATORS, d::Operator);
        check!(DIRECTIONS, d::Direction);
        check!(REFERENCE_KINDS, d::ReferenceKind);
        check!(SEXES, d::Sex);
        // node types: the names the reader accepts are the kinds' keys
        let mut kinds: Vec<&str> = d::NodeKind::KEYS.to_vec();
        kinds.sort_unstable();
        let mut types = NODE_TYPES.to_vec();
        types.sort_unstable();
        assert_eq!(kinds, types);
    }

    fn minimal(name: &str) -> serde_json::Value {
        let m = serde_json::json!({"unit": "", "polarity": null, "issuer": null, "follow_up": [], "targets": [], "outcomes": []});
        match name {
            "kontext" => serde_json::json!({"kind": ""}),
            "perspektiv" | "ik_plan" => serde_json::json!({"description": ""}),
            "strategi" => serde_json::json!({"statements": []}),
            "mal" => serde_json::json!({"level": "mal"}),
            "matt" | "nyckeltal" => m,
            "aktivitet" => serde_json::json!({"delayed": false, "comment": "", "links": []}),
            "uppdrag" => serde_json::json!({"recipient": "", "report": ""}),
            "grupp" => serde_json::json!({"grouping": "niva"}),
            "ik_krav" => serde_json::json!({"code": "", "group": ""}),
            "ik_risk" | "ik_atgard" => serde_json::json!({"scope": "namndspecifik"}),
            _ => serde_json::json!({}),
        }
    }
}
