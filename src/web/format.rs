//! Dates and times as people read them, in the portal's calendar zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::i18n::Catalogue;

/// "3 Dec 2026 00:00 CET": the zone's abbreviation makes the instant unambiguous.
pub fn instant(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone)
        .format("%-d %b %Y %H:%M %Z")
        .to_string()
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
