//! Internal control as the committee receives it: areas, risks and their åtgärder in a period, the risk matrix
//! and the ISK judgement.

use super::followup::StatusCounts;
use crate::domain::period::Period;
use crate::domain::plan::{NodeData, Plan, WorkReport};

/// An åtgärd as the report shows it: what is checked, by whom and when, and its report of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionLine {
    pub id: String,
    pub text: String,
    pub control: String,
    pub responsible: String,
    pub timing: String,
    pub report: Option<WorkReport>,
}

/// A risk with its assessment and its åtgärder.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskLine {
    pub id: String,
    pub text: String,
    pub likelihood: Option<u8>,
    pub consequence: Option<u8>,
    pub value: Option<u32>,
    pub actions: Vec<ActionLine>,
}

/// The internal control of one period as the committee receives it: areas with their risks and åtgärder, the
/// matrix, the counts of the åtgärder's statuses and the year's ISK judgement.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlReport {
    pub areas: Vec<(String, Vec<RiskLine>)>,
    pub matrix: RiskMatrix,
    pub counts: StatusCounts,
    pub isk: Option<crate::domain::plan::IskJudgement>,
}

/// The plan's internal control in `period`; `None` for a plan without risks.
pub fn control_report(plan: &Plan, period: Period) -> Option<ControlReport> {
    let index = plan.child_index();
    let kids = |id: &str| index.get(&Some(id)).cloned().unwrap_or_default();
    let mut areas = vec![];
    let mut reports = vec![];
    for n in plan.tree_order() {
        let NodeData::IkOmrade = n.data else { continue };
        let mut risks = vec![];
        for r in kids(&n.id) {
            let NodeData::IkRisk(risk) = &r.data else {
                continue;
            };
            let actions: Vec<ActionLine> = kids(&r.id)
                .into_iter()
                .filter_map(|a| match &a.data {
                    NodeData::IkAtgard(x) => Some(ActionLine {
                        id: a.id.clone(),
                        text: a.text.clone(),
                        control: x.control.clone(),
                        responsible: x.responsible.clone(),
                        timing: x.timing.clone(),
                        report: crate::domain::plan::report_at(&x.followups, period).cloned(),
                    }),
                    _ => None,
                })
                .collect();
            reports.extend(actions.iter().map(|a| a.report.clone()));
            risks.push(RiskLine {
                id: r.id.clone(),
                text: r.text.clone(),
                likelihood: risk.likelihood,
                consequence: risk.consequence,
                value: risk.value(),
                actions,
            });
        }
        if !risks.is_empty() {
            areas.push((n.text.clone(), risks));
        }
    }
    if areas.is_empty() {
        return None;
    }
    let isk = plan.nodes.iter().find_map(|n| match &n.data {
        NodeData::IkPlan(c) => c.isk.clone(),
        _ => None,
    });
    Some(ControlReport {
        areas,
        matrix: risk_matrix(plan),
        counts: StatusCounts::of(reports.iter().map(Option::as_ref)),
        isk,
    })
}

/// The ISK judgement in a sentence: "saknas" until the nämnd has judged.
pub fn isk_sentence(isk: Option<&crate::domain::plan::IskJudgement>) -> String {
    match isk {
        None => format!("ISK-bedömning {}", isk_verdict(None).to_lowercase()),
        Some(j) if !j.motivation.trim().is_empty() => {
            format!("{} {}", isk_verdict(isk), j.motivation.trim())
        }
        Some(_) => isk_verdict(isk).into(),
    }
}

/// The judgement alone, under a heading that names it: "Saknas: nämnden har inte gjort sin bedömning för
/// året." or whether the internal control is sufficient.
pub fn isk_verdict(isk: Option<&crate::domain::plan::IskJudgement>) -> &'static str {
    match isk {
        None => "Saknas: nämnden har inte gjort sin bedömning för året.",
        Some(j) if j.sufficient => "Den interna kontrollen bedöms som tillräcklig.",
        Some(_) => "Den interna kontrollen bedöms inte som tillräcklig.",
    }
}

// ---- internal control: the risk matrix ----

/// The risks of a plan placed by sannolikhet × konsekvens on its scale: `cells[l-1][c-1]` holds the ids of the
/// risks with likelihood `l` and consequence `c`; risks not yet assessed are listed apart.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskMatrix {
    pub scale: u8,
    pub cells: Vec<Vec<Vec<String>>>,
    pub unassessed: Vec<String>,
}

impl RiskMatrix {
    /// How many risks a cell holds (likelihood `l`, consequence `c`, both from 1).
    pub fn count(&self, l: u8, c: u8) -> usize {
        self.cells
            .get(l as usize - 1)
            .and_then(|row| row.get(c as usize - 1))
            .map_or(0, Vec::len)
    }
}

/// The plan's risk matrix, on the scale of its (first) internkontrollplan.
pub fn risk_matrix(plan: &Plan) -> RiskMatrix {
    // with several internkontrollplaner, the largest scale: every risk valid on its own plan's scale has a cell
    let scale = plan
        .nodes
        .iter()
        .filter_map(|n| match &n.data {
            NodeData::IkPlan(c) => Some(c.risk_scale),
            _ => None,
        })
        .max()
        .unwrap_or(crate::domain::plan::DEFAULT_RISK_SCALE);
    let k = scale as usize;
    let mut m = RiskMatrix {
        scale,
        cells: vec![vec![vec![]; k]; k],
        unassessed: vec![],
    };
    for n in plan.tree_order() {
        if let NodeData::IkRisk(r) = &n.data {
            match (r.likelihood, r.consequence) {
                (Some(l), Some(c)) if (1..=scale).contains(&l) && (1..=scale).contains(&c) => {
                    m.cells[l as usize - 1][c as usize - 1].push(n.id.clone())
                }
                _ => m.unassessed.push(n.id.clone()),
            }
        }
    }
    m
}
