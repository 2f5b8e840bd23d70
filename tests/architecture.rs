//! Keeps the layers what `src/lib.rs` says they are: `domain` is pure rules (no I/O, no
//! outer layer); `web` and `jobs` reach data only through `service` (no `store`, no SQL);
//! modules stay small and handlers thin. Each checker is shown to catch a planted violation.

use std::path::{Path, PathBuf};

/// Crates and layers the domain must not name.
const DOMAIN_FORBIDDEN: [&str; 14] = [
    "actix",
    "diesel",
    "lettre",
    "askama",
    "r2d2",
    "reqwest",
    "tokio",
    "std::fs",
    "std::net",
    "crate::store",
    "crate::web",
    "crate::mail",
    "crate::jobs",
    "crate::service",
];

/// A clock read or randomness in the domain would make the rules untestable.
const DOMAIN_FORBIDDEN_CALLS: [&str; 4] =
    ["Utc::now", "Local::now", "SystemTime::now", "getrandom"];

/// What `web` and `jobs` must not touch: the store, SQL, a pooled connection of their own,
/// documents (service composes them).
const OUTER_FORBIDDEN: [&str; 6] = [
    "diesel",
    "sql_query",
    "pool.get(",
    ".get_timeout(",
    "r2d2",
    "crate::documents",
];

const MAX_MODULE_LINES: usize = 400;
const MAX_HANDLER_LINES: usize = 40;

struct Source {
    path: String,
    text: String,
}

#[test]
fn the_domain_imports_no_io_and_no_outer_layer() {
    assert_clean(
        &sources("src/domain"),
        domain_violations,
        "the domain must stay pure",
    );
}

#[test]
fn web_and_jobs_reach_data_only_through_service() {
    let mut files = sources("src/web");
    files.extend(sources("src/jobs"));
    assert_clean(
        &files,
        outer_layer_violations,
        "web and jobs go through service",
    );
}

#[test]
fn service_hands_out_no_store_rows() {
    assert_clean(
        &sources("src/service"),
        store_rows_handed_out,
        "service returns its own views",
    );
}

#[test]
fn no_module_is_oversized() {
    assert_clean(
        &sources("src"),
        oversized,
        "split modules by use case or screen",
    );
}

#[test]
fn route_handlers_are_thin() {
    let mut routes = read("src/web/routes.rs");
    // The table's own submodules (`routes/hooks.rs`) name handlers too.
    for part in sources("src/web/routes") {
        routes.text.push_str(&part.text);
    }
    // A screen's module, with its submodules (`admin_registry/import.rs`).
    let violations = fat_handlers(&routes.text, |module| {
        let mut text = std::fs::read_to_string(format!("src/web/{module}.rs")).ok()?;
        for part in sources(&format!("src/web/{module}")) {
            text.push_str(&part.text);
        }
        Some(text)
    });
    assert!(
        violations.is_empty(),
        "handlers extract, call one service function and render:\n{}",
        violations.join("\n")
    );
}

#[test]
fn each_checker_catches_a_planted_violation() {
    let planted = |path: &str, text: &str| Source {
        path: path.into(),
        text: text.into(),
    };
    let domain = planted(
        "src/domain/x.rs",
        "use diesel::prelude::*;\nlet t = Utc::now();\n",
    );
    assert_eq!(domain_violations(&domain).len(), 2);
    for text in [
        "use crate::{tokens, domain::ids};\n",
        "let c = crate::clock::now();\n",
    ] {
        assert_eq!(
            domain_violations(&planted("src/domain/x.rs", text)).len(),
            1,
            "{text}"
        );
    }
    let own = planted(
        "src/domain/x.rs",
        "use crate::domain::ids::ClaimId;\n$crate::domain::errors::X\n",
    );
    assert!(domain_violations(&own).is_empty());
    for text in [
        "use crate::store;\n",
        "use crate::{\n    i18n::Catalogue,\n    store::users::UserLine,\n};\n",
        "use crate::{domain::access, store};\n",
        "    let rows = crate::store::claims::find(conn, id)?;\n",
        "    let mut conn = pool.get()?;\n",
        "use diesel::prelude::*;\n",
        "pub(crate) use crate::{\n    store,\n};\n",
        "let c = '\"'; let rows = store::claims::find(conn, id)?;\n",
    ] {
        let web = planted("src/web/x.rs", text);
        assert_eq!(outer_layer_violations(&web).len(), 1, "{text}");
    }
    let innocent = planted(
        "src/web/x.rs",
        "// the store is not here\nlet s = \"no-store\";\n",
    );
    assert!(outer_layer_violations(&innocent).is_empty());
    let leaks = planted(
        "src/service/x.rs",
        "pub struct View {\n    pub rows: Vec<ClaimRow>,\n}\n) -> anyhow::Result<Option<PoeFileRow>> {\nfn inner(row: ClaimRow) -> Claim {\npub use crate::store::claims::ClaimRow;\n",
    );
    assert_eq!(store_rows_handed_out(&leaks).len(), 3);
    let handles = planted(
        "src/service/x.rs",
        "pub use crate::store::{AnyConnection, DbPool};\n",
    );
    assert!(store_rows_handed_out(&handles).is_empty());
    let long = planted("src/web/x.rs", &"let a = 1;\n".repeat(MAX_MODULE_LINES + 1));
    assert_eq!(oversized(&long).len(), 1);
    let body = "    step();\n".repeat(MAX_HANDLER_LINES);
    let module =
        format!("pub async fn fat(x: X) -> R {{\n{body}}}\n\npub async fn thin() {{\n}}\n");
    let routes = "view(\"/a\", x::fat),\naction(\"/b\", x::thin),";
    let found = fat_handlers(routes, |name| (name == "x").then(|| module.clone()));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("x::fat"));
}

fn domain_violations(file: &Source) -> Vec<String> {
    let mut violations = Vec::new();
    for (n, code) in code_lines(&file.text) {
        let imports = code.trim_start().starts_with("use ") || code.contains("::");
        for name in DOMAIN_FORBIDDEN {
            let crate_path = format!("{name}::");
            let used = code.trim_start().starts_with(&format!("use {name}"))
                || (imports
                    && code.contains(&crate_path)
                    && !code.contains(&format!("_{crate_path}")))
                || code.contains(&format!("extern crate {name}"));
            if used {
                violations.push(format!("{}:{n}: `{name}`: {}", file.path, code.trim()));
            }
        }
        // Nothing of the crate but the domain itself (`$crate::domain` in its macros too).
        let outside = code
            .match_indices("crate::")
            .any(|(i, _)| !code[i + "crate::".len()..].starts_with("domain::"));
        if outside {
            violations.push(format!(
                "{}:{n}: the crate outside `domain`: {}",
                file.path,
                code.trim()
            ));
        }
        for call in DOMAIN_FORBIDDEN_CALLS {
            if code.contains(call) {
                violations.push(format!("{}:{n}: `{call}`: {}", file.path, code.trim()));
            }
        }
    }
    violations
}

fn outer_layer_violations(file: &Source) -> Vec<String> {
    let mut violations = Vec::new();
    let mut in_use = false;
    for (n, code) in code_lines(&file.text) {
        in_use |= is_use(&code);
        let names_store =
            has_word_before(&code, "store", "::") || (in_use && has_word(&code, "store"));
        let forbidden = OUTER_FORBIDDEN.iter().find(|f| code.contains(*f));
        if names_store || forbidden.is_some() {
            let what = forbidden.copied().unwrap_or("store");
            violations.push(format!("{}:{n}: `{what}`: {}", file.path, code.trim()));
        }
        if code.contains(';') {
            in_use = false;
        }
    }
    violations
}

/// A public field or a returned type that names a store row (`…Row`): web would get the
/// store's types through service.
fn store_rows_handed_out(file: &Source) -> Vec<String> {
    let mut violations = Vec::new();
    for (n, code) in code_lines(&file.text) {
        let trimmed = code.trim_start();
        let public_field = trimmed.starts_with("pub ")
            && !trimmed.starts_with("pub fn ")
            && !trimmed.starts_with("pub struct ")
            && !trimmed.starts_with("pub enum ")
            && !trimmed.starts_with("pub use ")
            && !trimmed.starts_with("pub mod ")
            && !trimmed.starts_with("pub const ")
            && !trimmed.starts_with("pub type ");
        let returned = code.split_once("->").map(|(_, after)| after);
        let examined = if public_field {
            Some(code.as_str())
        } else {
            returned
        };
        // Only the connection handles may be passed on from the store.
        let reexports_store = trimmed.starts_with("pub")
            && is_use(&code)
            && has_word(&code, "store")
            && !code.contains("store::{AnyConnection, DbPool}");
        if examined.is_some_and(names_a_row) || reexports_store {
            violations.push(format!("{}:{n}: {}", file.path, code.trim()));
        }
    }
    violations
}

fn names_a_row(code: &str) -> bool {
    code.split(|c: char| !is_ident(c))
        .any(|word| word.len() > 3 && word.ends_with("Row") && word.starts_with(char::is_uppercase))
}

fn oversized(file: &Source) -> Vec<String> {
    let lines = file.text.lines().count();
    if lines > MAX_MODULE_LINES {
        vec![format!(
            "{}: {lines} lines (at most {MAX_MODULE_LINES})",
            file.path
        )]
    } else {
        Vec::new()
    }
}

/// Every `module::function` the route table names, measured in `src/web/<module>.rs`.
fn fat_handlers(routes: &str, module_text: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut violations = Vec::new();
    for (module, function) in handler_names(routes) {
        let Some(text) = module_text(&module) else {
            violations.push(format!("{module}::{function}: module not found"));
            continue;
        };
        match function_lines(&text, &function) {
            Some(lines) if lines > MAX_HANDLER_LINES => violations.push(format!(
                "{module}::{function}: {lines} lines (at most {MAX_HANDLER_LINES})"
            )),
            Some(_) => {}
            None => violations.push(format!("{module}::{function}: function not found")),
        }
    }
    violations
}

/// `a::b` pairs in handler position: an argument after a path string (or after another
/// handler, for forms).
fn handler_names(routes: &str) -> Vec<(String, String)> {
    let mut names = Vec::new();
    for code in routes.lines().map(|l| l.split("//").next().unwrap_or("")) {
        for token in code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
            if let Some((module, function)) = token.split_once("::")
                && !module.is_empty()
                && !function.is_empty()
                && !function.contains(':')
                && module.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && function.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && (code.contains("view(")
                    || code.contains("action(")
                    || code.contains("form(")
                    || code.contains(".to(")
                    || code.trim() == format!("{token},"))
            {
                names.push((module.to_owned(), function.to_owned()));
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Lines from `fn name(` to its closing brace at the start of a line.
fn function_lines(text: &str, name: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| {
        let l = l.trim_start();
        let declares = l.starts_with("pub async fn ") || l.starts_with("async fn ");
        declares && (l.contains(&format!("fn {name}(")) || l.contains(&format!("fn {name}<")))
    })?;
    let end = lines[start..].iter().position(|l| *l == "}")?;
    Some(end + 1)
}

/// `use …`, `pub use …`, `pub(crate) use …`: an import (possibly of several lines).
fn is_use(code: &str) -> bool {
    let code = code.trim_start();
    let code = match code.strip_prefix("pub") {
        Some(rest) if rest.starts_with('(') => rest.split_once(')').map_or(rest, |(_, r)| r),
        Some(rest) => rest,
        None => code,
    };
    code.trim_start().starts_with("use ")
}

fn has_word(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

fn has_word_before(code: &str, word: &str, next: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        !before.is_some_and(is_ident) && code[i + word.len()..].starts_with(next)
    })
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Numbered lines without comments and string contents (a string may say anything).
fn code_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let mut code = String::new();
            let mut in_string = false;
            // A quote as a char literal does not open a string.
            let line = line.replace("'\"'", "' '");
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '"' => in_string = !in_string,
                    '\\' if in_string => {
                        chars.next();
                    }
                    '/' if !in_string && chars.peek() == Some(&'/') => break,
                    _ if in_string => {}
                    _ => code.push(c),
                }
            }
            (i + 1, code)
        })
        .collect()
}

fn assert_clean(files: &[Source], check: fn(&Source) -> Vec<String>, rule: &str) {
    assert!(!files.is_empty(), "no sources found");
    let violations: Vec<String> = files.iter().flat_map(check).collect();
    assert!(violations.is_empty(), "{rule}:\n{}", violations.join("\n"));
}

fn sources(dir: &str) -> Vec<Source> {
    rust_files(Path::new(dir))
        .iter()
        .map(|p| read(&p.to_string_lossy()))
        .collect()
}

fn read(path: &str) -> Source {
    Source {
        path: path.to_owned(),
        text: std::fs::read_to_string(path).unwrap(),
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}
