//! What the patient pays under the state dental subsidy (statligt tandvårdsstöd), by dated rule sets.
//!
//! The rules change by year, so they are data ([`RuleSet`]), chosen by the treatment date. For one treatment
//! plan (tariff rows × count) the calculation goes line by line: the clinic price; the reference basis
//! min(price, reference price) per action (the part above the reference price is always the patient's);
//! STB and ATB paying part of the bill (that part earns no further compensation); then the högkostnadsskydd
//! over the compensation period, counting costs already in the period; or, where the rule set has it,
//! tiotandvård for the oldest. Free care for the young is the region's, not the state's.

use super::Tariff;
use crate::domain::format::{kr_sv, pct_plain_sv, round2};
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

/// ATB for an age band (age = the age the patient turns in the treatment year).
#[derive(Debug, Clone, PartialEq)]
pub struct AtbBand {
    pub from_age: u32,
    pub to_age: Option<u32>,
    pub amount: Decimal,
}

/// Above `above` kronor of counted cost in the period, the state pays `state_pct` %.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub above: Decimal,
    pub state_pct: Decimal,
}

/// Tiotandvård: from this age the state pays `state_pct` % of the reference basis.
#[derive(Debug, Clone, PartialEq)]
pub struct Elderly {
    pub from_age: u32,
    pub state_pct: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    pub id: String,
    pub name: String,
    pub valid_from: NaiveDate,
    /// Where the rules come from (law, ordinance).
    pub source: String,
    /// Free care through the year the patient turns this age.
    pub free_through_age: u32,
    pub atb: Vec<AtbBand>,
    /// ATB for every other age from the first subsidised year.
    pub atb_other: Decimal,
    pub steps: Vec<Step>,
    pub period_months: u32,
    pub stb_per_half_year: Decimal,
    pub elderly: Option<Elderly>,
    /// What the user should know about the rule set (assumptions).
    pub note: String,
}

fn kr(n: i64) -> Decimal {
    Decimal::from(n)
}

/// The rules of 2025 (lag 2008:145, förordning 2008:193 as amended by SFS 2024:1100–1101).
pub fn rules_2025() -> RuleSet {
    RuleSet {
        id: "tandvardsstod-2025".into(),
        name: "Statligt tandvårdsstöd 2025".into(),
        valid_from: NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date"),
        source: "Lag (2008:145), förordning (2008:193) i lydelse enligt SFS 2024:1100–1101".into(),
        free_through_age: 19,
        atb: vec![
            AtbBand {
                from_age: 20,
                to_age: Some(23),
                amount: kr(600),
            },
            AtbBand {
                from_age: 65,
                to_age: None,
                amount: kr(600),
            },
        ],
        atb_other: kr(300),
        steps: vec![
            Step {
                above: kr(3000),
                state_pct: kr(50),
            },
            Step {
                above: kr(15000),
                state_pct: kr(85),
            },
        ],
        period_months: 12,
        stb_per_half_year: kr(600),
        elderly: None,
        note: String::new(),
    }
}

/// The rules from 2026: STB 1 000 kr and tiotandvård from 67 (state pays 90 % of the reference basis).
pub fn rules_2026() -> RuleSet {
    RuleSet {
        id: "tandvardsstod-2026".into(),
        name: "Statligt tandvårdsstöd 2026".into(),
        valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date"),
        stb_per_half_year: kr(1000),
        elderly: Some(Elderly {
            from_age: 67,
            state_pct: kr(90),
        }),
        note: "Från 2026 knyts trösklarna i högkostnadsskyddet till prisbasbeloppet. Beloppen här är 2025 års \
               (3 000 och 15 000 kr) tills de fastställda beloppen förts in i regeluppsättningen."
            .into(),
        ..rules_2025()
    }
}

pub fn builtin() -> Vec<RuleSet> {
    vec![rules_2025(), rules_2026()]
}

/// The rule set in force on `date`: the latest `valid_from` on or before it.
pub fn rule_for(sets: &[RuleSet], date: NaiveDate) -> Option<&RuleSet> {
    sets.iter()
        .filter(|s| s.valid_from <= date)
        .max_by_key(|s| s.valid_from)
}

impl RuleSet {
    /// The ATB for a patient turning `age` this year (0 while care is free).
    pub fn atb_for(&self, age: u32) -> Decimal {
        if age <= self.free_through_age {
            return Decimal::ZERO;
        }
        self.atb
            .iter()
            .find(|b| age >= b.from_age && b.to_age.is_none_or(|t| age <= t))
            .map(|b| b.amount)
            .unwrap_or(self.atb_other)
    }

    /// What the state pays in total for `x` kronor counted in the period.
    fn state_total(&self, x: Decimal) -> Decimal {
        let mut s = Decimal::ZERO;
        for (k, step) in self.steps.iter().enumerate() {
            let top = self.steps.get(k + 1).map(|n| n.above);
            let mut part = (x - step.above).max(Decimal::ZERO);
            if let Some(top) = top {
                part = part.min(top - step.above);
            }
            s += part * step.state_pct / Decimal::ONE_HUNDRED;
        }
        s
    }

    /// The högkostnadsskydd in words: "staten betalar 50 % över 3 000 kr och 85 % över 15 000 kr".
    pub fn describe_steps(&self) -> String {
        self.steps
            .iter()
            .map(|s| format!("{} över {}", pct_plain_sv(s.state_pct), kr_sv(s.above)))
            .collect::<Vec<_>>()
            .join(" och ")
    }
}

/// One line of a treatment plan: a tariff row and how many (actions, minutes or items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub row: usize,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub birth_year: i32,
    pub date: NaiveDate,
    pub lines: Vec<Line>,
    /// Costs already counted (reference basis) in the current compensation period.
    pub prior_basis: Decimal,
    /// When the current compensation period began; a period older than the rule set's length is over.
    pub period_start: Option<NaiveDate>,
    /// ATB left this year; `None` means the full amount for the age.
    pub atb_left: Option<Decimal>,
    /// STB left this half-year (only for patients with a qualifying diagnosis; otherwise 0).
    pub stb_left: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineCost {
    pub code: String,
    pub text: String,
    pub count: u32,
    pub clinic: Decimal,
    /// min(price, reference price) × count; 0 when the code has no reference price.
    pub basis: Decimal,
    /// The part of the clinic price above the reference price: the patient's.
    pub excess: Decimal,
    pub stb: Decimal,
    pub atb: Decimal,
    pub state: Decimal,
    /// Free care: the region pays.
    pub region: Decimal,
    pub patient: Decimal,
    /// The rule that applied, in Swedish.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub rules: String,
    pub age: u32,
    pub lines: Vec<LineCost>,
    pub clinic: Decimal,
    pub basis: Decimal,
    pub stb: Decimal,
    pub atb: Decimal,
    pub state: Decimal,
    pub region: Decimal,
    pub patient: Decimal,
    /// Counted in the compensation period after this treatment.
    pub period_basis_after: Decimal,
    /// The rules used, in order, as sentences.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostError {
    #[error("födelseåret {birth} ligger efter behandlingsdatumet")]
    BirthAfterDate { birth: i32 },
    #[error("behandlingsdatumet ligger före ersättningsperiodens start")]
    BeforePeriod,
    #[error("raden {0} finns inte i taxan")]
    UnknownRow(usize),
    #[error("inga regler för tandvårdsstödet gäller {0}")]
    NoRules(NaiveDate),
    #[error("ett belopp är negativt")]
    Negative,
    #[error("ett belopp är orimligt stort (högst {} kr)", MAX_CASE_KR)]
    TooLarge,
    #[error(
        "antalet är orimligt stort (högst {} per rad och {} rader)",
        MAX_LINE_COUNT,
        MAX_LINES
    )]
    TooMany,
    #[error("födelseåret {0} är orimligt")]
    BadBirthYear(i32),
}

/// Largest amount accepted in a case (costs already counted, ATB or STB left).
pub const MAX_CASE_KR: i64 = 10_000_000;
/// Most actions, minutes or items on one line of a treatment plan.
pub const MAX_LINE_COUNT: u32 = 100_000;
/// Most lines in one treatment plan.
pub const MAX_LINES: usize = 1_000;

/// The patient's cost for `case` at `tariff`'s prices under `rules`.
pub fn patient_cost(rules: &RuleSet, tariff: &Tariff, case: &Case) -> Result<Breakdown, CostError> {
    let year = case.date.year();
    if case.birth_year < year - 150 {
        return Err(CostError::BadBirthYear(case.birth_year));
    }
    let max = Decimal::from(MAX_CASE_KR);
    if case.prior_basis > max || case.stb_left > max || case.atb_left.is_some_and(|a| a > max) {
        return Err(CostError::TooLarge);
    }
    if case.lines.len() > MAX_LINES || case.lines.iter().any(|l| l.count > MAX_LINE_COUNT) {
        return Err(CostError::TooMany);
    }
    // with these bounds and a validated tariff and rule set (prices ≤ 10 Mkr) no sum below can overflow
    if case.birth_year > year {
        return Err(CostError::BirthAfterDate {
            birth: case.birth_year,
        });
    }
    if case.prior_basis < Decimal::ZERO
        || case.stb_left < Decimal::ZERO
        || case.atb_left.is_some_and(|a| a < Decimal::ZERO)
    {
        return Err(CostError::Negative);
    }
    let age = (year - case.birth_year) as u32;
    let mut notes = vec![format!(
        "{} (gäller från {}). Patienten fyller {age} år {year}.",
        rules.name, rules.valid_from
    )];
    let free = age <= rules.free_through_age;
    let elderly = rules
        .elderly
        .as_ref()
        .filter(|e| age >= e.from_age && !free);
    let mut prior = case.prior_basis;
    if let Some(start) = case.period_start {
        if case.date < start {
            return Err(CostError::BeforePeriod);
        }
        let end = start
            .checked_add_months(Months::new(rules.period_months))
            .unwrap_or(start);
        if case.date >= end && !prior.is_zero() {
            notes.push(format!(
                "Ersättningsperioden från {start} är slut ({} månader); tidigare kostnader räknas inte, en ny period börjar.",
                rules.period_months
            ));
            prior = Decimal::ZERO;
        }
    }
    let mut atb_left = if free {
        Decimal::ZERO
    } else {
        case.atb_left.unwrap_or_else(|| rules.atb_for(age))
    };
    let mut stb_left = if free { Decimal::ZERO } else { case.stb_left };
    if free {
        notes.push(format!(
            "Avgiftsfri tandvård t.o.m. det år patienten fyller {}: regionen betalar, patienten betalar inget.",
            rules.free_through_age
        ));
    } else {
        notes.push(format!(
            "Allmänt tandvårdsbidrag (ATB) {} kvar att använda; det betalar en del av räkningen och ger ingen ytterligare ersättning.",
            kr_sv(atb_left)
        ));
        if let Some(e) = elderly {
            notes.push(format!(
                "Tiotandvård från {} år: staten betalar {} av referenspriset (högst klinikens pris).",
                e.from_age,
                pct_plain_sv(e.state_pct)
            ));
        } else {
            notes.push(format!(
                "Högkostnadsskydd över {} månader: {}; kostnader räknas högst till referenspriset. Redan i perioden: {}.",
                rules.period_months,
                rules.describe_steps(),
                kr_sv(prior)
            ));
        }
    }
    let mut counted = prior;
    let mut lines = vec![];
    for l in &case.lines {
        let r = tariff.rows.get(l.row).ok_or(CostError::UnknownRow(l.row))?;
        let n = Decimal::from(l.count);
        let clinic = r.price * n;
        let basis = match (r.kind, r.reference) {
            (super::CodeKind::Extern, Some(rf)) => r.price.min(rf) * n,
            _ => Decimal::ZERO,
        };
        let excess = clinic - basis;
        let mut line = LineCost {
            code: r.code.clone(),
            text: r.text.clone(),
            count: l.count,
            clinic,
            basis,
            excess,
            stb: Decimal::ZERO,
            atb: Decimal::ZERO,
            state: Decimal::ZERO,
            region: Decimal::ZERO,
            patient: Decimal::ZERO,
            rule: String::new(),
        };
        if free {
            line.region = clinic;
            line.rule = "Avgiftsfri tandvård".into();
            lines.push(line);
            continue;
        }
        let mut rule = vec![];
        let mut left = clinic;
        line.stb = stb_left.min(left);
        stb_left -= line.stb;
        left -= line.stb;
        line.atb = atb_left.min(left);
        atb_left -= line.atb;
        if !line.stb.is_zero() {
            rule.push(format!("STB {}", kr_sv(line.stb)));
        }
        if !line.atb.is_zero() {
            rule.push(format!("ATB {}", kr_sv(line.atb)));
        }
        let line_counted = (basis - line.stb - line.atb).max(Decimal::ZERO);
        if basis.is_zero() {
            rule.push("inget referenspris: ingår inte i tandvårdsstödet".into());
        } else if excess > Decimal::ZERO {
            rule.push(format!(
                "{} över referenspriset betalas av patienten",
                kr_sv(excess)
            ));
        }
        line.state = match elderly {
            Some(e) => {
                if !line_counted.is_zero() {
                    rule.push(format!("tiotandvård {}", pct_plain_sv(e.state_pct)));
                }
                round2(line_counted * e.state_pct / Decimal::ONE_HUNDRED)
            }
            None => {
                let s = round2(rules.state_total(counted + line_counted))
                    - round2(rules.state_total(counted));
                if !line_counted.is_zero() {
                    rule.push(if s.is_zero() {
                        format!(
                            "under tröskeln ({} räknat i perioden)",
                            kr_sv(counted + line_counted)
                        )
                    } else {
                        format!(
                            "högkostnadsskydd: staten {} ({} räknat i perioden)",
                            kr_sv(s),
                            kr_sv(counted + line_counted)
                        )
                    });
                }
                s
            }
        };
        counted += line_counted;
        line.patient = clinic - line.stb - line.atb - line.state;
        line.rule = rule.join("; ");
        lines.push(line);
    }
    let sum = |f: fn(&LineCost) -> Decimal| lines.iter().map(f).sum::<Decimal>();
    Ok(Breakdown {
        rules: rules.name.clone(),
        age,
        clinic: sum(|l| l.clinic),
        basis: sum(|l| l.basis),
        stb: sum(|l| l.stb),
        atb: sum(|l| l.atb),
        state: sum(|l| l.state),
        region: sum(|l| l.region),
        patient: sum(|l| l.patient),
        period_basis_after: if free { prior } else { counted },
        lines,
        notes,
    })
}
