//! The DTOs of the work items (version 4 on): activities, uppdrag, the internkontrollplan, risks and åtgärder,
//! with their reports per period, and how each maps to the domain.

use super::*;

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkStatus {
    EjPaborjad,
    Pagar,
    Genomford,
    Avbruten,
}

#[derive(Debug, Serialize)]
pub struct TimePeriod {
    pub label: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
}

#[derive(Debug, Serialize)]
pub struct GoalLink {
    pub goal: String,
    pub source: Option<Source>,
    pub former_id: Option<String>,
}

/// One follow-up period's report (version 4): empty fields are left out.
#[derive(Debug, Serialize)]
pub struct WorkReport {
    #[serde(serialize_with = "period_key")]
    pub period: crate::domain::period::Period,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<WorkStatus>,
    #[serde(skip_serializing_if = "is_false")]
    pub delayed: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub analysis: String,
}

/// A start or an end as written: "2024" or "2024-03-31".
fn when_key<S: serde::Serializer>(w: &Option<d::When>, s: S) -> Result<S::Ok, S::Error> {
    match w {
        Some(w) => s.serialize_str(&w.key()),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Serialize)]
pub struct Activity {
    pub comment: String,
    pub time_period: Option<TimePeriod>,
    pub links: Vec<GoalLink>,
    #[serde(serialize_with = "when_key", skip_serializing_if = "Option::is_none")]
    pub start: Option<d::When>,
    #[serde(serialize_with = "when_key", skip_serializing_if = "Option::is_none")]
    pub end: Option<d::When>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<WorkReport>,
}

#[derive(Debug, Serialize)]
pub struct Commission {
    pub issuer: Option<Issuer>,
    pub recipient: String,
    pub report: String,
    #[serde(serialize_with = "when_key", skip_serializing_if = "Option::is_none")]
    pub start: Option<d::When>,
    #[serde(serialize_with = "when_key", skip_serializing_if = "Option::is_none")]
    pub end: Option<d::When>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<WorkReport>,
}

fn is_default_scale(s: &u8) -> bool {
    *s == d::DEFAULT_RISK_SCALE
}

#[derive(Debug, Serialize)]
pub struct ControlPlan {
    pub description: String,
    #[serde(skip_serializing_if = "is_default_scale")]
    pub risk_scale: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isk: Option<IskJudgement>,
}

#[derive(Debug, Serialize)]
pub struct IskJudgement {
    pub sufficient: bool,
    pub motivation: String,
}

#[derive(Debug, Serialize)]
pub struct Risk {
    pub scope: Scope,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consequence: Option<u8>,
}

#[derive(Debug, Serialize)]
pub struct ControlAction {
    pub scope: Scope,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub control: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub method: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub responsible: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub timing: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<WorkReport>,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Regionovergripande,
    Namndspecifik,
}

enum_map!(WorkStatus <=> d::WorkStatus { EjPaborjad <=> EjPaborjad, Pagar <=> Pagar, Genomford <=> Genomford, Avbruten <=> Avbruten });
enum_map!(Scope <=> d::Scope { Regionovergripande <=> Regionovergripande, Namndspecifik <=> Namndspecifik });

mirror!(GoalLink <=> d::GoalLink { goal: same, source: opt, former_id: same });
mirror!(WorkReport <=> d::WorkReport { period: same, status: opt, delayed: same, analysis: same });
mirror!(Activity <=> d::Activity {
    comment: same, time_period: opt, links: vec, start: same, end: same, followups: vec
});
mirror!(Commission <=> d::Commission {
    issuer: opt, recipient: same, report: same, start: same, end: same, followups: vec
});
mirror!(IskJudgement <=> d::IskJudgement { sufficient: same, motivation: same });
mirror!(ControlPlan <=> d::ControlPlan { description: same, risk_scale: same, isk: opt });
mirror!(Risk <=> d::Risk { scope: into, likelihood: same, consequence: same });
mirror!(ControlAction <=> d::ControlAction {
    scope: into, control: same, method: same, responsible: same, timing: same, followups: vec
});
