//! The one editing machine for a plan or a tariff ([`EditCtx`]): every change goes through
//! [`EditCtx::apply`], which checks it with the rules storage applies (a refused change is put back and
//! explained at its field), records undo history (typing in one field is one step), and saves shortly after.
//!
//! Saving never lies and never loses: *Sparat* shows only once the last change has committed; a write that
//! fails is shown at once and the change stays pending; pending changes are written at once when the page is
//! hidden or closed (the app shell calls [`ActiveDoc::flush`] on `visibilitychange` and `pagehide`) and when
//! the page is left. Each write names the revision it was based on: if another tab wrote the record since, the
//! write is refused and the user chooses which version to keep; a change from another tab while nothing is
//! pending here is simply shown.

use crate::domain::draft::{EditKey, Editable, Part};
use crate::domain::history::History;
use crate::storage::{Doc, Kind, Repository, Rev, StorageError};
use crate::ui::shell::browser::{now_iso, now_ms};
use crate::ui::shell::state::{ActiveDoc, AppState, SaveState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::rc::Rc;

/// Pause in typing before a save, in milliseconds.
const SAVE_DELAY_MS: u32 = 150;

/// A document the editor keeps: storable, checkable part by part, and listed on the app's pages.
pub trait Edited: Doc + Editable + Send + Sync {
    /// Bring the app's list (start page, tariff list) up to date after a save.
    fn listed(&self, app: &AppState);
    /// "Planen" / "Taxan", for messages.
    const WORD: &'static str;
}

impl Edited for crate::domain::plan::Plan {
    const WORD: &'static str = "Planen";
    fn listed(&self, app: &AppState) {
        let summary = crate::storage::PlanSummary::from(self);
        app.plans.update(|list| {
            match list.iter_mut().find(|s| s.id == summary.id) {
                Some(s) => *s = summary,
                None => list.push(summary),
            }
            crate::storage::sort_summaries(list);
        });
    }
}

impl Edited for crate::domain::tariff::Tariff {
    const WORD: &'static str = "Taxan";
    fn listed(&self, app: &AppState) {
        let summary = crate::storage::TariffSummary::from(self);
        app.tariffs.update(|list| {
            if let Some(s) = list.iter_mut().find(|s| s.id == summary.id) {
                *s = summary;
            }
        });
    }
}

/// Another tab's change that needs the user's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elsewhere {
    /// A newer version was saved elsewhere while changes here were not yet saved.
    Changed,
    /// The record was deleted elsewhere.
    Deleted,
}

/// The save machine's state, outside the reactive graph so a write started as the page closes can finish.
#[derive(Default)]
struct Saver {
    /// The revision the document was read at or last written as.
    base: Option<Rev>,
    /// Changes not yet in a write.
    dirty: bool,
    writing: bool,
    /// Write again as soon as the write under way is done.
    again: bool,
    /// The debounce generation: a timer writes only if no change came after it.
    generation: u64,
    /// Another tab's version is waiting for the user's choice: no writes until then.
    held: bool,
}

/// Editing state of one document, shared by its page's components.
pub struct EditCtx<T: Edited> {
    app: AppState,
    pub doc: RwSignal<Option<T>>,
    /// Bumped when the document changes other than by typing (undo, redo, structure, another tab's version),
    /// so editors re-read it.
    pub rev: RwSignal<u64>,
    history: StoredValue<History<T>, LocalStorage>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    saver: StoredValue<Rc<RefCell<Saver>>, LocalStorage>,
    /// A refused change: the field's key name and why, shown at that field.
    pub field_error: RwSignal<Option<(String, String)>>,
    /// Another tab's change waiting for the user's choice.
    pub elsewhere: RwSignal<Option<Elsewhere>>,
    /// A published document being read: no change is applied and nothing is saved.
    pub read_only: bool,
}

impl<T: Edited> Clone for EditCtx<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Edited> Copy for EditCtx<T> {}

impl<T: Edited> EditCtx<T> {
    pub fn new(app: AppState, history_steps: usize) -> Self {
        EditCtx {
            app,
            doc: RwSignal::new(None),
            rev: RwSignal::new(0),
            history: StoredValue::new_local(History::new(history_steps, 1500.0)),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            saver: StoredValue::new_local(Rc::new(RefCell::new(Saver::default()))),
            field_error: RwSignal::new(None),
            elsewhere: RwSignal::new(None),
            read_only: false,
        }
    }

    fn saver(&self) -> Rc<RefCell<Saver>> {
        self.saver.get_value()
    }

    /// Show a document read at revision `rev` (`None`: never stored); history starts afresh.
    pub fn open(&self, doc: T, rev: Option<Rev>) {
        {
            let s = self.saver();
            let mut s = s.borrow_mut();
            *s = Saver {
                base: rev,
                ..Saver::default()
            };
        }
        self.history.update_value(|h| h.clear());
        self.can_undo.set(false);
        self.can_redo.set(false);
        self.field_error.set(None);
        self.elsewhere.set(None);
        self.doc.set(Some(doc));
        self.rev.update(|r| *r += 1);
    }

    /// Load the document named by the route's `:id` once storage is ready, register it with the app shell (so
    /// it is saved when the page is hidden and hears of other tabs' writes), and bind Ctrl+Z / Ctrl+Shift+Z.
    /// The signal holds why the document cannot be shown: `Some("")` when it does not exist.
    pub fn for_route(self) -> RwSignal<Option<String>> {
        let app = self.app;
        let params = leptos_router::hooks::use_params_map();
        let missing = RwSignal::new(None::<String>);
        Effect::new(move |_| {
            let id = params.read().get("id").unwrap_or_default();
            if !app.ready.get() {
                return;
            }
            spawn_local(async move {
                match app.repo().load_doc::<T>(&id).await {
                    Ok(Some((doc, rev))) => {
                        missing.set(None);
                        self.open(doc, Some(rev));
                        app.save.set(SaveState::Idle);
                    }
                    Ok(None) => missing.set(Some(String::new())),
                    Err(e) => missing.set(Some(e.to_string())),
                }
            });
        });
        app.set_editor(Some(Rc::new(self)));
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            let key = ev.key().to_ascii_lowercase();
            if !(ev.ctrl_key() || ev.meta_key()) {
                return;
            }
            if key == "z" && !ev.shift_key() {
                ev.prevent_default();
                self.undo();
            } else if (key == "z" && ev.shift_key()) || key == "y" {
                ev.prevent_default();
                self.redo();
            }
        });
        on_cleanup(move || {
            handle.remove();
            // leaving the page: write what is pending now, then let go
            self.flush();
            app.set_editor(None);
        });
        missing
    }

    /// The document's id ("" while loading).
    pub fn id(&self) -> String {
        self.doc
            .with(|d| d.as_ref().map(|d| d.id().to_string()))
            .unwrap_or_default()
    }

    /// Apply a change. `key` names the field for typing coalescence and for where a refusal is shown (`None`:
    /// a step of its own, checked against the whole document, and editors re-read it). The change is checked
    /// with the rules storage applies; a refused change leaves the document as it was. Returns whether it was
    /// applied.
    pub fn apply_dyn(
        &self,
        key: Option<EditKey>,
        f: &mut dyn FnMut(&mut T) -> Result<(), String>,
    ) -> bool {
        if self.read_only || self.app.closed.get_untracked() {
            return false;
        }
        let now = now_ms();
        let name = key.as_ref().map(EditKey::name);
        let part = key.as_ref().map_or(Part::Whole, |k| k.part.clone());
        let result = if self
            .history
            .with_value(|h| h.coalesces(name.as_deref(), now))
        {
            // typing in the same field again: the undo step already holds the state before it, so change in
            // place, keeping only the part the key names in case the change is refused
            let mut result = Ok(());
            self.doc.update_untracked(|d| {
                let Some(d) = d else { return };
                let kept = d.keep(&part);
                result = f(d).and_then(|()| d.check(&part).map_err(|e| refusal(&e)));
                match result {
                    Ok(()) => d.touch(now_iso()),
                    Err(_) => d.put_back(kept),
                }
            });
            if result.is_ok() {
                self.doc.notify();
                self.history.update_value(|h| h.extend_last(now));
            }
            result
        } else {
            // take the document out instead of cloning it twice: one copy is the undo step, the other the new
            // state
            let Some(before) = self.doc.try_update_untracked(Option::take).flatten() else {
                return false;
            };
            let mut next = before.clone();
            match f(&mut next).and_then(|()| next.check(&part).map_err(|e| refusal(&e))) {
                Ok(()) => {
                    next.touch(now_iso());
                    self.history
                        .update_value(|h| h.record(before, name.clone(), now));
                    self.doc.set(Some(next));
                    if key.is_none() {
                        self.rev.update(|r| *r += 1);
                    }
                    Ok(())
                }
                Err(e) => {
                    self.doc.update_untracked(|d| *d = Some(before));
                    Err(e)
                }
            }
        };
        match result {
            Ok(()) => {
                if self
                    .field_error
                    .with_untracked(|e| e.as_ref().is_some_and(|(k, _)| Some(k) == name.as_ref()))
                {
                    self.field_error.set(None);
                }
                self.after_change();
                true
            }
            Err(msg) => {
                match name {
                    Some(k) => self.field_error.set(Some((k, msg))),
                    None => self.app.notify(msg),
                }
                false
            }
        }
    }

    fn after_change(&self) {
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        self.schedule_save();
    }

    pub fn undo(&self) {
        self.step(true);
    }

    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        if self.read_only {
            return;
        }
        let Some(cur) = self.doc.get_untracked() else {
            return;
        };
        let other = self
            .history
            .try_update_value(|h| if back { h.undo(cur) } else { h.redo(cur) })
            .flatten();
        if let Some(d) = other {
            self.field_error.set(None);
            self.doc.set(Some(d));
            self.rev.update(|r| *r += 1);
            self.after_change();
        }
    }

    /// A change is pending: save after a pause in typing.
    fn schedule_save(&self) {
        let saver = self.saver();
        let generation = {
            let mut s = saver.borrow_mut();
            s.dirty = true;
            s.generation += 1;
            s.generation
        };
        if !saver.borrow().held {
            self.app.save.set(SaveState::Saving);
        }
        let this = *self;
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(SAVE_DELAY_MS).await;
            if saver.borrow().generation == generation {
                this.write_now(&saver);
            }
        });
    }

    /// Write the document as it is now, unless a write is under way (then again right after it) or another
    /// tab's version waits for the user's choice.
    fn write_now(&self, saver: &Rc<RefCell<Saver>>) {
        {
            let mut s = saver.borrow_mut();
            if s.held || !s.dirty {
                return;
            }
            if s.writing {
                s.again = true;
                return;
            }
        }
        // the page may be closing: the signal may already be gone
        let Some(Some(doc)) = self.doc.try_get_untracked() else {
            return;
        };
        let base = {
            let mut s = saver.borrow_mut();
            s.dirty = false;
            s.writing = true;
            s.again = false;
            s.base
        };
        let app = self.app;
        let this = *self;
        let saver = saver.clone();
        spawn_local(async move {
            let result = app.repo().save_doc(&doc, base).await;
            let again = {
                let mut s = saver.borrow_mut();
                s.writing = false;
                match &result {
                    Ok(rev) => s.base = Some(*rev),
                    Err(_) => s.dirty = true,
                }
                s.again && s.dirty
            };
            match result {
                Ok(rev) => {
                    app.announce(&[((T::KIND, doc.id().to_string()), rev)].into());
                    doc.listed(&app);
                    if again {
                        this.write_now(&saver);
                    } else if !saver.borrow().dirty {
                        crate::ui::shell::journal::forget(T::KIND, doc.id());
                        app.save.set(SaveState::Saved);
                    }
                }
                Err(StorageError::Stale { .. }) => {
                    let deleted = matches!(app.repo().record_at(T::KIND, doc.id()).await, Ok(None));
                    this.hold(
                        &saver,
                        if deleted {
                            Elsewhere::Deleted
                        } else {
                            Elsewhere::Changed
                        },
                    );
                }
                Err(e) => app.save.set(SaveState::Failed(e.to_string())),
            }
        });
    }

    /// Another tab's version waits for the user's choice: no writes until then, and say so.
    fn hold(&self, saver: &Rc<RefCell<Saver>>, e: Elsewhere) {
        saver.borrow_mut().held = true;
        // the page may have been left while the write was under way
        let _ = self.elsewhere.try_set(Some(e));
        self.app.save.set(SaveState::Failed(format!(
            "{} har ändrats i en annan flik. Välj vilken version som ska gälla.",
            T::WORD
        )));
    }

    /// Show the version stored now (another tab's), dropping what is not saved here.
    pub fn take_theirs(&self) {
        let app = self.app;
        let this = *self;
        let id = self.id();
        spawn_local(async move {
            match app.repo().load_doc::<T>(&id).await {
                Ok(Some((doc, rev))) => {
                    crate::ui::shell::journal::forget(T::KIND, &id);
                    this.open(doc, Some(rev));
                    app.save.set(SaveState::Idle);
                    app.notify(format!(
                        "{} visas nu som den sparades i den andra fliken.",
                        T::WORD
                    ));
                }
                Ok(None) => this.elsewhere.set(Some(Elsewhere::Deleted)),
                Err(e) => app.notify(e.to_string()),
            }
        });
    }

    /// Keep this tab's version: write it over the other tab's (the user chose to).
    pub fn keep_mine(&self) {
        let app = self.app;
        let this = *self;
        let id = self.id();
        spawn_local(async move {
            let current = match app.repo().record_at(T::KIND, &id).await {
                Ok(Some((_, rev))) => Some(rev),
                Ok(None) => None,
                Err(e) => {
                    app.notify(e.to_string());
                    return;
                }
            };
            let saver = this.saver();
            {
                let mut s = saver.borrow_mut();
                s.held = false;
                s.dirty = true;
                // a deleted record is written anew (a tombstone's revision is not readable: write unconditionally)
                s.base = current;
            }
            this.elsewhere.set(None);
            this.write_now(&saver);
        });
    }
}

impl<T: Edited> ActiveDoc for EditCtx<T> {
    fn keep_pending(&self) {
        let saver = self.saver();
        let (pending, base) = {
            let s = saver.borrow();
            (s.dirty || s.writing, s.base)
        };
        if !pending {
            return;
        }
        let Some(Some(Ok((id, text)))) = self.doc.try_with_untracked(|d| {
            d.as_ref()
                .map(|d| d.encode().map(|t| (d.id().to_string(), t)))
        }) else {
            return;
        };
        crate::ui::shell::journal::keep(T::KIND, &id, base, &text);
    }

    fn flush(&self) {
        let saver = self.saver();
        let pending = saver.borrow().dirty;
        if pending {
            self.write_now(&saver);
        }
    }

    fn busy(&self) -> bool {
        let s = self.saver.try_get_value();
        s.is_some_and(|s| {
            let s = s.borrow();
            (s.dirty && !s.held) || s.writing
        })
    }

    fn changed_elsewhere(&self, kind: Kind, key: &str, rev: Rev) {
        if kind != T::KIND || self.read_only {
            return;
        }
        let Some(Some(id)) = self
            .doc
            .try_with_untracked(|d| d.as_ref().map(|d| d.id().to_string()))
        else {
            return;
        };
        let saver = self.saver();
        let (calm, known) = {
            let s = saver.borrow();
            (!s.dirty && !s.writing, s.base.is_some_and(|b| b >= rev))
        };
        if id != key || known {
            return;
        }
        if calm {
            // nothing of ours is pending: show theirs
            self.take_theirs();
        } else {
            self.hold(&saver, Elsewhere::Changed);
        }
    }
}

/// A refused change, for the field: what is wrong and that nothing changed.
fn refusal(e: &crate::domain::error::LocatedError) -> String {
    format!(
        "{}. Ändringen sparades inte.",
        crate::ui::widgets::text::capitalise(&e.kind.to_string())
    )
}

/// The banner shown when another tab's version waits for the user's choice.
#[component]
pub fn ElsewhereBanner<T: Edited>(ctx: EditCtx<T>) -> impl IntoView {
    move || {
        ctx.elsewhere.get().map(|e| {
            let (text, theirs, mine) = match e {
                Elsewhere::Changed => (
                    format!("{} har ändrats i en annan flik eller ett annat fönster medan du ändrade här. Dina senaste ändringar är inte sparade.", T::WORD),
                    "Visa den nyare versionen (mina osparade ändringar försvinner)",
                    "Behåll min version (skriv över den andra)",
                ),
                Elsewhere::Deleted => (
                    format!("{} har tagits bort i en annan flik eller ett annat fönster.", T::WORD),
                    "",
                    "Spara min version igen",
                ),
            };
            view! {
                <div class="conflict" role="alert" id="elsewhere">
                    <p><strong>"⚠ "</strong>{text}</p>
                    <div class="actions">
                        {(!theirs.is_empty()).then(|| view! {
                            <button type="button" class="primary" id="take-theirs" on:click=move |_| ctx.take_theirs()>{theirs}</button>
                        })}
                        <button type="button" id="keep-mine" on:click=move |_| ctx.keep_mine()>{mine}</button>
                    </div>
                </div>
            }
        })
    }
}

/// The message for a refused change of the field keyed `key`, if any (`role="alert"`, so it is read out).
pub fn field_error<T: Edited>(ctx: EditCtx<T>, key: EditKey) -> impl IntoView {
    let name = key.name();
    move || {
        ctx.field_error.with(|e| {
            e.as_ref().filter(|(k, _)| *k == name).map(
                |(_, msg)| view! { <span class="field-error" role="alert">{msg.clone()}</span> },
            )
        })
    }
}

/// `aria-invalid` for the field keyed `key` while its last change stands refused.
pub fn field_invalid<T: Edited>(
    ctx: EditCtx<T>,
    key: &EditKey,
) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    let name = key.name();
    move || {
        ctx.field_error
            .with(|e| e.as_ref().is_some_and(|(k, _)| *k == name))
            .then_some("true")
    }
}
