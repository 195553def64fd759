//! The sentences behind a grade and a trend, in Swedish, from the numbers grading kept: "86 % mot målvärde
//! 90 %; bättre än samma period i fjol, 77 %".

use super::grade::{Assessment, Basis, Comparison, RefSource, Trend, Why};
use crate::domain::format::{difference_sv, value_sv};
use crate::domain::measure::*;

impl RefSource {
    fn phrase(self) -> String {
        match self {
            Self::SamePeriodLastYear => "samma period i fjol".into(),
            Self::Baseline => "ingångsvärdet".into(),
            Self::Year(y) => format!("värdet {y}"),
            Self::Latest => "senaste mätningen".into(),
        }
    }
}

fn comparison_text(c: &Comparison, unit: &str, tolerance: &str) -> String {
    let v = |x: f64| value_sv(x, unit);
    let who = c
        .sex
        .map(|s| format!("{}: ", s.label()))
        .unwrap_or_default();
    let mut s = match c.kind {
        TargetKind::Riktning | TargetKind::Bibehalla
            if c.reference.map(|r| r.0) == Some(c.target) =>
        {
            let src = c.reference.map(|r| r.1.phrase()).unwrap_or_default();
            let goal = match (c.kind, c.op) {
                (TargetKind::Bibehalla, _) => "bibehålla",
                (_, Operator::Lt) => "minska",
                _ => "öka",
            };
            format!(
                "{who}{} mot {src} {} (mål: {goal})",
                v(c.value),
                v(c.target)
            )
        }
        TargetKind::Intervall => format!(
            "{who}{} mot målintervallet {}–{}",
            v(c.value),
            crate::domain::format::number_sv(c.target),
            v(c.target_high.unwrap_or(c.target))
        ),
        _ => {
            let op = if c.op_assumed && c.op == Operator::Ge {
                String::new()
            } else {
                format!("{} ", c.op.sign())
            };
            match c.prorated_months {
                Some(mo) => format!(
                    "{who}{} efter {mo} mån, prognos helår {} mot målvärde {op}{}",
                    v(c.value),
                    v(c.compared),
                    v(c.target)
                ),
                None => format!("{who}{} mot målvärde {op}{}", v(c.value), v(c.target)),
            }
        }
    };
    if let (Some((ch, pct)), Some((r, src))) = (c.change, c.reference) {
        // a change relative to the reference is a per cent of it; an absolute one is in the measure's unit
        // (procentenheter for a share)
        let ch = if pct {
            format!("{}\u{a0}%", difference_sv(ch, ""))
        } else {
            difference_sv(ch, unit)
        };
        s.push_str(&format!(" ({ch} mot {} {})", src.phrase(), v(r)));
    }
    let reference = c
        .reference
        .map(|(r, src)| format!("{}, {}", src.phrase(), v(r)))
        .unwrap_or_default();
    match c.why {
        Why::Met | Why::Improved | Why::NotImproved | Why::NotMet => {}
        Why::BetterThanReference if c.change.is_none() => {
            s.push_str(&format!("; bättre än {reference}"))
        }
        Why::NotBetterThanReference if c.change.is_none() => {
            s.push_str(&format!("; inte bättre än {reference}"))
        }
        Why::BetterThanReference => s.push_str("; bättre än referensvärdet"),
        Why::NotBetterThanReference => s.push_str("; inte bättre än referensvärdet"),
        Why::WithinTolerance => s.push_str(&format!("; inom {tolerance} av målvärdet")),
    }
    s
}

impl Assessment {
    /// The sentence behind the computed grade, e.g. "86 % mot målvärde 90 %; bättre än samma period i fjol, 77 %".
    pub fn reason(&self, m: &Measure, s: &ScorecardSettings) -> String {
        let unit = m
            .targets
            .iter()
            .find_map(|t| t.unit.clone())
            .unwrap_or_else(|| m.unit.clone());
        let tol = value_sv(s.tolerance_pct, "%");
        let text = |c: &Comparison| comparison_text(c, &unit, &tol);
        match &self.basis {
            Basis::NotScheduled => "Följs inte upp i perioden".into(),
            Basis::NotApplicable(k) => {
                let why = &m.applicability.reason;
                if why.is_empty() {
                    k.label().to_string()
                } else {
                    format!("{}: {why}", k.label())
                }
            }
            Basis::NoNumericTarget(TargetKind::Saknas) => "Målvärde saknas; bedöms manuellt".into(),
            Basis::NoNumericTarget(k) => format!("{} mål; bedöms manuellt", k.label()),
            Basis::IncompleteTarget(k) => {
                format!("Målet ({}) saknar värde", k.label().to_lowercase())
            }
            Basis::UnknownDirection => "Okänt om högre eller lägre är bättre; ange riktning".into(),
            Basis::NoOutcome => "Utfall saknas för perioden".into(),
            Basis::NoReference => "Jämförelsevärde saknas".into(),
            Basis::Compared(c) => text(c),
            Basis::Combined(cs) => cs.iter().map(text).collect::<Vec<_>>().join("; "),
        }
    }

    /// The trend in words: "bättre än samma period i fjol (77 %)".
    pub fn trend_reason(&self, m: &Measure) -> String {
        let unit = m
            .targets
            .iter()
            .find_map(|t| t.unit.clone())
            .unwrap_or_else(|| m.unit.clone());
        match (self.trend, self.trend_values) {
            (Trend::EjJamforbar, Some(_)) => "Okänt om högre eller lägre är bättre".into(),
            (_, Some((a, b))) => format!(
                "{} mot {} samma period i fjol",
                value_sv(a, &unit),
                value_sv(b, &unit)
            ),
            _ => "Inget utfall att jämföra med samma period i fjol".into(),
        }
    }
}
