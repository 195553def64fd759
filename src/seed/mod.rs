//! The demo data: conversion of the checked seed extracts (copied into `tests/fixtures/seed/`) into the bundles
//! shipped in `public/demo/`, and the one manifest of those files. Not product rules, so not in `domain`; pure
//! all the same (no browser, storage, clock or I/O: the caller hands in the files' text), and held to that by
//! `tests/tidy.rs`. `UPDATE_DEMO=1 cargo test --test demo_data` regenerates the bundles; without it the test
//! fails if a shipped bundle differs from what the conversion gives.

pub mod extract;
pub mod jonkoping_plans;
pub mod jonkoping_stated;
pub mod jonkoping_tariffs;

/// What a shipped demo bundle holds: the start page's *Ladda exempeldata* loads the plans, the tariff list's
/// *Ladda exempeltaxor* the tariffs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Plans,
    Tariffs,
}

/// A demo bundle shipped in `public/demo/` and the seed files (in `tests/fixtures/seed/`) it is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoFile {
    pub bundle: &'static str,
    pub sources: &'static [&'static str],
    pub holds: Holds,
}

/// Region Örebro län's Folktandvården plan 2024 (a `seed-plan-extract/1.0` file).
pub const OREBRO_FTV_PLAN: DemoFile = DemoFile {
    bundle: "orebro-ftv-plan-2024.verksam.json",
    sources: &["orebro-ftv-plan-2024.json"],
    holds: Holds::Plans,
};
/// Region Norrbotten's scorecard 2022 (a `seed-plan-extract/1.0` file).
pub const NORRBOTTEN_SCORECARD: DemoFile = DemoFile {
    bundle: "norrbotten-scorecard-2022.verksam.json",
    sources: &["norrbotten-scorecard-2022.json"],
    holds: Holds::Plans,
};
/// Region Örebro län's specialist dental care action plan 2022–2035 (a `seed-plan-extract/1.0` file).
pub const OREBRO_STV_ACTIONPLAN: DemoFile = DemoFile {
    bundle: "orebro-stv-actionplan-2022-2035.verksam.json",
    sources: &["orebro-stv-actionplan-2022-2035.json"],
    holds: Holds::Plans,
};
/// Region Jönköpings län's mätetal 2024 ([`jonkoping_plans`]), with the grades Folktandvården's report states
/// ([`jonkoping_stated`], checked against the report's lines 3142–3202).
pub const JONKOPING_MEASURES: DemoFile = DemoFile {
    bundle: "jonkoping-matetal-2024.verksam.json",
    sources: &[
        "jonkoping-measures-2024.csv",
        "jonkoping-delarsrapport-2024-rad-3142-3202.txt",
    ],
    holds: Holds::Plans,
};
/// Folktandvården Jönköping's normal and jour tariffs 2025 ([`jonkoping_tariffs`]).
pub const JONKOPING_TARIFFS: DemoFile = DemoFile {
    bundle: "jonkoping-taxa-2025.verksam.json",
    sources: &[
        "jonkoping-ftv-tariff-2025.csv",
        "jonkoping-ftv-tariff-2025-jour.csv",
    ],
    holds: Holds::Tariffs,
};

/// The seed-plan extracts, converted by [`extract::convert_seed`].
pub const EXTRACTS: [DemoFile; 3] = [OREBRO_FTV_PLAN, NORRBOTTEN_SCORECARD, OREBRO_STV_ACTIONPLAN];

/// Every shipped demo bundle: the manifest. `tests/tidy.rs` checks it names exactly the files in `public/demo/`
/// and that every source exists.
pub const SHIPPED: [DemoFile; 5] = [
    OREBRO_FTV_PLAN,
    NORRBOTTEN_SCORECARD,
    OREBRO_STV_ACTIONPLAN,
    JONKOPING_MEASURES,
    JONKOPING_TARIFFS,
];

/// The shipped bundles that hold `what`, in the manifest's order.
pub fn shipped(what: Holds) -> impl Iterator<Item = &'static DemoFile> {
    SHIPPED.iter().filter(move |f| f.holds == what)
}
