//! The message catalogue: its Fluent sources are well-formed, English and Japanese have the
//! same messages with the same variables, every key a template or the code asks for exists,
//! English plurals and Japanese dates read right, and Japanese falls back to English.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use portal::i18n::{Catalogue, ENGLISH_SOURCES, JAPANESE_SOURCES, Locale, format, source_messages};

/// Every message of a language's sources, by key, with the variables it uses.
fn messages(sources: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut all = BTreeMap::new();
    for (file, text) in sources {
        let parsed = source_messages(text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        for message in parsed {
            let key = message.key.clone();
            assert!(
                all.insert(message.key, message.variables).is_none(),
                "{key} is defined twice"
            );
        }
    }
    all
}

#[test]
fn catalogue_files_are_well_formed_and_keys_unique() {
    for locale in Locale::ALL {
        let problems = Catalogue::for_locale(locale).problems();
        assert!(problems.is_empty(), "{locale:?}: {problems:#?}");
    }
    messages(ENGLISH_SOURCES);
    messages(JAPANESE_SOURCES);
}

#[test]
fn english_and_japanese_have_the_same_keys_and_variables() {
    let english = messages(ENGLISH_SOURCES);
    let japanese = messages(JAPANESE_SOURCES);
    let only_english: Vec<_> = english
        .keys()
        .filter(|k| !japanese.contains_key(*k))
        .collect();
    let only_japanese: Vec<_> = japanese
        .keys()
        .filter(|k| !english.contains_key(*k))
        .collect();
    assert!(
        only_english.is_empty(),
        "missing in Japanese: {only_english:?}"
    );
    assert!(
        only_japanese.is_empty(),
        "missing in English: {only_japanese:?}"
    );
    for (key, variables) in &english {
        assert_eq!(&japanese[key], variables, "variables of {key}");
    }
    assert!(
        english.len() > 900,
        "the scan found the messages ({})",
        english.len()
    );
}

#[test]
fn english_plurals_read_right_for_zero_one_and_two() {
    let en = Catalogue::for_locale(Locale::En);
    let cases = [
        (
            "review.age",
            "n",
            ["0 business days", "1 business day", "2 business days"],
        ),
        (
            "transition.incomplete",
            "count",
            [
                "Complete the 0 missing parts of the claim before you submit it",
                "Complete the 1 missing part of the claim before you submit it",
                "Complete the 2 missing parts of the claim before you submit it",
            ],
        ),
        (
            "admin.registry.more_problems",
            "n",
            [
                "… and 0 more lines with problems.",
                "… and 1 more line with problems.",
                "… and 2 more lines with problems.",
            ],
        ),
    ];
    for (key, variable, expected) in cases {
        for (n, text) in ["0", "1", "2"].into_iter().zip(expected) {
            assert_eq!(en.format(key, &[(variable, n)]), text, "{key} with {n}");
        }
    }
    let webhook_off = |days| en.format("webhooks.mail.intro", &[("days", days)]);
    assert!(webhook_off("1").contains("has failed for 1 day, so"));
    assert!(webhook_off("5").contains("has failed for 5 days, so"));
    assert_eq!(format::size(1, en), "1 byte");
    assert_eq!(format::size(12, en), "12 bytes");
    // Japanese counts have one form.
    let ja = Catalogue::for_locale(Locale::Ja);
    assert_eq!(ja.format("review.age", &[("n", "1")]), "1 営業日");
    assert_eq!(ja.format("review.age", &[("n", "2")]), "2 営業日");
    assert_eq!(
        ja.get("webhooks.endpoint.failing_since"),
        "失敗し始めた日時"
    );
}

#[test]
fn arguments_are_filled_in_without_isolation_marks_and_numbers_keep_their_text() {
    let en = Catalogue::for_locale(Locale::En);
    let text = en.format("mail.greeting", &[("name", "Ann")]);
    assert_eq!(text, "Hello Ann,");
    // An MPN ID with leading zeros, a year and a decimal are shown as given.
    assert_eq!(
        en.format("admin.calendar.holidays_heading", &[("year", "2026")]),
        "Holidays in 2026"
    );
    assert_eq!(en.format("size.mb", &[("n", "1.0")]), "1.0 MB");
    assert_eq!(en.format("wizard.step", &[("n", "007")]), "Step 007 of 7");
}

#[test]
fn japanese_falls_back_to_english_per_message_and_never_to_the_key_when_english_has_it() {
    let japanese: &[(&str, &str)] = &[("ja/test.ftl", "greeting = こんにちは\n")];
    let english: &[(&str, &str)] = &[(
        "en/test.ftl",
        "greeting = Hello\nparts = { $n ->\n    [one] { $n } part\n   *[other] { $n } parts\n}\n",
    )];
    let catalogue = Catalogue::build(Locale::Ja, &[(Locale::Ja, japanese), (Locale::En, english)]);
    assert!(
        catalogue.problems().is_empty(),
        "{:?}",
        catalogue.problems()
    );
    assert_eq!(catalogue.get("greeting"), "こんにちは");
    assert_eq!(catalogue.get("parts"), "{$n} parts");
    // The English message keeps English plural rules.
    assert_eq!(catalogue.format("parts", &[("n", "1")]), "1 part");
    assert!(catalogue.contains("parts"));
    assert_eq!(catalogue.get("nowhere.at_all"), "nowhere.at_all");
    // The shipped Japanese catalogue is built the same way over the English sources.
    assert_eq!(
        Catalogue::for_locale(Locale::Ja).keys().count(),
        Catalogue::for_locale(Locale::En).keys().count()
    );
}

#[test]
fn dates_read_the_japanese_way_in_japanese_and_unchanged_in_english() {
    let at = Utc.with_ymd_and_hms(2026, 12, 9, 15, 0, 0).unwrap();
    let (en, ja) = (
        Catalogue::for_locale(Locale::En),
        Catalogue::for_locale(Locale::Ja),
    );
    assert_eq!(
        format::instant(at, Tz::Asia__Tokyo, ja),
        "2026年12月10日(木) 0:00 JST"
    );
    assert_eq!(
        format::instant(at, Tz::Asia__Tokyo, en),
        "10 Dec 2026 00:00 JST"
    );
    assert_eq!(format::instant(at, Tz::UTC, en), "9 Dec 2026 15:00 UTC");
    let day = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    assert_eq!(format::day(day, ja), "2026年12月25日(金)");
    assert_eq!(format::day(day, en), "Friday 25 December 2026");
    // Every day of the week has its own name.
    let week: BTreeSet<String> = (6..13)
        .map(|d| format::day(NaiveDate::from_ymd_opt(2026, 12, d).unwrap(), ja))
        .collect();
    assert_eq!(week.len(), 7);
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
        "language.",
        "account.",
        "customer_language.",
        "customer.",
        "wizard_flow.",
        "api_tokens.",
        "api_writes.",
        "api.",
        "bulk_claims.",
        "webhooks.",
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
