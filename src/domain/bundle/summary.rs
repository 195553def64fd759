//! What lists show of a bundle (the start page's plans, the tariff list), read without the full validated read.
//!
//! Storage keeps each plan and tariff as a one-item bundle. Listing them used to read every record through
//! [`super::import`]: every node mapped and validated just to show a title. [`summaries`] reads only the header
//! fields and counts the rest, so the start page needs none of the reader, the validation or the DTO mapping
//! (and, in the split release build, none of their code). Opening a plan or tariff still goes through
//! [`super::import`], which is where a damaged record is reported in full.
//!
//! The listed fields have the same shape in every bundle version (1 to [`super::CURRENT_VERSION`]).

use super::dto::read::{PLAN_KINDS, PLAN_STATUSES};
use super::dto::tariff::KINDS as TARIFF_KINDS;
use super::{json_error, readable_version, FORMAT};
use crate::domain::error::{ErrorKind, LocatedError};
use crate::domain::plan::{Plan, PlanKind, PlanStatus, YearPeriod};
use crate::domain::tariff::{Tariff, TariffKind, VolumeSource};
use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;

/// What the start page shows of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub region: String,
    pub kind: PlanKind,
    pub status: PlanStatus,
    pub period: YearPeriod,
    pub updated_at: String,
    /// How many items the plan tree holds.
    pub nodes: usize,
}

impl From<&Plan> for PlanSummary {
    fn from(p: &Plan) -> Self {
        PlanSummary {
            id: p.id.clone(),
            title: p.title.clone(),
            organisation: p.organisation.clone(),
            region: p.region.clone(),
            kind: p.kind,
            status: p.status,
            period: p.period,
            updated_at: p.updated_at.clone(),
            nodes: p.nodes.len(),
        }
    }
}

/// What the tariff list shows of a tariff.
#[derive(Debug, Clone, PartialEq)]
pub struct TariffSummary {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub year: i32,
    pub kind: TariffKind,
    pub normal_id: Option<String>,
    pub rows: usize,
    /// Where the volumes come from, in words ([`VolumeSource::short_label`]).
    pub volumes: String,
}

impl From<&Tariff> for TariffSummary {
    fn from(t: &Tariff) -> Self {
        TariffSummary {
            id: t.id.clone(),
            name: t.name.clone(),
            organisation: t.organisation.clone(),
            year: t.year,
            kind: t.kind,
            normal_id: t.normal_id.clone(),
            rows: t.rows.len(),
            volumes: t.volume_source.short_label(),
        }
    }
}

/// The summaries of everything a bundle holds, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summaries {
    pub plans: Vec<PlanSummary>,
    pub tariffs: Vec<TariffSummary>,
}

/// Read the summaries of a bundle: its header, and of each plan and tariff the listed fields and how many
/// items it holds. Everything else is skipped unread (not validated: that is [`super::import`]'s job).
pub fn summaries(text: &str) -> Result<Summaries, LocatedError> {
    let head: Head = serde_json::from_str(text).map_err(|e| json_error(e, ""))?;
    if head.format != FORMAT {
        return Err(LocatedError::new(
            "format",
            ErrorKind::WrongFormat {
                found: format!("\"{}\"", head.format),
            },
        ));
    }
    readable_version(head.version)?;
    let plans = head
        .plans
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let at = |field: &str| format!("plans[{i}].{field}");
            Ok(PlanSummary {
                kind: choose(&p.kind, PLAN_KINDS, at("kind"))?.into(),
                status: choose(&p.status, PLAN_STATUSES, at("status"))?.into(),
                id: p.id,
                title: p.title,
                organisation: p.organisation,
                region: p.region,
                period: YearPeriod {
                    from: p.period.from,
                    to: p.period.to,
                },
                updated_at: p.updated_at,
                nodes: p.nodes.0,
            })
        })
        .collect::<Result<_, LocatedError>>()?;
    let tariffs = head
        .tariffs
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let at = |field: &str| format!("tariffs[{i}].{field}");
            let volumes = match t.volume_source.kind.as_str() {
                "saknas" => VolumeSource::None,
                "antagande_lika" => VolumeSource::AssumedEqual {
                    per_row: t.volume_source.per_row.unwrap_or_default(),
                },
                "importerad" => VolumeSource::Imported {
                    file: t.volume_source.file.unwrap_or_default(),
                },
                other => return Err(unknown(at("volume_source.kind"), other)),
            };
            Ok(TariffSummary {
                kind: choose(&t.kind, TARIFF_KINDS, at("kind"))?,
                id: t.id,
                name: t.name,
                organisation: t.organisation,
                year: t.year,
                normal_id: t.normal_id,
                rows: t.rows.0,
                volumes: volumes.short_label(),
            })
        })
        .collect::<Result<_, LocatedError>>()?;
    Ok(Summaries { plans, tariffs })
}

fn choose<T: Copy>(name: &str, table: &[(&str, T)], path: String) -> Result<T, LocatedError> {
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| unknown(path, name))
}

fn unknown(path: String, value: &str) -> LocatedError {
    LocatedError::new(
        path,
        ErrorKind::UnknownValue {
            detail: format!("okänt värde `{value}`"),
        },
    )
}

// ---- the header as serde reads it: unknown fields are skipped, lists only counted ----

#[derive(Deserialize)]
struct Head {
    format: String,
    version: u64,
    #[serde(default)]
    plans: Vec<PlanHead>,
    #[serde(default)]
    tariffs: Vec<TariffHead>,
}

#[derive(Deserialize)]
struct PlanHead {
    id: String,
    title: String,
    organisation: String,
    region: String,
    kind: String,
    status: String,
    period: PeriodHead,
    updated_at: String,
    nodes: Count,
}

#[derive(Deserialize)]
struct PeriodHead {
    from: i32,
    to: i32,
}

#[derive(Deserialize)]
struct TariffHead {
    id: String,
    name: String,
    organisation: String,
    year: i32,
    kind: String,
    #[serde(default)]
    normal_id: Option<String>,
    rows: Count,
    volume_source: VolumeHead,
}

#[derive(Deserialize)]
struct VolumeHead {
    kind: String,
    #[serde(default)]
    per_row: Option<u64>,
    #[serde(default)]
    file: Option<String>,
}

/// The length of a JSON list, its items skipped unread.
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Counter;
        impl<'de> Visitor<'de> for Counter {
            type Value = usize;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(n)
            }
        }
        d.deserialize_seq(Counter).map(Count)
    }
}
