//! Every text a template asks for exists in the English catalogue, and the catalogue is
//! well-formed (no duplicate keys, no malformed lines).

use std::collections::HashSet;

use portal::i18n::{Catalogue, ENGLISH_SOURCES, Locale, entries};

#[test]
fn catalogue_files_are_well_formed_and_keys_unique() {
    let mut seen = HashSet::new();
    for (file, text) in ENGLISH_SOURCES {
        for entry in entries(text) {
            let (key, _) = entry.unwrap_or_else(|line| panic!("{file}:{line} is not `key = text`"));
            assert!(seen.insert(key), "{key} is defined twice");
        }
    }
}

#[test]
fn every_key_a_template_uses_exists() {
    assert_keys_exist("templates", 20);
}

#[test]
fn every_key_the_code_uses_exists() {
    assert_keys_exist("src/web", 10);
    assert_keys_exist("src/service", 5);
    assert_keys_exist("src/mail", 5);
}

fn assert_keys_exist(dir: &str, at_least: usize) {
    let catalogue = Catalogue::for_locale(Locale::En);
    let mut checked = 0;
    for path in files_under(std::path::Path::new(dir)) {
        let text = std::fs::read_to_string(&path).unwrap();
        for key in quoted_keys(&text) {
            assert!(
                catalogue.contains(&key),
                "{} uses `{key}`, missing from the catalogue",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(
        checked >= at_least,
        "the scan of {dir} found its keys ({checked})"
    );
}

/// String literals that look like catalogue keys: `area.thing` in lower case with dots.
fn quoted_keys(text: &str) -> Vec<String> {
    let prefixes = [
        "layout.",
        "nav.",
        "form.",
        "sign_in.",
        "associations.",
        "review.",
        "admin.",
        "error.",
        "flash.",
        "role.",
        "app.",
        "wizard.",
        "help.",
        "claim.",
        "history.",
        "products.",
        "contacts.",
        "files.",
        "size.",
        "template.",
        "submit.",
        "withdraw.",
        "format.",
        "mail.",
        "dispute.",
        "messages.",
        "usage.",
        "opt_out.",
        "mailbox.",
        "deliveries.",
        "accounts.",
        "set_password.",
    ];
    // Every run between two consecutive quotes: a key literal is always one of them.
    let parts: Vec<&str> = text.split('"').collect();
    parts
        .get(1..parts.len().saturating_sub(1))
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|s| prefixes.iter().any(|p| s.starts_with(p)))
        .filter(|s| {
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_' || c.is_ascii_digit())
        })
        .filter(|s| !s.ends_with('.') && !s.ends_with(".html"))
        .map(str::to_owned)
        .collect()
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}
