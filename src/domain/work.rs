//! The work items of a plan: activities, uppdrag and the internal control's plan, risks and åtgärder, with what
//! is followed up of them per period ([`WorkReport`]), when they run ([`When`]) and how a risk is scored. Pure
//! data and small helpers; [`super::plan`] holds them in its nodes and re-exports them.

use super::origin::{Issuer, SourceRef};

/// Status of an activity, commission or control action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WorkStatus {
    EjPaborjad,
    Pagar,
    Genomford,
    Avbruten,
}

crate::domain::keys::keys!(WorkStatus {
    EjPaborjad => "ej_paborjad",
    Pagar => "pagar",
    Genomford => "genomford",
    Avbruten => "avbruten",
});

impl WorkStatus {
    pub const ALL: [WorkStatus; 4] = [
        Self::EjPaborjad,
        Self::Pagar,
        Self::Genomford,
        Self::Avbruten,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::EjPaborjad => "Ej påbörjad",
            Self::Pagar => "Pågår",
            Self::Genomford => "Genomförd",
            Self::Avbruten => "Avbruten",
        }
    }
}

/// A time span named in a plan ("vintern 2022–2023", "2024–2035").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimePeriod {
    pub label: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
}

/// A further goal an activity serves besides its parent (an activity is stored once, linked many times).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalLink {
    pub goal: String,
    /// Where the document repeats the activity under that goal.
    pub source: Option<SourceRef>,
    /// The id the repetition had in the source, kept for traceability.
    pub former_id: Option<String>,
}

/// What an activity, uppdrag or IK-åtgärd reported in one follow-up period. A period without one is *ej
/// rapporterad*, never a guessed status.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkReport {
    pub period: crate::domain::period::Period,
    pub status: Option<WorkStatus>,
    /// Försenad: a flag beside the status.
    pub delayed: bool,
    pub analysis: String,
}

impl WorkReport {
    pub fn new(period: crate::domain::period::Period) -> WorkReport {
        WorkReport {
            period,
            status: None,
            delayed: false,
            analysis: String::new(),
        }
    }

    /// "Pågår", "Pågår, försenad", or "Ingen status" for a report with only an analysis.
    pub fn status_words(&self) -> String {
        let mut s = self
            .status
            .map(|s| s.label().to_string())
            .unwrap_or_else(|| "Ingen status".into());
        if self.delayed {
            s.push_str(", försenad");
        }
        s
    }

    /// Nothing said: no status, no flag, no text.
    pub fn is_empty(&self) -> bool {
        self.status.is_none() && !self.delayed && self.analysis.trim().is_empty()
    }
}

/// The reports of one item, one per period, kept in time order (see [`set_report`]).
pub type WorkReports = Vec<WorkReport>;

/// The report of `period`, if one was made.
pub fn report_at(
    reports: &[WorkReport],
    period: crate::domain::period::Period,
) -> Option<&WorkReport> {
    reports.iter().find(|r| r.period == period)
}

/// The latest report at or before `period` (what a reader of that period's report knows).
pub fn report_until(
    reports: &[WorkReport],
    period: crate::domain::period::Period,
) -> Option<&WorkReport> {
    reports
        .iter()
        .filter(|r| r.period.sort_key() <= period.sort_key())
        .max_by_key(|r| r.period.sort_key())
}

/// Change the report of `period` with `f`, creating it if needed; an emptied report is removed. Reports stay in
/// time order, one per period.
pub fn set_report(
    reports: &mut WorkReports,
    period: crate::domain::period::Period,
    f: impl FnOnce(&mut WorkReport),
) {
    let i = match reports.iter().position(|r| r.period == period) {
        Some(i) => i,
        None => {
            reports.push(WorkReport::new(period));
            reports.len() - 1
        }
    };
    f(&mut reports[i]);
    if reports[i].is_empty() {
        reports.remove(i);
    }
    reports.sort_by_key(|r| r.period.sort_key());
}

/// When an item starts or ends: a year ("2024") or a date ("2024-03-31").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Year(i32),
    Date(chrono::NaiveDate),
}

impl When {
    /// "2024" or "2024-03-31" (also the wire form).
    pub fn key(&self) -> String {
        match self {
            When::Year(y) => y.to_string(),
            When::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// A year or an ISO date; `None` for anything else.
    pub fn parse(s: &str) -> Option<When> {
        let s = s.trim();
        if s.len() == 4 {
            return s.parse().ok().map(When::Year);
        }
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(When::Date)
    }

    /// The first day it covers (a year: 1 January).
    pub fn first_day(&self) -> chrono::NaiveDate {
        match *self {
            When::Year(y) => chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
            When::Date(d) => d,
        }
    }

    /// The last day it covers (a year: 31 December).
    pub fn last_day(&self) -> chrono::NaiveDate {
        match *self {
            When::Year(y) => chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
            When::Date(d) => d,
        }
    }

    /// For people: "2024" or "31 mars 2024".
    pub fn label(&self) -> String {
        use chrono::Datelike;
        match *self {
            When::Year(y) => y.to_string(),
            When::Date(d) => {
                crate::domain::format::date_sv(d.year(), d.month() as u8, d.day() as u8)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Activity {
    pub comment: String,
    pub time_period: Option<TimePeriod>,
    pub links: Vec<GoalLink>,
    pub start: Option<When>,
    pub end: Option<When>,
    /// Status and analysis per follow-up period.
    pub followups: WorkReports,
}

/// An uppdrag: a commission from an issuer to a recipient.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Commission {
    pub issuer: Option<Issuer>,
    pub recipient: String,
    pub report: String,
    pub start: Option<When>,
    pub end: Option<When>,
    /// Status and analysis per follow-up period.
    pub followups: WorkReports,
}

/// The internkontrollplan's own settings: the scale risks are assessed on and the year's ISK-bedömning.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlPlan {
    pub description: String,
    /// Sannolikhet and konsekvens are 1..=`risk_scale` (default 4).
    pub risk_scale: u8,
    /// The nämnd's judgement at year end; `None` is *saknas*.
    pub isk: Option<IskJudgement>,
}

impl Default for ControlPlan {
    fn default() -> Self {
        ControlPlan {
            description: String::new(),
            risk_scale: DEFAULT_RISK_SCALE,
            isk: None,
        }
    }
}

/// The usual risk scale: 1–4.
pub const DEFAULT_RISK_SCALE: u8 = 4;
/// The largest scale a plan may choose.
pub const MAX_RISK_SCALE: u8 = 10;

/// ISK-bedömning (KL 6 kap. 6 §): is the internal control *tillräcklig*, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IskJudgement {
    pub sufficient: bool,
    pub motivation: String,
}

impl IskJudgement {
    /// The judgement a choice makes ("ja", "nej", anything else *saknas*), keeping the motivation written.
    pub fn from_choice(choice: &str, motivation: String) -> Option<IskJudgement> {
        match choice {
            "ja" => Some(IskJudgement {
                sufficient: true,
                motivation,
            }),
            "nej" => Some(IskJudgement {
                sufficient: false,
                motivation,
            }),
            _ => None,
        }
    }

    /// The choice a judgement is: "ja", "nej", or "" for *saknas*.
    pub fn choice(isk: Option<&IskJudgement>) -> &'static str {
        match isk {
            None => "",
            Some(j) if j.sufficient => "ja",
            Some(_) => "nej",
        }
    }
}

/// A risk in the internkontrollplan, assessed as sannolikhet × konsekvens.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub scope: Scope,
    pub likelihood: Option<u8>,
    pub consequence: Option<u8>,
}

impl Risk {
    /// Riskvärde: sannolikhet × konsekvens, once both are set.
    pub fn value(&self) -> Option<u32> {
        Some(self.likelihood? as u32 * self.consequence? as u32)
    }
}

/// An åtgärd against a risk, with its kontrollmoment, and its follow-up per period.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlAction {
    pub scope: Scope,
    /// Kontrollmoment: what is checked.
    pub control: String,
    pub method: String,
    /// Ansvarig (a role).
    pub responsible: String,
    /// Tidpunkt: when it is checked ("april och augusti").
    pub timing: String,
    pub followups: WorkReports,
}

impl ControlAction {
    /// A new åtgärd of `scope` with nothing filled in.
    pub fn new(scope: Scope) -> ControlAction {
        ControlAction {
            scope,
            control: String::new(),
            method: String::new(),
            responsible: String::new(),
            timing: String::new(),
            followups: vec![],
        }
    }
}

/// Scope of an internal-control risk or action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Regionovergripande,
    Namndspecifik,
}

crate::domain::keys::keys!(Scope {
    Regionovergripande => "regionovergripande",
    Namndspecifik => "namndspecifik",
});

impl Scope {
    pub fn label(self) -> &'static str {
        match self {
            Self::Regionovergripande => "Regionövergripande",
            Self::Namndspecifik => "Nämndspecifik",
        }
    }
}
