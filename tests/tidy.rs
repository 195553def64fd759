//! Architecture invariants, enforced (as rust-analyzer's tidy test does): the pure core stays pure, imports point
//! one way, every bundle version has its fixture, index.html's route table agrees with the app's routes, and every
//! file the code or the README names exists.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files_with(dir: &Path, ext: &[&str], out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            if name != "node_modules" && name != "target" && !name.starts_with('.') {
                files_with(&p, ext, out);
            }
        } else if p.extension().is_some_and(|x| ext.iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut v = vec![];
    files_with(dir, &["rs"], &mut v);
    v.sort();
    v
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The code of a Rust file: comments removed, and the test module (`#[cfg(test)] mod …`) cut off.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---- the pure core ----

#[test]
fn domain_seed_and_test_data_are_pure() {
    let forbidden = [
        "leptos",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "gloo",
        "indexed_db",
        "crate::storage",
        "crate::ui",
        "verksam::storage",
        "verksam::ui",
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
    let mut files = rust_files(&root().join("src/domain"));
    files.extend(rust_files(&root().join("src/seed")));
    files.extend(rust_files(&root().join("tests/common")));
    assert!(files.len() >= 10);
    let mut bad = vec![];
    for f in files {
        let text = read(&f);
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
        "src/domain, src/seed and tests/common must stay pure:\n{}",
        bad.join("\n")
    );
}

// ---- imports point one way ----

type Module = Vec<String>;

/// The module a file is: `src/domain/scorecard/grade.rs` → `domain::scorecard::grade`, `mod.rs` its folder.
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut m: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if matches!(m.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        m.pop();
    }
    m
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let close = tree.rfind('}').unwrap_or(tree.len());
    let (prefix, inner) = (&tree[..open], &tree[open + 1..close]);
    let mut items = vec![];
    let (mut depth, mut cur) = (0, String::new());
    for ch in inner.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            items.push(std::mem::take(&mut cur));
        } else {
            cur.push(ch);
        }
    }
    items.push(cur);
    items
        .into_iter()
        .filter(|i| !i.is_empty())
        .flat_map(|i| {
            expand_use(&i)
                .into_iter()
                .map(|s| format!("{prefix}{s}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The module a path names (its longest prefix that is a module), seen from module `from`.
fn resolve(from: &Module, path: &str, modules: &BTreeSet<Module>) -> Option<Module> {
    let mut segs = path.split("::").filter(|s| !s.is_empty() && *s != "*");
    let mut base: Module = match segs.next()? {
        "crate" => vec![],
        "super" => from[..from.len().saturating_sub(1)].to_vec(),
        "self" => from.clone(),
        _ => return None,
    };
    let mut rest: Vec<&str> = segs.collect();
    while rest.first() == Some(&"super") {
        base.pop();
        rest.remove(0);
    }
    base.extend(
        rest.iter()
            .map(|s| s.split(" as ").next().unwrap_or(s).to_string()),
    );
    (1..=base.len())
        .rev()
        .map(|n| base[..n].to_vec())
        .find(|m| modules.contains(m))
}

/// Which modules each module of the crate imports (`use` and inline `crate::`/`super::` paths), leaving out
/// itself and its ancestors (a `mod.rs` declaring its children).
fn import_graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = root().join("src");
    let files = rust_files(&src);
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut graph = BTreeMap::new();
    for f in &files {
        let m = module_of(&src, f);
        let code = code_of(&read(f));
        let mut paths = vec![];
        let mut rest = code.as_str();
        while let Some(i) = rest.find("use ") {
            let before = rest[..i].chars().last();
            let after = &rest[i + 4..];
            if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
                if let Some(end) = after.find(';') {
                    paths.extend(expand_use(&after[..end]));
                }
            }
            rest = after;
        }
        for start in ["crate::", "super::"] {
            let mut rest = code.as_str();
            while let Some(i) = rest.find(start) {
                let before = rest[..i].chars().last();
                let path: String = rest[i..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                if before.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != ':') {
                    paths.push(path);
                }
                rest = &rest[i + start.len()..];
            }
        }
        let deps: BTreeSet<Module> = paths
            .iter()
            .filter_map(|p| resolve(&m, p, &modules))
            .filter(|d| d != &m && !m.starts_with(d))
            .collect();
        graph.insert(m, deps);
    }
    graph
}

/// The groups of modules that import each other, directly or through others (Tarjan's strongly connected
/// components of more than one module).
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct T<'a> {
        g: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on: BTreeSet<&'a Module>,
        out: Vec<Vec<Module>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a Module) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g[v].iter().filter(|w| t.g.contains_key(*w)) {
            let w = t.g.keys().find(|k| *k == w).unwrap();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = vec![];
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        on: BTreeSet::new(),
        out: vec![],
    };
    for v in graph.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

/// The graph with every module under `area` (e.g. `domain`) merged into its part (`domain::scorecard`).
fn parts_of(
    graph: &BTreeMap<Module, BTreeSet<Module>>,
    area: &str,
) -> BTreeMap<Module, BTreeSet<Module>> {
    let part =
        |m: &Module| -> Option<Module> { (m.len() >= 2 && m[0] == area).then(|| m[..2].to_vec()) };
    let mut out: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, deps) in graph {
        let Some(pm) = part(m) else { continue };
        let entry = out.entry(pm.clone()).or_default();
        entry.extend(deps.iter().filter_map(part).filter(|d| *d != pm));
    }
    out
}

fn show(cycles: &[Vec<Module>]) -> String {
    cycles
        .iter()
        .map(|c| {
            c.iter()
                .map(|m| m.join("::"))
                .collect::<Vec<_>>()
                .join(" ⇄ ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_two_files_import_each_other() {
    let graph = import_graph();
    assert!(graph.len() > 80, "{} modules", graph.len());
    // the check can see an import: the scorecard page imports its context, the app its shell
    let page = vec!["ui".to_string(), "scorecard".into(), "page".into()];
    assert!(graph[&page].contains(&vec!["ui".to_string(), "scorecard".into(), "ctx".into()]));
    let grade = vec!["domain".to_string(), "scorecard".into(), "grade".into()];
    assert!(graph[&grade].contains(&vec!["domain".to_string(), "period".into()]));
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "modules that import each other:\n{}",
        show(&found)
    );
}

#[test]
fn the_domain_and_the_ui_parts_point_one_way() {
    let graph = import_graph();
    for area in ["domain", "ui"] {
        let parts = parts_of(&graph, area);
        assert!(parts.len() >= 8, "{area}: {} parts", parts.len());
        let found = cycles(&parts);
        assert!(
            found.is_empty(),
            "parts of {area} that import each other:\n{}",
            show(&found)
        );
    }
    // and the pure core never reaches up
    for (m, deps) in &graph {
        if m.first().is_some_and(|a| a == "domain") {
            let up: Vec<_> = deps
                .iter()
                .filter(|d| d.first().is_some_and(|a| a != "domain"))
                .collect();
            assert!(up.is_empty(), "{} imports {up:?}", m.join("::"));
        }
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let m = |s: &str| s.split("::").map(str::to_string).collect::<Module>();
    let mut g = BTreeMap::new();
    g.insert(m("a::x"), BTreeSet::from([m("a::y")]));
    g.insert(m("a::y"), BTreeSet::from([m("a::z")]));
    g.insert(m("a::z"), BTreeSet::from([m("a::x")]));
    g.insert(m("a::w"), BTreeSet::from([m("a::x")]));
    assert_eq!(cycles(&g), vec![vec![m("a::x"), m("a::y"), m("a::z")]]);
    assert_eq!(
        expand_use("crate::a::{b, c::{d, e as f}}"),
        ["crate::a::b", "crate::a::c::d", "crate::a::c::eas f"].map(|s| s.replace(' ', ""))
    );
}

// ---- bundle versions ----

#[test]
fn every_bundle_version_has_a_fixture() {
    let dir = root().join("tests/fixtures/bundles");
    let mut versions = BTreeSet::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let v: serde_json::Value = serde_json::from_str(&read(&p)).unwrap();
        let version = v["version"]
            .as_u64()
            .unwrap_or_else(|| panic!("{name}: no version"));
        assert_eq!(v["format"], "verksam-bundle", "{name}");
        assert!(
            name.starts_with(&format!("v{version}-")),
            "{name} holds version {version}: name it v{version}-…"
        );
        versions.insert(version);
    }
    let current = verksam::domain::bundle::CURRENT_VERSION;
    assert_eq!(versions, (1..=current).collect::<BTreeSet<_>>());
}

// ---- routes and chunks ----

/// index.html's table of route prefixes and the chunk group index.html starts loading for them.
fn index_route_groups() -> Vec<(String, String)> {
    let html = read(&root().join("public/index.html"));
    let start = html
        .find("var routeGroups = ")
        .expect("routeGroups in index.html")
        + "var routeGroups = ".len();
    let end = start + html[start..].find(';').unwrap();
    let table: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&html[start..end]).unwrap();
    table
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap().to_string()))
        .collect()
}

/// The app's routes: (path with `:id` as `x`, the chunk group of its page or `None` for the main module).
fn app_routes() -> Vec<(String, Option<String>)> {
    let code = code_of(&read(&root().join("src/ui/mod.rs")));
    let mut groups = BTreeMap::new();
    for line in code
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("lazy_page!("))
    {
        // lazy_page!(plans: PlanRoute, …)
        let inner = &line["lazy_page!(".len()..];
        let (group, rest) = inner.split_once(':').unwrap();
        let route = rest.split(',').next().unwrap().trim();
        groups.insert(route.to_string(), group.trim().to_string());
    }
    let mut routes = vec![];
    for line in code
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<Route path=path!(\""))
    {
        let path = line["<Route path=path!(\"".len()..]
            .split('"')
            .next()
            .unwrap();
        let path = path.replace(":id", "x");
        let group = line
            .split("Lazy::<")
            .nth(1)
            .map(|r| groups[r.split('>').next().unwrap()].clone());
        routes.push((path, group));
    }
    routes
}

#[test]
fn index_html_loads_each_deep_links_own_chunk_group() {
    let table = index_route_groups();
    let routes = app_routes();
    assert!(routes.len() >= 10, "{routes:?}");
    for (path, group) in &routes {
        // index.html takes the first prefix that matches
        let early = table
            .iter()
            .find(|(p, _)| path.starts_with(p.as_str()))
            .map(|(_, g)| g.clone());
        assert_eq!(
            &early, group,
            "{path}: index.html starts loading {early:?}, the page is in {group:?}"
        );
    }
    for (prefix, _) in &table {
        assert!(
            routes.iter().any(|(p, _)| p.starts_with(prefix.as_str())),
            "index.html's prefix {prefix} matches no route"
        );
    }
}

// ---- cited files exist ----

/// Paths a text names: `src/…`, `tests/…`, `scripts/…`, `public/…`, `style/…`.
fn cited_paths(text: &str) -> Vec<String> {
    let mut out = vec![];
    for start in ["src/", "tests/", "scripts/", "public/", "style/"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            let before = text[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || "_./-".contains(c)) {
                continue;
            }
            let path: String = text[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || "_./-".contains(*c))
                .collect();
            let next = text[at + path.len()..].chars().next();
            if next.is_some_and(|c| "*<{".contains(c)) {
                continue; // a pattern, not a file
            }
            out.push(path.trim_end_matches(['.', '-']).to_string());
        }
    }
    out
}

/// File names a text puts in backticks (`edit_ctx.rs`, `shell/state.rs`): some file of the repo must end so.
fn cited_names(text: &str) -> Vec<String> {
    let exts = [".rs", ".mjs", ".sh", ".html", ".css", ".md"];
    let mut names: Vec<String> = text
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| {
            exts.iter().any(|e| t.ends_with(e))
                && t.chars().all(|c| c.is_alphanumeric() || "_./-".contains(c))
        })
        .map(str::to_string)
        .collect();
    // and documents by name anywhere (`DOMAIN.md`, README.md)
    for word in text.split(|c: char| !(c.is_alphanumeric() || "_.-/".contains(c))) {
        let word = word.trim_end_matches('.');
        if word.ends_with(".md") && word.len() > 3 && !names.iter().any(|n| n == word) {
            names.push(word.to_string());
        }
    }
    names
}

#[test]
fn every_file_the_code_and_the_readme_cite_exists() {
    let mut texts = vec![root().join("README.md"), root().join("public/index.html")];
    files_with(&root().join("src"), &["rs"], &mut texts);
    files_with(&root().join("scripts"), &["sh", "mjs", "js"], &mut texts);
    for e in std::fs::read_dir(root().join("tests")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "rs" || x == "mjs") && !p.ends_with("tidy.rs") {
            texts.push(p);
        }
    }
    let mut all = vec![];
    files_with(
        root(),
        &[
            "rs", "mjs", "sh", "html", "css", "md", "js", "json", "csv", "toml",
        ],
        &mut all,
    );
    let all: Vec<String> = all
        .iter()
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    // written by the build, not kept in the repository
    let built = ["sw.js", "__wasm_split.js"];
    let mut missing = vec![];
    let mut checked = 0;
    for t in &texts {
        let text = read(t);
        let shown = t.strip_prefix(root()).unwrap().display().to_string();
        for p in cited_paths(&text) {
            checked += 1;
            if !root().join(&p).exists() {
                missing.push(format!("{shown}: {p}"));
            }
        }
        for name in cited_names(&text) {
            checked += 1;
            let found = built.contains(&name.as_str())
                || all
                    .iter()
                    .any(|f| f == &name || f.ends_with(&format!("/{name}")));
            if !found {
                missing.push(format!("{shown}: `{name}`"));
            }
        }
    }
    assert!(checked > 100, "only {checked} citations found");
    assert!(
        missing.is_empty(),
        "cited but not in the repository:\n{}",
        missing.join("\n")
    );
}

#[test]
fn citations_are_found() {
    assert_eq!(
        cited_paths(
            "see src/ui/mod.rs, and tests/e2e/*.mjs or public/demo/<id>.json; (scripts/test.sh)."
        ),
        ["src/ui/mod.rs", "scripts/test.sh"]
    );
    assert_eq!(
        cited_names("`edit_ctx.rs` and `a b.rs` and `shell/state.rs`, as DOMAIN.md says."),
        ["edit_ctx.rs", "shell/state.rs", "DOMAIN.md"]
    );
}

// ---- what the UI shows and submits ----

/// The UI never shows or submits Rust's `Debug` text (`ViktadAndel`): option values are the domain's keys and
/// what a reader sees is a label. The one exception is a browser error, which has no other text (`{e:?}`).
#[test]
fn the_ui_shows_no_debug_text() {
    let mut bad = vec![];
    for f in rust_files(&root().join("src/ui")) {
        for (i, line) in code_of(&read(&f)).lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find(":?}") {
                let open = rest[..at].rfind('{').unwrap_or(0);
                let inside = &rest[open + 1..at];
                if inside != "e" {
                    bad.push(format!("{}:{}: {{{inside}:?}}", f.display(), i + 1));
                }
                rest = &rest[at + 3..];
            }
        }
    }
    assert!(bad.is_empty(), "Debug text in the UI:\n{}", bad.join("\n"));
}

// ---- the demo data ----

/// `seed::SHIPPED` is the one list of demo bundles: exactly the files in `public/demo/`, each made from seed files
/// that exist, and every seed file is the source of one.
#[test]
fn the_demo_manifest_is_what_ships() {
    let names_in = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect()
    };
    let manifest: BTreeSet<String> = verksam::seed::SHIPPED
        .iter()
        .map(|f| f.bundle.to_string())
        .collect();
    assert_eq!(
        manifest.len(),
        verksam::seed::SHIPPED.len(),
        "a bundle named twice"
    );
    assert_eq!(names_in("public/demo"), manifest);
    let sources: BTreeSet<String> = verksam::seed::SHIPPED
        .iter()
        .flat_map(|f| f.sources.iter().map(|s| s.to_string()))
        .collect();
    assert_eq!(names_in("tests/fixtures/seed"), sources);
}
