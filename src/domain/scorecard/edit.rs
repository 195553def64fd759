//! Scorecard edits a strategist makes: an outcome for a period (total, kvinnor or män), a manual grade with
//! its motivation, an analysis text. Each keeps the measure valid.

use crate::domain::edit::EditError;
use crate::domain::format::value_sv;
use crate::domain::limits::MAX_ABS_NUMBER;
use crate::domain::measure::*;
use crate::domain::period::Period;
use crate::domain::plan::{Extra, NodeData, Plan};

/// The measure (mått or nyckeltal) with this id.
pub fn measure_mut<'a>(plan: &'a mut Plan, id: &str) -> Result<&'a mut Measure, EditError> {
    let n = plan
        .nodes
        .iter_mut()
        .find(|n| n.id == id)
        .ok_or_else(|| EditError::NotFound(id.into()))?;
    match &mut n.data {
        NodeData::Matt(m) | NodeData::Nyckeltal(m) => Ok(m),
        _ => Err(EditError::NotAMeasure(id.into())),
    }
}

/// The unit values of this measure are kept in: the first target's, else the measure's.
pub fn value_unit(m: &Measure) -> Option<String> {
    m.targets
        .iter()
        .find_map(|t| t.unit.clone())
        .or_else(|| Some(m.unit.clone()))
        .filter(|u| !u.is_empty())
}

/// The target a history chart draws as a line, with its words ("Mål ≥ 70 %"): the first level target with a
/// value, in the unit the values are kept in. None for a flow measure's annual target (the outcomes are the
/// year so far, so a line at the year's target would mislead) and for targets without one value.
pub fn target_line(m: &Measure) -> Option<(String, f64)> {
    let unit = value_unit(m).unwrap_or_default();
    let t = m.targets.iter().find(|t| {
        matches!(
            t.kind,
            TargetKind::Niva | TargetKind::Antal | TargetKind::Bibehalla
        ) && t.value.is_some()
            && t.unit.as_deref().is_none_or(|u| u == unit)
    })?;
    if t.annual && m.flow {
        return None;
    }
    let v = t.value?;
    let sign = t
        .operator
        .map(|o| format!("{} ", o.sign()))
        .unwrap_or_default();
    Some((format!("Mål {sign}{}", value_sv(v, &unit)), v))
}

/// Index of the outcome a period shows for a sex (`None` = total), in the measure's unit (a value in another
/// unit, e.g. a count beside a share, is not this measure's outcome).
pub fn outcome_index(m: &Measure, p: &Period, sex: Option<Sex>) -> Option<usize> {
    let unit = value_unit(m);
    m.outcomes.iter().position(|o| {
        o.sex == sex
            && o.subgroup.is_none()
            && p.matches(&o.period)
            && (unit.is_none() || o.unit.is_none() || o.unit == unit)
    })
}

/// One period of a measure's history: its total and the values for kvinnor and män.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoryRow {
    pub period: Period,
    pub total: Option<f64>,
    pub kvinnor: Option<f64>,
    pub man: Option<f64>,
}

/// Every period the measure has an outcome for, in time order (comparable periods once).
pub fn history(m: &Measure) -> Vec<HistoryRow> {
    let mut ps: Vec<Period> = m
        .outcomes
        .iter()
        .filter_map(|o| Period::from_ref(&o.period))
        .collect();
    ps.sort_by_key(Period::sort_key);
    ps.dedup_by(|a, b| a.comparable(b));
    ps.into_iter()
        .map(|period| {
            let v = |s| outcome_index(m, &period, s).and_then(|i| m.outcomes[i].value);
            HistoryRow {
                period,
                total: v(None),
                kvinnor: v(Some(Sex::Kvinnor)),
                man: v(Some(Sex::Man)),
            }
        })
        .collect()
}

/// Set the outcome of a period for a sex (`None` = total); `None` as value removes it. A value typed in is
/// marked as entered by hand (`origin: manuell`).
pub fn set_outcome(
    m: &mut Measure,
    p: &Period,
    sex: Option<Sex>,
    value: Option<f64>,
) -> Result<(), EditError> {
    if let Some(v) = value {
        if !v.is_finite() || v.abs() > MAX_ABS_NUMBER {
            return Err(EditError::BadNumber(v.to_string()));
        }
    }
    let unit = value_unit(m);
    let at = outcome_index(m, p, sex);
    match (at, value) {
        (Some(i), None) => {
            m.outcomes.remove(i);
        }
        (Some(i), Some(v)) => {
            let o = &mut m.outcomes[i];
            if o.value != Some(v) {
                o.value = Some(v);
                o.raw = value_sv(v, o.unit.as_deref().unwrap_or_default());
                o.origin = Some("manuell".into());
            }
        }
        (None, Some(v)) => m.outcomes.push(Outcome {
            period: p.to_ref(),
            value: Some(v),
            raw: value_sv(v, unit.as_deref().unwrap_or_default()),
            unit,
            origin: Some("manuell".into()),
            sex,
            subgroup: None,
            extra: Extra::new(),
        }),
        (None, None) => {}
    }
    Ok(())
}

/// Set or clear (with `None`) the manual grade of a period. A grade needs a motivation.
pub fn set_manual(
    m: &mut Measure,
    p: &Period,
    grade: Option<(Grade, String)>,
) -> Result<(), EditError> {
    m.manual.retain(|g| g.period != *p);
    if let Some((grade, motivation)) = grade {
        if motivation.trim().is_empty() {
            return Err(EditError::MotivationMissing);
        }
        m.manual.push(ManualGrade {
            period: *p,
            grade,
            motivation,
        });
        m.manual.sort_by_key(|g| g.period.sort_key());
    }
    Ok(())
}

/// Set or clear (with `None`) the grade the report states for a period, with the report's words. The source
/// line is kept while the words stay the same (a corrected grade still cites its line); new words have none.
pub fn set_stated(m: &mut Measure, p: &Period, stated: Option<(Grade, String)>) {
    let old = m
        .stated
        .iter()
        .position(|g| g.period == *p)
        .map(|i| m.stated.remove(i));
    if let Some((grade, quote)) = stated {
        let quote = quote.trim().to_string();
        let source = old.filter(|o| o.quote == quote).and_then(|o| o.source);
        m.stated.push(StatedGrade {
            period: *p,
            grade,
            quote,
            source,
        });
        m.stated.sort_by_key(|g| g.period.sort_key());
    }
}

/// Set the analysis text of a period; an empty text removes it.
pub fn set_analysis(m: &mut Measure, p: &Period, text: String) {
    match m.analyses.iter_mut().find(|a| a.period == *p) {
        Some(a) if !text.trim().is_empty() => a.text = text,
        Some(_) => m.analyses.retain(|a| a.period != *p),
        None if !text.trim().is_empty() => {
            m.analyses.push(Analysis { period: *p, text });
            m.analyses.sort_by_key(|a| a.period.sort_key());
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::PeriodCode;

    fn m() -> Measure {
        let mut t = Target::new(TargetKind::Niva);
        t.unit = Some("%".into());
        t.value = Some(80.0);
        Measure {
            targets: vec![t],
            ..Default::default()
        }
    }

    #[test]
    fn outcomes_are_set_changed_and_removed_per_sex() {
        let p = Period::new(2022, PeriodCode::Da04);
        let mut m = m();
        set_outcome(&mut m, &p, None, Some(75.0)).unwrap();
        set_outcome(&mut m, &p, Some(Sex::Kvinnor), Some(70.0)).unwrap();
        assert_eq!(m.outcomes.len(), 2);
        assert_eq!(m.outcomes[0].raw, "75\u{a0}%");
        assert_eq!(m.outcomes[0].origin.as_deref(), Some("manuell"));
        // T1 is the same months: the same outcome is edited, not a second one added
        set_outcome(&mut m, &Period::new(2022, PeriodCode::T1), None, Some(76.0)).unwrap();
        assert_eq!((m.outcomes.len(), m.outcomes[0].value), (2, Some(76.0)));
        set_outcome(&mut m, &p, None, None).unwrap();
        assert_eq!(m.outcomes.len(), 1);
        assert_eq!(m.outcomes[0].sex, Some(Sex::Kvinnor));
        assert!(set_outcome(&mut m, &p, None, Some(f64::NAN)).is_err());
        assert!(set_outcome(&mut m, &p, None, Some(1e20)).is_err());
    }

    #[test]
    fn history_lists_each_period_once_in_order() {
        let mut m = m();
        let (t1, da08) = (
            Period::new(2022, PeriodCode::T1),
            Period::new(2021, PeriodCode::Da08),
        );
        set_outcome(&mut m, &t1, None, Some(1.0)).unwrap();
        set_outcome(&mut m, &t1, Some(Sex::Man), Some(2.0)).unwrap();
        set_outcome(&mut m, &da08, None, Some(3.0)).unwrap();
        let h = history(&m);
        assert_eq!(h.len(), 2);
        assert_eq!((h[0].period, h[0].total), (da08, Some(3.0)));
        assert_eq!(
            (h[1].total, h[1].kvinnor, h[1].man),
            (Some(1.0), None, Some(2.0))
        );
    }

    #[test]
    fn a_value_in_another_unit_is_left_alone() {
        let p = Period::new(2022, PeriodCode::Da04);
        let mut m = m();
        m.outcomes.push(Outcome {
            unit: Some("st".into()),
            ..Outcome {
                period: p.to_ref(),
                value: Some(322.0),
                unit: None,
                raw: "322 st.".into(),
                origin: Some("tabell".into()),
                sex: None,
                subgroup: None,
                extra: Extra::new(),
            }
        });
        set_outcome(&mut m, &p, None, Some(75.0)).unwrap();
        // a share outcome is added beside the count; the count keeps its value
        assert_eq!(m.outcomes.len(), 2);
        assert_eq!(m.outcomes[0].value, Some(322.0));
    }

    #[test]
    fn manual_grade_needs_a_motivation() {
        let p = Period::new(2024, PeriodCode::Da08);
        let mut m = m();
        assert_eq!(
            set_manual(&mut m, &p, Some((Grade::Uppfyllt, "  ".into()))),
            Err(EditError::MotivationMissing)
        );
        set_manual(
            &mut m,
            &p,
            Some((Grade::Uppfyllt, "Beslut i nämnden".into())),
        )
        .unwrap();
        set_manual(&mut m, &p, Some((Grade::Delvis, "Ändrad".into()))).unwrap();
        assert_eq!(m.manual.len(), 1);
        assert_eq!(
            m.manual_grade(&Period::parse_key("DÅ08 2024").unwrap())
                .unwrap()
                .grade,
            Grade::Delvis
        );
        set_manual(&mut m, &p, None).unwrap();
        assert!(m.manual.is_empty());
        set_analysis(&mut m, &p, "Förbättrat".into());
        assert_eq!(
            m.analysis(&Period::parse_key("DÅ08 2024").unwrap()),
            Some("Förbättrat")
        );
        set_analysis(&mut m, &p, "".into());
        assert!(m.analyses.is_empty());
    }
}

/// A new measure as the plan editor's *Lägg till mått* writes it: its name, its target as the document words it
/// and, optionally, an outcome for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeasure {
    pub name: String,
    pub target: String,
    pub outcome: Option<(Period, f64)>,
}

/// Add a measure under `parent` in one step: the target is read by the parser the scorecard uses
/// ([`super::parse::parse_target`]); its unit becomes the measure's and its words set the direction ("minst" →
/// higher is better) where they say one. Followed up in every period until chosen otherwise. Returns the id.
pub fn add_measure(plan: &mut Plan, parent: &str, new: NewMeasure) -> Result<String, EditError> {
    let id =
        crate::domain::edit::add_child(plan, Some(parent), crate::domain::plan::NodeKind::Matt)?;
    if let Some(n) = plan.nodes.iter_mut().find(|n| n.id == id) {
        n.text = new.name.trim().to_string();
    }
    let m = measure_mut(plan, &id)?;
    if !new.target.trim().is_empty() {
        let t = super::parse::parse_target(new.target.trim());
        m.polarity = super::parse::implied_polarity(&t);
        m.unit = t
            .unit
            .clone()
            .or_else(|| t.change_unit.clone())
            .unwrap_or_default();
        m.targets.push(t);
    }
    if let Some((p, v)) = new.outcome {
        set_outcome(m, &p, None, Some(v))?;
    }
    Ok(id)
}

#[cfg(test)]
mod new_measure_tests {
    use super::*;
    use crate::domain::period::PeriodCode;
    use crate::domain::plan::NodeKind;
    use crate::domain::scorecard::grade::assess;

    #[test]
    fn a_measure_with_target_and_outcome_is_graded_at_once() {
        let mut p = Plan::new(
            "p".into(),
            "Plan".into(),
            "Nämnd".into(),
            2025,
            "2025-01-01T00:00:00Z".into(),
        );
        let goal = crate::domain::edit::add_child(&mut p, None, NodeKind::Perspektiv).unwrap();
        let per = Period::new(2025, PeriodCode::Da08);
        let id = add_measure(
            &mut p,
            &goal,
            NewMeasure {
                name: " Andel som får tid inom 90 dagar ".into(),
                target: "Minst 90 %".into(),
                outcome: Some((per, 92.0)),
            },
        )
        .unwrap();
        let n = p.node(&id).unwrap();
        assert_eq!(n.parent.as_deref(), Some(goal.as_str()));
        assert_eq!(n.text, "Andel som får tid inom 90 dagar");
        let NodeData::Matt(m) = &n.data else {
            panic!("a mått")
        };
        assert_eq!(m.unit, "%");
        assert_eq!(m.polarity, Some(Polarity::HigherIsBetter));
        assert_eq!(m.targets[0].operator, Some(Operator::Ge));
        assert_eq!(m.outcomes[0].unit.as_deref(), Some("%"));
        assert!(m.follow_up.is_empty(), "followed up in every period");
        assert_eq!(assess(m, &per, &p.scorecard).grade, Grade::Uppfyllt);
        // lower is better by the words: 12 against "under 10 %" is not met
        let id = add_measure(
            &mut p,
            &goal,
            NewMeasure {
                name: "Andel uteblivna besök".into(),
                target: "Minska till under 10 %".into(),
                outcome: Some((per, 12.0)),
            },
        )
        .unwrap();
        let NodeData::Matt(m) = &p.node(&id).unwrap().data else {
            panic!()
        };
        assert_eq!(m.polarity, Some(Polarity::LowerIsBetter));
        assert_ne!(assess(m, &per, &p.scorecard).grade, Grade::Uppfyllt);
    }
}
