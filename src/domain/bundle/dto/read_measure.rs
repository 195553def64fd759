//! Reading a measure (mått, nyckeltal) of any version: its targets, outcomes, baseline, applicability, manual
//! grades, analyses and (version 5) the grades the report states.

use super::read_parts::{keys, keys_since, read_issuer, read_source};
use super::*;
use crate::domain::bundle::reader::{text, Obj};
use crate::domain::error::LocatedError;

type R<T> = Result<T, LocatedError>;

pub(super) const POLARITIES: &[(&str, Polarity)] = &[
    ("hogre_battre", Polarity::HogreBattre),
    ("lagre_battre", Polarity::LagreBattre),
];
pub(super) const TARGET_KINDS: &[(&str, TargetKind)] = &[
    ("niva", TargetKind::Niva),
    ("antal", TargetKind::Antal),
    ("riktning", TargetKind::Riktning),
    ("forandring", TargetKind::Forandring),
    ("intervall", TargetKind::Intervall),
    ("bibehalla", TargetKind::Bibehalla),
    ("tillstand", TargetKind::Tillstand),
    ("kvalitativ", TargetKind::Kvalitativ),
    ("efter_behov", TargetKind::EfterBehov),
    ("saknas", TargetKind::Saknas),
    ("oklar", TargetKind::Oklar),
];
pub(super) const APPLICABILITY: &[(&str, ApplicabilityKind)] = &[
    ("aktuell", ApplicabilityKind::Aktuell),
    ("senare_start", ApplicabilityKind::SenareStart),
    ("ej_matbar", ApplicabilityKind::EjMatbar),
    ("ej_relevant", ApplicabilityKind::EjRelevant),
    ("data_saknas", ApplicabilityKind::DataSaknas),
];
pub(super) const OPERATORS: &[(&str, Operator)] = &[
    ("<", Operator::Lt),
    ("<=", Operator::Le),
    (">", Operator::Gt),
    (">=", Operator::Ge),
    ("=", Operator::Eq),
];
pub(super) const DIRECTIONS: &[(&str, Direction)] = &[
    ("oka", Direction::Oka),
    ("minska", Direction::Minska),
    ("forbattra", Direction::Forbattra),
    ("bibehalla", Direction::Bibehalla),
];
pub(super) const REFERENCE_KINDS: &[(&str, ReferenceKind)] = &[
    ("foregaende_ar", ReferenceKind::ForegaendeAr),
    (
        "samma_period_foregaende_ar",
        ReferenceKind::SammaPeriodForegaendeAr,
    ),
    ("angivet_ar", ReferenceKind::AngivetAr),
    ("ingangsvarde", ReferenceKind::Ingangsvarde),
    ("senaste_matning", ReferenceKind::SenasteMatning),
    ("ej_angiven", ReferenceKind::EjAngiven),
];
pub(super) const SEXES: &[(&str, Sex)] = &[("K", Sex::Kvinnor), ("M", Sex::Man)];

pub(super) const GRADES: &[(&str, Grade)] = &[
    ("uppfyllt", Grade::Uppfyllt),
    ("delvis", Grade::Delvis),
    ("ej_uppfyllt", Grade::EjUppfyllt),
    ("ej_bedombar", Grade::EjBedombar),
];

fn read_outcome(v: &serde_json::Value, p: String, ver: u64) -> R<Outcome> {
    let x = Obj::new(v, p)?;
    x.only(&keys(
        ver,
        &["period", "value", "unit", "raw", "origin", "extra"],
        &["sex", "subgroup"],
    ))?;
    let per = x.obj("period")?;
    per.only(&["label", "code", "year", "from_month", "to_month"])?;
    Ok(Outcome {
        period: PeriodRef {
            label: per.str("label")?,
            code: per.opt_str("code")?,
            year: per.opt_i32("year")?,
            from_month: per.opt_u8("from_month")?,
            to_month: per.opt_u8("to_month")?,
        },
        value: x.opt_f64("value")?,
        unit: x.opt_str("unit")?,
        raw: x.str("raw")?,
        origin: x.opt_str("origin")?,
        sex: x.opt_choice("sex", SEXES)?,
        subgroup: x.opt_str("subgroup")?,
        extra: x.extra("extra")?,
    })
}
fn read_target(v: &serde_json::Value, p: String, ver: u64) -> R<Target> {
    let t = Obj::new(v, p)?;
    t.only(&keys(
        ver,
        &[
            "kind",
            "raw",
            "operator",
            "value",
            "value_high",
            "unit",
            "extra",
        ],
        &[
            "direction",
            "change",
            "change_unit",
            "reference",
            "groups",
            "annual",
        ],
    ))?;
    // version 1 kept the operator as free text; only these were ever written
    Ok(Target {
        kind: t.choice("kind", TARGET_KINDS)?,
        raw: t.str("raw")?,
        operator: t.opt_choice("operator", OPERATORS)?,
        value: t.opt_f64("value")?,
        value_high: t.opt_f64("value_high")?,
        unit: t.opt_str("unit")?,
        direction: t.opt_choice("direction", DIRECTIONS)?,
        change: t.opt_f64("change")?,
        change_unit: t.opt_str("change_unit")?,
        reference: t
            .opt_obj("reference")?
            .map(|r| {
                r.only(&["kind", "year"])?;
                Ok(Reference {
                    kind: r.choice("kind", REFERENCE_KINDS)?,
                    year: r.opt_i32("year")?,
                })
            })
            .transpose()?,
        groups: if t.has("groups") {
            t.list("groups", true, |v, p| {
                let g = Obj::new(v, p)?;
                g.only(&["sex", "value"])?;
                Ok(GroupTarget {
                    sex: g.choice("sex", SEXES)?,
                    value: g.opt_f64("value")?.ok_or_else(|| g.missing("value"))?,
                })
            })?
        } else {
            vec![]
        },
        annual: t.has("annual") && t.bool("annual")?,
        extra: t.extra("extra")?,
    })
}
pub(super) fn read_measure(o: &Obj, ver: u64) -> R<Measure> {
    let mut k = keys(
        ver,
        &[
            "unit",
            "polarity",
            "issuer",
            "follow_up",
            "targets",
            "outcomes",
        ],
        &[
            "baseline",
            "applicability",
            "flow",
            "critical",
            "analyses",
            "manual",
        ],
    );
    k.extend(keys_since(ver, 5, &[], &["stated"]));
    o.only(&k)?;
    let flag = |k: &str| -> R<bool> { Ok(o.has(k) && o.bool(k)?) };
    let list_or_empty = |k: &str| o.has(k);
    Ok(Measure {
        unit: o.str("unit")?,
        polarity: o.opt_choice("polarity", POLARITIES)?,
        issuer: read_issuer(o, "issuer")?,
        follow_up: o
            .list("follow_up", true, text)?
            .iter()
            .map(|c| crate::domain::period::FollowUp::parse(c))
            .collect(),
        targets: o.list("targets", true, |v, p| read_target(v, p, ver))?,
        outcomes: o.list("outcomes", true, |v, p| read_outcome(v, p, ver))?,
        baseline: o
            .opt_obj("baseline")?
            .map(|b| {
                b.only(&["raw", "values", "extra"])?;
                Ok(Baseline {
                    raw: b.str("raw")?,
                    values: b.list("values", true, |v, p| read_outcome(v, p, ver))?,
                    extra: b.extra("extra")?,
                })
            })
            .transpose()?,
        applicability: match o.opt_obj("applicability")? {
            None => d::Applicability::default().into(),
            Some(a) => {
                a.only(&["kind", "reason", "starts_from"])?;
                Applicability {
                    kind: a.choice("kind", APPLICABILITY)?,
                    reason: a.opt_str("reason")?.unwrap_or_default(),
                    starts_from: a.opt_i32("starts_from")?,
                }
            }
        },
        flow: flag("flow")?,
        critical: flag("critical")?,
        analyses: if list_or_empty("analyses") {
            o.list("analyses", true, |v, p| {
                let a = Obj::new(v, p)?;
                a.only(&["period", "text"])?;
                Ok(Analysis {
                    period: a.period_key("period")?,
                    text: a.str("text")?,
                })
            })?
        } else {
            vec![]
        },
        manual: if list_or_empty("manual") {
            o.list("manual", true, |v, p| {
                let m = Obj::new(v, p)?;
                m.only(&["period", "grade", "motivation"])?;
                Ok(ManualGrade {
                    period: m.period_key("period")?,
                    grade: m.choice("grade", GRADES)?,
                    motivation: m.str("motivation")?,
                })
            })?
        } else {
            vec![]
        },
        stated: read_stated(o)?,
    })
}

/// A measure's stated grades (missing = none).
fn read_stated(o: &Obj) -> R<Vec<StatedGrade>> {
    o.list("stated", false, |v, p| {
        let g = Obj::new(v, p)?;
        g.only(&["period", "grade", "quote", "source"])?;
        Ok(StatedGrade {
            period: g.period_key("period")?,
            grade: g.choice("grade", GRADES)?,
            quote: g.str("quote")?,
            source: read_source(&g)?,
        })
    })
}
