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

/// Where an item came from: a seed document and its line range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    pub file: String,
    pub line: u32,
    pub line_end: Option<u32>,
}

impl SourceRef {
    /// "rad 3168" or "rad 3176–3177", as a reader cites it.
    pub fn lines_sv(&self) -> String {
        match self.line_end.filter(|&e| e != self.line) {
            Some(e) => format!("rad {}\u{2013}{e}", self.line),
            None => format!("rad {}", self.line),
        }
    }
}

/// Who decided a measure, as a report splits its måluppfyllelse: by fullmäktige or a nämnd (politically
/// decided), or by the unit itself (its own measures). A measure with no known issuer is neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decided {
    Politiskt,
    Eget,
}

crate::domain::keys::keys!(Decided {
    Politiskt => "politiskt",
    Eget => "eget",
});

impl Decided {
    pub const ALL: [Decided; 2] = [Self::Politiskt, Self::Eget];
    /// As a table row names the group.
    pub fn label(self) -> &'static str {
        match self {
            Self::Politiskt => "Beslutade av fullmäktige eller nämnd",
            Self::Eget => "Verksamhetens egna",
        }
    }
}

impl IssuerLevel {
    pub fn decided(self) -> Decided {
        match self {
            Self::Regionfullmaktige | Self::Namnd => Decided::Politiskt,
            Self::Verksamhet => Decided::Eget,
        }
    }
}
