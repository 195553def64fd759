//! The IndexedDB repository: one database `verksam`, one object store per [`Kind`] (`plans`, `tariffs`,
//! `rule_sets`; key: id, value: the record text) and `revisions` (key: `<store>/<id>`, value: the record's
//! revision). Each method is one transaction, awaited until it has committed; nothing but IndexedDB requests is
//! awaited inside a transaction, so it cannot auto-commit half-way.
//!
//! The database's lifecycle is the app's to show: [`IdbRepository::open`] reports when another tab holds an
//! older version open (`blocked`), and [`IdbRepository::on_version_change`] when another tab wants a newer one
//! (the app then saves what is pending, [closes](IdbRepository::close) and asks for a reload).

use super::{next_revisions, Expect, Kind, Op, Repository, Rev, Revisions, StorageError};
use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use std::cell::Cell;
use std::collections::BTreeMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The schema's version: 1 had `plans`, 2 added tariffs and rule sets, 3 the revisions.
pub const DB_VERSION: u32 = 3;
const REVISIONS: &str = "revisions";
const RECORD_STORES: [&str; 3] = ["plans", "tariffs", "rule_sets"];
const ALL_STORES: [&str; 4] = ["plans", "tariffs", "rule_sets", REVISIONS];

fn backend(e: indexed_db_futures::error::Error) -> StorageError {
    use indexed_db_futures::error::Error;
    // a full disk is the user's to act on: say so (the DOMException's name says it in every browser)
    if let Error::DomException(d) = &e {
        let name = js_sys::Reflect::get(d.as_ref(), &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            return StorageError::Full;
        }
    }
    StorageError::Backend(e.to_string())
}

/// An error opening the database.
fn open_failed(e: indexed_db_futures::error::OpenDbError) -> StorageError {
    StorageError::Backend(e.to_string())
}

fn rev_key(kind: Kind, id: &str) -> String {
    format!("{}/{id}", kind.store())
}

/// A handle to the opened database.
pub struct IdbRepository {
    db: Database,
    closed: Cell<bool>,
}

impl IdbRepository {
    /// Open (and create or upgrade) the database with this name; the app uses `verksam`.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        Self::open_watching(name, || {}).await
    }

    /// Open, calling `blocked` if another tab holds an older version open (the open then waits until that tab
    /// closes its connection).
    pub async fn open_watching(
        name: &str,
        blocked: impl Fn() + 'static,
    ) -> Result<Self, StorageError> {
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_blocked(move |_| {
                blocked();
                Ok(())
            })
            .with_on_upgrade_needed(|_, db| {
                // every store this version has, whatever an earlier version (or another page) left
                let have: Vec<String> = db.object_store_names().collect();
                for name in ALL_STORES {
                    if !have.iter().any(|h| h == name) {
                        db.create_object_store(name).build()?;
                    }
                }
                Ok(())
            })
            .await
            .map_err(open_failed)?;
        Ok(IdbRepository {
            db,
            closed: Cell::new(false),
        })
    }

    /// Call `f` when another tab asks for a newer version of the database. This tab must then close its
    /// connection, or the other tab waits.
    pub fn on_version_change(&self, f: impl Fn() + 'static) {
        let cb = Closure::<dyn Fn()>::new(f);
        self.db
            .as_sys()
            .set_onversionchange(Some(cb.as_ref().unchecked_ref()));
        cb.forget();
    }

    /// Close the connection: transactions under way finish, later calls fail with [`StorageError::Closed`].
    pub fn close(&self) {
        self.closed.set(true);
        self.db.as_sys().close();
    }

    fn open_check(&self) -> Result<(), StorageError> {
        if self.closed.get() {
            Err(StorageError::Closed)
        } else {
            Ok(())
        }
    }
}

impl Repository for IdbRepository {
    async fn records_of(&self, kind: Kind) -> Result<BTreeMap<String, String>, StorageError> {
        self.open_check()?;
        let tx = self.db.transaction(kind.store()).build().map_err(backend)?;
        let store = tx.object_store(kind.store()).map_err(backend)?;
        let keys: Vec<String> = store
            .get_all_keys::<String>()
            .await
            .map_err(backend)?
            .collect::<Result<_, _>>()
            .map_err(backend)?;
        let values: Vec<String> = store
            .get_all::<String>()
            .await
            .map_err(backend)?
            .collect::<Result<_, _>>()
            .map_err(backend)?;
        // get_all and get_all_keys both return key order
        Ok(keys.into_iter().zip(values).collect())
    }

    async fn record_at(&self, kind: Kind, id: &str) -> Result<Option<(String, Rev)>, StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction([kind.store(), REVISIONS])
            .build()
            .map_err(backend)?;
        let store = tx.object_store(kind.store()).map_err(backend)?;
        let Some(record) = store.get::<String, _, _>(id).await.map_err(backend)? else {
            return Ok(None);
        };
        let revs = tx.object_store(REVISIONS).map_err(backend)?;
        let rev = revs
            .get::<f64, _, _>(rev_key(kind, id))
            .await
            .map_err(backend)?
            .unwrap_or_default();
        Ok(Some((record, rev as Rev)))
    }

    async fn commit_ops(&self, ops: Vec<Op>, expect: &[Expect]) -> Result<Revisions, StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(ALL_STORES)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(backend)?;
        let revs = tx.object_store(REVISIONS).map_err(backend)?;
        // the revisions now of every record this batch expects or touches
        let mut now: BTreeMap<(Kind, String), Rev> = BTreeMap::new();
        let wanted = expect
            .iter()
            .map(|e| (e.kind, e.key.clone()))
            .chain(ops.iter().map(|o| (o.kind, o.key.clone())));
        for (kind, key) in wanted {
            if now.contains_key(&(kind, key.clone())) {
                continue;
            }
            let rev = revs
                .get::<f64, _, _>(rev_key(kind, &key))
                .await
                .map_err(backend)?
                .unwrap_or_default();
            now.insert((kind, key), rev as Rev);
        }
        // a stale expectation returns here; dropping `tx` without commit rolls everything back
        let next = next_revisions(expect, &ops, |kind, key| {
            now.get(&(kind, key.to_string()))
                .copied()
                .unwrap_or_default()
        })?;
        for op in ops {
            let store = tx.object_store(op.kind.store()).map_err(backend)?;
            match op.value {
                None => {
                    store.delete(op.key.as_str()).await.map_err(backend)?;
                }
                Some(v) if op.must_be_new => {
                    if store.add(v).with_key(op.key.as_str()).await.is_err() {
                        return Err(StorageError::Conflict(op.key));
                    }
                }
                Some(v) => {
                    store
                        .put(v)
                        .with_key(op.key.as_str())
                        .await
                        .map_err(backend)?;
                }
            }
        }
        for ((kind, key), rev) in &next {
            revs.put(*rev as f64)
                .with_key(rev_key(*kind, key))
                .await
                .map_err(backend)?;
        }
        // a write over the quota aborts the transaction: its error says so
        let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        tx.commit().await.map_err(|e| {
            let full = raw
                .error()
                .is_some_and(|d| d.name() == "QuotaExceededError");
            if full {
                StorageError::Full
            } else {
                backend(e)
            }
        })?;
        Ok(next)
    }

    async fn clear(&self) -> Result<(), StorageError> {
        self.open_check()?;
        let tx = self
            .db
            .transaction(ALL_STORES)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(backend)?;
        let revs = tx.object_store(REVISIONS).map_err(backend)?;
        for (kind, name) in Kind::ALL.into_iter().zip(RECORD_STORES) {
            let store = tx.object_store(name).map_err(backend)?;
            // every cleared record keeps a tombstone one revision on, so a tab showing it cannot write it back
            let keys: Vec<String> = store
                .get_all_keys::<String>()
                .await
                .map_err(backend)?
                .collect::<Result<_, _>>()
                .map_err(backend)?;
            for key in keys {
                let k = rev_key(kind, &key);
                let rev = revs
                    .get::<f64, _, _>(k.as_str())
                    .await
                    .map_err(backend)?
                    .unwrap_or_default();
                revs.put(rev + 1.0).with_key(k).await.map_err(backend)?;
            }
            store.clear().map_err(backend)?.await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }
}

impl super::conformance::Poison for IdbRepository {
    async fn poison(&self, kind: Kind, key: &str, text: &str) {
        let tx = self
            .db
            .transaction(kind.store())
            .with_mode(TransactionMode::Readwrite)
            .build()
            .expect("transaction");
        tx.object_store(kind.store())
            .expect("store")
            .put(text.to_string())
            .with_key(key)
            .await
            .expect("put");
        tx.commit().await.expect("commit");
    }
}
