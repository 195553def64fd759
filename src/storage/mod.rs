//! Storage: the [`Repository`] trait, with an IndexedDB implementation for the browser (`idb`, wasm32 only) and an
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
mod record;

pub use crate::domain::bundle::summary::{PlanSummary, TariffSummary};
use crate::domain::error::LocatedError;
use crate::domain::plan::Plan;
use crate::domain::tariff::{subsidy::RuleSet, Tariff};
use crate::domain::workspace::Workspace;
pub use record::{decode, decode_tariff, encode, encode_rule_set, encode_tariff, summarise, Doc};
use record::{decode_ws, one};
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

    /// The kind in a Swedish sentence: "plan", "taxa", "regelverk".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Tariff => "taxa",
            Kind::RuleSet => "regelverk för tandvårdsstödet",
        }
    }
}

/// A record's revision: how many times it has been written. A record stored before revisions existed is at 0;
/// a deleted record keeps its last revision (a tombstone), so a tab that still shows it cannot write it back
/// unnoticed.
pub type Rev = u64;

/// The revisions a committed write left, per record.
pub type Revisions = BTreeMap<(Kind, String), Rev>;

/// One step of a write: delete, put, or add (which fails if the key exists).
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub kind: Kind,
    pub key: String,
    /// `None` deletes.
    pub value: Option<String>,
    pub must_be_new: bool,
}

/// A write that is only valid if a record is still at the revision it was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    pub kind: Kind,
    pub key: String,
    pub rev: Rev,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("det finns redan en post med id \"{0}\"; inget sparades")]
    Conflict(String),
    #[error("den sparade posten ”{key}” kan inte läsas: {error}")]
    Corrupt { key: String, error: String },
    /// A record the domain refuses: it would not read back, so it is not written.
    #[error("{what} kan inte sparas: {error}")]
    Invalid { what: String, error: LocatedError },
    /// The record changed (in another tab) since it was read; nothing was written.
    #[error("”{key}” har ändrats i en annan flik eller ett annat fönster sedan den öppnades här; inget sparades")]
    Stale { kind: Kind, key: String },
    #[error("webbläsarens lagringsutrymme är fullt; inget sparades. Exportera dina data (Import och export → Exportera allt) och ta bort sådant du inte behöver")]
    Full,
    #[error("lagringen har stängts eftersom verksam uppdateras i en annan flik; ladda om sidan")]
    Closed,
    #[error("webbläsarens lagring svarade med ett fel: {0}")]
    Backend(String),
}

/// One write transaction: deletions, then replacements (put), then additions that must not exist yet; all only
/// if every record in `expect` is still at its revision.
#[derive(Debug, Clone, Default)]
pub struct WriteBatch<'a> {
    pub delete: &'a [String],
    pub put: &'a [Plan],
    /// Added only if no plan with that id is stored; otherwise the whole batch fails with `Conflict`.
    pub add_new: &'a [Plan],
    pub delete_tariffs: &'a [String],
    pub put_tariffs: &'a [Tariff],
    pub put_rule_sets: &'a [RuleSet],
    pub delete_rule_sets: &'a [String],
    /// Records that must still be at these revisions, or the batch fails with `Stale`.
    pub expect: &'a [Expect],
}

impl<'a> WriteBatch<'a> {
    /// A batch deleting these records of one kind.
    pub fn deleting(kind: Kind, keys: &'a [String]) -> Self {
        match kind {
            Kind::Plan => WriteBatch {
                delete: keys,
                ..Default::default()
            },
            Kind::Tariff => WriteBatch {
                delete_tariffs: keys,
                ..Default::default()
            },
            Kind::RuleSet => WriteBatch {
                delete_rule_sets: keys,
                ..Default::default()
            },
        }
    }

    /// The batch as steps, in the order they are applied. Every item is validated and encoded first: an item
    /// that would not read back is refused here, before any transaction starts.
    pub fn ops(&self) -> Result<Vec<Op>, StorageError> {
        let del = |kind, key: &String| Op {
            kind,
            key: key.clone(),
            value: None,
            must_be_new: false,
        };
        let mut v: Vec<Op> = self.delete.iter().map(|k| del(Kind::Plan, k)).collect();
        v.extend(self.delete_tariffs.iter().map(|k| del(Kind::Tariff, k)));
        v.extend(self.delete_rule_sets.iter().map(|k| del(Kind::RuleSet, k)));
        for (p, must_be_new) in self
            .put
            .iter()
            .map(|p| (p, false))
            .chain(self.add_new.iter().map(|p| (p, true)))
        {
            v.push(Op {
                kind: Kind::Plan,
                key: p.id.clone(),
                value: Some(encode(p)?),
                must_be_new,
            });
        }
        for t in self.put_tariffs {
            v.push(Op {
                kind: Kind::Tariff,
                key: t.id.clone(),
                value: Some(encode_tariff(t)?),
                must_be_new: false,
            });
        }
        for r in self.put_rule_sets {
            v.push(Op {
                kind: Kind::RuleSet,
                key: r.id.clone(),
                value: Some(encode_rule_set(r)?),
                must_be_new: false,
            });
        }
        Ok(v)
    }
}

/// A stored record that does not read: from an older bug, a hand-edited file or a newer version of verksam.
/// It can be exported as it is and deleted by its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub kind: Kind,
    pub key: String,
    pub error: String,
    /// The record's size in bytes.
    pub size: usize,
}

impl Unreadable {
    /// `record`, stored under `key`, did not read: why.
    fn new(kind: Kind, key: String, record: &str, e: StorageError) -> Self {
        Unreadable {
            kind,
            error: match e {
                StorageError::Corrupt { error, .. } => error,
                other => other.to_string(),
            },
            size: record.len(),
            key,
        }
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
    /// One record and its revision, read in one transaction.
    async fn record_at(&self, kind: Kind, id: &str) -> Result<Option<(String, Rev)>, StorageError>;
    /// Apply steps in one transaction, all or nothing, if every record in `expect` is still at its revision;
    /// the new revision of every record written or deleted. The steps' record texts are written as they are:
    /// [`Repository::commit`] makes them from domain values, validated.
    async fn commit_ops(&self, ops: Vec<Op>, expect: &[Expect]) -> Result<Revisions, StorageError>;

    /// Apply a batch in one transaction, all or nothing; the new revision of every record written or deleted.
    async fn commit(&self, batch: WriteBatch<'_>) -> Result<Revisions, StorageError> {
        self.commit_ops(batch.ops()?, batch.expect).await
    }
    /// Remove everything (plans, tariffs, rule sets).
    async fn clear(&self) -> Result<(), StorageError>;

    /// One record.
    async fn record_of(&self, kind: Kind, id: &str) -> Result<Option<String>, StorageError> {
        Ok(self.record_at(kind, id).await?.map(|(r, _)| r))
    }
    /// Apply a batch in one transaction; all or nothing.
    async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError> {
        self.commit(batch).await.map(|_| ())
    }
    /// Every stored plan record: plan id → record text, in id order.
    async fn records(&self) -> Result<BTreeMap<String, String>, StorageError> {
        self.records_of(Kind::Plan).await
    }
    /// One plan record.
    async fn record(&self, id: &str) -> Result<Option<String>, StorageError> {
        self.record_of(Kind::Plan, id).await
    }
    /// A document and the revision it was read at (for writing it back with [`Repository::save_doc`]).
    async fn load_doc<T: Doc>(&self, id: &str) -> Result<Option<(T, Rev)>, StorageError> {
        match self.record_at(T::KIND, id).await? {
            Some((r, rev)) => Ok(Some((T::decode(id, &r)?, rev))),
            None => Ok(None),
        }
    }
    /// Write a document if its record is still at `base` (`None`: whatever it is); its new revision.
    async fn save_doc<T: Doc>(&self, doc: &T, base: Option<Rev>) -> Result<Rev, StorageError> {
        let expect: Vec<Expect> = base
            .map(|rev| Expect {
                kind: T::KIND,
                key: doc.id().to_string(),
                rev,
            })
            .into_iter()
            .collect();
        let one = std::slice::from_ref(doc);
        let revs = self.commit(T::put(one, &expect)).await?;
        Ok(revs
            .get(&(T::KIND, doc.id().to_string()))
            .copied()
            .unwrap_or_default())
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
    /// Everything that reads, and what does not (for *Exportera allt* and the list of damaged records): one bad
    /// record never hides the others.
    async fn read_everything(&self) -> Result<(Workspace, Vec<Unreadable>), StorageError> {
        let mut ws = Workspace::default();
        let mut bad = vec![];
        for kind in Kind::ALL {
            for (key, record) in self.records_of(kind).await? {
                let read = match kind {
                    Kind::Plan => decode(&key, &record).map(|p| ws.plans.push(p)),
                    Kind::Tariff => decode_tariff(&key, &record).map(|t| ws.tariffs.push(t)),
                    Kind::RuleSet => {
                        decode_ws(&key, &record).map(|mut w| ws.rule_sets.append(&mut w.rule_sets))
                    }
                };
                if let Err(e) = read {
                    bad.push(Unreadable::new(kind, key, &record, e));
                }
            }
        }
        Ok((ws, bad))
    }
    /// Delete one record of any kind by its key (also one that does not read).
    async fn delete_record(&self, kind: Kind, key: &str) -> Result<(), StorageError> {
        let keys = [key.to_string()];
        self.write(WriteBatch::deleting(kind, &keys)).await
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
    /// What the start page and the tariff list show, read from record headers only ([`summarise`]), and the
    /// records whose header does not read.
    async fn inventory(&self) -> Result<Inventory, StorageError> {
        let mut out = Inventory::default();
        // rule sets are not listed: a damaged one shows in the full check (`read_everything`)
        for kind in [Kind::Plan, Kind::Tariff] {
            for (key, r) in self.records_of(kind).await? {
                let listed = summarise(&key, &r).and_then(|s| match kind {
                    Kind::Plan => one(&key, s.plans, "planer").map(|p| out.plans.push(p)),
                    _ => one(&key, s.tariffs, "taxor").map(|t| out.tariffs.push(t)),
                });
                if let Err(e) = listed {
                    out.unreadable.push(Unreadable::new(kind, key, &r, e));
                }
            }
        }
        sort_summaries(&mut out.plans);
        sort_tariff_summaries(&mut out.tariffs);
        Ok(out)
    }
    /// Summaries for the start page, by title (what [`Repository::inventory`] lists).
    async fn list(&self) -> Result<Vec<PlanSummary>, StorageError> {
        Ok(self.inventory().await?.plans)
    }
    /// Summaries of the stored tariffs, by name (case-insensitive), then id.
    async fn tariff_list(&self) -> Result<Vec<TariffSummary>, StorageError> {
        Ok(self.inventory().await?.tariffs)
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

/// The lists' view of storage: summaries of what reads, and the records that do not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inventory {
    pub plans: Vec<PlanSummary>,
    pub tariffs: Vec<TariffSummary>,
    pub unreadable: Vec<Unreadable>,
}

/// The tariff list's order: by name (case-insensitive), then id.
pub fn sort_tariff_summaries(v: &mut [TariffSummary]) {
    v.sort_by(|a, b| {
        crate::domain::format::fold_sv(&a.name)
            .cmp(&crate::domain::format::fold_sv(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
    // a jour tariff right under its normal tariff (when that is stored)
    let jours: Vec<(String, String)> = v
        .iter()
        .filter_map(|t| Some((t.id.clone(), t.normal_id.clone()?)))
        .collect();
    for (id, normal) in jours {
        let (Some(j), Some(n)) = (
            v.iter().position(|t| t.id == id),
            v.iter().position(|t| t.id == normal),
        ) else {
            continue;
        };
        if n < j {
            v[n + 1..=j].rotate_right(1);
        } else {
            v[j..=n].rotate_left(1);
        }
    }
}

/// Check each expectation against the stored revisions (`current` gives a record's revision), then the new
/// revisions of every record the ops touch: one more than now. The twins share this, so they agree.
pub fn next_revisions(
    expect: &[Expect],
    ops: &[Op],
    current: impl Fn(Kind, &str) -> Rev,
) -> Result<Revisions, StorageError> {
    for e in expect {
        if current(e.kind, &e.key) != e.rev {
            return Err(StorageError::Stale {
                kind: e.kind,
                key: e.key.clone(),
            });
        }
    }
    let mut out = Revisions::new();
    for op in ops {
        let next = out
            .get(&(op.kind, op.key.clone()))
            .copied()
            .unwrap_or_else(|| current(op.kind, &op.key))
            + 1;
        out.insert((op.kind, op.key.clone()), next);
    }
    Ok(out)
}

/// The start page's order: by title (case-insensitive), then id.
pub fn sort_summaries(v: &mut [PlanSummary]) {
    v.sort_by(|a, b| {
        crate::domain::format::fold_sv(&a.title)
            .cmp(&crate::domain::format::fold_sv(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The repository the app uses: IndexedDB, or memory when the browser refuses IndexedDB.
#[cfg(target_arch = "wasm32")]
pub enum AnyRepository {
    Idb(idb::IdbRepository),
    Memory(memory::MemoryRepository),
}

#[cfg(target_arch = "wasm32")]
impl AnyRepository {
    /// Close the database connection (IndexedDB only; memory has none).
    pub fn close(&self) {
        if let Self::Idb(r) = self {
            r.close();
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl Repository for AnyRepository {
    async fn records_of(&self, kind: Kind) -> Result<BTreeMap<String, String>, StorageError> {
        match self {
            Self::Idb(r) => r.records_of(kind).await,
            Self::Memory(r) => r.records_of(kind).await,
        }
    }
    async fn record_at(&self, kind: Kind, id: &str) -> Result<Option<(String, Rev)>, StorageError> {
        match self {
            Self::Idb(r) => r.record_at(kind, id).await,
            Self::Memory(r) => r.record_at(kind, id).await,
        }
    }
    async fn commit_ops(&self, ops: Vec<Op>, expect: &[Expect]) -> Result<Revisions, StorageError> {
        match self {
            Self::Idb(r) => r.commit_ops(ops, expect).await,
            Self::Memory(r) => r.commit_ops(ops, expect).await,
        }
    }
    async fn clear(&self) -> Result<(), StorageError> {
        match self {
            Self::Idb(r) => r.clear().await,
            Self::Memory(r) => r.clear().await,
        }
    }
}
