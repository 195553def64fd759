//! What the start page's buttons write: demo data, a new plan, a copy, a deletion with undo.
//!
//! The start page itself only lists ([`crate::storage::Repository::list`] reads record headers). Writing needs the
//! bundle reader and writer, the validation and the editing code; in release builds that code is in the plan
//! pages' chunk, which this function loads on first use (it is preloaded a second after start anyway).

use crate::domain::import::{self, Resolution};
use crate::domain::plan::Plan;
use crate::domain::workspace::Workspace;
use crate::domain::{bundle, edit};
use crate::seed::{self, Holds};
use crate::storage::Repository;
use crate::ui::shell::browser::{fetch_bytes, now_iso};
use crate::ui::shell::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A start-page action.
pub enum StartAction {
    /// Add the shipped demo plans, tariffs and rule sets that are not stored yet.
    LoadDemo,
    /// Store a new, empty plan (`title`, `organisation`, `year`) under an id not yet taken.
    Create {
        title: String,
        organisation: String,
        year: i32,
    },
    /// Store a copy of the plan with this id.
    Duplicate(String),
    /// Delete the plan with this id (the user has confirmed), offering undo.
    Remove { id: String, title: String },
}

in_chunk!(
    plans,
    pub async fn start_action(app: AppState, action: StartAction) -> Result<String, String> {
        run(app, action).await
    }
);

/// Carry out `action`. `Ok` is the new plan's id for `Create`, else empty; messages for the user go to
/// `app.notice`, except `Create`'s error, which is for its form.
async fn run(app: AppState, action: StartAction) -> Result<String, String> {
    match action {
        StartAction::LoadDemo => {
            let tariffs = crate::ui::tariff::list::load_demo_tariffs(app).await;
            match (load_demo(app).await, tariffs) {
                (Ok(0), Ok(0)) => app.notify("Exempeldata finns redan."),
                (Ok(n), Ok(t)) => {
                    app.notify(format!("{n} exempelplaner och {t} exempeltaxor laddades."))
                }
                (Err(e), _) | (_, Err(e)) => {
                    app.notify(format!("Exempeldata kunde inte laddas: {e}"))
                }
            }
        }
        StartAction::Create {
            title,
            organisation,
            year,
        } => {
            let id = edit::free_plan_id(
                &format!("plan-{}", js_sys::Date::now() as u64),
                &app.plan_ids(),
            );
            let plan = Plan::new(id.clone(), title, organisation, year, now_iso());
            app.add_plans(std::slice::from_ref(&plan))
                .await
                .map_err(|e| e.to_string())?;
            return Ok(id);
        }
        StartAction::Duplicate(id) => {
            let Some(p) = stored_plan(app, &id).await else {
                return Ok(String::new());
            };
            let copy = edit::duplicate(
                &p,
                edit::free_plan_id(&format!("{id}-kopia"), &app.plan_ids()),
                now_iso(),
            );
            match app.add_plans(std::slice::from_ref(&copy)).await {
                Ok(()) => app.notify(format!("Kopian ”{}” skapades.", copy.title)),
                Err(e) => app.notify(e.to_string()),
            }
        }
        StartAction::Remove { id, title } => remove(app, id, title).await,
    }
    Ok(String::new())
}

/// Fetch the shipped demo bundles and add the plans that are not stored yet. Returns how many were added.
async fn load_demo(app: AppState) -> Result<usize, String> {
    let mut plans = vec![];
    for file in seed::shipped(Holds::Plans).map(|f| f.bundle) {
        let bytes = fetch_bytes(&format!("/demo/{file}"))
            .await
            .map_err(|e| format!("{file}: {e}"))?;
        let ws = bundle::import(&bytes).map_err(|e| format!("{file}: {e}"))?;
        let stored = app.plan_ids();
        let mut d = import::decide(
            &stored,
            &Default::default(),
            &Default::default(),
            Workspace {
                plans: ws.plans,
                ..Default::default()
            },
            Resolution::KeepStored,
        );
        plans.append(&mut d.add);
    }
    let n = plans.len();
    app.add_plans(&plans).await.map_err(|e| e.to_string())?;
    Ok(n)
}

/// The stored plan, or `None` after telling the user why not.
async fn stored_plan(app: AppState, id: &str) -> Option<Plan> {
    match app.repo().load(id).await {
        Ok(Some(p)) => Some(p),
        Ok(None) => {
            app.notify("Planen finns inte längre.");
            let _ = app.refresh().await;
            None
        }
        Err(e) => {
            app.notify(e.to_string());
            None
        }
    }
}

/// Delete a plan, keeping it in memory so "Ångra" can store it again.
async fn remove(app: AppState, id: String, title: String) {
    let Some(p) = stored_plan(app, &id).await else {
        return;
    };
    if let Err(e) = app
        .write(crate::storage::WriteBatch {
            delete: std::slice::from_ref(&id),
            ..Default::default()
        })
        .await
    {
        app.notify(e.to_string());
        return;
    }
    if let Err(e) = app.refresh().await {
        app.notify(e.to_string());
        return;
    }
    let restore = Callback::new(move |_| {
        let p: Plan = p.clone();
        spawn_local(async move {
            if let Err(e) = app.add_plans(std::slice::from_ref(&p)).await {
                app.notify(e.to_string());
            }
        });
    });
    app.notify_with_undo(format!("Planen ”{title}” togs bort."), restore);
}
