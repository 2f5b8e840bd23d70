//! One locale's messages: Fluent bundles (the locale's, then its fallbacks) and every
//! message resolved once without arguments, so that `get` is one hash lookup.

use std::collections::HashMap;

use chrono::{Weekday, format::Item};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use unic_langid::LanguageIdentifier;

use super::{
    Locale,
    format::DatePatterns,
    sources::{line_of, message_of},
};

type Bundle = FluentBundle<FluentResource>;

struct Entry {
    /// The message resolved without arguments: what `get` returns.
    text: Box<str>,
    /// The Fluent id, and the bundle (layer) that defines the message.
    id: Box<str>,
    layer: usize,
    /// Whether the text uses variables; without, `format` is `get`.
    has_variables: bool,
}

pub struct Catalogue {
    locale: Locale,
    bundles: Vec<Bundle>,
    entries: HashMap<Box<str>, Entry>,
    /// `format.instant` and `format.day`, parsed once per weekday: every list row shows
    /// instants, and parsing the pattern cost more than formatting with it.
    dates: DatePatterns,
    problems: Vec<String>,
}

impl Catalogue {
    /// A catalogue from layers of Fluent sources, the first layer preferred per message
    /// (`[(Ja, japanese), (En, english)]`: Japanese, and English where Japanese lacks a
    /// message). Each layer's plural rules are its own language's. Malformed sources are
    /// logged and listed by [`Catalogue::problems`] (a test keeps them from shipping).
    pub fn build(locale: Locale, layers: &[(Locale, &[(&str, &str)])]) -> Catalogue {
        let mut problems = Vec::new();
        let mut bundles = Vec::with_capacity(layers.len());
        let mut entries = HashMap::new();
        for (layer, (language, sources)) in layers.iter().enumerate().rev() {
            let (bundle, ids) = bundle(*language, sources, &mut problems);
            for (id, has_variables) in ids {
                let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                    problems.push(format!("{id} has no text"));
                    continue;
                };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                if !has_variables && !errors.is_empty() {
                    problems.push(format!("{id}: {errors:?}"));
                }
                let entry = Entry {
                    text: text.into(),
                    id: id.as_str().into(),
                    layer,
                    has_variables,
                };
                entries.insert(super::sources::key_of(&id).into_boxed_str(), entry);
            }
            bundles.push(bundle);
        }
        bundles.reverse();
        let dates = DatePatterns::new(|key| entries.get(key).map(|e: &Entry| &*e.text));
        for problem in &problems {
            tracing::error!(locale = locale.tag(), problem, "message catalogue");
        }
        Catalogue {
            locale,
            bundles,
            entries,
            dates,
            problems,
        }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// What is wrong with the sources: syntax errors, ids defined twice, messages that
    /// cannot be resolved. Empty for a shipped catalogue.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// `format.instant`, parsed, for a day of the week (whose name it may show); `None`
    /// when it is missing or malformed.
    pub fn instant_pattern(&self, weekday: Weekday) -> Option<&[Item<'static>]> {
        self.dates.instant(weekday)
    }

    /// `format.day`, parsed, for a day of the week.
    pub fn day_pattern(&self, weekday: Weekday) -> Option<&[Item<'static>]> {
        self.dates.day(weekday)
    }

    /// The text for `key`; a missing key shows as itself (and a test keeps that from shipping).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        match self.entries.get(key) {
            Some(entry) => &entry.text,
            None => {
                tracing::warn!(key, "message missing from catalogue");
                key
            }
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key, dotted.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.keys().map(|k| &**k)
    }

    /// The text of a domain message (an error or a label), arguments filled in.
    pub fn message(&self, message: &impl crate::domain::errors::Message) -> String {
        let args = message.args();
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.format(message.key(), &args)
    }

    /// The text for `key` with its variables filled in. An argument that reads as a whole
    /// number is a Fluent number, so that plural forms choose by it.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let Some(entry) = self.entries.get(key) else {
            return self.get(key).to_owned();
        };
        let bundle = &self.bundles[entry.layer];
        let pattern = bundle.get_message(&entry.id).and_then(|m| m.value());
        let Some(pattern) = pattern.filter(|_| entry.has_variables) else {
            return entry.text.to_string();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, argument(value));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, ?errors, "message formatted with missing arguments");
        }
        text.into_owned()
    }
}

/// A whole number (`0`, `12`, `-3`; not `007`, `1.5` or one past 2^53) as a Fluent number,
/// anything else as text.
fn argument(value: &str) -> FluentValue<'_> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let whole = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    match value.parse::<i64>() {
        Ok(n) if whole => FluentValue::from(n),
        _ => FluentValue::from(value),
    }
}

/// A bundle of one language's sources, and the ids it defines (with whether each uses
/// variables).
fn bundle(
    language: Locale,
    sources: &[(&str, &str)],
    problems: &mut Vec<String>,
) -> (Bundle, Vec<(String, bool)>) {
    let tag: LanguageIdentifier = language.tag().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![tag]);
    // No Unicode isolation marks around arguments: they would land in HTML and emails.
    bundle.set_use_isolating(false);
    let mut ids = Vec::new();
    for (file, text) in sources {
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for e in errors {
                    problems.push(format!("{file}:{}: {e}", line_of(text, e.pos.start)));
                }
                resource
            }
        };
        ids.extend(
            resource
                .entries()
                .filter_map(message_of)
                .map(|m| (super::sources::fluent_id(&m.key), !m.variables.is_empty())),
        );
        if let Err(errors) = bundle.add_resource(resource) {
            problems.extend(errors.iter().map(|e| format!("{file}: {e}")));
        }
    }
    (bundle, ids)
}
