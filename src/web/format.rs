//! Dates and times as people read them, in the portal's calendar zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// "3 Dec 2026 00:00 CET": the zone's abbreviation makes the instant unambiguous.
pub fn instant(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone)
        .format("%-d %b %Y %H:%M %Z")
        .to_string()
}
