//! A record: one plan, tariff or rule set stored as a compact single-item bundle, so reading it goes through the
//! same validation and migrations as an imported file. Encoding validates first with the rules reading applies
//! and refuses a record larger than reading accepts, so nothing is stored that would not read back; [`Doc`] is
//! a plan or a tariff as the editors open, save and watch it.

use super::{Expect, Kind, StorageError, WriteBatch};
use crate::domain::bundle;
use crate::domain::error::LocatedError;
use crate::domain::plan::Plan;
use crate::domain::tariff::{subsidy::RuleSet, Tariff};
use crate::domain::validate::{validate_plan, validate_rule_set, validate_tariff};
use crate::domain::workspace::Workspace;

/// A record kind the editors open, save and watch: a plan or a tariff. Its record is validated the way reading
/// validates it, before it is written.
pub trait Doc: Clone + PartialEq + 'static {
    const KIND: Kind;
    fn id(&self) -> &str;
    /// What to call it in a message: ”Verksamhetsplan 2025”.
    fn name(&self) -> String;
    /// Set the time of the last change (RFC 3339).
    fn touch(&mut self, now: String);
    /// The checks reading applies (bundle validation), with paths from `at`.
    fn validate(&self) -> Result<(), LocatedError>;
    fn decode(key: &str, record: &str) -> Result<Self, StorageError>;
    /// The record text (validated as a write validates it).
    fn encode(&self) -> Result<String, StorageError>;
    /// A batch putting this document.
    fn put<'a>(one: &'a [Self], expect: &'a [Expect]) -> WriteBatch<'a>;
}

impl Doc for Plan {
    const KIND: Kind = Kind::Plan;
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> String {
        format!("planen ”{}”", crate::domain::edit::fit(&self.title, 80))
    }
    fn touch(&mut self, now: String) {
        self.updated_at = now;
    }
    fn validate(&self) -> Result<(), LocatedError> {
        validate_plan(self, "plan")
    }
    fn decode(key: &str, record: &str) -> Result<Self, StorageError> {
        decode(key, record)
    }
    fn encode(&self) -> Result<String, StorageError> {
        encode(self)
    }
    fn put<'a>(one: &'a [Self], expect: &'a [Expect]) -> WriteBatch<'a> {
        WriteBatch {
            put: one,
            expect,
            ..Default::default()
        }
    }
}

impl Doc for Tariff {
    const KIND: Kind = Kind::Tariff;
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> String {
        format!("taxan ”{}”", crate::domain::edit::fit(&self.name, 80))
    }
    fn touch(&mut self, now: String) {
        self.updated_at = now;
    }
    fn validate(&self) -> Result<(), LocatedError> {
        validate_tariff(self, "taxa")
    }
    fn decode(key: &str, record: &str) -> Result<Self, StorageError> {
        decode_tariff(key, record)
    }
    fn encode(&self) -> Result<String, StorageError> {
        encode_tariff(self)
    }
    fn put<'a>(one: &'a [Self], expect: &'a [Expect]) -> WriteBatch<'a> {
        WriteBatch {
            put_tariffs: one,
            expect,
            ..Default::default()
        }
    }
}

/// The record text for a plan, if the plan passes the validation reading applies and fits what reading accepts.
pub fn encode(plan: &Plan) -> Result<String, StorageError> {
    checked(plan.name(), plan.validate(), || {
        bundle::export_compact(std::slice::from_ref(plan))
    })
}

/// The record text for a tariff (validated like [`encode`]).
pub fn encode_tariff(t: &Tariff) -> Result<String, StorageError> {
    checked(t.name(), t.validate(), || {
        bundle::export_workspace_compact(&Workspace {
            tariffs: vec![t.clone()],
            ..Default::default()
        })
    })
}

/// The record text for a subsidy rule set (validated like [`encode`]).
pub fn encode_rule_set(r: &RuleSet) -> Result<String, StorageError> {
    checked(
        format!("regelverket ”{}”", r.name),
        validate_rule_set(r, "regelverk"),
        || {
            bundle::export_workspace_compact(&Workspace {
                rule_sets: vec![r.clone()],
                ..Default::default()
            })
        },
    )
}

/// The encoded record, unless validation failed or it is larger than reading accepts.
fn checked(
    what: String,
    valid: Result<(), LocatedError>,
    encode: impl FnOnce() -> String,
) -> Result<String, StorageError> {
    valid.map_err(|error| StorageError::Invalid {
        what: what.clone(),
        error,
    })?;
    let text = encode();
    if text.len() > bundle::MAX_BUNDLE_BYTES {
        return Err(StorageError::Invalid {
            what,
            error: LocatedError::new(
                "",
                crate::domain::error::ErrorKind::TooLarge {
                    size: text.len(),
                    limit: bundle::MAX_BUNDLE_BYTES,
                },
            ),
        });
    }
    Ok(text)
}

pub(super) fn decode_ws(key: &str, record: &str) -> Result<Workspace, StorageError> {
    bundle::import(record.as_bytes()).map_err(|e| StorageError::Corrupt {
        key: key.to_string(),
        error: e.to_string(),
    })
}

/// The one item of a record (a record holds exactly one plan or tariff).
pub(super) fn one<T>(key: &str, mut items: Vec<T>, what: &str) -> Result<T, StorageError> {
    match items.len() {
        1 => Ok(items.remove(0)),
        n => Err(StorageError::Corrupt {
            key: key.to_string(),
            error: format!("{n} {what} i en post"),
        }),
    }
}

/// A plan from its record text (validated, migrated).
pub fn decode(key: &str, record: &str) -> Result<Plan, StorageError> {
    one(key, decode_ws(key, record)?.plans, "planer")
}

/// A tariff from its record text.
pub fn decode_tariff(key: &str, record: &str) -> Result<Tariff, StorageError> {
    one(key, decode_ws(key, record)?.tariffs, "taxor")
}

/// The list fields of a record, without the full read ([`bundle::summary`]): what the start page and the tariff
/// list need, so listing neither maps nor validates whole plans.
pub fn summarise(key: &str, record: &str) -> Result<bundle::summary::Summaries, StorageError> {
    bundle::summary::summaries(record).map_err(|e| StorageError::Corrupt {
        key: key.to_string(),
        error: e.to_string(),
    })
}
