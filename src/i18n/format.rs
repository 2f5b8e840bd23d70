//! Dates, times and sizes as people read them, in the portal's calendar zone and the
//! visitor's language.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::i18n::Catalogue;

/// "3 Dec 2026 00:00 CET": the zone's abbreviation makes the instant unambiguous. The
/// pattern comes from the catalogue (`format.instant`), so each language orders it its way.
pub fn instant(at: DateTime<Utc>, zone: Tz, t: &Catalogue) -> String {
    use std::fmt::Write;
    let local = at.with_timezone(&zone);
    let mut out = String::with_capacity(24);
    // A malformed pattern in a catalogue must not break the page: fall back to ISO 8601.
    let written = match t.instant_pattern() {
        Some(items) => write!(out, "{}", local.format_with_items(items.iter())),
        None => Err(std::fmt::Error),
    };
    if written.is_err() {
        out = local.format("%Y-%m-%d %H:%M %Z").to_string();
    }
    out
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

/// "Friday 25 December 2026": a calendar day, in the catalogue's pattern (`format.day`).
pub fn day(date: chrono::NaiveDate, t: &Catalogue) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if write!(out, "{}", date.format(t.get("format.day"))).is_err() {
        out = date.format("%Y-%m-%d").to_string();
    }
    out
}
