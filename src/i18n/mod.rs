//! The message catalogue: every user-visible text, per locale, looked up by key.
//!
//! Files are `key = text` lines (`#` starts a comment) with `{name}` placeholders, compiled
//! into the binary. Templates ask for keys, so adding a locale needs no template change.

pub mod format;

use std::{collections::HashMap, sync::LazyLock};

use chrono::format::{Item, StrftimeItems};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Ja,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ja];

    /// The language tag for `<html lang>`, emails and what is stored.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ja => "ja",
        }
    }

    /// The language's name in itself, as a language switch offers it.
    pub fn own_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ja => "日本語",
        }
    }

    /// The supported locale of a language tag (`ja`, `ja-JP`, `EN-gb`), by its primary
    /// language subtag.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Locale::ALL
            .into_iter()
            .find(|locale| primary.eq_ignore_ascii_case(locale.tag()))
    }

    /// The locale for a stored language tag; English for anything not supported.
    pub fn from_tag(tag: &str) -> Locale {
        Locale::parse(tag).unwrap_or(Locale::En)
    }

    /// The supported locale an `Accept-Language` header prefers most (RFC 9110: the highest
    /// `q`, the first listed on a tie, `q=0` never); English when none is supported.
    pub fn negotiate(accept_language: Option<&str>) -> Locale {
        let mut best: Option<(u16, Locale)> = None;
        for range in accept_language.unwrap_or("").split(',').take(32) {
            let mut parts = range.split(';');
            let Some(locale) = parts.next().and_then(Locale::parse) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").map(quality))
                .unwrap_or(Some(1000));
            if let Some(weight) = weight.filter(|w| *w > 0)
                && best.is_none_or(|(top, _)| weight > top)
            {
                best = Some((weight, locale));
            }
        }
        best.map_or(Locale::En, |(_, locale)| locale)
    }
}

/// A quality value (`0.8`) in thousandths; `None` when it is not one.
fn quality(raw: &str) -> Option<u16> {
    let value: f32 = raw.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

pub struct Catalogue {
    locale: Locale,
    messages: HashMap<&'static str, &'static str>,
    /// `format.instant`, parsed once: every list row shows instants, and parsing the
    /// pattern cost more than formatting with it.
    instant_pattern: Option<Vec<Item<'static>>>,
}

/// The English source files, in the order they are read; later files may not redefine keys.
pub const ENGLISH_SOURCES: [(&str, &str); 7] = [
    ("en/common.messages", include_str!("en/common.messages")),
    ("en/domain.messages", include_str!("en/domain.messages")),
    ("en/mail.messages", include_str!("en/mail.messages")),
    ("en/review.messages", include_str!("en/review.messages")),
    ("en/admin.messages", include_str!("en/admin.messages")),
    ("en/language.messages", include_str!("en/language.messages")),
    (
        "en/customer_language.messages",
        include_str!("en/customer_language.messages"),
    ),
];

/// The Japanese source files, key for key the English ones.
pub const JAPANESE_SOURCES: [(&str, &str); 7] = [
    ("ja/common.messages", include_str!("ja/common.messages")),
    ("ja/domain.messages", include_str!("ja/domain.messages")),
    ("ja/mail.messages", include_str!("ja/mail.messages")),
    ("ja/review.messages", include_str!("ja/review.messages")),
    ("ja/admin.messages", include_str!("ja/admin.messages")),
    ("ja/language.messages", include_str!("ja/language.messages")),
    (
        "ja/customer_language.messages",
        include_str!("ja/customer_language.messages"),
    ),
];

static ENGLISH: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::parse(Locale::En, &ENGLISH_SOURCES));

/// Japanese over English: a message missing in Japanese is shown in English, never as its key.
static JAPANESE: LazyLock<Catalogue> = LazyLock::new(|| {
    let sources: Vec<(&str, &'static str)> = ENGLISH_SOURCES
        .into_iter()
        .chain(JAPANESE_SOURCES)
        .collect();
    Catalogue::parse(Locale::Ja, &sources)
});

impl Catalogue {
    pub fn for_locale(locale: Locale) -> &'static Catalogue {
        match locale {
            Locale::En => &ENGLISH,
            Locale::Ja => &JAPANESE,
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
