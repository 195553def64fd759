//! The IndexedDB repository: one database `verksam`, one object store per [`Kind`] (`plans`, `tariffs`,
//! `rule_sets`; key: id, value: the record text). Each method is one transaction, awaited until it has committed; nothing but IndexedDB
//! requests is awaited inside a transaction, so it cannot auto-commit half-way.

use super::{Kind, Repository, StorageError, WriteBatch};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use std::collections::BTreeMap;

const STORES: [&str; 3] = ["plans", "tariffs", "rule_sets"];

fn backend(e: impl std::fmt::Display) -> StorageError {
    StorageError::Backend(e.to_string())
}

/// A handle to the opened database.
pub struct IdbRepository {
    db: Database,
}

impl IdbRepository {
    /// Open (and create or upgrade) the database with this name; the app uses `verksam`.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let db = Database::open(name)
            .with_version(2u32)
            .with_on_upgrade_needed(|event, db| {
                // version 1 had only `plans`; version 2 adds tariffs and rule sets
                if event.old_version() < 1.0 {
                    db.create_object_store(Kind::Plan.store()).build()?;
                }
                if event.old_version() < 2.0 {
                    db.create_object_store(Kind::Tariff.store()).build()?;
                    db.create_object_store(Kind::RuleSet.store()).build()?;
                }
                Ok(())
            })
            .await
            .map_err(backend)?;
        Ok(IdbRepository { db })
    }
}

impl Repository for IdbRepository {
    async fn records_of(&self, kind: Kind) -> Result<BTreeMap<String, String>, StorageError> {
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

    async fn record_of(&self, kind: Kind, id: &str) -> Result<Option<String>, StorageError> {
        let tx = self.db.transaction(kind.store()).build().map_err(backend)?;
        let store = tx.object_store(kind.store()).map_err(backend)?;
        store.get::<String, _, _>(id).await.map_err(backend)
    }

    async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError> {
        let ops = batch.ops();
        let tx = self
            .db
            .transaction(STORES)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(backend)?;
        for op in ops {
            let store = tx.object_store(op.kind.store()).map_err(backend)?;
            match op.value {
                None => {
                    store.delete(op.key.as_str()).await.map_err(backend)?;
                }
                Some(v) if op.must_be_new => {
                    if store.add(v).with_key(op.key.as_str()).await.is_err() {
                        // dropping `tx` without commit rolls everything back
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
        tx.commit().await.map_err(backend)
    }

    async fn clear(&self) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(STORES)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(backend)?;
        for name in STORES {
            tx.object_store(name)
                .map_err(backend)?
                .clear()
                .map_err(backend)?
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }
}
