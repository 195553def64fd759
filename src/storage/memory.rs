//! The in-memory twin of the IndexedDB repository, for native tests and as a fallback when the browser
//! refuses IndexedDB (private mode in some browsers).

use super::{next_revisions, Expect, Kind, Op, Repository, Rev, Revisions, StorageError};
use std::cell::RefCell;
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
struct Stores {
    records: BTreeMap<Kind, BTreeMap<String, String>>,
    revisions: BTreeMap<(Kind, String), Rev>,
}

#[derive(Debug, Default)]
pub struct MemoryRepository {
    stores: RefCell<Stores>,
}

impl MemoryRepository {
    pub fn new() -> Self {
        Self::default()
    }
}

impl super::conformance::Poison for MemoryRepository {
    async fn poison(&self, kind: Kind, key: &str, text: &str) {
        self.stores
            .borrow_mut()
            .records
            .entry(kind)
            .or_default()
            .insert(key.to_string(), text.to_string());
    }
}

impl Repository for MemoryRepository {
    async fn records_of(&self, kind: Kind) -> Result<BTreeMap<String, String>, StorageError> {
        Ok(self
            .stores
            .borrow()
            .records
            .get(&kind)
            .cloned()
            .unwrap_or_default())
    }

    async fn record_at(&self, kind: Kind, id: &str) -> Result<Option<(String, Rev)>, StorageError> {
        let s = self.stores.borrow();
        let rev = s
            .revisions
            .get(&(kind, id.to_string()))
            .copied()
            .unwrap_or_default();
        Ok(s.records
            .get(&kind)
            .and_then(|m| m.get(id))
            .map(|r| (r.clone(), rev)))
    }

    async fn commit_ops(&self, ops: Vec<Op>, expect: &[Expect]) -> Result<Revisions, StorageError> {
        // work on a copy and swap it in at the end: all or nothing, like a transaction
        let mut next = self.stores.borrow().clone();
        let revs = next_revisions(expect, &ops, |kind, key| {
            next.revisions
                .get(&(kind, key.to_string()))
                .copied()
                .unwrap_or_default()
        })?;
        for op in ops {
            let store = next.records.entry(op.kind).or_default();
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
        next.revisions
            .extend(revs.iter().map(|(k, v)| (k.clone(), *v)));
        *self.stores.borrow_mut() = next;
        Ok(revs)
    }

    async fn clear(&self) -> Result<(), StorageError> {
        // revisions stay as tombstones (see `Rev`)
        let mut s = self.stores.borrow_mut();
        let Stores { records, revisions } = &mut *s;
        for (kind, store) in records.iter() {
            for key in store.keys() {
                *revisions.entry((*kind, key.clone())).or_default() += 1;
            }
        }
        records.clear();
        Ok(())
    }
}
