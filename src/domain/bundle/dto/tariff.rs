//! Version-3 DTOs for tariffs (with their volumes) and subsidy rule sets, and their reading.
//! Amounts are decimal strings ("1100", "12.5"), never floats; dates are ISO `YYYY-MM-DD`.

use crate::domain::bundle::reader::Obj;
use crate::domain::error::{ErrorKind, LocatedError};
use crate::domain::tariff::{self as d, subsidy as s};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

type R<T> = Result<T, LocatedError>;

#[derive(Debug, Serialize)]
pub struct Tariff {
    pub id: String,
    pub organisation: String,
    pub name: String,
    pub year: i32,
    pub valid_from: Option<String>,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normal_id: Option<String>,
    pub params: Params,
    pub updated_at: String,
    pub source: Option<String>,
    pub rows: Vec<Row>,
    pub volume_source: VolumeSource,
    pub volumes: Vec<Volume>,
}

#[derive(Debug, Serialize)]
pub struct Params {
    pub max_deviation_pct: Decimal,
    pub jour_surcharge_pct: Decimal,
    pub rounding_step: Decimal,
    pub rounding_up: bool,
    pub jour_keep: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub code: String,
    pub care_type: Option<&'static str>,
    pub group: String,
    pub kind: &'static str,
    pub text: String,
    pub price: Decimal,
    pub reference: Option<Decimal>,
    pub unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct VolumeSource {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Volume {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clinic: Option<String>,
    pub count: u64,
}

#[derive(Debug, Serialize)]
pub struct RuleSet {
    pub id: String,
    pub name: String,
    pub valid_from: String,
    pub source: String,
    pub free_through_age: u32,
    pub atb: Vec<AtbBand>,
    pub atb_other: Decimal,
    pub steps: Vec<Step>,
    pub period_months: u32,
    pub stb_per_half_year: Decimal,
    pub elderly: Option<Elderly>,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct AtbBand {
    pub from_age: u32,
    pub to_age: Option<u32>,
    pub amount: Decimal,
}

#[derive(Debug, Serialize)]
pub struct Step {
    pub above: Decimal,
    pub state_pct: Decimal,
}

#[derive(Debug, Serialize)]
pub struct Elderly {
    pub from_age: u32,
    pub state_pct: Decimal,
}

pub(in crate::domain::bundle) const KINDS: &[(&str, d::TariffKind)] = &[
    ("normal", d::TariffKind::Normal),
    ("jour", d::TariffKind::Jour),
];
const CARE: &[(&str, d::CareType)] = &[("A", d::CareType::A), ("S", d::CareType::S)];
const CODE_KINDS: &[(&str, d::CodeKind)] = &[
    ("extern", d::CodeKind::Extern),
    ("intern", d::CodeKind::Intern),
];
const UNITS: &[(&str, d::PriceUnit)] = &[
    ("per_atgard", d::PriceUnit::PerAction),
    ("per_minut", d::PriceUnit::PerMinute),
    ("per_styck", d::PriceUnit::PerItem),
];

fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], v: T) -> &'static str {
    table
        .iter()
        .find(|(_, t)| *t == v)
        .map(|(n, _)| *n)
        .expect("every value has a name")
}

impl From<&d::Tariff> for Tariff {
    fn from(t: &d::Tariff) -> Self {
        Tariff {
            id: t.id.clone(),
            organisation: t.organisation.clone(),
            name: t.name.clone(),
            year: t.year,
            valid_from: t.valid_from.map(|d| d.to_string()),
            kind: name_of(KINDS, t.kind),
            normal_id: t.normal_id.clone(),
            params: Params {
                max_deviation_pct: t.params.max_deviation_pct.normalize(),
                jour_surcharge_pct: t.params.jour_surcharge_pct.normalize(),
                rounding_step: t.params.rounding.step.normalize(),
                rounding_up: t.params.rounding.up,
                jour_keep: t.params.jour_keep.clone(),
            },
            updated_at: t.updated_at.clone(),
            source: t.source.clone(),
            rows: t
                .rows
                .iter()
                .map(|r| Row {
                    code: r.code.clone(),
                    care_type: r.care_type.map(|c| name_of(CARE, c)),
                    group: r.group.clone(),
                    kind: name_of(CODE_KINDS, r.kind),
                    text: r.text.clone(),
                    price: r.price.normalize(),
                    reference: r.reference.map(|x| x.normalize()),
                    unit: name_of(UNITS, r.unit),
                    source_line: r.source_line,
                })
                .collect(),
            volume_source: match &t.volume_source {
                d::VolumeSource::None => VolumeSource {
                    kind: "saknas",
                    per_row: None,
                    file: None,
                },
                d::VolumeSource::AssumedEqual { per_row } => VolumeSource {
                    kind: "antagande_lika",
                    per_row: Some(*per_row),
                    file: None,
                },
                d::VolumeSource::Imported { file } => VolumeSource {
                    kind: "importerad",
                    per_row: None,
                    file: Some(file.clone()),
                },
            },
            volumes: t
                .volumes
                .iter()
                .map(|v| Volume {
                    code: v.code.clone(),
                    text: v.text.clone(),
                    clinic: v.clinic.clone(),
                    count: v.count,
                })
                .collect(),
        }
    }
}

impl From<&s::RuleSet> for RuleSet {
    fn from(r: &s::RuleSet) -> Self {
        RuleSet {
            id: r.id.clone(),
            name: r.name.clone(),
            valid_from: r.valid_from.to_string(),
            source: r.source.clone(),
            free_through_age: r.free_through_age,
            atb: r
                .atb
                .iter()
                .map(|b| AtbBand {
                    from_age: b.from_age,
                    to_age: b.to_age,
                    amount: b.amount.normalize(),
                })
                .collect(),
            atb_other: r.atb_other.normalize(),
            steps: r
                .steps
                .iter()
                .map(|x| Step {
                    above: x.above.normalize(),
                    state_pct: x.state_pct.normalize(),
                })
                .collect(),
            period_months: r.period_months,
            stb_per_half_year: r.stb_per_half_year.normalize(),
            elderly: r.elderly.as_ref().map(|e| Elderly {
                from_age: e.from_age,
                state_pct: e.state_pct.normalize(),
            }),
            note: r.note.clone(),
        }
    }
}

fn date(o: &Obj, key: &str) -> R<Option<NaiveDate>> {
    o.opt_str(key)?
        .map(|s| {
            NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
                LocatedError::new(o.path_of(key), ErrorKind::BadTimestamp { value: s })
            })
        })
        .transpose()
}

fn u64_list_item(v: &serde_json::Value, p: String) -> R<String> {
    crate::domain::bundle::reader::text(v, p)
}

/// Read a tariff (version ≥ 3).
pub fn read_tariff(v: &serde_json::Value, path: String) -> R<d::Tariff> {
    let o = Obj::new(v, path)?;
    o.only(&[
        "id",
        "organisation",
        "name",
        "year",
        "valid_from",
        "kind",
        "normal_id",
        "params",
        "updated_at",
        "source",
        "rows",
        "volume_source",
        "volumes",
    ])?;
    let p = o.obj("params")?;
    p.only(&[
        "max_deviation_pct",
        "jour_surcharge_pct",
        "rounding_step",
        "rounding_up",
        "jour_keep",
    ])?;
    let vs = o.obj("volume_source")?;
    vs.only(&["kind", "per_row", "file"])?;
    let volume_source = match vs.str("kind")?.as_str() {
        "saknas" => d::VolumeSource::None,
        "antagande_lika" => d::VolumeSource::AssumedEqual {
            per_row: vs.u64("per_row")?,
        },
        "importerad" => d::VolumeSource::Imported {
            file: vs.str("file")?,
        },
        other => {
            return Err(LocatedError::new(
                vs.path_of("kind"),
                ErrorKind::UnknownValue {
                    detail: format!(
                        "okänt värde `{other}`, tillåtna värden är `saknas`, `antagande_lika`, `importerad`"
                    ),
                },
            ))
        }
    };
    Ok(d::Tariff {
        id: o.str("id")?,
        organisation: o.str("organisation")?,
        name: o.str("name")?,
        year: o.i32("year")?,
        valid_from: date(&o, "valid_from")?,
        kind: o.choice("kind", KINDS)?,
        normal_id: o.opt_str("normal_id")?,
        params: d::TariffParams {
            max_deviation_pct: p.dec("max_deviation_pct")?,
            jour_surcharge_pct: p.dec("jour_surcharge_pct")?,
            rounding: d::Rounding {
                step: p.dec("rounding_step")?,
                up: p.bool("rounding_up")?,
            },
            jour_keep: p.list("jour_keep", true, u64_list_item)?,
        },
        updated_at: o.str("updated_at")?,
        source: o.opt_str("source")?,
        rows: o.list("rows", true, |v, p| {
            let r = Obj::new(v, p)?;
            r.only(&[
                "code",
                "care_type",
                "group",
                "kind",
                "text",
                "price",
                "reference",
                "unit",
                "source_line",
            ])?;
            Ok(d::TariffRow {
                code: r.str("code")?,
                care_type: r.opt_choice("care_type", CARE)?,
                group: r.str("group")?,
                kind: r.choice("kind", CODE_KINDS)?,
                text: r.str("text")?,
                price: r.dec("price")?,
                reference: r.opt_dec("reference")?,
                unit: r.choice("unit", UNITS)?,
                source_line: r.opt_u32("source_line")?,
            })
        })?,
        volume_source,
        volumes: o.list("volumes", true, |v, p| {
            let r = Obj::new(v, p)?;
            r.only(&["code", "text", "clinic", "count"])?;
            Ok(d::VolumeRow {
                code: r.str("code")?,
                text: r.opt_str("text")?,
                clinic: r.opt_str("clinic")?,
                count: r.u64("count")?,
            })
        })?,
    })
}

/// Read a subsidy rule set (version ≥ 3).
pub fn read_rule_set(v: &serde_json::Value, path: String) -> R<s::RuleSet> {
    let o = Obj::new(v, path)?;
    o.only(&[
        "id",
        "name",
        "valid_from",
        "source",
        "free_through_age",
        "atb",
        "atb_other",
        "steps",
        "period_months",
        "stb_per_half_year",
        "elderly",
        "note",
    ])?;
    Ok(s::RuleSet {
        id: o.str("id")?,
        name: o.str("name")?,
        valid_from: date(&o, "valid_from")?.ok_or_else(|| o.missing("valid_from"))?,
        source: o.str("source")?,
        free_through_age: o.u32("free_through_age")?,
        atb: o.list("atb", true, |v, p| {
            let b = Obj::new(v, p)?;
            b.only(&["from_age", "to_age", "amount"])?;
            Ok(s::AtbBand {
                from_age: b.u32("from_age")?,
                to_age: b.opt_u32("to_age")?,
                amount: b.dec("amount")?,
            })
        })?,
        atb_other: o.dec("atb_other")?,
        steps: o.list("steps", true, |v, p| {
            let b = Obj::new(v, p)?;
            b.only(&["above", "state_pct"])?;
            Ok(s::Step {
                above: b.dec("above")?,
                state_pct: b.dec("state_pct")?,
            })
        })?,
        period_months: o.u32("period_months")?,
        stb_per_half_year: o.dec("stb_per_half_year")?,
        elderly: o
            .opt_obj("elderly")?
            .map(|e| {
                e.only(&["from_age", "state_pct"])?;
                Ok::<_, LocatedError>(s::Elderly {
                    from_age: e.u32("from_age")?,
                    state_pct: e.dec("state_pct")?,
                })
            })
            .transpose()?,
        note: o.str("note")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tariff model's stable names (`key()`, used for option values and filters) are the wire names.
    #[test]
    fn domain_keys_are_the_wire_names() {
        macro_rules! check {
            ($table:expr, $t:ty) => {
                super::super::same_keys($table, <$t>::KEYS, |v| v, <$t>::key, <$t>::from_key)
            };
        }
        check!(KINDS, d::TariffKind);
        check!(CARE, d::CareType);
        check!(CODE_KINDS, d::CodeKind);
        check!(UNITS, d::PriceUnit);
    }
}
