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
use crate::domain::format::fold_sv;
use crate::domain::plan::{Plan, PlanKind, PlanStatus, YearPeriod};
use crate::domain::tariff::{Tariff, TariffKind, VolumeSource};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
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
                found: format!("formatet är \"{}\"", head.format),
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

// ---- the published view's first paint: one plan's heading, and nothing after it ----

/// What the published view shows of a plan before the file has been read in full: its title and facts.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanHeading {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub kind: PlanKind,
    pub status: PlanStatus,
    pub period: YearPeriod,
}

/// The heading of the plan a published link shows (the one with id `wanted` if present, else the file's first;
/// `None` when the file holds no plan), with the bundle's format and version checked.
///
/// Reading stops as soon as that heading is complete. Every file this app writes has the format, the version and
/// a plan's heading fields before the plan's items, so the cost does not grow with the plan's size (a 10 MB
/// publication shows its title as fast as a small one). A file ordered otherwise is read on until everything is
/// known. Nothing after the heading is read, so nothing there is checked (not even that it is UTF-8): the full
/// read ([`super::import`]), which the published view does next, is where a damaged file is reported.
pub fn plan_heading(
    bytes: &[u8],
    wanted: Option<&str>,
) -> Result<Option<PlanHeading>, LocatedError> {
    let mut reader = HeadingReader {
        wanted,
        checked: [false; 2],
        first: None,
        found: None,
        failure: None,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match reader.deserialize_from(&mut de) {
        Ok(()) => {
            de.end().map_err(|e| json_error(e, ""))?;
            if let Some(field) = ["format", "version"]
                .into_iter()
                .zip(reader.checked)
                .find_map(|(f, seen)| (!seen).then_some(f))
            {
                let e = <serde_json::Error as serde::de::Error>::missing_field(field);
                return Err(json_error(e, ""));
            }
            Ok(reader.found.or(reader.first))
        }
        // ended on purpose: the heading to show is known
        Err(_) if reader.complete() => Ok(reader.found),
        Err(e) => Err(reader.failure.take().unwrap_or_else(|| json_error(e, ""))),
    }
}

/// The state of [`plan_heading`]'s read. Serde's visitors cannot end a read early with a value, so the
/// visitors keep what they found here and end the read with an error once `found` is set; a failure of our
/// own (wrong format, unknown kind) is kept here too, with its location.
struct HeadingReader<'w> {
    wanted: Option<&'w str>,
    /// format, version
    checked: [bool; 2],
    first: Option<PlanHeading>,
    found: Option<PlanHeading>,
    failure: Option<LocatedError>,
}

/// The error that ends the read on purpose (the reader's state says why). serde_json works out where each
/// error happened by counting the lines read so far, so ending the read costs about as much as a scan of what
/// was read: nothing for a plan at the start of its file (a publication holds one plan), as much again for one
/// after megabytes of others (tests/bench_wasm.rs, `bench_published_heading_wasm`).
const NOT_AN_ERROR: &str = "the read ended here";

impl HeadingReader<'_> {
    fn deserialize_from<'de, D: Deserializer<'de>>(&mut self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(BundleVisitor(self))
    }

    fn fail<E: serde::de::Error>(&mut self, e: LocatedError) -> E {
        self.failure = Some(e);
        E::custom(NOT_AN_ERROR)
    }

    /// The heading to show is known and the file's format and version have been checked. The visitors end the
    /// read as soon as this holds ([`Self::done`]), so an error while it holds is that end.
    fn complete(&self) -> bool {
        self.found.is_some() && self.checked == [true, true]
    }

    /// End the read once it is [complete](Self::complete).
    fn done<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.complete() {
            return Err(E::custom(NOT_AN_ERROR));
        }
        Ok(())
    }

    /// Record a plan's complete heading: the one to show if it is the wanted plan (or, with none wanted, the
    /// first), else kept as the first plan in case the wanted one is not in the file.
    fn offer(&mut self, heading: PlanHeading) {
        let chosen = self.found.is_none()
            && (self.wanted.is_none() || self.wanted == Some(heading.id.as_str()));
        if chosen {
            self.found = Some(heading);
        } else if self.first.is_none() {
            self.first = Some(heading);
        }
    }
}

/// The keys the heading read looks at (serde's field identifiers: matched without allocating).
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum BundleKey {
    Format,
    Version,
    Plans,
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum PlanKey {
    Id,
    Title,
    Organisation,
    Kind,
    Status,
    Period,
    #[serde(other)]
    Other,
}

struct BundleVisitor<'r, 'w>(&'r mut HeadingReader<'w>);

impl<'de> Visitor<'de> for BundleVisitor<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a verksam bundle")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let r = self.0;
        while let Some(key) = map.next_key::<BundleKey>()? {
            match key {
                BundleKey::Format => {
                    let format: String = map.next_value()?;
                    if format != FORMAT {
                        let found = format!("formatet är \"{format}\"");
                        return Err(r.fail(LocatedError::new(
                            "format",
                            ErrorKind::WrongFormat { found },
                        )));
                    }
                    r.checked[0] = true;
                }
                BundleKey::Version => {
                    if let Err(e) = readable_version(map.next_value()?) {
                        return Err(r.fail(e));
                    }
                    r.checked[1] = true;
                }
                BundleKey::Plans => map.next_value_seed(PlansSeed(r))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            // a plan found before the format and version were known ends the read once they are
            r.done()?;
        }
        Ok(())
    }
}

struct PlansSeed<'r, 'w>(&'r mut HeadingReader<'w>);

impl<'de> DeserializeSeed<'de> for PlansSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PlansSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of plans")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(PlanSeed {
                reader: self.0,
                index,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }
}

struct PlanSeed<'r, 'w> {
    reader: &'r mut HeadingReader<'w>,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for PlanSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PlanSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a plan")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (r, i) = (self.reader, self.index);
        let at = |field: &str| format!("plans[{i}].{field}");
        let mut id = None;
        let mut title = None;
        let mut organisation = None;
        let mut kind = None;
        let mut status = None;
        let mut period = None;
        let mut offered = false;
        while let Some(key) = map.next_key::<PlanKey>()? {
            if offered {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            match key {
                PlanKey::Id => id = Some(map.next_value::<String>()?),
                PlanKey::Title => title = Some(map.next_value::<String>()?),
                PlanKey::Organisation => organisation = Some(map.next_value::<String>()?),
                PlanKey::Kind => {
                    let name: String = map.next_value()?;
                    match choose(&name, PLAN_KINDS, at("kind")) {
                        Ok(k) => kind = Some(k.into()),
                        Err(e) => return Err(r.fail(e)),
                    }
                }
                PlanKey::Status => {
                    let name: String = map.next_value()?;
                    match choose(&name, PLAN_STATUSES, at("status")) {
                        Ok(s) => status = Some(s.into()),
                        Err(e) => return Err(r.fail(e)),
                    }
                }
                PlanKey::Period => {
                    let p: PeriodHead = map.next_value()?;
                    period = Some(YearPeriod {
                        from: p.from,
                        to: p.to,
                    });
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            match (
                id.take(),
                title.take(),
                organisation.take(),
                kind.take(),
                status.take(),
                period.take(),
            ) {
                (
                    Some(id),
                    Some(title),
                    Some(organisation),
                    Some(kind),
                    Some(status),
                    Some(period),
                ) => {
                    r.offer(PlanHeading {
                        id,
                        title,
                        organisation,
                        kind,
                        status,
                        period,
                    });
                    r.done()?;
                    offered = true;
                }
                // not all known yet: keep what is
                parts => (id, title, organisation, kind, status, period) = parts,
            }
        }
        if offered {
            return Ok(());
        }
        let missing = [
            ("id", id.is_none()),
            ("title", title.is_none()),
            ("organisation", organisation.is_none()),
            ("kind", kind.is_none()),
            ("status", status.is_none()),
            ("period", period.is_none()),
        ];
        let field = missing.iter().find(|(_, m)| *m).map_or("id", |(f, _)| f);
        Err(r.fail(LocatedError::new(
            format!("plans[{i}]"),
            ErrorKind::Schema {
                detail: format!("fältet saknas: `{field}`"),
            },
        )))
    }
}

/// The start page's list as the user narrows it: plans whose title, organisation, region, period or kind hold
/// every word of `query` (any case), in the list's order; with `by_organisation`, in groups per organisation
/// (alphabetical, "Organisation saknas" last), each group's plans in the list's order.
pub fn find<'a>(
    list: &'a [PlanSummary],
    query: &str,
    by_organisation: bool,
) -> Vec<(Option<String>, Vec<&'a PlanSummary>)> {
    let words: Vec<String> = query.split_whitespace().map(fold_sv).collect();
    let mut hits: Vec<&PlanSummary> = list
        .iter()
        .filter(|s| {
            let hay = [
                fold_sv(&s.title),
                fold_sv(&s.organisation),
                fold_sv(&s.region),
                s.period.label(),
                fold_sv(s.kind.label()),
            ];
            words
                .iter()
                .all(|w| hay.iter().any(|h| h.contains(w.as_str())))
        })
        .collect();
    if !by_organisation {
        return vec![(None, hits)];
    }
    let key = |s: &PlanSummary| {
        let o = s.organisation.trim();
        (o.is_empty(), fold_sv(o))
    };
    // a stable sort: each group keeps the list's order
    hits.sort_by_key(|s| key(s));
    let mut out: Vec<(Option<String>, Vec<&PlanSummary>)> = vec![];
    for s in hits {
        match out.last_mut() {
            Some((_, g)) if key(g[0]) == key(s) => g.push(s),
            _ => out.push((
                Some(match s.organisation.trim() {
                    "" => "Organisation saknas".to_string(),
                    o => o.to_string(),
                }),
                vec![s],
            )),
        }
    }
    out
}
