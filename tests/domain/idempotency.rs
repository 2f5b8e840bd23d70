//! `Idempotency-Key`: what a stored key means for a new request with it.

use chrono::{DateTime, TimeZone, Utc};
use portal::domain::idempotency::{KeyRecord, LEASE, RETENTION, Standing, parse_key, standing};

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 24, 9, minute, 0).unwrap()
}

fn record(finished: bool) -> KeyRecord {
    KeyRecord {
        fingerprint: "a".into(),
        finished,
        locked_until: at(0) + LEASE,
        expires_at: at(0) + RETENTION,
    }
}

#[test]
fn a_key_replays_its_own_request_and_refuses_another() {
    assert_eq!(standing(None, "a", at(0)), Standing::Act);
    assert_eq!(standing(Some(&record(true)), "a", at(1)), Standing::Replay);
    assert_eq!(
        standing(Some(&record(true)), "b", at(1)),
        Standing::OtherRequest
    );
    assert_eq!(
        standing(Some(&record(false)), "a", at(1)),
        Standing::Running
    );
}

#[test]
fn an_abandoned_or_expired_key_is_taken_again() {
    assert_eq!(
        standing(Some(&record(false)), "a", at(6)),
        Standing::Reclaim
    );
    let later = at(0) + RETENTION;
    assert_eq!(standing(Some(&record(true)), "b", later), Standing::Reclaim);
}

#[test]
fn keys_are_visible_ascii_of_bounded_length() {
    assert_eq!(parse_key("\"8e03978e\"").as_deref(), Some("8e03978e"));
    assert_eq!(parse_key(" abc ").as_deref(), Some("abc"));
    assert_eq!(parse_key(""), None);
    assert_eq!(parse_key("ключ"), None);
    assert_eq!(parse_key(&"k".repeat(256)), None);
}
