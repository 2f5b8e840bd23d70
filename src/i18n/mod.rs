//! The message catalogue: every user-visible text, per locale, looked up by key.
//!
//! Files are `key = text` lines (`#` starts a comment) with `{name}` placeholders, compiled
//! into the binary. Templates ask for keys, so adding a locale needs no template change.

pub mod format;

use std::{collections::HashMap, sync::LazyLock};

use chrono::format::{Item, StrftimeItems};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
}

impl Locale {
    /// The language tag for `<html lang>` and emails.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
        }
    }

    /// The locale for a stored language tag; English for anything not supported (and,
    /// for now, for everything).
    pub fn from_tag(_tag: &str) -> Locale {
        Locale::En
    }

    /// Picks the best supported locale for an `Accept-Language` header (English for now).
    pub fn negotiate(_accept_language: Option<&str>) -> Locale {
        Locale::En
    }
}

pub struct Catalogue {
    locale: Locale,
    messages: HashMap<&'static str, &'static str>,
    /// `format.instant`, parsed once: every list row shows instants, and parsing the
    /// pattern cost more than formatting with it.
    instant_pattern: Option<Vec<Item<'static>>>,
}

/// The English source files, in the order they are read; later files may not redefine keys.
pub const ENGLISH_SOURCES: [(&str, &str); 5] = [
    ("en/common.messages", include_str!("en/common.messages")),
    ("en/domain.messages", include_str!("en/domain.messages")),
    ("en/mail.messages", include_str!("en/mail.messages")),
    ("en/review.messages", include_str!("en/review.messages")),
    ("en/admin.messages", include_str!("en/admin.messages")),
];

static ENGLISH: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::parse(Locale::En, &ENGLISH_SOURCES));

impl Catalogue {
    pub fn for_locale(locale: Locale) -> &'static Catalogue {
        match locale {
            Locale::En => &ENGLISH,
        }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// Parses catalogue sources; malformed lines are reported by [`check_sources`] in tests.
    pub fn parse(locale: Locale, sources: &[(&str, &'static str)]) -> Catalogue {
        let messages = sources
            .iter()
            .flat_map(|(_, text)| entries(text))
            .filter_map(Result::ok)
            .collect::<HashMap<_, _>>();
        let instant_pattern = messages
            .get("format.instant")
            .and_then(|p| parsed_pattern(p));
        Catalogue {
            locale,
            messages,
            instant_pattern,
        }
    }

    /// The parsed `format.instant` pattern; `None` when it is missing or malformed.
    pub fn instant_pattern(&self) -> Option<&[Item<'static>]> {
        self.instant_pattern.as_deref()
    }

    /// The text for `key`; a missing key shows as itself (and a test keeps that from shipping).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        match self.messages.get(key) {
            Some(text) => text,
            None => {
                tracing::warn!(key, "message missing from catalogue");
                key
            }
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.messages.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.messages.keys().copied()
    }

    /// The text of a domain message (an error or a label), arguments filled in.
    pub fn message(&self, message: &impl crate::domain::errors::Message) -> String {
        let args = message.args();
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.format(message.key(), &args)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

/// A strftime pattern as items, or `None` when chrono cannot read it.
fn parsed_pattern(pattern: &'static str) -> Option<Vec<Item<'static>>> {
    let items: Vec<Item<'static>> = StrftimeItems::new(pattern).collect();
    (!items.iter().any(|i| matches!(i, Item::Error))).then_some(items)
}

/// Every `key = text` entry of a source, or the line number of a line that is neither an
/// entry, a comment nor blank.
pub fn entries(
    text: &'static str,
) -> impl Iterator<Item = Result<(&'static str, &'static str), usize>> {
    text.lines().enumerate().filter_map(|(n, line)| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        Some(match line.split_once(" = ") {
            Some((key, value)) if !key.trim().is_empty() && !value.trim().is_empty() => {
                Ok((key.trim(), value.trim()))
            }
            _ => Err(n + 1),
        })
    })
}
