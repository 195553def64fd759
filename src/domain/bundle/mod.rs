//! The bundle: verksam's one JSON file format for export, import, publishing and storage records.
//!
//! Reading goes header first (`format`, `version`), then dispatches to the DTOs of that version, maps them
//! to the domain and validates everything. Nothing here touches storage: the caller writes only after
//! [`import`] returned `Ok`, so a bad file changes nothing.
//!
//! ```
//! use verksam::domain::{bundle, plan::Plan};
//! let p = Plan::new("p1".into(), "Plan".into(), "Nämnd".into(), 2025, "2025-01-01T00:00:00Z".into());
//! let bytes = bundle::export(&[p.clone()]);
//! assert_eq!(bundle::import(&bytes).unwrap().plans, vec![p]);
//! ```

pub mod dto;
pub mod json;
mod reader;
pub mod summary;

use super::error::{ErrorKind, LocatedError};
use super::plan::Plan;
use super::workspace::Workspace;
use json::json_error;

/// The `format` every bundle starts with.
pub const FORMAT: &str = "verksam-bundle";
/// The version this build writes; it reads every version up to this one.
pub const CURRENT_VERSION: u64 = 5;
/// Largest file import accepts (50 MB).
pub const MAX_BUNDLE_BYTES: usize = 50 * 1024 * 1024;
/// Written into every bundle.
pub const GENERATOR: &str = concat!("verksam ", env!("CARGO_PKG_VERSION"));

/// Export plans as a pretty, deterministic bundle: plans sorted by id, fixed field order, sorted maps.
/// `exported_at` is the latest `updated_at` among the plans, so the same content always gives the same bytes.
pub fn export(plans: &[Plan]) -> Vec<u8> {
    export_workspace(&Workspace {
        plans: plans.to_vec(),
        ..Default::default()
    })
}

/// Export a whole workspace (plans, tariffs, rule sets), pretty and deterministic: each list sorted by id.
pub fn export_workspace(ws: &Workspace) -> Vec<u8> {
    let bundle = to_dto(ws);
    let mut out = serde_json::to_vec_pretty(&bundle).expect("bundle DTOs always serialise");
    out.push(b'\n');
    out
}

/// The same content as [`export`], compact, for storage records.
pub fn export_compact(plans: &[Plan]) -> String {
    export_workspace_compact(&Workspace {
        plans: plans.to_vec(),
        ..Default::default()
    })
}

/// A workspace as compact JSON (storage records).
pub fn export_workspace_compact(ws: &Workspace) -> String {
    serde_json::to_string(&to_dto(ws)).expect("bundle DTOs always serialise")
}

/// The backup of a whole workspace (*Exportera allt*): compact JSON, deterministic like [`export_workspace`],
/// in as few files as it takes for each to stay within what [`import`] accepts ([`MAX_BUNDLE_BYTES`]). Each file is
/// a complete bundle; importing all of them together gives the workspace back. Records are placed in id order
/// (plans, then tariffs, then rule sets), so the same workspace always gives the same files.
///
/// Every stored record is at most [`MAX_BUNDLE_BYTES`] (storage refuses larger ones), so every record fits a
/// file of its own.
pub fn export_backup(ws: &Workspace) -> Vec<Vec<u8>> {
    export_backup_within(ws, MAX_BUNDLE_BYTES)
}

/// The names of a backup's files, dated by the day it was made (`date`: `2026-12-06`), so backups of different
/// days do not overwrite each other in a downloads folder: `verksam-2026-12-06.json`, or with several files
/// `verksam-2026-12-06-del-1-av-3.json` …
pub fn backup_file_names(date: &str, files: usize) -> Vec<String> {
    match files {
        1 => vec![format!("verksam-{date}.json")],
        n => (1..=n)
            .map(|i| format!("verksam-{date}-del-{i}-av-{n}.json"))
            .collect(),
    }
}

/// The name of one plan's export file, dated: `stv2235-2026-12-06.verksam.json`.
pub fn plan_file_name(id: &str, date: &str) -> String {
    format!("{id}-{date}.verksam.json")
}

/// [`export_backup`] with another size limit (for tests).
pub fn export_backup_within(ws: &Workspace, limit: usize) -> Vec<Vec<u8>> {
    let whole = export_workspace_compact(ws);
    if whole.len() <= limit {
        return vec![whole.into_bytes()];
    }
    let mut sorted = ws.clone();
    sorted.plans.sort_by(|a, b| a.id.cmp(&b.id));
    sorted.tariffs.sort_by(|a, b| a.id.cmp(&b.id));
    sorted.rule_sets.sort_by(|a, b| a.id.cmp(&b.id));
    // each record's own size, measured as the one-item bundle storage keeps
    let one = |w: Workspace| export_workspace_compact(&w).len();
    let envelope = one(Workspace::default());
    let mut items: Vec<(usize, Workspace)> = vec![];
    for p in sorted.plans {
        let w = Workspace {
            plans: vec![p],
            ..Default::default()
        };
        items.push((one(w.clone()) - envelope, w));
    }
    for t in sorted.tariffs {
        let w = Workspace {
            tariffs: vec![t],
            ..Default::default()
        };
        items.push((one(w.clone()) - envelope, w));
    }
    for r in sorted.rule_sets {
        let w = Workspace {
            rule_sets: vec![r],
            ..Default::default()
        };
        items.push((one(w.clone()) - envelope, w));
    }
    let mut parts: Vec<Workspace> = vec![];
    let mut size = usize::MAX;
    for (n, mut w) in items {
        // the envelope, the item and a comma; exported_at may be a few bytes longer than the empty one's
        if size.saturating_add(n + 64) > limit {
            parts.push(Workspace::default());
            size = envelope;
        }
        let part = parts.last_mut().expect("a part was pushed");
        part.plans.append(&mut w.plans);
        part.tariffs.append(&mut w.tariffs);
        part.rule_sets.append(&mut w.rule_sets);
        size += n + 1;
    }
    parts
        .iter()
        .map(|p| export_workspace_compact(p).into_bytes())
        .collect()
}

fn to_dto(ws: &Workspace) -> dto::Bundle {
    let mut sorted: Vec<&Plan> = ws.plans.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut tariffs: Vec<&super::tariff::Tariff> = ws.tariffs.iter().collect();
    tariffs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut rule_sets: Vec<&super::tariff::subsidy::RuleSet> = ws.rule_sets.iter().collect();
    rule_sets.sort_by(|a, b| a.id.cmp(&b.id));
    let exported_at = sorted
        .iter()
        .map(|p| &p.updated_at)
        .chain(tariffs.iter().map(|t| &t.updated_at))
        .filter_map(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .max()
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".to_string());
    dto::Bundle {
        format: FORMAT.to_string(),
        version: CURRENT_VERSION,
        exported_at,
        generator: GENERATOR.to_string(),
        plans: sorted.into_iter().cloned().map(Into::into).collect(),
        tariffs: tariffs.into_iter().map(Into::into).collect(),
        rule_sets: rule_sets.into_iter().map(Into::into).collect(),
    }
}

/// Read and validate a bundle. Errors say where (`plans[0].nodes[41].parent`) and what, in Swedish.
pub fn import(bytes: &[u8]) -> Result<Workspace, LocatedError> {
    let mut job = Import::start(bytes)?;
    while !job.step()? {}
    Ok(job.finish())
}

/// An import done an item at a time ([`import`] is this in one go), so a page can stay responsive on a large
/// file and show how far it has come: [`Import::start`] checks the file and its header and parses the JSON;
/// each [`Import::step`] reads and validates one plan, tariff or rule set; [`Import::finish`] gives the workspace.
pub struct Import {
    value: serde_json::Value,
    version: u64,
    /// Items read so far, counted over plans, then tariffs, then rule sets.
    next: usize,
    plans: usize,
    tariffs: usize,
    rule_sets: usize,
    ws: Workspace,
    /// Ids seen so far, per kind, and where: a duplicate is reported at its second place.
    seen: [std::collections::BTreeMap<String, usize>; 3],
}

impl Import {
    /// Size, encoding, JSON, format, version and the header's fields: what is checked before any item is read.
    pub fn start(bytes: &[u8]) -> Result<Import, LocatedError> {
        if bytes.len() > MAX_BUNDLE_BYTES {
            return Err(LocatedError::new(
                "",
                ErrorKind::TooLarge {
                    size: bytes.len(),
                    limit: MAX_BUNDLE_BYTES,
                },
            ));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            LocatedError::new(
                "",
                ErrorKind::Encoding {
                    byte: e.valid_up_to(),
                },
            )
        })?;
        if text.trim().is_empty() {
            return Err(LocatedError::new("", ErrorKind::Empty));
        }
        let value = json::parse(text)?;
        let Some(header) = value.as_object() else {
            return Err(LocatedError::new(
                "",
                ErrorKind::WrongFormat {
                    found: "innehållet är inte ett JSON-objekt".into(),
                },
            ));
        };
        match header.get("format").and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            Some(other) => {
                return Err(LocatedError::new(
                    "format",
                    ErrorKind::WrongFormat {
                        found: format!("formatet är \"{other}\""),
                    },
                ))
            }
            None => {
                return Err(LocatedError::new(
                    "format",
                    ErrorKind::WrongFormat {
                        found: "fältet \"format\" saknas".into(),
                    },
                ))
            }
        }
        let version = header
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| {
                LocatedError::new(
                    "version",
                    ErrorKind::Schema {
                        detail: "version saknas eller är inte ett heltal".into(),
                    },
                )
            })?;
        readable_version(version)?;
        dto::Bundle::read_header(&value)?;
        let count = |key: &str| -> Result<usize, LocatedError> {
            match value.get(key) {
                None | Some(serde_json::Value::Null) => Ok(0),
                Some(serde_json::Value::Array(a)) => Ok(a.len()),
                Some(_) => Err(LocatedError::new(
                    key,
                    ErrorKind::Schema {
                        detail: "fel typ: väntat en lista".into(),
                    },
                )),
            }
        };
        let plans = count("plans")?;
        let (tariffs, rule_sets) = if version >= 3 {
            (count("tariffs")?, count("rule_sets")?)
        } else {
            (0, 0)
        };
        Ok(Import {
            value,
            version,
            next: 0,
            plans,
            tariffs,
            rule_sets,
            ws: Workspace::default(),
            seen: Default::default(),
        })
    }

    /// How many items the file holds (plans, tariffs and rule sets).
    pub fn total(&self) -> usize {
        self.plans + self.tariffs + self.rule_sets
    }

    /// How many have been read.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Read and validate the next item; `Ok(true)` when every item has been read.
    pub fn step(&mut self) -> Result<bool, LocatedError> {
        let i = self.next;
        if i >= self.total() {
            return Ok(true);
        }
        self.next += 1;
        if i < self.plans {
            let path = format!("plans[{i}]");
            let mut plan: Plan =
                dto::read::read_one_plan(&self.value["plans"][i], path.clone(), self.version)?
                    .into();
            if self.version == 1 {
                migrate_v1(&mut plan);
            }
            if self.version <= 3 {
                migrate_v3(&mut plan);
            }
            self.check_new(0, &plan.id, "plans", i)?;
            super::validate::validate_plan(&plan, &path)?;
            self.ws.plans.push(plan);
        } else if i < self.plans + self.tariffs {
            let k = i - self.plans;
            let path = format!("tariffs[{k}]");
            let t: super::tariff::Tariff =
                dto::tariff::read_tariff(&self.value["tariffs"][k], path.clone())?;
            self.check_new(1, &t.id, "tariffs", k)?;
            super::validate::validate_tariff(&t, &path)?;
            self.ws.tariffs.push(t);
        } else {
            let k = i - self.plans - self.tariffs;
            let path = format!("rule_sets[{k}]");
            let r = dto::tariff::read_rule_set(&self.value["rule_sets"][k], path.clone())?;
            self.check_new(2, &r.id, "rule_sets", k)?;
            super::validate::validate_rule_set(&r, &path)?;
            self.ws.rule_sets.push(r);
        }
        Ok(self.next >= self.total())
    }

    /// An id must occur once per kind in a file.
    fn check_new(
        &mut self,
        kind: usize,
        id: &str,
        list: &str,
        i: usize,
    ) -> Result<(), LocatedError> {
        if let Some(first) = self.seen[kind].insert(id.to_string(), i) {
            return Err(LocatedError::new(
                format!("{list}[{i}].id"),
                ErrorKind::DuplicateId {
                    id: id.to_string(),
                    first: format!("{list}[{first}]"),
                },
            ));
        }
        Ok(())
    }

    /// The workspace, once [`Import::step`] has said every item is read.
    pub fn finish(self) -> Workspace {
        debug_assert!(self.next >= self.total());
        self.ws
    }
}

/// `Ok` for the versions this build reads (1 to [`CURRENT_VERSION`]); a newer one asks for an update.
fn readable_version(version: u64) -> Result<(), LocatedError> {
    match version {
        1..=CURRENT_VERSION => Ok(()),
        v if v > CURRENT_VERSION => Err(LocatedError::new(
            "version",
            ErrorKind::NewerVersion {
                found: v,
                supported: CURRENT_VERSION,
            },
        )),
        v => Err(LocatedError::new(
            "version",
            ErrorKind::UnknownVersion { found: v },
        )),
    }
}

/// Versions 1–3 gave an activity, uppdrag or åtgärd one status (and a *försenad* flag) without a period; version
/// 4 follows them up per period. The status becomes the report of the period the plan opens on (the latest
/// period with outcomes, else its first delårsrapport, see `rollup::opening_period`): the period its reader saw it
/// beside. Pure, and a no-op for items that had no status.
fn migrate_v3(p: &mut Plan) {
    let legacy = dto::read::LEGACY_PERIOD;
    let waiting = |n: &super::plan::Node| {
        n.data
            .work_reports()
            .is_some_and(|r| r.iter().any(|x| x.period == legacy))
    };
    if !p.nodes.iter().any(waiting) {
        return;
    }
    let period = super::scorecard::rollup::opening_period(p);
    for n in &mut p.nodes {
        for r in n.data.work_reports_mut().into_iter().flatten() {
            if r.period == legacy {
                r.period = period;
            }
        }
    }
}

/// Version 1 kept scorecard data in free annotations; lift it into the typed fields of version 2.
fn migrate_v1(p: &mut Plan) {
    use super::plan::NodeData;
    for n in &mut p.nodes {
        if let NodeData::Matt(m) | NodeData::Nyckeltal(m) = &mut n.data {
            super::scorecard::lift::lift_measure(&mut n.extra, m);
        }
    }
}
