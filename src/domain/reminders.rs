//! When the customer is reminded of an open opt-out window: `days` business days before it
//! closes, at the start of the first of the last `days` business days of the window (a window
//! that closes at the end of Wednesday, with 2 days, reminds at the start of Tuesday).

use chrono::{DateTime, Utc};

use super::calendar::BusinessCalendar;

/// Days searched backwards for business days before giving up (holidays and weekends).
const MAX_SEARCH_DAYS: u32 = 366;

/// The instant the reminder for a window closing at `closes_at` is due; `None` when
/// reminders are off (`days == 0`) or the calendar cannot say.
pub fn reminder_due(
    calendar: &BusinessCalendar,
    closes_at: DateTime<Utc>,
    days: u32,
) -> Option<DateTime<Utc>> {
    if days == 0 {
        return None;
    }
    // The window's last day is the local day before the one it closes at (it closes at
    // midnight); a window closing during a day keeps that day as its last.
    let mut date = calendar.local_date(closes_at).ok()?;
    if calendar.start_of_day(date).ok()? == closes_at {
        date = date.pred_opt()?;
    }
    let mut counted = 0;
    for _ in 0..MAX_SEARCH_DAYS {
        if calendar.is_business_day(date) {
            counted += 1;
            if counted == days {
                return calendar.start_of_day(date).ok();
            }
        }
        date = date.pred_opt()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc_calendar() -> BusinessCalendar {
        BusinessCalendar::with_saturday_sunday_weekend(chrono_tz::UTC, [])
    }

    #[test]
    fn two_business_days_before_a_thursday_midnight_close_is_tuesday() {
        let closes = Utc.with_ymd_and_hms(2026, 12, 10, 0, 0, 0).unwrap();
        assert_eq!(
            reminder_due(&utc_calendar(), closes, 2),
            Some(Utc.with_ymd_and_hms(2026, 12, 8, 0, 0, 0).unwrap())
        );
    }

    #[test]
    fn the_weekend_is_skipped_and_zero_is_off() {
        // Closes at the end of Monday 7 Dec: Monday and the Friday before.
        let closes = Utc.with_ymd_and_hms(2026, 12, 8, 0, 0, 0).unwrap();
        assert_eq!(
            reminder_due(&utc_calendar(), closes, 2),
            Some(Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap())
        );
        assert_eq!(reminder_due(&utc_calendar(), closes, 0), None);
    }
}
