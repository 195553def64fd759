//! A small reader over a parsed JSON value that knows where it is. Versioned readers (`dto::read::read_one_plan` and the tariff readers) use
//! it to build their DTOs field by field, so every error names its exact place (`plans[0].nodes[41].parent`)
//! and what is wrong, in Swedish. It replaces serde's derived deserialisers on the import path, which cost
//! several times more WebAssembly for the same checks.

use crate::domain::error::{ErrorKind, LocatedError};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::str::FromStr;

type R<T> = Result<T, LocatedError>;

fn schema(path: String, detail: impl Into<String>) -> LocatedError {
    LocatedError::new(
        path,
        ErrorKind::Schema {
            detail: detail.into(),
        },
    )
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "sant/falskt",
        Value::Number(_) => "tal",
        Value::String(_) => "text",
        Value::Array(_) => "lista",
        Value::Object(_) => "objekt",
    }
}

fn wrong(path: String, want: &str, got: &Value) -> LocatedError {
    schema(path, format!("fel typ: {}, väntat {want}", kind_of(got)))
}

/// A JSON object at a path, with typed accessors. Fields not declared with [`Obj::only`] are rejected.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    pub path: String,
}

impl<'a> Obj<'a> {
    /// `v` must be an object.
    pub fn new(v: &'a Value, path: String) -> R<Obj<'a>> {
        match v {
            Value::Object(map) => Ok(Obj { map, path }),
            other => Err(wrong(path, "objekt", other)),
        }
    }

    fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Reject any field not in `keys` (a foreign file fails loudly instead of losing data silently).
    pub fn only(&self, keys: &[&str]) -> R<()> {
        match self.map.keys().find(|k| !keys.contains(&k.as_str())) {
            Some(k) => Err(schema(self.at(k), format!("okänt fält `{k}`"))),
            None => Ok(()),
        }
    }

    fn get(&self, key: &str) -> R<&'a Value> {
        self.map
            .get(key)
            .ok_or_else(|| schema(self.path.clone(), format!("fältet saknas: `{key}`")))
    }

    /// A field that may be missing or null.
    fn opt(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn str(&self, key: &str) -> R<String> {
        match self.get(key)? {
            Value::String(s) => Ok(s.clone()),
            other => Err(wrong(self.at(key), "text", other)),
        }
    }

    /// A period key ("DÅ08 2024", "T1 2023", "M04 2022"), parsed: the model holds typed periods.
    pub fn period_key(&self, key: &str) -> R<crate::domain::period::Period> {
        let s = self.str(key)?;
        crate::domain::period::Period::parse_key(&s)
            .ok_or_else(|| LocatedError::new(self.at(key), ErrorKind::BadPeriod { value: s }))
    }

    /// A text that defaults to empty when missing.
    pub fn str_or_empty(&self, key: &str) -> R<String> {
        if self.map.contains_key(key) {
            self.str(key)
        } else {
            Ok(String::new())
        }
    }

    pub fn opt_str(&self, key: &str) -> R<Option<String>> {
        match self.opt(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(wrong(self.at(key), "text", other)),
        }
    }

    pub fn bool(&self, key: &str) -> R<bool> {
        match self.get(key)? {
            Value::Bool(b) => Ok(*b),
            other => Err(wrong(self.at(key), "sant/falskt", other)),
        }
    }

    fn int_in(&self, key: &str, v: &Value, lo: i64, hi: i64) -> R<i64> {
        match v.as_i64() {
            Some(i) if (lo..=hi).contains(&i) => Ok(i),
            Some(i) => Err(schema(
                self.at(key),
                format!("talet {i} är utanför {lo}–{hi}"),
            )),
            None => Err(wrong(self.at(key), "heltal", v)),
        }
    }

    pub fn u32(&self, key: &str) -> R<u32> {
        self.int_in(key, self.get(key)?, 0, u32::MAX.into())
            .map(|i| i as u32)
    }

    pub fn opt_u32(&self, key: &str) -> R<Option<u32>> {
        self.opt(key)
            .map(|v| self.int_in(key, v, 0, u32::MAX.into()).map(|i| i as u32))
            .transpose()
    }

    pub fn u64(&self, key: &str) -> R<u64> {
        self.int_in(key, self.get(key)?, 0, i64::MAX)
            .map(|i| i as u64)
    }

    pub fn i32(&self, key: &str) -> R<i32> {
        self.int_in(key, self.get(key)?, i32::MIN.into(), i32::MAX.into())
            .map(|i| i as i32)
    }

    pub fn opt_i32(&self, key: &str) -> R<Option<i32>> {
        self.opt(key)
            .map(|v| {
                self.int_in(key, v, i32::MIN.into(), i32::MAX.into())
                    .map(|i| i as i32)
            })
            .transpose()
    }

    pub fn opt_u8(&self, key: &str) -> R<Option<u8>> {
        self.opt(key)
            .map(|v| self.int_in(key, v, 0, u8::MAX.into()).map(|i| i as u8))
            .transpose()
    }

    pub fn opt_f64(&self, key: &str) -> R<Option<f64>> {
        match self.opt(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(other) => Err(wrong(self.at(key), "tal", other)),
        }
    }

    /// An amount (decimal string or number) that must be there.
    pub fn dec(&self, key: &str) -> R<Decimal> {
        decimal(self.get(key)?, self.at(key))?.ok_or_else(|| self.missing(key))
    }

    /// An amount that may be missing or null.
    pub fn opt_dec(&self, key: &str) -> R<Option<Decimal>> {
        match self.opt(key) {
            None => Ok(None),
            Some(v) => decimal(v, self.at(key)),
        }
    }

    /// The path of one of this object's fields.
    pub fn path_of(&self, key: &str) -> String {
        self.at(key)
    }

    /// Whether the field is present (even if null).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The error for a required field that is missing or null.
    pub fn missing(&self, key: &str) -> LocatedError {
        schema(self.path.clone(), format!("fältet saknas: `{key}`"))
    }

    pub fn obj(&self, key: &str) -> R<Obj<'a>> {
        Obj::new(self.get(key)?, self.at(key))
    }

    pub fn opt_obj(&self, key: &str) -> R<Option<Obj<'a>>> {
        self.opt(key).map(|v| Obj::new(v, self.at(key))).transpose()
    }

    /// Each element of an array field (missing = empty when `required` is false).
    pub fn list<T>(
        &self,
        key: &str,
        required: bool,
        mut f: impl FnMut(&'a Value, String) -> R<T>,
    ) -> R<Vec<T>> {
        let v = if required {
            Some(self.get(key)?)
        } else {
            self.opt(key)
        };
        match v {
            None => Ok(vec![]),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| f(item, format!("{}[{i}]", self.at(key))))
                .collect(),
            Some(other) => Err(wrong(self.at(key), "lista", other)),
        }
    }

    /// An object field read as a sorted map of `f`'s values (missing = empty).
    pub fn map<T>(
        &self,
        key: &str,
        mut f: impl FnMut(&'a Value, String) -> R<T>,
    ) -> R<BTreeMap<String, T>> {
        match self.opt(key) {
            None => Ok(BTreeMap::new()),
            Some(Value::Object(m)) => m
                .iter()
                .map(|(k, v)| Ok((k.clone(), f(v, format!("{}.{k}", self.at(key)))?)))
                .collect(),
            Some(other) => Err(wrong(self.at(key), "objekt", other)),
        }
    }

    /// Free-form data kept verbatim (missing = empty).
    pub fn extra(&self, key: &str) -> R<BTreeMap<String, Value>> {
        self.map(key, |v, _| Ok(v.clone()))
    }

    /// A text field that must be one of `names`; the value is the matching entry of `values`.
    pub fn choice<T: Copy>(&self, key: &str, table: &[(&str, T)]) -> R<T> {
        choice(self.get(key)?, self.at(key), table)
    }

    pub fn opt_choice<T: Copy>(&self, key: &str, table: &[(&str, T)]) -> R<Option<T>> {
        self.opt(key)
            .map(|v| choice(v, self.at(key), table))
            .transpose()
    }

    /// An object with exactly one field naming a variant (`{"matt": {...}}`): the name and the inner object.
    pub fn variant(&self, key: &str, names: &[&str]) -> R<(&'a str, Obj<'a>)> {
        let o = self.obj(key)?;
        let mut it = o.map.iter();
        match (it.next(), it.next()) {
            (Some((name, inner)), None) => {
                if !names.contains(&name.as_str()) {
                    return Err(unknown(o.path.clone(), name, names));
                }
                Ok((
                    name.as_str(),
                    Obj::new(inner, format!("{}.{name}", o.path))?,
                ))
            }
            _ => Err(schema(
                o.path.clone(),
                "väntat ett objekt med exakt ett fält som anger typen",
            )),
        }
    }
}

fn unknown(path: String, found: &str, allowed: &[&str]) -> LocatedError {
    LocatedError::new(
        path,
        ErrorKind::UnknownValue {
            detail: format!("”{found}”; tillåtna värden är {}", allowed.join(", ")),
        },
    )
}

/// `v` must be a text.
pub fn text(v: &Value, path: String) -> R<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        other => Err(wrong(path, "text", other)),
    }
}

/// `v` must be a number.
pub fn number(v: &Value, path: String) -> R<f64> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| wrong(path, "tal", v)),
        other => Err(wrong(path, "tal", other)),
    }
}

/// `v` must be one of the table's names.
pub fn choice<T: Copy>(v: &Value, path: String, table: &[(&str, T)]) -> R<T> {
    let Value::String(s) = v else {
        return Err(wrong(path, "text", v));
    };
    match table.iter().find(|(name, _)| name == s) {
        Some((_, t)) => Ok(*t),
        None => Err(unknown(
            path,
            s,
            &table.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        )),
    }
}

/// An amount written as a decimal string (`"299.2"`) or a JSON number.
pub fn decimal(v: &Value, path: String) -> R<Option<Decimal>> {
    let text = match v {
        Value::Null => return Ok(None),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => return Err(wrong(path, "belopp", other)),
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map(Some)
        .map_err(|_| LocatedError::new(path, ErrorKind::AbsurdNumber { value: text }))
}
