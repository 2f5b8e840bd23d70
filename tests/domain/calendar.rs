//! Named examples of the closing rule, each worked out by hand.

use crate::support::{date, local, utc};
use chrono::{Offset, Weekday};
use chrono_tz::Tz;
use chrono_tz::{America, Asia, Europe};
use portal::domain::calendar::{BusinessCalendar, CalendarError, MAX_SEARCH_DAYS};

fn weekdays_only(tz: Tz, holidays: &[(i32, u32, u32)]) -> BusinessCalendar {
    BusinessCalendar::with_saturday_sunday_weekend(
        tz,
        holidays.iter().map(|&(y, m, d)| date(y, m, d)),
    )
}

/// Closes after 5 business days, checked as a UTC instant and as local time with offset.
fn assert_closes(
    cal: &BusinessCalendar,
    start: chrono::DateTime<chrono::Utc>,
    utc_close: &str,
    local_close: &str,
) {
    let closes = cal.add_business_days(start, 5).unwrap();
    assert_eq!(
        closes.to_rfc3339(),
        utc_close,
        "UTC closing of window opened {start}"
    );
    let shown = closes.with_timezone(&cal.time_zone());
    assert_eq!(
        shown.to_rfc3339(),
        local_close,
        "local closing of window opened {start}"
    );
}

#[test]
fn friday_afternoon_in_berlin_closes_at_the_end_of_next_friday() {
    // Fri 14 Mar 2025 15:00 CET. Counting from Sat 15: Mon 17 (1), Tue 18 (2), Wed 19 (3),
    // Thu 20 (4), Fri 21 (5). Closes at 00:00 on Sat 22 Mar CET (+01:00) = 23:00 UTC on 21.
    let cal = weekdays_only(Europe::Berlin, &[]);
    let start = local(Europe::Berlin, 2025, 3, 14, 15, 0);
    assert_closes(
        &cal,
        start,
        "2025-03-21T23:00:00+00:00",
        "2025-03-22T00:00:00+01:00",
    );
    let shown = cal
        .describe_closing(cal.add_business_days(start, 5).unwrap())
        .unwrap();
    assert_eq!(shown.last_day, date(2025, 3, 21));
    assert_eq!(shown.time_zone, "Europe/Berlin");
    assert_eq!(cal.closing_day(start, 5), Ok(date(2025, 3, 21)));
}

#[test]
fn the_start_day_is_the_local_day_not_the_utc_day() {
    // 23:30 UTC on Thu 13 Mar is 00:30 on Fri 14 Mar in Berlin: the start day is Friday, so
    // the window is the same as the previous example's.
    let cal = weekdays_only(Europe::Berlin, &[]);
    assert_closes(
        &cal,
        utc(2025, 3, 13, 23, 30),
        "2025-03-21T23:00:00+00:00",
        "2025-03-22T00:00:00+01:00",
    );
}

#[test]
fn a_start_on_a_weekend_or_holiday_counts_from_the_next_day() {
    // Sun 16 Mar 2025: Mon 17 … Fri 21 count, as from the Friday before.
    let cal = weekdays_only(Europe::Berlin, &[]);
    assert_closes(
        &cal,
        local(Europe::Berlin, 2025, 3, 16, 12, 0),
        "2025-03-21T23:00:00+00:00",
        "2025-03-22T00:00:00+01:00",
    );
    // Validated on Christmas Day, Thu 25 Dec 2025 (holiday; the start never counts anyway).
    // Fri 26 holiday, Sat/Sun, Mon 29 (1), Tue 30 (2), Wed 31 (3), Thu 1 Jan holiday,
    // Fri 2 (4), Sat/Sun, Mon 5 (5). Closes at 00:00 on Tue 6 Jan 2026 CET.
    let cal = weekdays_only(
        Europe::Berlin,
        &[(2025, 12, 25), (2025, 12, 26), (2026, 1, 1)],
    );
    assert_closes(
        &cal,
        local(Europe::Berlin, 2025, 12, 25, 10, 0),
        "2026-01-05T23:00:00+00:00",
        "2026-01-06T00:00:00+01:00",
    );
}

#[test]
fn across_the_start_of_summer_time_in_berlin() {
    // Clocks go forward on Sun 30 Mar 2025. Tue 25 Mar 10:00 CET: Wed 26 (1), Thu 27 (2),
    // Fri 28 (3), Mon 31 (4), Tue 1 Apr (5). Closes at 00:00 on Wed 2 Apr CEST (+02:00).
    let cal = weekdays_only(Europe::Berlin, &[]);
    assert_closes(
        &cal,
        local(Europe::Berlin, 2025, 3, 25, 10, 0),
        "2025-04-01T22:00:00+00:00",
        "2025-04-02T00:00:00+02:00",
    );
}

#[test]
fn across_the_end_of_summer_time_in_berlin() {
    // Clocks go back on Sun 26 Oct 2025. Thu 23 Oct 12:00 CEST: Fri 24 (1), Mon 27 (2),
    // Tue 28 (3), Wed 29 (4), Thu 30 (5). Closes at 00:00 on Fri 31 Oct CET (+01:00).
    let cal = weekdays_only(Europe::Berlin, &[]);
    assert_closes(
        &cal,
        local(Europe::Berlin, 2025, 10, 23, 12, 0),
        "2025-10-30T23:00:00+00:00",
        "2025-10-31T00:00:00+01:00",
    );
}

#[test]
fn across_both_summer_time_changes_in_new_york() {
    // Forward on Sun 9 Mar 2025. Wed 5 Mar 16:00 EST: Thu 6 (1), Fri 7 (2), Mon 10 (3),
    // Tue 11 (4), Wed 12 (5). Closes at 00:00 on Thu 13 Mar EDT (-04:00) = 04:00 UTC.
    let cal = weekdays_only(America::New_York, &[]);
    assert_closes(
        &cal,
        local(America::New_York, 2025, 3, 5, 16, 0),
        "2025-03-13T04:00:00+00:00",
        "2025-03-13T00:00:00-04:00",
    );
    // Back on Sun 2 Nov 2025. Fri 31 Oct 09:00 EDT: Mon 3 (1) … Fri 7 (5). Closes at 00:00
    // on Sat 8 Nov EST (-05:00) = 05:00 UTC.
    assert_closes(
        &cal,
        local(America::New_York, 2025, 10, 31, 9, 0),
        "2025-11-08T05:00:00+00:00",
        "2025-11-08T00:00:00-05:00",
    );
}

#[test]
fn across_new_year_in_tokyo_with_japanese_holidays() {
    // Bank holidays 1–3 Jan, Coming of Age Day Mon 11 Jan 2027. Tokyo is UTC+9 all year.
    let cal = weekdays_only(
        Asia::Tokyo,
        &[
            (2026, 1, 1),
            (2026, 1, 2),
            (2026, 1, 3),
            (2027, 1, 1),
            (2027, 1, 2),
            (2027, 1, 3),
            (2027, 1, 11),
        ],
    );
    // Mon 28 Dec 2026 10:00: Tue 29 (1), Wed 30 (2), Thu 31 (3), Fri 1 Jan holiday, Sat 2,
    // Sun 3, Mon 4 (4), Tue 5 (5). Closes at 00:00 on Wed 6 Jan 2027 JST = 15:00 UTC on 5 Jan.
    assert_closes(
        &cal,
        local(Asia::Tokyo, 2026, 12, 28, 10, 0),
        "2027-01-05T15:00:00+00:00",
        "2027-01-06T00:00:00+09:00",
    );
    // 23:30 UTC on 31 Dec 2026 is 08:30 on New Year's Day in Tokyo (start day, not counted):
    // Mon 4 (1), Tue 5 (2), Wed 6 (3), Thu 7 (4), Fri 8 (5). Closes 00:00 Sat 9 Jan JST.
    assert_closes(
        &cal,
        utc(2026, 12, 31, 23, 30),
        "2027-01-08T15:00:00+00:00",
        "2027-01-09T00:00:00+09:00",
    );
    // Wed 6 Jan 2027 09:00: Thu 7 (1), Fri 8 (2), Mon 11 Coming of Age Day, Tue 12 (3),
    // Wed 13 (4), Thu 14 (5). Closes 00:00 Fri 15 Jan JST.
    assert_closes(
        &cal,
        local(Asia::Tokyo, 2027, 1, 6, 9, 0),
        "2027-01-14T15:00:00+00:00",
        "2027-01-15T00:00:00+09:00",
    );
}

#[test]
fn midnight_skipped_or_repeated_by_the_clocks() {
    // Havana springs forward at midnight on Sun 9 Mar 2025 (00:00 CST → 01:00 CDT): the
    // Saturday ends at the first instant that exists, 01:00 CDT (-04:00) = 05:00 UTC.
    let sunday_off = BusinessCalendar::new(America::Havana, [Weekday::Sun], []).unwrap();
    let closes = sunday_off
        .add_business_days(local(America::Havana, 2025, 3, 7, 12, 0), 1)
        .unwrap();
    assert_eq!(closes.to_rfc3339(), "2025-03-09T05:00:00+00:00");
    assert_eq!(
        closes.with_timezone(&America::Havana).to_rfc3339(),
        "2025-03-09T01:00:00-04:00"
    );
    assert_eq!(
        sunday_off.describe_closing(closes).unwrap().last_day,
        date(2025, 3, 8)
    );
    // Havana falls back at 01:00 on Sun 2 Nov 2025, so midnight happens twice: the earlier,
    // 00:00 CDT (-04:00) = 04:00 UTC.
    let closes = sunday_off
        .add_business_days(local(America::Havana, 2025, 10, 31, 12, 0), 1)
        .unwrap();
    assert_eq!(closes.to_rfc3339(), "2025-11-02T04:00:00+00:00");
    assert_eq!(
        closes
            .with_timezone(&America::Havana)
            .offset()
            .fix()
            .local_minus_utc(),
        -4 * 3600
    );
}

#[test]
fn impossible_calendars_are_errors_not_endless_loops() {
    let all_week = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    assert_eq!(
        BusinessCalendar::new(Europe::Berlin, all_week, []),
        Err(CalendarError::NoWorkingWeekdays)
    );
    // Holidays on every day for eleven years.
    let holidays = date(2025, 1, 1).iter_days().take(11 * 366);
    let cal =
        BusinessCalendar::new(Europe::Berlin, [Weekday::Sat, Weekday::Sun], holidays).unwrap();
    assert_eq!(
        cal.add_business_days(utc(2025, 1, 1, 0, 0), 5),
        Err(CalendarError::SearchLimitReached {
            days: MAX_SEARCH_DAYS
        })
    );
    assert!(cal.next_business_days(date(2025, 1, 1), 5).is_empty());
    // The end of time is an error too.
    let cal = weekdays_only(Europe::Berlin, &[]);
    let last = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    assert_eq!(
        cal.add_business_days(last, 5),
        Err(CalendarError::OutOfRange)
    );
    assert_eq!(
        cal.describe_closing(last).map(|c| c.last_day),
        Err(CalendarError::OutOfRange)
    );
    let first = chrono::DateTime::<chrono::Utc>::MIN_UTC;
    let new_york = weekdays_only(America::New_York, &[]);
    assert_eq!(new_york.local_date(first), Err(CalendarError::OutOfRange));
    assert_eq!(
        new_york.describe_closing(first).map(|c| c.last_day),
        Err(CalendarError::OutOfRange)
    );
}

#[test]
fn weekend_and_preview() {
    // A Friday–Saturday weekend.
    let cal = BusinessCalendar::new(
        Asia::Tokyo,
        [Weekday::Fri, Weekday::Sat],
        [date(2025, 3, 17)],
    )
    .unwrap();
    assert_eq!(cal.weekend(), vec![Weekday::Fri, Weekday::Sat]);
    assert!(cal.is_business_day(date(2025, 3, 16)), "Sunday works");
    assert!(!cal.is_business_day(date(2025, 3, 17)), "holiday");
    // From Thu 13 Mar 2025 (included): Thu 13, Sun 16, Tue 18, Wed 19.
    assert_eq!(
        cal.next_business_days(date(2025, 3, 13), 4),
        vec![
            date(2025, 3, 13),
            date(2025, 3, 16),
            date(2025, 3, 18),
            date(2025, 3, 19)
        ]
    );
    assert_eq!(cal.next_business_days(date(2025, 3, 13), 0), vec![]);
}

#[test]
fn the_age_of_a_claim_counts_business_days_after_its_local_start_day() {
    let berlin = weekdays_only(Europe::Berlin, &[(2026, 12, 25)]);
    // Submitted on Wednesday 23 Dec 2026, 23:30 in Berlin (22:30 UTC).
    let start = local(Europe::Berlin, 2026, 12, 23, 23, 30);
    let age = |y, m, d, h| berlin.business_days_since(start, local(Europe::Berlin, y, m, d, h, 0));
    assert_eq!(age(2026, 12, 23, 23), 0, "the same day");
    assert_eq!(
        age(2026, 12, 24, 0),
        1,
        "Thursday counts from its first minute"
    );
    assert_eq!(age(2026, 12, 25, 12), 1, "Christmas is a holiday");
    assert_eq!(age(2026, 12, 27, 12), 1, "and the weekend does not count");
    assert_eq!(age(2026, 12, 28, 9), 2);
    assert_eq!(
        berlin.business_days_since(start, start - chrono::Duration::days(3)),
        0
    );
    // Consistent with the window rule: 5 business days have passed when the window closes.
    let closes = berlin.add_business_days(start, 5).unwrap();
    assert_eq!(
        berlin.business_days_since(start, closes - chrono::Duration::seconds(1)),
        5
    );
}
