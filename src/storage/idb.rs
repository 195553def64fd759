//! The IndexedDB repository: one database `verksam`, one object store `plans` (key: plan id, value: the
//! record text). Each method is one transaction, awaited until it has committed; nothing but IndexedDB
//! requests is awaited inside a transaction, so it cannot auto-commit half-way.

use super::{encode, Repository, StorageError, WriteBatch};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use std::collections::BTreeMap;

const STORE: &str = "plans";

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
            .with_version(1u32)
            .with_on_upgrade_needed(|event, db| {
                if event.old_version() < 1.0 {
                    db.create_object_store(STORE).build()?;
                }
                Ok(())
            })
            .await
            .map_err(backend)?;
        Ok(IdbRepository { db })
    }
}

impl Repository for IdbRepository {
    async fn records(&self) -> Result<BTreeMap<String, String>, StorageError> {
        let tx = self.db.transaction(STORE).build().map_err(backend)?;
        let store = tx.object_store(STORE).map_err(backend)?;
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

    async fn record(&self, id: &str) -> Result<Option<String>, StorageError> {
        let tx = self.db.transaction(STORE).build().map_err(backend)?;
        let store = tx.object_store(STORE).map_err(backend)?;
        store.get::<String, _, _>(id).await.map_err(backend)
    }

    async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(STORE)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(backend)?;
        let store = tx.object_store(STORE).map_err(backend)?;
        for id in batch.delete {
            store.delete(id.as_str()).await.map_err(backend)?;
        }
        for p in batch.put {
            store
                .put(encode(p))
                .with_key(p.id.as_str())
                .await
                .map_err(backend)?;
        }
        for p in batch.add_new {
            if store.add(encode(p)).with_key(p.id.as_str()).await.is_err() {
                // dropping `tx` without commit rolls everything back
                return Err(StorageError::Conflict(p.id.clone()));
            }
        }
        tx.commit().await.map_err(backend)
    }

    async fn clear(&self) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(STORE)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(backend)?;
        tx.object_store(STORE)
            .map_err(backend)?
            .clear()
            .map_err(backend)?
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}
