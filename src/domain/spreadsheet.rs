//! Cells that leave verksam for a spreadsheet (CSV for Excel), made safe as OWASP advises against *CSV
//! injection*: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be taken as a
//! formula when the file is opened, so it gets a leading `'`. Numbers (`-5,2`, `+7,0`) stay numbers.
//!
//! Reading a CSV undoes exactly that, so a file verksam wrote reads back to the same values, whatever text they
//! hold: a cell that starts with `'` followed by one of those characters, or by another `'`, loses one `'`, and
//! writing adds one to such a cell.
//!
//! ```
//! use verksam::domain::spreadsheet::{neutralise, restore};
//! assert_eq!(neutralise("=SUMMA(A1:A9)"), "'=SUMMA(A1:A9)");
//! assert_eq!(neutralise("-5,2"), "-5,2");
//! for s in ["=1+1", "'=x", "''", "'abc", "+46 70", "-", "@x", "vanlig text"] {
//!     assert_eq!(restore(&neutralise(s)), s);
//! }
//! ```

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn starts_with_trigger(s: &str) -> bool {
    s.starts_with(TRIGGERS)
}

/// A plain number as spreadsheets read it: a sign, digits with spaces, one decimal comma or point.
fn is_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+', '−']).unwrap_or(s);
    let mut digits = 0;
    let mut separators = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            ',' | '.' => separators += 1,
            ' ' | '\u{a0}' | '\u{202f}' => {}
            _ => return false,
        }
    }
    digits > 0 && separators <= 1
}

/// Whether reading strips a leading `'` from `s`.
fn marked(s: &str) -> bool {
    s.strip_prefix('\'')
        .is_some_and(|rest| starts_with_trigger(rest) || rest.starts_with('\''))
}

/// The cell as written to a CSV file: a leading `'` where a spreadsheet would see a formula (or where reading
/// would otherwise strip one).
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if (starts_with_trigger(s) && !is_number(s)) || marked(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// One field of a semicolon-separated file for Excel: neutralised, and quoted when it holds `;`, `"` or a line
/// break.
pub fn csv_field(s: &str) -> String {
    let s = neutralise(s);
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A cell as read from a CSV file: undoes [`neutralise`].
pub fn restore(s: &str) -> &str {
    if marked(s) {
        &s[1..]
    } else {
        s
    }
}
