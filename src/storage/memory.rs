//! The in-memory twin of the IndexedDB repository, for native tests and as a fallback when the browser
//! refuses IndexedDB (private mode in some browsers).

use super::{Kind, Repository, StorageError, WriteBatch};
use std::cell::RefCell;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct MemoryRepository {
    records: RefCell<BTreeMap<Kind, BTreeMap<String, String>>>,
}

impl MemoryRepository {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Repository for MemoryRepository {
    async fn records_of(&self, kind: Kind) -> Result<BTreeMap<String, String>, StorageError> {
        Ok(self
            .records
            .borrow()
            .get(&kind)
            .cloned()
            .unwrap_or_default())
    }

    async fn record_of(&self, kind: Kind, id: &str) -> Result<Option<String>, StorageError> {
        Ok(self
            .records
            .borrow()
            .get(&kind)
            .and_then(|m| m.get(id))
            .cloned())
    }

    async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError> {
        // work on a copy and swap it in at the end: all or nothing, like a transaction
        let mut next = self.records.borrow().clone();
        for op in batch.ops() {
            let store = next.entry(op.kind).or_default();
            match op.value {
                None => {
                    store.remove(&op.key);
                }
                Some(v) => {
                    if op.must_be_new && store.contains_key(&op.key) {
                        return Err(StorageError::Conflict(op.key));
                    }
                    store.insert(op.key, v);
                }
            }
        }
        *self.records.borrow_mut() = next;
        Ok(())
    }

    async fn clear(&self) -> Result<(), StorageError> {
        self.records.borrow_mut().clear();
        Ok(())
    }
}
