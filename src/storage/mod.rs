//! Storage: the [`Repository`] trait, with an IndexedDB implementation for the browser ([`idb`]) and an
//! in-memory twin ([`memory`]); both pass the same [`conformance`] suite.
//!
//! A record is one plan (or tariff, or subsidy rule set), stored as a compact single-item bundle string keyed
//! by its id, one store per [`Kind`], so reading goes through the same validation and migrations as an
//! imported file. Every method is one transaction and
//! resolves only once it has committed; a failing method leaves the store exactly as it was.

pub mod conformance;
#[cfg(target_arch = "wasm32")]
pub mod idb;
pub mod memory;

use crate::domain::bundle;
pub use crate::domain::bundle::summary::{PlanSummary, TariffSummary};
use crate::domain::plan::{Plan, Workspace};
use crate::domain::tariff::{subsidy::RuleSet, Tariff};
use std::collections::BTreeMap;

/// What a record holds; each kind has its own store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Plan,
    Tariff,
    RuleSet,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Plan, Kind::Tariff, Kind::RuleSet];
    /// The store's name in IndexedDB.
    pub fn store(self) -> &'static str {
        match self {
            Kind::Plan => "plans",
            Kind::Tariff => "tariffs",
            Kind::RuleSet => "rule_sets",
        }
    }
}

/// One step of a write: delete, put, or add (which fails if the key exists).
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub kind: Kind,
    pub key: String,
    /// `None` deletes.
    pub value: Option<String>,
    pub must_be_new: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("det finns redan en plan med id \"{0}\"; inget sparades")]
    Conflict(String),
    #[error("den sparade planen \"{key}\" kan inte läsas: {error}")]
    Corrupt { key: String, error: String },
    #[error("webbläsarens lagring svarade med ett fel: {0}")]
    Backend(String),
}

/// One write transaction: deletions, then replacements (put), then additions that must not exist yet.
#[derive(Debug, Clone, Default)]
pub struct WriteBatch<'a> {
    pub delete: &'a [String],
    pub put: &'a [Plan],
    /// Added only if no plan with that id is stored; otherwise the whole batch fails with `Conflict`.
    pub add_new: &'a [Plan],
    pub delete_tariffs: &'a [String],
    pub put_tariffs: &'a [Tariff],
    pub put_rule_sets: &'a [RuleSet],
}

impl WriteBatch<'_> {
    /// The batch as steps, in the order they are applied.
    pub fn ops(&self) -> Vec<Op> {
        let del = |kind, key: &String| Op {
            kind,
            key: key.clone(),
            value: None,
            must_be_new: false,
        };
        let mut v: Vec<Op> = self.delete.iter().map(|k| del(Kind::Plan, k)).collect();
        v.extend(self.delete_tariffs.iter().map(|k| del(Kind::Tariff, k)));
        for (p, must_be_new) in self
            .put
            .iter()
            .map(|p| (p, false))
            .chain(self.add_new.iter().map(|p| (p, true)))
        {
            v.push(Op {
                kind: Kind::Plan,
                key: p.id.clone(),
                value: Some(encode(p)),
                must_be_new,
            });
        }
        v.extend(self.put_tariffs.iter().map(|t| Op {
            kind: Kind::Tariff,
            key: t.id.clone(),
            value: Some(encode_tariff(t)),
            must_be_new: false,
        }));
        v.extend(self.put_rule_sets.iter().map(|r| Op {
            kind: Kind::RuleSet,
            key: r.id.clone(),
            value: Some(bundle::export_workspace_compact(&Workspace {
                rule_sets: vec![r.clone()],
                ..Default::default()
            })),
            must_be_new: false,
        }));
        v
    }
}

/// Where plans are kept. Single-threaded (browser), hence no `Send` bounds.
#[allow(
    async_fn_in_trait,
    reason = "used only on the single browser thread; no Send bound wanted"
)]
pub trait Repository {
    /// Every stored record of a kind: id → record text, in id order.
    async fn records_of(&self, kind: Kind) -> Result<BTreeMap<String, String>, StorageError>;
    /// One record.
    async fn record_of(&self, kind: Kind, id: &str) -> Result<Option<String>, StorageError>;
    /// Apply a batch in one transaction; all or nothing.
    async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError>;
    /// Remove everything (plans, tariffs, rule sets).
    async fn clear(&self) -> Result<(), StorageError>;

    /// Every stored plan record: plan id → record text, in id order.
    async fn records(&self) -> Result<BTreeMap<String, String>, StorageError> {
        self.records_of(Kind::Plan).await
    }
    /// One plan record.
    async fn record(&self, id: &str) -> Result<Option<String>, StorageError> {
        self.record_of(Kind::Plan, id).await
    }
    /// All tariffs, in id order.
    async fn load_tariffs(&self) -> Result<Vec<Tariff>, StorageError> {
        let mut out = vec![];
        for (k, v) in self.records_of(Kind::Tariff).await? {
            out.push(decode_tariff(&k, &v)?);
        }
        Ok(out)
    }
    /// One tariff.
    async fn load_tariff(&self, id: &str) -> Result<Option<Tariff>, StorageError> {
        self.record_of(Kind::Tariff, id)
            .await?
            .map(|r| decode_tariff(id, &r))
            .transpose()
    }
    /// Store (insert or replace) one tariff.
    async fn save_tariff(&self, t: &Tariff) -> Result<(), StorageError> {
        self.write(WriteBatch {
            put_tariffs: std::slice::from_ref(t),
            ..Default::default()
        })
        .await
    }
    /// Stored subsidy rule sets, in id order.
    async fn load_rule_sets(&self) -> Result<Vec<RuleSet>, StorageError> {
        let mut out = vec![];
        for (k, v) in self.records_of(Kind::RuleSet).await? {
            let mut ws = decode_ws(&k, &v)?;
            out.append(&mut ws.rule_sets);
        }
        Ok(out)
    }
    /// Everything stored, as one workspace (for export).
    async fn load_workspace(&self) -> Result<Workspace, StorageError> {
        Ok(Workspace {
            plans: self.load_all().await?,
            tariffs: self.load_tariffs().await?,
            rule_sets: self.load_rule_sets().await?,
        })
    }

    /// All plans, in id order.
    async fn load_all(&self) -> Result<Vec<Plan>, StorageError> {
        self.records()
            .await?
            .iter()
            .map(|(k, v)| decode(k, v))
            .collect()
    }
    /// One plan.
    async fn load(&self, id: &str) -> Result<Option<Plan>, StorageError> {
        self.record(id).await?.map(|r| decode(id, &r)).transpose()
    }
    /// Summaries for the start page, by title. Reads only what the list shows ([`summarise`]).
    async fn list(&self) -> Result<Vec<PlanSummary>, StorageError> {
        let mut v = vec![];
        for (k, r) in self.records().await? {
            v.push(one(&k, summarise(&k, &r)?.plans, "planer")?);
        }
        sort_summaries(&mut v);
        Ok(v)
    }
    /// Summaries of the stored tariffs, by name (case-insensitive), then id.
    async fn tariff_list(&self) -> Result<Vec<TariffSummary>, StorageError> {
        let mut v = vec![];
        for (k, r) in self.records_of(Kind::Tariff).await? {
            v.push(one(&k, summarise(&k, &r)?.tariffs, "taxor")?);
        }
        v.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(v)
    }
    /// Store (insert or replace) one plan.
    async fn save(&self, plan: &Plan) -> Result<(), StorageError> {
        self.write(WriteBatch {
            put: std::slice::from_ref(plan),
            ..Default::default()
        })
        .await
    }
    /// Delete one plan.
    async fn delete(&self, id: &str) -> Result<(), StorageError> {
        self.write(WriteBatch {
            delete: &[id.to_string()],
            ..Default::default()
        })
        .await
    }
}

/// The start page's order: by title (case-insensitive), then id.
pub fn sort_summaries(v: &mut [PlanSummary]) {
    v.sort_by(|a, b| {
        a.title
            .to_lowercase()
            .cmp(&b.title.to_lowercase())
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The record text for a plan.
pub fn encode(plan: &Plan) -> String {
    bundle::export_compact(std::slice::from_ref(plan))
}

/// The record text for a tariff.
pub fn encode_tariff(t: &Tariff) -> String {
    bundle::export_workspace_compact(&Workspace {
        tariffs: vec![t.clone()],
        ..Default::default()
    })
}

fn decode_ws(key: &str, record: &str) -> Result<Workspace, StorageError> {
    bundle::import(record.as_bytes()).map_err(|e| StorageError::Corrupt {
        key: key.to_string(),
        error: e.to_string(),
    })
}

/// The one item of a record (a record holds exactly one plan or tariff).
fn one<T>(key: &str, mut items: Vec<T>, what: &str) -> Result<T, StorageError> {
    match items.len() {
        1 => Ok(items.remove(0)),
        n => Err(StorageError::Corrupt {
            key: key.to_string(),
            error: format!("{n} {what} i en post"),
        }),
    }
}

/// A plan from its record text (validated, migrated).
pub fn decode(key: &str, record: &str) -> Result<Plan, StorageError> {
    one(key, decode_ws(key, record)?.plans, "planer")
}

/// A tariff from its record text.
pub fn decode_tariff(key: &str, record: &str) -> Result<Tariff, StorageError> {
    one(key, decode_ws(key, record)?.tariffs, "taxor")
}

/// The list fields of a record, without the full read ([`bundle::summary`]): what the start page and the tariff
/// list need, so listing neither maps nor validates whole plans.
pub fn summarise(key: &str, record: &str) -> Result<bundle::summary::Summaries, StorageError> {
    bundle::summary::summaries(record).map_err(|e| StorageError::Corrupt {
        key: key.to_string(),
        error: e.to_string(),
    })
}

/// The repository the app uses: IndexedDB, or memory when the browser refuses IndexedDB.
#[cfg(target_arch = "wasm32")]
pub enum AnyRepository {
    Idb(idb::IdbRepository),
    Memory(memory::MemoryRepository),
}

#[cfg(target_arch = "wasm32")]
impl Repository for AnyRepository {
    async fn records_of(&self, kind: Kind) -> Result<BTreeMap<String, String>, StorageError> {
        match self {
            Self::Idb(r) => r.records_of(kind).await,
            Self::Memory(r) => r.records_of(kind).await,
        }
    }
    async fn record_of(&self, kind: Kind, id: &str) -> Result<Option<String>, StorageError> {
        match self {
            Self::Idb(r) => r.record_of(kind, id).await,
            Self::Memory(r) => r.record_of(kind, id).await,
        }
    }
    async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError> {
        match self {
            Self::Idb(r) => r.write(batch).await,
            Self::Memory(r) => r.write(batch).await,
        }
    }
    async fn clear(&self) -> Result<(), StorageError> {
        match self {
            Self::Idb(r) => r.clear().await,
            Self::Memory(r) => r.clear().await,
        }
    }
}
