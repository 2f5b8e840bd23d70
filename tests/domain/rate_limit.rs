//! A token's allowance: a full minute's worth at once, then one request per interval; a
//! refusal says how long to wait and costs nothing.

use chrono::{DateTime, Duration, TimeZone, Utc};
use portal::domain::rate_limit::{Admission, Quota};
use proptest::prelude::*;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap()
}

/// Makes requests at `now` until one is refused; returns how many were admitted.
fn burst(quota: Quota, state: &mut Option<DateTime<Utc>>, now: DateTime<Utc>) -> u32 {
    let mut admitted = 0;
    while let Admission::Admitted {
        theoretical_arrival,
        ..
    } = quota.admit(*state, now)
    {
        *state = Some(theoretical_arrival);
        admitted += 1;
        assert!(
            admitted <= quota.requests_per_minute(),
            "never more than the quota at once"
        );
    }
    admitted
}

#[test]
fn a_quiet_token_may_spend_a_minutes_worth_at_once_and_then_waits() {
    let quota = Quota::per_minute(60).unwrap();
    let mut state = None;
    assert_eq!(burst(quota, &mut state, start()), 60);
    let Admission::Refused { retry_after } = quota.admit(state, start()) else {
        panic!("the 61st request at once is refused");
    };
    assert_eq!(retry_after, Duration::seconds(1));
    // A refusal does not move the state: after the wait, one more.
    assert!(matches!(
        quota.admit(state, start() + retry_after),
        Admission::Admitted { remaining: 0, .. }
    ));
    // After a quiet minute, the whole allowance again.
    let mut later = state;
    assert_eq!(burst(quota, &mut later, start() + Duration::minutes(2)), 60);
}

#[test]
fn the_first_request_reports_what_is_left() {
    let quota = Quota::per_minute(10).unwrap();
    assert!(matches!(
        quota.admit(None, start()),
        Admission::Admitted { remaining: 9, .. }
    ));
    assert_eq!(Quota::per_minute(0), None);
}

proptest! {
    /// Over any stretch of time, no more requests are admitted than one minute's burst plus
    /// the steady rate.
    #[test]
    fn admitted_requests_never_exceed_burst_plus_rate(
        per_minute in 1u32..500,
        gaps_ms in proptest::collection::vec(0i64..2_000, 1..400),
    ) {
        let quota = Quota::per_minute(per_minute).unwrap();
        let (mut state, mut now, mut admitted) = (None, start(), 0i64);
        for gap in gaps_ms {
            now += Duration::milliseconds(gap);
            if let Admission::Admitted { theoretical_arrival, .. } = quota.admit(state, now) {
                state = Some(theoretical_arrival);
                admitted += 1;
            }
        }
        let elapsed = (now - start()).num_microseconds().unwrap();
        let steady = elapsed * i64::from(per_minute) / 60_000_000;
        prop_assert!(admitted <= i64::from(per_minute) + steady + 1);
    }
}
