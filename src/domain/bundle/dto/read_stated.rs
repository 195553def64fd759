//! Reading what a report states (version 5): a measure's `stated` grades and the plan's `stated_counts`; and
//! the `source` reference they and every node share.

use super::*;
use crate::domain::bundle::reader::Obj;
use crate::domain::error::LocatedError;

type R<T> = Result<T, LocatedError>;

pub(in crate::domain::bundle) const GRADES: &[(&str, Grade)] = &[
    ("uppfyllt", Grade::Uppfyllt),
    ("delvis", Grade::Delvis),
    ("ej_uppfyllt", Grade::EjUppfyllt),
    ("ej_bedombar", Grade::EjBedombar),
];
pub(in crate::domain::bundle) const DECIDED: &[(&str, Decided)] =
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

/// A measure's stated grades (missing = none).
pub(super) fn read_stated(o: &Obj) -> R<Vec<StatedGrade>> {
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
