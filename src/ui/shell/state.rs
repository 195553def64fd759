//! App-wide state in context: the repository, the lists, save state, notices, the open document, what other tabs and the database report.

pub use crate::storage::TariffSummary;
use crate::storage::{
    AnyRepository, Kind, PlanSummary, Repository, Rev, Revisions, StorageError, Unreadable,
    WriteBatch,
};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Whether the latest change has reached storage.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

/// A short message with an optional undo action (the start page's "Planen togs bort. Ångra").
#[derive(Clone)]
pub struct Notice {
    pub text: String,
    pub undo: Option<Callback<()>>,
    /// The page it belongs to when it is set just before going there (a new tariff's page); otherwise it
    /// belongs to the page it was set on. A notice closes when the user goes to another page.
    pub for_path: Option<String>,
}

/// The document being edited on the page now (a plan or a tariff), as the app shell sees it: saved at once
/// when the page is hidden or closed, and told when another tab has written the same record.
pub trait ActiveDoc {
    /// Start writing pending changes now (no wait for the pause in typing).
    fn flush(&self);
    /// Keep pending changes synchronously ([`super::journal`]): the page may be gone before a write completes.
    fn keep_pending(&self);
    /// Changes not yet committed, or a write under way.
    fn busy(&self) -> bool;
    /// Another tab committed revision `rev` of this record.
    fn changed_elsewhere(&self, kind: Kind, key: &str, rev: Rev);
}

/// Shared state, read through [`use_app`].
#[derive(Clone, Copy)]
pub struct AppState {
    repo: StoredValue<Option<Rc<AnyRepository>>, LocalStorage>,
    pub ready: RwSignal<bool>,
    /// True when IndexedDB was refused and data lives only in memory.
    pub memory_only: RwSignal<bool>,
    /// Another tab holds an older version of the database open: opening waits until it closes.
    pub blocked: RwSignal<bool>,
    /// Another tab upgraded the database (a new version of verksam): this tab saved, closed it and must reload.
    pub closed: RwSignal<bool>,
    /// A new release took over in another tab: this tab's code is the old one.
    pub stale: RwSignal<bool>,
    pub plans: RwSignal<Vec<PlanSummary>>,
    /// The stored tariffs (summaries), by name.
    pub tariffs: RwSignal<Vec<TariffSummary>>,
    /// Stored records whose header does not read.
    pub unreadable: RwSignal<Vec<Unreadable>>,
    pub save: RwSignal<SaveState>,
    pub notice: RwSignal<Option<Notice>>,
    editor: StoredValue<Option<Rc<dyn ActiveDoc>>, LocalStorage>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    /// Storage is being opened (or is open).
    pub(super) opening: StoredValue<bool>,
    /// Another tab committed: the lists are re-read shortly.
    lists_stale: StoredValue<bool>,
}

/// What one tab tells the others after a commit: a record and its new revision, as `store\nrev\nkey`.
fn committed_message(kind: Kind, key: &str, rev: Rev) -> String {
    format!("{}\n{rev}\n{key}", kind.store())
}

/// The record and revision a message names, if it is one.
fn read_committed(text: &str) -> Option<(Kind, Rev, &str)> {
    let mut parts = text.splitn(3, '\n');
    let store = parts.next()?;
    let kind = Kind::ALL.into_iter().find(|k| k.store() == store)?;
    let rev = parts.next()?.parse().ok()?;
    Some((kind, rev, parts.next()?))
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            repo: StoredValue::new_local(None),
            ready: RwSignal::new(false),
            memory_only: RwSignal::new(false),
            blocked: RwSignal::new(false),
            closed: RwSignal::new(false),
            stale: RwSignal::new(false),
            plans: RwSignal::new(vec![]),
            tariffs: RwSignal::new(vec![]),
            unreadable: RwSignal::new(vec![]),
            save: RwSignal::new(SaveState::Idle),
            notice: RwSignal::new(None),
            editor: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            opening: StoredValue::new(false),
            lists_stale: StoredValue::new(false),
        }
    }

    /// Another tab asks for a newer database: save what is pending, close, and ask the user to reload.
    pub(super) fn version_changed(&self) {
        let app = *self;
        leptos::task::spawn_local(async move {
            app.flush_and_wait().await;
            if let Some(r) = app.repo.get_value() {
                r.close();
            }
            app.closed.set(true);
        });
    }

    /// Follow other tabs' commits: refresh the lists, and tell the open document.
    pub(super) fn listen_to_other_tabs(&self) {
        let Ok(ch) = web_sys::BroadcastChannel::new("verksam") else {
            return;
        };
        let app = *self;
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let Some(text) = ev.data().as_string() else {
                    return;
                };
                let Some((kind, rev, key)) = read_committed(&text) else {
                    return;
                };
                if let Some(ed) = app.editor.get_value() {
                    ed.changed_elsewhere(kind, key, rev);
                }
                // another tab typing saves every pause: re-read the lists once for a burst of messages
                if !app.lists_stale.get_value() {
                    app.lists_stale.set_value(true);
                    leptos::task::spawn_local(async move {
                        gloo_timers::future::TimeoutFuture::new(300).await;
                        app.lists_stale.set_value(false);
                        let _ = app.refresh().await;
                    });
                }
            });
        ch.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.channel.set_value(Some(ch));
    }

    /// Tell the other tabs what a commit wrote.
    pub fn announce(&self, revs: &Revisions) {
        self.channel.with_value(|ch| {
            let Some(ch) = ch else { return };
            for ((kind, key), rev) in revs {
                let _ = ch.post_message(&committed_message(*kind, key, *rev).into());
            }
        });
    }

    /// Write a batch in one transaction and tell the other tabs.
    pub async fn write(&self, batch: WriteBatch<'_>) -> Result<(), StorageError> {
        let revs = self.repo().commit(batch).await?;
        self.announce(&revs);
        Ok(())
    }

    /// Delete everything stored, and tell the other tabs that what they show is gone.
    pub async fn clear_all(&self) -> Result<(), StorageError> {
        let mut gone = Revisions::new();
        for s in self.plans.get_untracked() {
            gone.insert((Kind::Plan, s.id), Rev::MAX);
        }
        for s in self.tariffs.get_untracked() {
            gone.insert((Kind::Tariff, s.id), Rev::MAX);
        }
        self.repo().clear().await?;
        self.announce(&gone);
        Ok(())
    }

    /// The page's document from now on (`None` when the page closes).
    pub fn set_editor(&self, doc: Option<Rc<dyn ActiveDoc>>) {
        self.editor.set_value(doc);
    }

    /// Start writing the open document's pending changes now (the page is being hidden or closed).
    pub fn flush(&self) {
        if let Some(ed) = self.editor.get_value() {
            ed.flush();
        }
    }

    /// The page is being hidden or closed: keep the open document's pending changes synchronously as well,
    /// and start writing them.
    pub fn flush_for_unload(&self) {
        if let Some(ed) = self.editor.get_value() {
            ed.keep_pending();
            ed.flush();
        }
    }

    /// Flush and wait until the open document has no write pending (at most a few seconds).
    pub async fn flush_and_wait(&self) {
        self.flush();
        for _ in 0..150 {
            let busy = self.editor.get_value().is_some_and(|ed| ed.busy());
            if !busy {
                return;
            }
            gloo_timers::future::TimeoutFuture::new(20).await;
        }
    }

    pub fn set_repo(&self, repo: AnyRepository) {
        self.repo.set_value(Some(Rc::new(repo)));
    }

    /// The repository (after start-up).
    pub fn repo(&self) -> Rc<AnyRepository> {
        self.repo
            .get_value()
            .expect("repository opened before pages render")
    }

    /// Re-read the plan and tariff lists from storage (and which records do not read).
    pub async fn refresh(&self) -> Result<(), StorageError> {
        let inv = self.repo().inventory().await?;
        self.plans.set(inv.plans);
        self.tariffs.set(inv.tariffs);
        self.unreadable.set(inv.unreadable);
        Ok(())
    }

    /// Ids of the stored tariffs (as last listed).
    pub fn tariff_ids(&self) -> std::collections::BTreeSet<String> {
        self.tariffs
            .get_untracked()
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    /// Ids of the stored plans (as last listed).
    pub fn plan_ids(&self) -> std::collections::BTreeSet<String> {
        self.plans
            .get_untracked()
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    /// Ids of the stored subsidy rule sets (read now: they have no list of their own).
    pub async fn rule_set_ids(&self) -> Result<std::collections::BTreeSet<String>, StorageError> {
        Ok(self
            .repo()
            .load_rule_sets()
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect())
    }

    /// Add plans that must not exist yet, in one transaction, and refresh the list.
    pub async fn add_plans(&self, plans: &[crate::domain::plan::Plan]) -> Result<(), StorageError> {
        let result = self
            .write(WriteBatch {
                add_new: plans,
                ..Default::default()
            })
            .await;
        self.refresh().await?;
        result
    }

    pub fn notify(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
            for_path: None,
        }));
    }

    /// A message with *Ångra*: what was done, in the page, undone with one click.
    pub fn notify_with_undo(&self, text: impl Into<String>, undo: Callback<()>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: Some(undo),
            for_path: None,
        }));
    }

    /// A message for the page the app is about to open (`path`).
    pub fn notify_on(&self, path: &str, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
            for_path: Some(path.to_string()),
        }));
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>().expect("AppState provided by App")
}
