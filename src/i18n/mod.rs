//! The message catalogue: every user-visible text, per locale, looked up by key.
//!
//! Messages are Project Fluent files (`<lang>/*.ftl`: `id = text`, `{ $name }` variables,
//! select expressions for plurals) compiled into the binary. Code and templates ask for
//! dotted keys (`claim.status`), which name the Fluent id with dashes (`claim-status`),
//! since Fluent ids cannot hold dots. Templates ask for keys, so adding a locale needs no
//! template change.

mod catalogue;
pub mod format;
mod sources;

use std::sync::LazyLock;

pub use catalogue::Catalogue;
pub use sources::{SourceMessage, fluent_id, source_messages};

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

/// The English source files; later files may not redefine an id.
pub const ENGLISH_SOURCES: &[(&str, &str)] = &[
    ("en/common.ftl", include_str!("en/common.ftl")),
    ("en/domain.ftl", include_str!("en/domain.ftl")),
    ("en/mail.ftl", include_str!("en/mail.ftl")),
    ("en/review.ftl", include_str!("en/review.ftl")),
    ("en/admin.ftl", include_str!("en/admin.ftl")),
    ("en/language.ftl", include_str!("en/language.ftl")),
    (
        "en/customer_language.ftl",
        include_str!("en/customer_language.ftl"),
    ),
    ("en/claim_page.ftl", include_str!("en/claim_page.ftl")),
    ("en/reviewer.ftl", include_str!("en/reviewer.ftl")),
    ("en/perf.ftl", include_str!("en/perf.ftl")),
    ("en/customer.ftl", include_str!("en/customer.ftl")),
    ("en/wizard_flow.ftl", include_str!("en/wizard_flow.ftl")),
    ("en/api_tokens.ftl", include_str!("en/api_tokens.ftl")),
    ("en/bulk_claims.ftl", include_str!("en/bulk_claims.ftl")),
    ("en/api.ftl", include_str!("en/api.ftl")),
    ("en/webhooks.ftl", include_str!("en/webhooks.ftl")),
    ("en/api_writes.ftl", include_str!("en/api_writes.ftl")),
];

/// The Japanese source files, message for message the English ones.
pub const JAPANESE_SOURCES: &[(&str, &str)] = &[
    ("ja/common.ftl", include_str!("ja/common.ftl")),
    ("ja/domain.ftl", include_str!("ja/domain.ftl")),
    ("ja/mail.ftl", include_str!("ja/mail.ftl")),
    ("ja/review.ftl", include_str!("ja/review.ftl")),
    ("ja/admin.ftl", include_str!("ja/admin.ftl")),
    ("ja/language.ftl", include_str!("ja/language.ftl")),
    (
        "ja/customer_language.ftl",
        include_str!("ja/customer_language.ftl"),
    ),
    ("ja/claim_page.ftl", include_str!("ja/claim_page.ftl")),
    ("ja/reviewer.ftl", include_str!("ja/reviewer.ftl")),
    ("ja/perf.ftl", include_str!("ja/perf.ftl")),
    ("ja/customer.ftl", include_str!("ja/customer.ftl")),
    ("ja/wizard_flow.ftl", include_str!("ja/wizard_flow.ftl")),
    ("ja/api_tokens.ftl", include_str!("ja/api_tokens.ftl")),
    ("ja/bulk_claims.ftl", include_str!("ja/bulk_claims.ftl")),
    ("ja/api.ftl", include_str!("ja/api.ftl")),
    ("ja/webhooks.ftl", include_str!("ja/webhooks.ftl")),
    ("ja/api_writes.ftl", include_str!("ja/api_writes.ftl")),
];

static ENGLISH: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::build(Locale::En, &[(Locale::En, ENGLISH_SOURCES)]));

/// Japanese over English: a message missing in Japanese is shown in English, never as its key.
static JAPANESE: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::build(
        Locale::Ja,
        &[
            (Locale::Ja, JAPANESE_SOURCES),
            (Locale::En, ENGLISH_SOURCES),
        ],
    )
});

impl Catalogue {
    pub fn for_locale(locale: Locale) -> &'static Catalogue {
        match locale {
            Locale::En => &ENGLISH,
            Locale::Ja => &JAPANESE,
        }
    }
}
