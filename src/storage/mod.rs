//! Storage: the [`Repository`] trait, with an IndexedDB implementation for the browser ([`idb`]) and an
//! in-memory twin ([`memory`]); both pass the same [`conformance`] suite.
//!
//! A record is one plan, stored as a compact single-plan bundle string keyed by plan id, so reading goes
//! through the same validation and migrations as an imported file. Every method is one transaction and
//! resolves only once it has committed; a failing method leaves the store exactly as it was.

pub mod conformance;
#[cfg(target_arch = "wasm32")]
pub mod idb;
pub mod memory;

use crate::domain::bundle;
use crate::domain::plan::{Plan, PlanKind, PlanStatus, YearPeriod};
use std::collections::BTreeMap;

/// What the start page shows of a stored plan.
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
}

/// Where plans are kept. Single-threaded (browser), hence no `Send` bounds.
#[allow(
    async_fn_in_trait,
    reason = "used only on the single browser thread; no Send bound wanted"
)]
pub trait Repository {
    /// Every stored record: plan id → record text, in id order.
    async fn records(&self) -> Result<BTreeMap<String, String>, StorageError>;
    /// One record.
    async fn record(&self, id: &str) -> Result<Option<String>, StorageError>;
    /// Apply a batch in one transaction; all or nothing.
    async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError>;
    /// Remove every plan.
    async fn clear(&self) -> Result<(), StorageError>;

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
    /// Summaries for the start page, by title.
    async fn list(&self) -> Result<Vec<PlanSummary>, StorageError> {
        let mut v: Vec<PlanSummary> = self
            .load_all()
            .await?
            .iter()
            .map(PlanSummary::from)
            .collect();
        sort_summaries(&mut v);
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

/// A plan from its record text (validated, migrated).
pub fn decode(key: &str, record: &str) -> Result<Plan, StorageError> {
    let corrupt = |error: String| StorageError::Corrupt {
        key: key.to_string(),
        error,
    };
    let mut ws = bundle::import(record.as_bytes()).map_err(|e| corrupt(e.to_string()))?;
    match ws.plans.len() {
        1 => Ok(ws.plans.remove(0)),
        n => Err(corrupt(format!("{n} planer i en post"))),
    }
}

/// The repository the app uses: IndexedDB, or memory when the browser refuses IndexedDB.
#[cfg(target_arch = "wasm32")]
pub enum AnyRepository {
    Idb(idb::IdbRepository),
    Memory(memory::MemoryRepository),
}

#[cfg(target_arch = "wasm32")]
impl Repository for AnyRepository {
    async fn records(&self) -> Result<BTreeMap<String, String>, StorageError> {
        match self {
            Self::Idb(r) => r.records().await,
            Self::Memory(r) => r.records().await,
        }
    }
    async fn record(&self, id: &str) -> Result<Option<String>, StorageError> {
        match self {
            Self::Idb(r) => r.record(id).await,
            Self::Memory(r) => r.record(id).await,
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
