//! JSON text → `serde_json::Value`, refusing what serde_json's own reader lets through in silence: a key that
//! occurs twice in one object (the last one would win and the first be lost without a word). And serde_json's
//! English messages in Swedish, since the UI shows them as they are.
//!
//! The strict read costs no more than serde_json's own `Value` reader. Only when a duplicate is found is the
//! text read a second time, keeping track of where it is, to say *where* (`plans[0].nodes[3]`).

use crate::domain::error::{ErrorKind, LocatedError};
use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// The message a duplicate key ends the read with; the second read finds its path.
const DUPLICATE: &str = "__verksam_duplicate_key__";

/// Parse `text` as JSON, refusing duplicate keys (with their path), in Swedish on error.
pub fn parse(text: &str) -> Result<Value, LocatedError> {
    let mut de = serde_json::Deserializer::from_str(text);
    // after the value only whitespace may follow
    let read = Strict { at: None }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    match read {
        Ok(v) => Ok(v),
        Err(e) if e.to_string().starts_with(DUPLICATE) => Err(locate_duplicate(text)
            .unwrap_or_else(|| {
                LocatedError::new("", ErrorKind::DuplicateKey { key: String::new() })
            })),
        Err(e) => Err(json_error(e, "")),
    }
}

/// Read again, tracking the path, up to the duplicate key.
fn locate_duplicate(text: &str) -> Option<LocatedError> {
    let at = Path::default();
    let seed = Strict { at: Some(&at) };
    seed.deserialize(&mut serde_json::Deserializer::from_str(text))
        .err()?;
    at.found.into_inner()
}

#[derive(Default)]
struct Path {
    segments: RefCell<Vec<Segment>>,
    found: RefCell<Option<LocatedError>>,
}

enum Segment {
    Key(String),
    Index(usize),
}

impl Path {
    fn render(&self) -> String {
        let mut out = String::new();
        for s in self.segments.borrow().iter() {
            match s {
                Segment::Key(k) if out.is_empty() => out.push_str(k),
                Segment::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

/// A `Value` reader that refuses duplicate keys; with `at`, it keeps track of where it is.
#[derive(Clone, Copy)]
struct Strict<'p> {
    at: Option<&'p Path>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("ett JSON-värde")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            if let Some(at) = self.at {
                at.segments.borrow_mut().push(Segment::Index(out.len()));
            }
            let next = seq.next_element_seed(self)?;
            if let Some(at) = self.at {
                at.segments.borrow_mut().pop();
            }
            match next {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(at) = self.at {
                at.segments.borrow_mut().push(Segment::Key(key.clone()));
            }
            let value = map.next_value_seed(self)?;
            if let Some(at) = self.at {
                at.segments.borrow_mut().pop();
            }
            if out.contains_key(&key) {
                if let Some(at) = self.at {
                    let object = at.render();
                    let path = if object.is_empty() {
                        key.clone()
                    } else {
                        format!("{object}.{key}")
                    };
                    *at.found.borrow_mut() =
                        Some(LocatedError::new(path, ErrorKind::DuplicateKey { key }));
                }
                return Err(A::Error::custom(DUPLICATE));
            }
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// A serde_json error as a located, Swedish error.
pub fn json_error(e: serde_json::Error, path: &str) -> LocatedError {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    let msg = strip_position(&e.to_string());
    let path = if path == "." { "" } else { path };
    match e.classify() {
        Category::Eof => LocatedError::new(path, ErrorKind::Truncated { line, column }),
        Category::Syntax | Category::Io => LocatedError::new(
            path,
            ErrorKind::NotJson {
                line,
                column,
                detail: swedish(&msg),
            },
        ),
        Category::Data => {
            if msg.contains("EOF while parsing") {
                return LocatedError::new(path, ErrorKind::Truncated { line, column });
            }
            let kind = if msg.starts_with("unknown variant") {
                ErrorKind::UnknownValue {
                    detail: swedish(&msg),
                }
            } else {
                ErrorKind::Schema {
                    detail: swedish(&msg),
                }
            };
            LocatedError::new(path, kind)
        }
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// serde_json's and serde's messages in Swedish. Every message serde_json's reader has is listed; serde's
/// messages about types (from the light list read) are rebuilt from their parts. Nothing English is left in a
/// message a user can meet: a message not known here says so in Swedish.
pub fn swedish(msg: &str) -> String {
    let msg = strip_position(msg);
    let fixed: &[(&str, &str)] = &[
        ("expected `:`", "ett kolon (:) väntades"),
        ("expected `,` or `]`", "ett kommatecken eller ] väntades"),
        ("expected `,` or `}`", "ett kommatecken eller } väntades"),
        (
            "expected ident",
            "ett ord (true, false eller null) väntades",
        ),
        ("expected value", "ett värde väntades"),
        ("expected `\"`", "ett citattecken väntades"),
        ("invalid escape", "ogiltig escape-sekvens"),
        ("invalid number", "ogiltigt tal"),
        ("number out of range", "talet är för stort"),
        ("invalid unicode code point", "ogiltigt Unicode-tecken"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "styrtecken i en text",
        ),
        ("key must be a string", "nyckeln måste vara en text"),
        (
            "invalid value: expected key to be a number in quotes",
            "nyckeln måste vara ett tal inom citattecken",
        ),
        (
            "float key must be finite (got NaN or +/-inf)",
            "nyckeln måste vara ett ändligt tal",
        ),
        (
            "lone leading surrogate in hex escape",
            "ensamt surrogattecken",
        ),
        ("trailing comma", "kommatecken före ] eller }"),
        ("trailing characters", "text efter JSON-innehållet"),
        (
            "unexpected end of hex escape",
            "ofullständig escape-sekvens",
        ),
        (
            "recursion limit exceeded",
            "för djupt nästlad (högst 128 nivåer av listor och objekt)",
        ),
    ];
    if let Some((_, sv)) = fixed.iter().find(|(en, _)| *en == msg) {
        return sv.to_string();
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("fel typ: {}, väntat {}", kind_sv(got), kind_sv(want));
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("ogiltigt värde {}, väntat {}", kind_sv(got), kind_sv(want));
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("fel längd {got}, väntat {}", kind_sv(want));
        }
    }
    for (en, sv) in [
        ("missing field ", "fältet saknas: "),
        ("duplicate field ", "fältet förekommer två gånger: "),
    ] {
        if let Some(rest) = msg.strip_prefix(en) {
            return format!("{sv}{rest}");
        }
    }
    for (en, sv) in [
        ("unknown field ", "okänt fält "),
        ("unknown variant ", "okänt värde "),
    ] {
        if let Some(rest) = msg.strip_prefix(en) {
            let rest = rest
                .replace(", expected one of ", "; tillåtna värden är ")
                .replace(", there are no fields", "; inga fält tillåtna")
                .replace(", expected ", "; väntat ");
            return format!("{sv}{rest}");
        }
    }
    format!("oväntat innehåll ({msg})")
}

/// serde's words for kinds of values ("a string", "integer `5`") in Swedish.
fn kind_sv(s: &str) -> String {
    let words: &[(&str, &str)] = &[
        ("a string", "en text"),
        ("a sequence", "en lista"),
        ("a map", "ett objekt"),
        ("a verksam bundle", "en verksam-fil"),
        ("a boolean", "sant/falskt"),
        ("u64", "ett heltal"),
        ("u32", "ett heltal"),
        ("i32", "ett heltal"),
        ("i64", "ett heltal"),
        ("f64", "ett tal"),
        ("usize", "ett heltal"),
        ("string ", "texten "),
        ("integer ", "heltalet "),
        ("floating point ", "talet "),
        ("boolean ", "värdet "),
        ("sequence", "en lista"),
        ("map", "ett objekt"),
        ("null", "null"),
        ("unit value", "null"),
    ];
    for (en, sv) in words {
        if let Some(rest) = s.strip_prefix(en) {
            return format!("{sv}{rest}");
        }
    }
    s.to_string()
}
