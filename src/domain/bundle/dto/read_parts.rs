//! Small readers shared by plans, nodes and measures: a `source` reference, an `issuer`, the keys an object
//! may have in a version; and the plan's `stated_counts` (version 5).

use super::*;
use crate::domain::bundle::reader::Obj;
use crate::domain::error::LocatedError;

type R<T> = Result<T, LocatedError>;

pub(super) const ISSUER_LEVELS: &[(&str, IssuerLevel)] = &[
    ("regionfullmaktige", IssuerLevel::Regionfullmaktige),
    ("namnd", IssuerLevel::Namnd),
    ("verksamhet", IssuerLevel::Verksamhet),
];

pub(super) fn read_issuer(o: &Obj, key: &str) -> R<Option<Issuer>> {
    o.opt_obj(key)?
        .map(|i| {
            i.only(&["level", "name"])?;
            Ok(Issuer {
                level: i.choice("level", ISSUER_LEVELS)?,
                name: i.str("name")?,
            })
        })
        .transpose()
}

/// The keys of an object in this version: `v1` always, `v2` from version 2 on.
pub(super) fn keys<'a>(ver: u64, v1: &[&'a str], v2: &[&'a str]) -> Vec<&'a str> {
    keys_since(ver, 2, v1, v2)
}

/// The keys of an object in this version: `base` always, `added` from version `since` on.
pub(super) fn keys_since<'a>(
    ver: u64,
    since: u64,
    base: &[&'a str],
    added: &[&'a str],
) -> Vec<&'a str> {
    let mut k = base.to_vec();
    if ver >= since {
        k.extend_from_slice(added);
    }
    k
}

pub(super) const DECIDED: &[(&str, Decided)] =
    &[("politiskt", Decided::Politiskt), ("eget", Decided::Eget)];

pub(super) fn read_source(o: &Obj) -> R<Option<Source>> {
    o.opt_obj("source")?
        .map(|s| {
            s.only(&["file", "line", "line_end"])?;
            Ok(Source {
                file: s.str("file")?,
                line: s.u32("line")?,
                line_end: s.opt_u32("line_end")?,
            })
        })
        .transpose()
}

/// A plan's stated måluppfyllelse rows (missing = none).
pub(super) fn read_stated_counts(o: &Obj) -> R<Vec<StatedCounts>> {
    o.list("stated_counts", false, |v, p| {
        let c = Obj::new(v, p)?;
        c.only(&["period", "decided", "uppfyllt", "delvis", "ej", "source"])?;
        Ok(StatedCounts {
            period: c.period_key("period")?,
            decided: c.choice("decided", DECIDED)?,
            uppfyllt: c.u32("uppfyllt")?,
            delvis: c.u32("delvis")?,
            ej: c.u32("ej")?,
            source: read_source(&c)?,
        })
    })
}
