//! Where an item comes from: who decided it ([`Issuer`]) and the source's fields without a typed home, kept
//! verbatim ([`Extra`]). Shared by plans and measures, so neither needs the other for them.

use std::collections::BTreeMap;

/// Free-form, source-derived annotations kept verbatim (analyst notes, related references, baselines …).
/// A `BTreeMap` so that exports are deterministic.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// Who decided an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IssuerLevel {
    /// Regionfullmäktige (RF).
    Regionfullmaktige,
    /// A nämnd or regionstyrelsen.
    Namnd,
    /// The unit itself (VO, division, förvaltning).
    Verksamhet,
}

crate::domain::keys::keys!(IssuerLevel {
    Regionfullmaktige => "regionfullmaktige",
    Namnd => "namnd",
    Verksamhet => "verksamhet",
});

impl IssuerLevel {
    pub const ALL: [IssuerLevel; 3] = [Self::Regionfullmaktige, Self::Namnd, Self::Verksamhet];
    pub fn label(self) -> &'static str {
        match self {
            Self::Regionfullmaktige => "Regionfullmäktige (RF)",
            Self::Namnd => "Nämnd",
            Self::Verksamhet => "Verksamhet",
        }
    }
}

/// The decision level and the body's name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    pub level: IssuerLevel,
    pub name: String,
}
