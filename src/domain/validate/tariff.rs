//! A tariff's and a subsidy rule set's invariants: codes and texts within limits, amounts in range and either 0 or
//! at least one öre, parameters in range, timestamps readable; also per part, for checking one edit.

use super::{id, short, text};
use crate::domain::error::{ErrorKind, LocatedError};
use crate::domain::limits::*;

/// An amount that is zero or at least one öre (a price, a reference price, a rounding step).
fn zero_or_at_least_ore(path: String, v: rust_decimal::Decimal) -> Result<(), LocatedError> {
    if !v.is_zero() && v < min_amount() {
        return Err(LocatedError::new(
            path,
            ErrorKind::TooSmall {
                value: v.normalize().to_string().replace('.', ","),
            },
        ));
    }
    Ok(())
}

fn amount_in(path: String, v: rust_decimal::Decimal, max: i64) -> Result<(), LocatedError> {
    let max = rust_decimal::Decimal::from(max);
    if v < rust_decimal::Decimal::ZERO || v > max {
        return Err(LocatedError::new(
            path,
            ErrorKind::OutOfRange {
                value: crate::domain::format::decimal_sv(v),
                min: "0".into(),
                max: crate::domain::format::decimal_sv(max),
            },
        ));
    }
    Ok(())
}

/// A tariff's invariants: ids and codes present, amounts and parameters in range, timestamps readable.
pub fn validate_tariff(t: &crate::domain::tariff::Tariff, at: &str) -> Result<(), LocatedError> {
    validate_tariff_header(t, at)?;
    for i in 0..t.rows.len() {
        validate_tariff_row(t, i, at)?;
    }
    volumes(t, at)
}

/// What an edit of a tariff's own fields and parameters can break, without reading its rows and volumes.
pub fn validate_tariff_header(
    t: &crate::domain::tariff::Tariff,
    at: &str,
) -> Result<(), LocatedError> {
    id(&format!("{at}.id"), &t.id)?;
    short(&format!("{at}.name"), &t.name, MAX_NAME_CHARS)?;
    short(
        &format!("{at}.organisation"),
        &t.organisation,
        MAX_NAME_CHARS,
    )?;
    if let Some(n) = &t.normal_id {
        id(&format!("{at}.normal_id"), n)?;
    }
    if let Some(src) = &t.source {
        text(&format!("{at}.source"), src)?;
    }
    if t.rows.len() > MAX_TARIFF_ROWS {
        return Err(LocatedError::new(
            format!("{at}.rows"),
            ErrorKind::TooMany {
                count: t.rows.len(),
                limit: MAX_TARIFF_ROWS,
                what: "rader",
            },
        ));
    }
    if t.volumes.len() > MAX_VOLUME_ROWS {
        return Err(LocatedError::new(
            format!("{at}.volumes"),
            ErrorKind::TooMany {
                count: t.volumes.len(),
                limit: MAX_VOLUME_ROWS,
                what: "volymrader",
            },
        ));
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&t.year) {
        return Err(LocatedError::new(
            format!("{at}.year"),
            ErrorKind::AbsurdYear {
                year: t.year.into(),
            },
        ));
    }
    if chrono::DateTime::parse_from_rfc3339(&t.updated_at).is_err() {
        return Err(LocatedError::new(
            format!("{at}.updated_at"),
            ErrorKind::BadTimestamp {
                value: t.updated_at.clone(),
            },
        ));
    }
    let p = &t.params;
    amount_in(
        format!("{at}.params.max_deviation_pct"),
        p.max_deviation_pct,
        MAX_LIMIT_PCT,
    )?;
    amount_in(
        format!("{at}.params.jour_surcharge_pct"),
        p.jour_surcharge_pct,
        MAX_SURCHARGE_PCT,
    )?;
    amount_in(
        format!("{at}.params.rounding_step"),
        p.rounding.step,
        MAX_ROUNDING_KR,
    )?;
    zero_or_at_least_ore(format!("{at}.params.rounding_step"), p.rounding.step)?;
    for (i, code) in p.jour_keep.iter().enumerate() {
        short(&format!("{at}.params.jour_keep[{i}]"), code, MAX_CODE_CHARS)?;
    }
    if p.jour_keep.len() > MAX_TARIFF_ROWS {
        return Err(LocatedError::new(
            format!("{at}.params.jour_keep"),
            ErrorKind::TooMany {
                count: p.jour_keep.len(),
                limit: MAX_TARIFF_ROWS,
                what: "koder",
            },
        ));
    }
    Ok(())
}

/// One row of a tariff: its code, texts and amounts.
pub fn validate_tariff_row(
    t: &crate::domain::tariff::Tariff,
    i: usize,
    at: &str,
) -> Result<(), LocatedError> {
    let r = &t.rows[i];
    let rp = format!("{at}.rows[{i}]");
    if r.code.trim().is_empty() {
        return Err(LocatedError::new(format!("{rp}.code"), ErrorKind::Blank));
    }
    short(&format!("{rp}.code"), &r.code, MAX_CODE_CHARS)?;
    short(&format!("{rp}.group"), &r.group, MAX_CODE_CHARS)?;
    text(&format!("{rp}.text"), &r.text)?;
    amount_in(format!("{rp}.price"), r.price, MAX_KR)?;
    zero_or_at_least_ore(format!("{rp}.price"), r.price)?;
    if let Some(x) = r.reference {
        amount_in(format!("{rp}.reference"), x, MAX_KR)?;
        zero_or_at_least_ore(format!("{rp}.reference"), x)?;
    }
    Ok(())
}

fn volumes(t: &crate::domain::tariff::Tariff, at: &str) -> Result<(), LocatedError> {
    if let crate::domain::tariff::VolumeSource::Imported { file } = &t.volume_source {
        short(&format!("{at}.volume_source.file"), file, MAX_NAME_CHARS)?;
    }
    if t.volume_source == crate::domain::tariff::VolumeSource::None && !t.volumes.is_empty() {
        return Err(LocatedError::new(
            format!("{at}.volume_source"),
            ErrorKind::Schema {
                detail: "volymer finns men källan är ”saknas”".into(),
            },
        ));
    }
    for (i, v) in t.volumes.iter().enumerate() {
        if v.code.trim().is_empty() {
            return Err(LocatedError::new(
                format!("{at}.volumes[{i}].code"),
                ErrorKind::Blank,
            ));
        }
        short(&format!("{at}.volumes[{i}].code"), &v.code, MAX_CODE_CHARS)?;
        if let Some(c) = &v.clinic {
            short(&format!("{at}.volumes[{i}].clinic"), c, MAX_NAME_CHARS)?;
        }
        if let Some(x) = &v.text {
            text(&format!("{at}.volumes[{i}].text"), x)?;
        }
        if v.count > 1_000_000_000 {
            return Err(LocatedError::new(
                format!("{at}.volumes[{i}].count"),
                ErrorKind::AbsurdNumber {
                    value: v.count.to_string(),
                },
            ));
        }
    }
    Ok(())
}

/// A subsidy rule set's invariants: thresholds rising, shares within 0–100 %, amounts in range.
pub fn validate_rule_set(
    r: &crate::domain::tariff::subsidy::RuleSet,
    at: &str,
) -> Result<(), LocatedError> {
    id(&format!("{at}.id"), &r.id)?;
    short(&format!("{at}.name"), &r.name, MAX_NAME_CHARS)?;
    text(&format!("{at}.source"), &r.source)?;
    text(&format!("{at}.note"), &r.note)?;
    for (list, count) in [("steps", r.steps.len()), ("atb", r.atb.len())] {
        if count > 100 {
            return Err(LocatedError::new(
                format!("{at}.{list}"),
                ErrorKind::TooMany {
                    count,
                    limit: 100,
                    what: "steg",
                },
            ));
        }
    }
    let mut last = None;
    for (i, s) in r.steps.iter().enumerate() {
        let sp = format!("{at}.steps[{i}]");
        amount_in(format!("{sp}.above"), s.above, MAX_KR)?;
        amount_in(format!("{sp}.state_pct"), s.state_pct, 100)?;
        if last.is_some_and(|l| s.above <= l) {
            return Err(LocatedError::new(
                format!("{sp}.above"),
                ErrorKind::Schema {
                    detail: "trösklarna måste stiga".into(),
                },
            ));
        }
        last = Some(s.above);
    }
    for (i, b) in r.atb.iter().enumerate() {
        amount_in(format!("{at}.atb[{i}].amount"), b.amount, 100_000)?;
    }
    amount_in(format!("{at}.atb_other"), r.atb_other, 100_000)?;
    amount_in(
        format!("{at}.stb_per_half_year"),
        r.stb_per_half_year,
        100_000,
    )?;
    if let Some(e) = &r.elderly {
        amount_in(format!("{at}.elderly.state_pct"), e.state_pct, 100)?;
    }
    if !(1..=120).contains(&r.period_months) {
        return Err(LocatedError::new(
            format!("{at}.period_months"),
            ErrorKind::OutOfRange {
                value: r.period_months.to_string(),
                min: "1".into(),
                max: "120".into(),
            },
        ));
    }
    Ok(())
}
