//! Opening the workspace's storage: IndexedDB (or memory where the browser refuses it), the other tabs'
//! messages, the changes an earlier page kept ([`super::journal`]), the lists. Apart from [`super::state`] so
//! the app state does not depend on the journal, which depends on the app state.

use super::journal;
use crate::storage::AnyRepository;
use crate::ui::shell::state::AppState;
use leptos::prelude::*;

impl AppState {
    /// Open storage (IndexedDB, or memory where the browser refuses it) and read the lists, once; `ready` when
    /// done. A published link's visitor gets no database until they save a copy.
    pub async fn open_storage(&self) {
        if self.opening.get_value() {
            while !self.ready.get_untracked() {
                gloo_timers::future::TimeoutFuture::new(20).await;
            }
            return;
        }
        self.opening.set_value(true);
        let app = *self;
        match crate::storage::idb::IdbRepository::open_watching("verksam", move || {
            app.blocked.set(true)
        })
        .await
        {
            Ok(r) => {
                r.on_version_change(move || app.version_changed());
                self.set_repo(AnyRepository::Idb(r));
            }
            Err(_) => {
                self.memory_only.set(true);
                self.set_repo(AnyRepository::Memory(
                    crate::storage::memory::MemoryRepository::new(),
                ));
            }
        }
        self.blocked.set(false);
        self.listen_to_other_tabs();
        // changes kept as an earlier page closed: written before any page reads its record
        if journal::pending() {
            journal::write_kept(*self).await;
        }
        if let Err(e) = self.refresh().await {
            self.notify(e.to_string());
        }
        self.ready.set(true);
    }
}
