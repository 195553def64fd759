//! The demo tariffs: Folktandvården Jönköping's 2025 normal and jour tariffs, from the extracts of the
//! region's decision (`002_…txt`). The source has no volumes; the normal tariff gets equal volumes per code,
//! labelled as an assumption.

use crate::domain::tariff::csv_io::{read_tariff, CsvError};
use crate::domain::tariff::{Tariff, TariffKind};
use chrono::NaiveDate;

pub const NORMAL_ID: &str = "jonkoping-ftv-taxa-2025";
pub const JOUR_ID: &str = "jonkoping-ftv-jourtaxa-2025";
/// The volume every code gets in the demo (an assumption, not data).
pub const ASSUMED_VOLUME: u64 = 100;
/// Fees the given jour tariff keeps at the normal price (as the seed extracts' documentation lists them). The demo's parameters leave the
/// list empty, so the jour page shows all nine differences and offers to keep these unchanged.
pub const JOUR_KEEP: [&str; 7] = ["ASYL", "951", "952", "953", "961", "962", "963"];

fn base(id: &str, name: &str, kind: TariffKind, source: &str) -> Tariff {
    let mut t = Tariff::new(
        id.into(),
        name.into(),
        2025,
        "2024-12-01T00:00:00.000Z".into(),
    );
    t.organisation = "Region Jönköpings län, Folktandvården".into();
    t.valid_from = NaiveDate::from_ymd_opt(2025, 1, 1);
    t.kind = kind;
    t.source = Some(source.into());
    t
}

/// Both tariffs from the two CSV texts.
pub fn convert(normal_csv: &str, jour_csv: &str) -> Result<Vec<Tariff>, CsvError> {
    let mut normal = base(
        NORMAL_ID,
        "Folktandvården Jönköping – taxa 2025",
        TariffKind::Normal,
        "002_…txt rad 12418–15199 (beslut om tandvårdstaxa 2025)",
    );
    normal.rows = read_tariff(normal_csv.as_bytes())?;
    normal.assume_equal_volumes(ASSUMED_VOLUME);
    let mut jour = base(
        JOUR_ID,
        "Folktandvården Jönköping – jourtaxa 2025",
        TariffKind::Jour,
        "002_…txt rad 15200–17872 (jourtaxa 2025)",
    );
    jour.normal_id = Some(NORMAL_ID.into());
    jour.rows = read_tariff(jour_csv.as_bytes())?;
    Ok(vec![normal, jour])
}
