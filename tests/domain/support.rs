//! Shared fixtures.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use portal::domain::calendar::BusinessCalendar;
use portal::domain::values::Comment;

pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid test instant")
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A local wall-clock time in `tz`, as UTC (test inputs are never in a gap or overlap).
pub fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("unambiguous local time")
        .with_timezone(&Utc)
}

pub fn berlin() -> BusinessCalendar {
    BusinessCalendar::with_saturday_sunday_weekend(chrono_tz::Europe::Berlin, [])
}

pub fn comment(text: &str) -> Comment {
    Comment::parse(text).expect("valid comment")
}
