//! Architecture invariants, enforced (as rust-analyzer's tidy test does):
#![cfg(not(target_arch = "wasm32"))]
//! `src/domain` is pure — no browser, storage, UI, clock, randomness or HashMap.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn domain_is_pure() {
    let forbidden = [
        "leptos",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "gloo",
        "indexed_db",
        "crate::storage",
        "crate::ui",
        "std::fs",
        "std::net",
        "std::env",
        "std::time",
        "SystemTime",
        "Instant",
        "Utc::now",
        "Local::now",
        "HashMap",
        "HashSet",
        "rand::",
    ];
    let mut files = vec![];
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain"),
        &mut files,
    );
    assert!(files.len() >= 5);
    let mut bad = vec![];
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in forbidden {
                if code.contains(word) {
                    bad.push(format!("{}:{}: {word}", f.display(), i + 1));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "src/domain must stay pure:\n{}",
        bad.join("\n")
    );
}
