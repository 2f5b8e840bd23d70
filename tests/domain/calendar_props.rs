//! The closing rule holds for random zones, weekends, holidays and starts.

use chrono::{DateTime, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use portal::domain::calendar::BusinessCalendar;
use proptest::prelude::*;

const ZONES: [Tz; 9] = [
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Asia::Tokyo,
    chrono_tz::America::Havana,
    chrono_tz::America::Santiago,
    chrono_tz::Australia::Sydney,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Pacific::Chatham,
    chrono_tz::UTC,
];
const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn calendar() -> impl Strategy<Value = BusinessCalendar> {
    (
        0..ZONES.len(),
        0u8..127,
        proptest::collection::vec(0i64..800, 0..60),
    )
        .prop_map(|(zone, weekend_bits, holiday_offsets)| {
            let weekend = DAYS
                .iter()
                .enumerate()
                .filter(|(i, _)| weekend_bits & (1 << i) != 0)
                .map(|(_, d)| *d);
            let base = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap_or_default();
            let holidays = holiday_offsets
                .into_iter()
                .map(move |o| base + Duration::days(o));
            BusinessCalendar::new(ZONES[zone], weekend, holidays).expect("not all days weekend")
        })
}

fn start() -> impl Strategy<Value = DateTime<Utc>> {
    // 2025-01-01 to about 2026-12-31, to the second.
    (1_735_689_600i64..1_798_675_200)
        .prop_map(|s| DateTime::from_timestamp(s, 0).unwrap_or_default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn window_closes_at_the_end_of_the_nth_business_day(cal in calendar(), start in start(), n in 0u32..25) {
        let tz = cal.time_zone();
        let closes = cal.add_business_days(start, n).unwrap();
        prop_assert!(closes > start);
        let start_day = start.with_timezone(&tz).date_naive();
        let last_day = (closes - Duration::seconds(1)).with_timezone(&tz).date_naive();
        let closing_local_day = closes.with_timezone(&tz).date_naive();
        // The closing instant is the first instant of the day after the last open day.
        prop_assert_eq!(closing_local_day, last_day.succ_opt().unwrap());
        prop_assert_eq!(cal.describe_closing(closes).map(|c| c.last_day), Ok(last_day));
        if n == 0 {
            prop_assert_eq!(last_day, start_day);
        } else {
            prop_assert!(last_day > start_day);
            prop_assert!(cal.is_business_day(last_day), "{} is a business day", last_day);
            let counted = start_day.iter_days().skip(1).take_while(|d| *d <= last_day)
                .filter(|d| cal.is_business_day(*d)).count();
            prop_assert_eq!(counted, n as usize);
        }
    }

    #[test]
    fn business_days_are_never_weekend_or_holiday(cal in calendar(), offset in 0i64..700, count in 0usize..30) {
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default() + Duration::days(offset);
        let days = cal.next_business_days(from, count);
        prop_assert_eq!(days.len(), count);
        prop_assert!(days.windows(2).all(|w| w[0] < w[1]));
        for day in days {
            prop_assert!(day >= from);
            prop_assert!(!cal.holidays().contains(&day));
            prop_assert!(!cal.weekend().contains(&chrono::Datelike::weekday(&day)));
        }
    }
}
