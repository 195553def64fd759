//! Located errors for validation and bundle import. The message is Swedish because the UI shows it as is.

use thiserror::Error;

/// What is wrong, without where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ErrorKind {
    #[error("filen är för stor ({size} byte; gränsen är {limit} byte)")]
    TooLarge { size: usize, limit: usize },
    #[error("filen är tom")]
    Empty,
    #[error("ogiltig teckenkodning: filen är inte UTF-8 (fel vid byte {byte})")]
    Encoding { byte: usize },
    #[error("inte giltig JSON (rad {line}, kolumn {column}): {detail}")]
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("filen tar slut för tidigt (rad {line}, kolumn {column}); den är troligen avkortad")]
    Truncated { line: usize, column: usize },
    #[error("inte en verksam-fil: {found}; väntat formatet \"verksam-bundle\"")]
    WrongFormat { found: String },
    #[error("filen har version {found}, men den här versionen av verksam läser högst version {supported}; uppdatera appen")]
    NewerVersion { found: u64, supported: u64 },
    #[error("okänd version {found}")]
    UnknownVersion { found: u64 },
    #[error("okänt värde: {detail}")]
    UnknownValue { detail: String },
    #[error("fel struktur: {detail}")]
    Schema { detail: String },
    #[error("id \"{id}\" förekommer mer än en gång (först i {first})")]
    DuplicateId { id: String, first: String },
    #[error("nyckeln \"{key}\" förekommer två gånger i samma objekt")]
    DuplicateKey { key: String },
    #[error("föräldern \"{parent}\" finns inte i planen")]
    MissingParent { parent: String },
    #[error("\"{id}\" är sin egen förfader (cykel i trädet)")]
    Cycle { id: String },
    #[error("\"{id}\" ligger för djupt i trädet (högst {limit} nivåer)")]
    TooDeep { id: String, limit: usize },
    #[error("{value} kr är för litet: ett belopp är 0 eller minst 0,01 kr")]
    TooSmall { value: String },
    #[error("för många {what} ({}; högst {})", crate::domain::format::count_sv(*count), crate::domain::format::count_sv(*limit))]
    TooMany {
        count: usize,
        limit: usize,
        what: &'static str,
    },
    #[error("ett id får inte innehålla styrtecken (här {code})")]
    ControlInId { code: String },
    #[error("länken pekar på \"{target}\", som inte är ett mål i planen")]
    BadLink { target: String },
    #[error("orimligt tal {value}")]
    AbsurdNumber { value: String },
    #[error("orimligt år {year} (tillåtet 1900–2200)")]
    AbsurdYear { year: i64 },
    #[error("perioden börjar {from} men slutar {to}")]
    PeriodOrder { from: i32, to: i32 },
    #[error("får inte vara tomt")]
    Blank,
    #[error("texten är för lång ({} tecken; gränsen är {})", crate::domain::format::count_sv(*len), crate::domain::format::count_sv(*limit))]
    TooLong { len: usize, limit: usize },
    #[error("ogiltig tidpunkt \"{value}\" (väntat RFC 3339, t.ex. 2024-01-31T12:00:00Z)")]
    BadTimestamp { value: String },
    #[error("okänd period \"{value}\" (väntat t.ex. \"DÅ08 2024\", \"T1 2023\", \"ÅR 2022\" eller \"M04 2022\")")]
    BadPeriod { value: String },
    #[error("ogiltig tidpunkt ”{value}” (väntat ett år som 2024 eller ett datum som 2024-03-31)")]
    BadWhen { value: String },
    #[error("slutet ({end}) ligger före starten ({start})")]
    EndBeforeStart { start: String, end: String },
    #[error("{value} ligger utanför skalan 1–{scale}")]
    OffScale { value: u8, scale: u8 },
    #[error("perioden {period} förekommer mer än en gång")]
    DuplicatePeriod { period: String },
    #[error("{value} är utanför det tillåtna {min}–{max}")]
    OutOfRange {
        value: String,
        min: String,
        max: String,
    },
    #[error("gränsen för delvis ({yellow}) får inte vara högre än gränsen för uppfyllt ({green})")]
    ThresholdOrder { yellow: String, green: String },
    #[error("\"{id}\" finns inte i planen")]
    UnknownNode { id: String },
    #[error("kolumnen \"{column}\" finns inte i tabellen")]
    UnknownColumn { column: String },
}

/// An error with the place it occurred, as a path like `plans[0].nodes[41].parent`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}{kind}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
pub struct LocatedError {
    pub path: String,
    pub kind: ErrorKind,
}

impl LocatedError {
    pub fn new(path: impl Into<String>, kind: ErrorKind) -> Self {
        LocatedError {
            path: path.into(),
            kind,
        }
    }
}
