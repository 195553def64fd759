//! Text helpers for what the UI shows: a short snippet of a long text, a file-name slug, a capitalised message.

/// A short one-line version of a text for tree rows.
pub fn snippet(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}…", one_line.chars().take(max).collect::<String>())
    }
}
/// A file name as an id: lower case, letters and digits, dashes between.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in crate::domain::format::fold_sv(s).chars() {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !out.ends_with('-') {
            out.push(c);
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "taxa".into()
    } else {
        out
    }
}

/// The first letter in upper case (Swedish letters; see [`crate::domain::format::capitalise_sv`]).
pub fn capitalise(s: &str) -> String {
    crate::domain::format::capitalise_sv(s)
}
