//! The Jönköping 2025 tariff: rows read, deviations, and the jour tariff against its derivation.
#![cfg(not(target_arch = "wasm32"))]

use rust_decimal::Decimal;
use std::str::FromStr;
use verksam::domain::tariff::*;

fn read(name: &str) -> Vec<TariffRow> {
    let p = format!("{}/tests/fixtures/seed/{name}", env!("CARGO_MANIFEST_DIR"));
    read_jonkoping_csv(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn the_2025_tariffs_have_427_and_399_rows() {
    let normal = read("jonkoping-ftv-tariff-2025.csv");
    let jour = read("jonkoping-ftv-tariff-2025-jour.csv");
    assert_eq!((normal.len(), jour.len()), (427, 399));
    // duplicate codes with different texts are kept
    assert!(normal.iter().filter(|r| r.code == "402").count() > 1);
    assert_eq!(normal.iter().filter(|r| r.code == "Ny kod").count(), 8);
    assert_eq!(normal.iter().filter(|r| r.is_replacement()).count(), 12);
    let per_minute = normal
        .iter()
        .filter(|r| r.unit == PriceUnit::PerMinute)
        .count();
    assert_eq!(per_minute, 3);
}

#[test]
fn deviation_per_row_leaves_out_replacements_and_internal_codes() {
    let normal = read("jonkoping-ftv-tariff-2025.csv");
    let r101 = normal.iter().find(|r| r.code == "101").unwrap();
    // 1 100 against 1 015: +85 kr, +8,37 %
    assert_eq!(
        r101.deviation(),
        Some((Decimal::from(85), Decimal::from_str("8.37").unwrap()))
    );
    let r921 = normal.iter().find(|r| r.code == "921").unwrap();
    assert_eq!(r921.deviation(), None);
    // the data README: without the utbytesåtgärder the unweighted mean deviation is +7,05 %
    let devs: Vec<Decimal> = normal
        .iter()
        .filter_map(|r| {
            let rf = r.reference.filter(|x| !x.is_zero())?;
            (!r.is_replacement() && r.kind == CodeKind::Extern)
                .then(|| (r.price - rf) / rf * Decimal::ONE_HUNDRED)
        })
        .collect();
    let mean = devs.iter().sum::<Decimal>() / Decimal::from(devs.len());
    assert_eq!(mean.round_dp(2), Decimal::from_str("7.05").unwrap());
}

#[test]
fn the_given_jour_tariff_differs_from_the_derived_one_in_exactly_nine_rows() {
    let normal = read("jonkoping-ftv-tariff-2025.csv");
    let jour = read("jonkoping-ftv-tariff-2025-jour.csv");
    let derived = derive_jour(&normal, Decimal::from(50), Decimal::from(5), &[]);
    let (diffs, only_normal, only_jour) = compare_jour(&derived, &jour);
    let mut codes: Vec<&str> = diffs.iter().map(|d| d.code.as_str()).collect();
    codes.sort();
    assert_eq!(
        codes,
        ["926", "926S", "951", "952", "953", "961", "962", "963", "ASYL"]
    );
    // the fees are unchanged in the given tariff; keeping them unchanged leaves only 926/926S
    let keep = ["ASYL", "951", "952", "953", "961", "962", "963"];
    let derived = derive_jour(&normal, Decimal::from(50), Decimal::from(5), &keep);
    let (diffs, _, _) = compare_jour(&derived, &jour);
    assert_eq!(diffs.len(), 2);
    // the data README: 32 codes only in the normal table, 4 only in the jour table
    assert_eq!((only_normal.len(), only_jour.len()), (32, 4));
}
