//! The in-memory twin of the IndexedDB repository, for native tests and as a fallback when the browser
//! refuses IndexedDB (private mode in some browsers).

use super::{encode, Repository, StorageError, WriteBatch};
use std::cell::RefCell;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct MemoryRepository {
    records: RefCell<BTreeMap<String, String>>,
}

impl MemoryRepository {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Repository for MemoryRepository {
    async fn records(&self) -> Result<BTreeMap<String, String>, StorageError> {
        Ok(self.records.borrow().clone())
    }

    async fn record(&self, id: &str) -> Result<Option<String>, StorageError> {
        Ok(self.records.borrow().get(id).cloned())
    }

    async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError> {
        // work on a copy and swap it in at the end: all or nothing, like a transaction
        let mut next = self.records.borrow().clone();
        for id in batch.delete {
            next.remove(id);
        }
        for p in batch.put {
            next.insert(p.id.clone(), encode(p));
        }
        for p in batch.add_new {
            if next.contains_key(&p.id) {
                return Err(StorageError::Conflict(p.id.clone()));
            }
            next.insert(p.id.clone(), encode(p));
        }
        *self.records.borrow_mut() = next;
        Ok(())
    }

    async fn clear(&self) -> Result<(), StorageError> {
        self.records.borrow_mut().clear();
        Ok(())
    }
}
