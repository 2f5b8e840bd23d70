//! Keeps the layers honest: `src/domain` is pure rules, with no I/O and no outer layer.

use std::path::{Path, PathBuf};

const FORBIDDEN: [&str; 14] = [
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
const FORBIDDEN_CALLS: [&str; 4] = ["Utc::now", "Local::now", "SystemTime::now", "getrandom"];

#[test]
fn the_domain_imports_no_io_and_no_outer_layer() {
    let files = rust_files(Path::new("src/domain"));
    assert!(!files.is_empty(), "src/domain exists");
    let mut violations = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let imports = code.trim_start().starts_with("use ") || code.contains("::");
            for name in FORBIDDEN {
                let crate_path = format!("{name}::");
                let used = code.trim_start().starts_with(&format!("use {name}"))
                    || (imports
                        && code.contains(&crate_path)
                        && !code.contains(&format!("_{crate_path}")))
                    || code.contains(&format!("extern crate {name}"));
                if used {
                    violations.push(format!(
                        "{}:{}: `{name}`: {}",
                        file.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
            for call in FORBIDDEN_CALLS {
                if code.contains(call) {
                    violations.push(format!(
                        "{}:{}: `{call}`: {}",
                        file.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "the domain must stay pure:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_checker_catches_a_violation() {
    // The scan above would be worthless if it could not fail: feed it a bad line.
    let bad = "use diesel::prelude::*;";
    assert!(
        FORBIDDEN
            .iter()
            .any(|name| bad.trim_start().starts_with(&format!("use {name}")))
    );
    assert!(
        FORBIDDEN_CALLS
            .iter()
            .any(|c| "let now = Utc::now();".contains(c))
    );
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
