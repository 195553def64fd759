//! Tariff and volume CSV: our own columns, and what Swedish Excel writes — semicolons, decimal comma, prices
//! like `1 100` with a normal or non-breaking space, UTF-8 with or without BOM (or Windows-1252 from older
//! Excel), CRLF. Columns are found by their header, in any order. Reading is all or nothing: the first bad value
//! is reported with its line and column, and nothing is returned.
//!
//! Writing uses the Excel dialect (BOM, `;`, CRLF, decimal comma, no digit grouping), which reads back
//! to the same rows.

use super::{CareType, CodeKind, PriceUnit, TariffRow, VolumeRow};
use crate::domain::limits::{
    MAX_CODE_CHARS, MAX_NAME_CHARS, MAX_TARIFF_ROWS, MAX_TEXT_CHARS, MAX_VOLUME_ROWS,
};
use crate::domain::spreadsheet::{neutralise, restore};
use rust_decimal::Decimal;

/// Largest CSV file read (10 MB).
pub const MAX_CSV_BYTES: usize = 10 * 1024 * 1024;
/// Largest price or count accepted; anything above is a mistake.
const MAX_PRICE: i64 = 10_000_000;
const MAX_COUNT: u64 = 1_000_000_000;

/// Where and what: line 0 is the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct CsvError {
    pub line: usize,
    pub column: String,
    pub detail: String,
}

impl CsvError {
    fn file(detail: impl Into<String>) -> Self {
        CsvError {
            line: 0,
            column: String::new(),
            detail: detail.into(),
        }
    }
    fn describe(&self) -> String {
        match (self.line, self.column.as_str()) {
            (0, _) => self.detail.clone(),
            (l, "") => format!("rad {l}: {}", self.detail),
            (l, c) => format!("rad {l}, kolumn ”{c}”: {}", self.detail),
        }
    }
}

/// Compatibility alias for the first reader's error.
pub type RowError = CsvError;

const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The text of a CSV file: UTF-8 (BOM dropped), or Windows-1252 when it is not UTF-8 (Excel's
/// "CSV (semikolonavgränsad)"). Control bytes other than tab and line ends are refused.
pub fn decode(bytes: &[u8]) -> Result<String, CsvError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(CsvError::file(format!(
            "filen är {} stor; högst {} tas emot",
            crate::domain::format::bytes_sv(bytes.len() as f64),
            crate::domain::format::bytes_sv(MAX_CSV_BYTES as f64)
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            // UTF-8 letters elsewhere in the file: this is a UTF-8 file with a stray byte, not an old Excel file
            let utf8_letters = bytes.utf8_chunks().any(|c| !c.valid().is_ascii());
            if utf8_letters {
                let at = e.valid_up_to();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                return Err(CsvError {
                    line,
                    column: String::new(),
                    detail: format!(
                        "byte {} (0x{:02X}) är inte giltig UTF-8 i en fil som annars är UTF-8; rätta tecknet eller spara om filen som UTF-8",
                        at + 1,
                        bytes[at]
                    ),
                });
            }
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
                    b => b as char,
                })
                .collect()
        }
    };
    if let Some(pos) = text
        .chars()
        .position(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
    {
        return Err(CsvError::file(format!(
            "filen innehåller binära tecken (tecken {}); är det en CSV-fil?",
            pos + 1
        )));
    }
    if text.trim().is_empty() {
        return Err(CsvError::file("filen är tom"));
    }
    Ok(text)
}

/// The delimiter: whichever of `;`, tab and `,` occurs most in the header line (outside quotes).
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b';', b'\t', b','][best]
}

/// A parsed table: header names and records with their file line.
struct Table {
    headers: Vec<String>,
    records: Vec<(usize, csv::StringRecord)>,
}

/// Quotes must pair up within a line: a quoted field that runs past the end of its line almost always means a
/// closing quote is missing, and the reader would otherwise merge the lines after it into one field in silence.
fn check_quotes(text: &str, delimiter: u8) -> Result<(), CsvError> {
    let delimiter = delimiter as char;
    let (mut line, mut open_line) = (1, 0);
    let (mut quoted, mut field_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => quoted = false,
                '\n' | '\r' => {
                    return Err(CsvError {
                        line: open_line,
                        column: String::new(),
                        detail: "ett citattecken (\") öppnar ett fält som inte stängs på samma rad; ett citattecken saknas eller är för mycket".into(),
                    })
                }
                _ => {}
            }
            continue;
        }
        if c == '"' && field_start {
            quoted = true;
            open_line = line;
        }
        if c == '\n' {
            line += 1;
        }
        field_start = c == delimiter || c == '\n' || c == '\r';
    }
    Ok(())
}

/// The file's header and records; more than `max_rows` records is refused (`what` says the limit in words,
/// with `{}` for the number) at the first one too many, before the rest is read.
fn table(bytes: &[u8], max_rows: usize, what: &str) -> Result<Table, CsvError> {
    let text = decode(bytes)?;
    let delimiter = delimiter(&text);
    check_quotes(&text, delimiter)?;
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| CsvError::file(format!("rubrikraden kan inte läsas: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    // the line a byte offset is on (the csv crate's own line count lags on CRLF files)
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |p: Option<&csv::Position>| {
        p.map(|p| newlines.partition_point(|&n| (n as u64) <= p.byte()) + 1)
            .unwrap_or(0)
    };
    let mut records = vec![];
    for rec in r.records() {
        let rec = rec.map_err(|e| CsvError {
            line: line_at(e.position()),
            column: String::new(),
            detail: format!("raden kan inte läsas ({e})"),
        })?;
        let line = line_at(rec.position());
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() > headers.len() {
            return Err(CsvError {
                line,
                column: String::new(),
                detail: format!(
                    "{} fält men rubrikraden har {}; ett avgränsningstecken för mycket eller ett citattecken som saknas?",
                    rec.len(),
                    headers.len()
                ),
            });
        }
        if records.len() == max_rows {
            return Err(CsvError {
                line,
                column: String::new(),
                detail: what.replace("{}", &crate::domain::format::count_sv(max_rows)),
            });
        }
        records.push((line, rec));
    }
    Ok(Table { headers, records })
}

/// A field as read: trimmed, and a spreadsheet's formula guard undone ([`restore`]).
fn cell(rec: &csv::StringRecord, col: Option<usize>) -> String {
    restore(col.and_then(|i| rec.get(i)).unwrap_or_default().trim()).to_string()
}

fn too_long(s: &str, limit: usize) -> Result<(), String> {
    let n = s.chars().count();
    if n > limit {
        return Err(format!("texten är för lång ({n} tecken; högst {limit})"));
    }
    Ok(())
}

fn norm(h: &str) -> String {
    let h = h.trim().to_lowercase();
    let h = h
        .trim_end_matches("(kr)")
        .trim_end_matches("kr")
        .trim()
        .to_string();
    h.replace(' ', "_")
}

/// Which column holds each field: the first header matching one of `names` (or starting with a prefix ending
/// in `_`). A header matching two fields, or a field found twice, is an error.
fn columns(
    headers: &[String],
    fields: &[(&str, &[&str], bool)],
) -> Result<Vec<Option<usize>>, CsvError> {
    let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let mut out = vec![];
    for (field, names, required) in fields {
        let hits: Vec<usize> = (0..normed.len())
            .filter(|&i| {
                names
                    .iter()
                    .any(|n| normed[i] == *n || (n.ends_with('_') && normed[i].starts_with(n)))
            })
            .collect();
        match hits.as_slice() {
            [] if *required => {
                return Err(CsvError::file(format!(
                    "kolumnen ”{field}” saknas (rubrikraden har: {})",
                    headers.join(", ")
                )))
            }
            [] => out.push(None),
            [i] => out.push(Some(*i)),
            [a, b, ..] => {
                return Err(CsvError::file(format!(
                    "kolumnen ”{field}” finns två gånger: ”{}” och ”{}”",
                    headers[*a], headers[*b]
                )))
            }
        }
    }
    Ok(out)
}

fn amount(s: &str, line: usize, column: &str, optional: bool) -> Result<Option<Decimal>, CsvError> {
    let bad = |detail: String| CsvError {
        line,
        column: column.to_string(),
        detail,
    };
    if s.trim().is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err(bad("värde saknas".into()))
        };
    }
    let v = super::parse_price(s).ok_or_else(|| bad(format!("”{}” är inget belopp", s.trim())))?;
    if v < Decimal::ZERO {
        return Err(bad(format!("”{}” är negativt", s.trim())));
    }
    if v > Decimal::from(MAX_PRICE) {
        return Err(bad(format!("”{}” är orimligt stort", s.trim())));
    }
    if !v.is_zero() && v < crate::domain::limits::min_amount() {
        return Err(bad(format!(
            "”{}” är mindre än ett öre; ett belopp är 0 eller minst 0,01 kr",
            s.trim()
        )));
    }
    Ok(Some(v))
}

fn unit_of(code: &str) -> PriceUnit {
    match code {
        "9008" | "9010" | "9021" => PriceUnit::PerMinute,
        "9009" | "9013" => PriceUnit::PerItem,
        _ => PriceUnit::PerAction,
    }
}

/// Read tariff rows. Required columns: code and price; optional: text, care type, group, kind, unit,
/// reference price, source line. The Jönköping extract's English columns are understood too.
pub fn read_tariff(bytes: &[u8]) -> Result<Vec<TariffRow>, CsvError> {
    let t = table(bytes, MAX_TARIFF_ROWS, "en taxa får ha högst {} rader")?;
    let cols = columns(
        &t.headers,
        &[
            ("Kod", &["kod", "code", "åtgärdskod", "atgardskod"], true),
            ("Text", &["text", "benämning", "beskrivning"], false),
            ("Vårdform", &["vårdform", "care_type", "vardform"], false),
            ("Grupp", &["grupp", "åtgärdsgrupp", "group"], false),
            ("Kodtyp", &["kodtyp", "code_kind", "typ"], false),
            ("Enhet", &["enhet", "unit"], false),
            ("Pris", &["pris", "price", "price_", "pris_"], true),
            (
                "Referenspris",
                &[
                    "referenspris",
                    "reference",
                    "reference_price_",
                    "referenspris_",
                ],
                false,
            ),
            ("Källrad", &["källrad", "source_line"], false),
        ],
    )?;
    let mut rows = vec![];
    for (line, rec) in &t.records {
        let line = *line;
        let get = |k: usize| cell(rec, cols[k]);
        let name = |k: usize| cols[k].map(|i| t.headers[i].clone()).unwrap_or_default();
        let bad = |k: usize, detail: String| CsvError {
            line,
            column: name(k),
            detail,
        };
        let code = get(0);
        if code.is_empty() {
            return Err(bad(0, "koden saknas".into()));
        }
        for (k, limit) in [
            (0, MAX_CODE_CHARS),
            (1, MAX_TEXT_CHARS),
            (3, MAX_CODE_CHARS),
        ] {
            too_long(&get(k), limit).map_err(|d| bad(k, d))?;
        }
        let care_type = match get(2).to_lowercase().as_str() {
            "a" | "allmäntandvård" => Some(CareType::A),
            "s" | "specialisttandvård" => Some(CareType::S),
            "" => None,
            _ => return Err(bad(2, format!("okänd vårdform ”{}” (A eller S)", get(2)))),
        };
        let price = amount(&get(6), line, &name(6), false)?.unwrap_or_default();
        let reference = amount(&get(7), line, &name(7), true)?;
        let kind = match get(4).to_lowercase().as_str() {
            "extern" => CodeKind::Extern,
            "intern" => CodeKind::Intern,
            // the "Ny kod" rows have no kind yet: local codes unless they carry a reference price
            "" if reference.is_some() && cols[4].is_none() => CodeKind::Extern,
            "" => CodeKind::Intern,
            _ => {
                return Err(bad(
                    4,
                    format!("okänd kodtyp ”{}” (Extern eller Intern)", get(4)),
                ))
            }
        };
        let unit = match get(5).to_lowercase().trim_start_matches("per ").trim() {
            "" => unit_of(&code),
            "åtgärd" => PriceUnit::PerAction,
            "minut" | "min" => PriceUnit::PerMinute,
            "styck" | "st" => PriceUnit::PerItem,
            _ => {
                return Err(bad(
                    5,
                    format!(
                        "okänd enhet ”{}” (per åtgärd, per minut, per styck)",
                        get(5)
                    ),
                ))
            }
        };
        let source_line = match get(8).as_str() {
            "" => None,
            s => Some(
                s.parse()
                    .map_err(|_| bad(8, format!("”{s}” är inget radnummer")))?,
            ),
        };
        rows.push(TariffRow {
            code,
            care_type,
            group: get(3),
            kind,
            text: get(1),
            price,
            reference,
            unit,
            source_line,
        });
    }
    if rows.is_empty() {
        return Err(CsvError::file("filen har inga rader under rubrikraden"));
    }
    Ok(rows)
}

/// Read the Jönköping extract (its English columns); the same reader as [`read_tariff`].
pub fn read_jonkoping_csv(text: &str) -> Result<Vec<TariffRow>, CsvError> {
    read_tariff(text.as_bytes())
}

/// A decimal for Swedish Excel: decimal comma, no grouping, trailing zeros dropped.
fn excel_number(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

fn excel_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().unwrap_or_default()
}

/// Tariff rows as Excel reads them; [`read_tariff`] reads them back to the same rows.
pub fn write_tariff(rows: &[TariffRow]) -> Vec<u8> {
    let mut w = excel_writer();
    let _ = w.write_record([
        "Kod",
        "Text",
        "Vårdform",
        "Grupp",
        "Kodtyp",
        "Enhet",
        "Pris",
        "Referenspris",
        "Källrad",
    ]);
    for r in rows {
        let _ = w.write_record([
            &*neutralise(&r.code),
            &*neutralise(&r.text),
            match r.care_type {
                Some(CareType::A) => "A",
                Some(CareType::S) => "S",
                None => "",
            },
            &*neutralise(&r.group),
            match r.kind {
                CodeKind::Extern => "Extern",
                CodeKind::Intern => "Intern",
            },
            r.unit.label(),
            &excel_number(r.price),
            &r.reference.map(excel_number).unwrap_or_default(),
            &r.source_line.map(|l| l.to_string()).unwrap_or_default(),
        ]);
    }
    finish(w)
}

/// Read volumes: code and count required; text (to pick one of several rows with the same code) and clinic
/// optional.
pub fn read_volumes(bytes: &[u8]) -> Result<Vec<VolumeRow>, CsvError> {
    let t = table(bytes, MAX_VOLUME_ROWS, "högst {} volymrader tas emot")?;
    let cols = columns(
        &t.headers,
        &[
            ("Kod", &["kod", "code", "åtgärdskod"], true),
            ("Text", &["text", "benämning"], false),
            (
                "Klinik",
                &["klinik", "clinic", "mottagning", "enhet"],
                false,
            ),
            (
                "Antal",
                &["antal", "volym", "volume", "count", "antal_per_år"],
                true,
            ),
        ],
    )?;
    let mut out = vec![];
    for (line, rec) in &t.records {
        let get = |k: usize| cell(rec, cols[k]);
        let column = |k: usize| cols[k].map(|i| t.headers[i].clone()).unwrap_or_default();
        let bad = |k: usize, detail: String| CsvError {
            line: *line,
            column: column(k),
            detail,
        };
        let code = get(0);
        if code.is_empty() {
            return Err(bad(0, "koden saknas".into()));
        }
        for (k, limit) in [
            (0, MAX_CODE_CHARS),
            (1, MAX_TEXT_CHARS),
            (2, MAX_NAME_CHARS),
        ] {
            too_long(&get(k), limit).map_err(|d| bad(k, d))?;
        }
        let raw = get(3);
        let digits: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        let count: u64 = digits
            .parse()
            .map_err(|_| bad(3, format!("”{raw}” är inget antal (ett heltal ≥ 0)")))?;
        if count > MAX_COUNT {
            return Err(bad(3, format!("”{raw}” är orimligt stort")));
        }
        let opt = |s: String| (!s.is_empty()).then_some(s);
        out.push(VolumeRow {
            code,
            text: opt(get(1)),
            clinic: opt(get(2)),
            count,
        });
    }
    if out.is_empty() {
        return Err(CsvError::file("filen har inga rader under rubrikraden"));
    }
    Ok(out)
}

pub fn write_volumes(rows: &[VolumeRow]) -> Vec<u8> {
    let mut w = excel_writer();
    let _ = w.write_record(["Kod", "Text", "Klinik", "Antal"]);
    for v in rows {
        let _ = w.write_record([
            &*neutralise(&v.code),
            &*neutralise(v.text.as_deref().unwrap_or("")),
            &*neutralise(v.clinic.as_deref().unwrap_or("")),
            &v.count.to_string(),
        ]);
    }
    finish(w)
}
