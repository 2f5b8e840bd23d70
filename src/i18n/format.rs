//! Dates, times and sizes as people read them, in the portal's calendar zone and the
//! visitor's language.

use chrono::{
    DateTime, Datelike, Utc, Weekday,
    format::{Item, StrftimeItems},
};
use chrono_tz::Tz;

use crate::i18n::Catalogue;

/// "3 Dec 2026 00:00 CET", "2026年12月3日(木) 0:00 JST": the zone's abbreviation makes the
/// instant unambiguous. The pattern comes from the catalogue (`format.instant`), so each
/// language orders it its way.
pub fn instant(at: DateTime<Utc>, zone: Tz, t: &Catalogue) -> String {
    use std::fmt::Write;
    let local = at.with_timezone(&zone);
    let mut out = String::with_capacity(24);
    // A malformed pattern in a catalogue must not break the page: fall back to ISO 8601.
    let written = match t.instant_pattern(local.weekday()) {
        Some(items) => write!(out, "{}", local.format_with_items(items.iter())),
        None => Err(std::fmt::Error),
    };
    if written.is_err() {
        out = local.format("%Y-%m-%d %H:%M %Z").to_string();
    }
    out
}

/// A deadline that cannot be misread: a window that closes at local midnight reads as the
/// end of the day before — "the end of Wednesday 9 December 2026 (23:59 UTC)",
/// "2026年12月9日(水) 23:59 UTC" (`format.end_of_day`; the sentence around it says "until",
/// "まで") — rather than "10 Dec 2026 00:00 UTC". Any other instant reads as [`instant`].
pub fn deadline(at: DateTime<Utc>, zone: Tz, t: &Catalogue) -> String {
    let local = at.with_timezone(&zone);
    if local.time() != chrono::NaiveTime::MIN {
        return instant(at, zone, t);
    }
    let last_minute = (at - chrono::Duration::minutes(1)).with_timezone(&zone);
    t.format(
        "format.end_of_day",
        &[
            ("day", &day(last_minute.date_naive(), t)),
            ("time", &last_minute.format("%H:%M %Z").to_string()),
        ],
    )
}

/// "1.4 MB", "820 KB", "12 bytes", in the catalogue's words.
pub fn size(bytes: i64, t: &Catalogue) -> String {
    const KB: f64 = 1024.0;
    let b = bytes.max(0) as f64;
    let (key, n) = if b >= KB * KB {
        ("size.mb", format!("{:.1}", b / (KB * KB)))
    } else if b >= KB {
        ("size.kb", format!("{:.0}", b / KB))
    } else {
        ("size.bytes", bytes.to_string())
    };
    t.format(key, &[("n", &n)])
}

/// "Friday 25 December 2026", "2026年12月25日(金)": a calendar day, in the catalogue's
/// pattern (`format.day`).
pub fn day(date: chrono::NaiveDate, t: &Catalogue) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let written = match t.day_pattern(date.weekday()) {
        Some(items) => write!(out, "{}", date.format_with_items(items.iter())),
        None => Err(std::fmt::Error),
    };
    if written.is_err() {
        out = date.format("%Y-%m-%d").to_string();
    }
    out
}

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

type PerWeekday = Box<[Vec<Item<'static>>; 7]>;

/// A catalogue's date patterns, parsed once for each day of the week. chrono's `%a` and
/// `%A` are English, so the catalogue's own names of the day (`format.weekday_short.mon`,
/// `weekday.mon`) take their places before parsing.
pub(crate) struct DatePatterns {
    instant: Option<PerWeekday>,
    day: Option<PerWeekday>,
}

impl DatePatterns {
    pub(crate) fn new<'a>(get: impl Fn(&str) -> Option<&'a str>) -> DatePatterns {
        let names = |prefix: &str| -> Option<[&'a str; 7]> {
            let names: Vec<&str> = WEEKDAYS
                .iter()
                .map(|(_, day)| get(&format!("{prefix}{day}")))
                .collect::<Option<_>>()?;
            names.try_into().ok()
        };
        let (short, long) = (names("format.weekday_short."), names("weekday."));
        let parse = |key: &str| -> Option<PerWeekday> {
            let (pattern, short, long) = (get(key)?, short?, long?);
            let parsed: Vec<Vec<Item<'static>>> = (0..7)
                .map(|i| parsed_pattern(&with_weekday(pattern, short[i], long[i])))
                .collect::<Option<_>>()?;
            Some(Box::new(parsed.try_into().ok()?))
        };
        DatePatterns {
            instant: parse("format.instant"),
            day: parse("format.day"),
        }
    }

    pub(crate) fn instant(&self, weekday: Weekday) -> Option<&[Item<'static>]> {
        let patterns = self.instant.as_ref()?;
        Some(&patterns[weekday.num_days_from_monday() as usize])
    }

    pub(crate) fn day(&self, weekday: Weekday) -> Option<&[Item<'static>]> {
        let patterns = self.day.as_ref()?;
        Some(&patterns[weekday.num_days_from_monday() as usize])
    }
}

/// A strftime pattern with `%a` and `%A` replaced by the given names (`%%a` stays).
fn with_weekday(pattern: &str, short: &str, long: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + long.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('a') => out.push_str(&short.replace('%', "%%")),
            Some('A') => out.push_str(&long.replace('%', "%%")),
            Some(next) => {
                out.push('%');
                out.push(next);
            }
            None => out.push('%'),
        }
    }
    out
}

/// A strftime pattern as items, or `None` when chrono cannot read it.
fn parsed_pattern(pattern: &str) -> Option<Vec<Item<'static>>> {
    let items: Vec<Item<'static>> = StrftimeItems::new(pattern).map(Item::to_owned).collect();
    (!items.iter().any(|i| matches!(i, Item::Error))).then_some(items)
}
