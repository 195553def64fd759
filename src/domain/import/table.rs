//! The import table: one row per plan, tariff and rule set in a file, with its status against what is stored
//! (*ny*, *identisk*, *filen nyare*, *sparad nyare*, *olika*) and the user's choice for it. Identical records
//! are skipped and a record that would replace a stored one is skipped until the user chooses otherwise:
//! replacing is a deliberate choice. [`super::decide_each`] writes the choices.

use super::{about, PlanBrief, Resolution};
use crate::domain::plan::Plan;
use crate::domain::tariff::subsidy::RuleSet;
use crate::domain::tariff::Tariff;
use crate::domain::workspace::Workspace;
use chrono::DateTime;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// What a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RecordKind {
    Plan,
    Tariff,
    RuleSet,
}

impl RecordKind {
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Plan => "Plan",
            RecordKind::Tariff => "Taxa",
            RecordKind::RuleSet => "Regelverk",
        }
    }
}

/// How an incoming record stands against the stored one with its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// No record with its id is stored.
    New,
    /// The stored record has the same content (its time of change aside).
    Identical,
    /// They differ and the file's was changed later.
    FileNewer,
    /// They differ and the stored one was changed later.
    StoredNewer,
    /// They differ and their times of change do not tell which is newer (the same, or not given).
    Differs,
}

impl Status {
    /// The status as the table shows it.
    pub fn label(self) -> &'static str {
        match self {
            Status::New => "ny",
            Status::Identical => "identisk",
            Status::FileNewer => "filen nyare",
            Status::StoredNewer => "sparad nyare",
            Status::Differs => "olika, samma ändringstid",
        }
    }

    /// What a row with this status does unless the user chooses otherwise: new records are imported, the rest
    /// are skipped (identical ones have nothing to give; replacing is a deliberate choice).
    pub fn default_choice(self) -> Choice {
        match self {
            Status::New => Choice::Import,
            _ => Choice::Skip,
        }
    }
}

/// What the user chose for one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// A new record is added.
    Import,
    /// The record is left out; the stored one, if any, stays as it is.
    Skip,
    /// The record replaces the stored one with its id.
    Replace,
    /// The record is added under a new id with "(importerad)"; the stored one stays.
    Copy,
}

impl Choice {
    pub fn label(self) -> &'static str {
        match self {
            Choice::Import => "Importera",
            Choice::Skip => "Hoppa över",
            Choice::Replace => "Ersätt den sparade",
            Choice::Copy => "Lägg till som kopia",
        }
    }

    /// A stable key for a `<select>`'s value.
    pub fn key(self) -> &'static str {
        match self {
            Choice::Import => "import",
            Choice::Skip => "skip",
            Choice::Replace => "replace",
            Choice::Copy => "copy",
        }
    }

    pub fn from_key(k: &str) -> Option<Choice> {
        [Choice::Import, Choice::Skip, Choice::Replace, Choice::Copy]
            .into_iter()
            .find(|c| c.key() == k)
    }

    fn resolution(self) -> Resolution {
        match self {
            Choice::Import | Choice::Replace => Resolution::Replace,
            Choice::Copy => Resolution::KeepBoth,
            Choice::Skip => Resolution::LeaveOut,
        }
    }
}

/// One record of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RecordKind,
    /// The file's record (`nodes` counts a plan's items, a tariff's rows).
    pub incoming: PlanBrief,
    /// The stored record with the same id.
    pub stored: Option<PlanBrief>,
    /// When each was last changed (RFC 3339, as stored; empty for rule sets, which carry none).
    pub file_changed: String,
    pub stored_changed: Option<String>,
    pub status: Status,
}

impl Row {
    /// The choices this row offers, the default first.
    pub fn options(&self) -> &'static [Choice] {
        match (self.status, self.kind) {
            (Status::New, _) => &[Choice::Import, Choice::Skip],
            (Status::Identical, _) => &[Choice::Skip],
            // a rule set is the rules of its date: a copy under another id would be a second set of the same rules
            (_, RecordKind::RuleSet) => &[Choice::Skip, Choice::Replace],
            _ => &[Choice::Skip, Choice::Replace, Choice::Copy],
        }
    }

    pub fn key(&self) -> (RecordKind, String) {
        (self.kind, self.incoming.id.clone())
    }
}

/// The user's choice per row (rows not in it have their status's default).
pub type Choices = BTreeMap<(RecordKind, String), Choice>;

/// The choice in force for a row.
pub fn choice_of(choices: &Choices, row: &Row) -> Choice {
    choices
        .get(&row.key())
        .copied()
        .filter(|c| row.options().contains(c))
        .unwrap_or(row.status.default_choice())
}

/// Compares two times of change; `None` when either cannot be read.
fn newer(file: &str, stored: &str) -> Option<Ordering> {
    let f = DateTime::parse_from_rfc3339(file).ok()?;
    let s = DateTime::parse_from_rfc3339(stored).ok()?;
    Some(f.cmp(&s))
}

fn status_of(same: bool, file: &str, stored: &str) -> Status {
    if same {
        return Status::Identical;
    }
    match newer(file, stored) {
        Some(Ordering::Greater) => Status::FileNewer,
        Some(Ordering::Less) => Status::StoredNewer,
        _ => Status::Differs,
    }
}

fn same_plan(a: &Plan, b: &Plan) -> bool {
    // the time of change alone does not make two plans different (an edit undone still moves it)
    a.title == b.title && {
        let mut a = a.clone();
        a.updated_at.clone_from(&b.updated_at);
        &a == b
    }
}

fn same_tariff(a: &Tariff, b: &Tariff) -> bool {
    a.rows.len() == b.rows.len() && {
        let mut a = a.clone();
        a.updated_at.clone_from(&b.updated_at);
        &a == b
    }
}

/// One plan's or tariff's row: its brief, times of change and status against the stored one.
fn row<'a, T>(
    kind: RecordKind,
    incoming: &'a T,
    stored: Option<&'a T>,
    changed: impl Fn(&'a T) -> &'a String,
    same: impl Fn(&T, &T) -> bool,
) -> Row
where
    PlanBrief: From<&'a T>,
{
    Row {
        kind,
        incoming: incoming.into(),
        stored: stored.map(PlanBrief::from),
        file_changed: changed(incoming).clone(),
        stored_changed: stored.map(|s| changed(s).clone()),
        status: stored.map_or(Status::New, |s| {
            status_of(same(incoming, s), changed(incoming), changed(s))
        }),
    }
}

/// The table for a file: one row per incoming plan, tariff and rule set, in the file's order, with its status
/// against the stored record of the same id. Only stored records whose id comes in need to be passed.
pub fn rows(
    incoming: &Workspace,
    stored_plans: &[Plan],
    stored_tariffs: &[Tariff],
    stored_rule_sets: &[RuleSet],
) -> Vec<Row> {
    let mut out = vec![];
    for p in &incoming.plans {
        let stored = stored_plans.iter().find(|s| s.id == p.id);
        out.push(row(
            RecordKind::Plan,
            p,
            stored,
            |p| &p.updated_at,
            same_plan,
        ));
    }
    for t in &incoming.tariffs {
        let stored = stored_tariffs.iter().find(|s| s.id == t.id);
        out.push(row(
            RecordKind::Tariff,
            t,
            stored,
            |t| &t.updated_at,
            same_tariff,
        ));
    }
    let brief = |r: &RuleSet| PlanBrief {
        id: r.id.clone(),
        title: r.name.clone(),
        about: about("", &format!("gäller från {}", r.valid_from)),
        nodes: r.steps.len(),
    };
    for r in &incoming.rule_sets {
        let stored = stored_rule_sets.iter().find(|s| s.id == r.id);
        out.push(Row {
            kind: RecordKind::RuleSet,
            incoming: brief(r),
            stored: stored.map(brief),
            file_changed: String::new(),
            stored_changed: stored.map(|_| String::new()),
            status: stored.map_or(Status::New, |s| status_of(s == r, "", "")),
        });
    }
    out
}

/// How the rows' choices add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub new: usize,
    pub replace: usize,
    pub copy: usize,
    pub skip: usize,
    /// Of the skipped, how many are identical to the stored record.
    pub identical: usize,
}

impl Tally {
    pub fn of(rows: &[Row], choices: &Choices) -> Tally {
        let mut t = Tally::default();
        for r in rows {
            match choice_of(choices, r) {
                Choice::Import => t.new += 1,
                Choice::Replace => t.replace += 1,
                Choice::Copy => t.copy += 1,
                Choice::Skip => {
                    t.skip += 1;
                    t.identical += usize::from(r.status == Status::Identical);
                }
            }
        }
        t
    }

    /// Records written.
    pub fn written(&self) -> usize {
        self.new + self.replace + self.copy
    }

    /// "Importeras: 2 nya, 1 ersätter en sparad. Hoppas över: 5 (4 identiska)."
    pub fn sentence(&self) -> String {
        let mut parts = vec![];
        if self.new > 0 {
            parts.push(format!(
                "{} {}",
                self.new,
                if self.new == 1 { "ny" } else { "nya" }
            ));
        }
        if self.replace > 0 {
            parts.push(format!(
                "{} {} en sparad",
                self.replace,
                if self.replace == 1 {
                    "ersätter"
                } else {
                    "ersätter var sin"
                }
            ));
        }
        if self.copy > 0 {
            parts.push(format!(
                "{} som {}",
                self.copy,
                if self.copy == 1 { "kopia" } else { "kopior" }
            ));
        }
        let written = if parts.is_empty() {
            "Inget importeras.".to_string()
        } else {
            format!("Importeras: {}.", parts.join(", "))
        };
        let skipped = match (self.skip, self.identical) {
            (0, _) => String::new(),
            (s, 0) => format!(" Hoppas över: {s}."),
            (s, i) if s == i => format!(
                " Hoppas över: {s} ({}).",
                if i == 1 { "identisk" } else { "alla identiska" }
            ),
            (s, i) => format!(
                " Hoppas över: {s} ({i} {}).",
                if i == 1 { "identisk" } else { "identiska" }
            ),
        };
        written + &skipped
    }
}

/// The choices as [`super::decide_each`] takes them.
pub fn resolution_for(rows: &[Row], choices: &Choices, kind: RecordKind, id: &str) -> Resolution {
    rows.iter()
        .find(|r| r.kind == kind && r.incoming.id == id)
        .map_or(Resolution::LeaveOut, |r| choice_of(choices, r).resolution())
}

#[cfg(test)]
mod tests {
    use super::super::decide_each;
    use super::*;
    use crate::domain::tariff::subsidy;
    use std::collections::BTreeSet;

    fn plan(id: &str, title: &str, at: &str) -> Plan {
        Plan::new(id.into(), title.into(), "Nämnd".into(), 2025, at.into())
    }

    #[test]
    fn statuses_follow_content_and_times_of_change() {
        let stored = vec![
            plan("same", "Samma", "2026-01-01T10:00:00Z"),
            plan("older", "Äldre här", "2026-01-01T10:00:00Z"),
            plan("newer", "Nyare här", "2026-03-01T10:00:00Z"),
            plan("tie", "Lika tid", "2026-01-01T10:00:00Z"),
        ];
        let incoming = Workspace {
            plans: vec![
                // the same content changed at another time is still identical
                plan("same", "Samma", "2026-02-01T10:00:00Z"),
                plan("older", "Ändrad i filen", "2026-02-01T11:00:00+01:00"),
                plan("newer", "Ändrad i filen", "2026-02-01T10:00:00Z"),
                plan("tie", "Ändrad i filen", "2026-01-01T11:00:00+01:00"),
                plan("fresh", "Ny", "2026-02-01T10:00:00Z"),
            ],
            tariffs: vec![],
            rule_sets: vec![subsidy::rules_2025()],
        };
        let rows = rows(&incoming, &stored, &[], &[subsidy::rules_2025()]);
        let got: Vec<(&str, Status)> = rows
            .iter()
            .map(|r| (r.incoming.id.as_str(), r.status))
            .collect();
        assert_eq!(
            got,
            [
                ("same", Status::Identical),
                ("older", Status::FileNewer),
                ("newer", Status::StoredNewer),
                // 11:00+01:00 is 10:00Z: the same instant
                ("tie", Status::Differs),
                ("fresh", Status::New),
                ("tandvardsstod-2025", Status::Identical),
            ]
        );
        assert_eq!(rows[1].stored.as_ref().unwrap().title, "Äldre här");
    }

    #[test]
    fn by_default_new_ones_are_imported_and_nothing_stored_is_replaced() {
        let stored = vec![
            plan("same", "Samma", "2026-01-01T10:00:00Z"),
            plan("older", "Äldre här", "2026-01-01T10:00:00Z"),
        ];
        let incoming = Workspace {
            plans: vec![
                plan("same", "Samma", "2026-01-01T10:00:00Z"),
                plan("older", "Ändrad i filen", "2026-02-01T10:00:00Z"),
                plan("fresh", "Ny", "2026-02-01T10:00:00Z"),
            ],
            ..Default::default()
        };
        let rows = rows(&incoming, &stored, &[], &[]);
        let mut choices = Choices::new();
        let tally = Tally::of(&rows, &choices);
        assert_eq!(tally.written(), 1);
        assert_eq!(
            tally.sentence(),
            "Importeras: 1 ny. Hoppas över: 2 (1 identisk)."
        );
        let ids: BTreeSet<String> = stored.iter().map(|p| p.id.clone()).collect();
        let none = BTreeSet::new();
        let d = decide_each(&ids, &none, &none, incoming.clone(), &|k, id| {
            resolution_for(&rows, &choices, k, id)
        });
        assert!(d.replace.is_empty());
        assert_eq!(d.add.len(), 1);
        assert_eq!(d.add[0].id, "fresh");

        // replacing is chosen per row; a choice the row does not offer is ignored
        choices.insert((RecordKind::Plan, "older".into()), Choice::Replace);
        choices.insert((RecordKind::Plan, "same".into()), Choice::Replace);
        choices.insert((RecordKind::Plan, "fresh".into()), Choice::Skip);
        assert_eq!(
            Tally::of(&rows, &choices).sentence(),
            "Importeras: 1 ersätter en sparad. Hoppas över: 2 (1 identisk)."
        );
        let d = decide_each(&ids, &none, &none, incoming.clone(), &|k, id| {
            resolution_for(&rows, &choices, k, id)
        });
        assert_eq!(d.replace.len(), 1);
        assert_eq!(d.replace[0].title, "Ändrad i filen");
        assert!(d.add.is_empty());

        choices.insert((RecordKind::Plan, "older".into()), Choice::Copy);
        let d = decide_each(&ids, &none, &none, incoming, &|k, id| {
            resolution_for(&rows, &choices, k, id)
        });
        assert!(d.replace.is_empty());
        assert_eq!(d.add[0].title, "Ändrad i filen (importerad)");
    }

    #[test]
    fn a_file_of_only_identical_records_imports_nothing() {
        let stored = vec![plan("a", "A", "2026-01-01T10:00:00Z")];
        let incoming = Workspace {
            plans: stored.clone(),
            rule_sets: vec![subsidy::rules_2025()],
            ..Default::default()
        };
        let rows = rows(&incoming, &stored, &[], &[subsidy::rules_2025()]);
        let t = Tally::of(&rows, &Choices::new());
        assert_eq!(t.written(), 0);
        assert_eq!(
            t.sentence(),
            "Inget importeras. Hoppas över: 2 (alla identiska)."
        );
    }
}
