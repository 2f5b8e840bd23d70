//! Editing one tenant by hand: every problem of a form at once, each with its field.

use chrono::NaiveDate;
use portal::domain::draft::Channel;
use portal::domain::tenants::{TenantError, parse_subscription, parse_usage};

#[test]
fn every_problem_of_a_subscription_is_reported_with_its_field() {
    let problems =
        parse_subscription(Some("x"), "", "", "2026-13-01", "soon", "-1").expect_err("all wrong");
    let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [
            "subscription_id",
            "product",
            "channel",
            "starts_on",
            "ends_on",
            "seats"
        ]
    );
}

#[test]
fn a_subscription_may_not_end_before_it_starts() {
    let problems = parse_subscription(
        None,
        "teams",
        "web_direct",
        "2026-05-01",
        "2026-04-30",
        "10",
    )
    .expect_err("ends first");
    assert_eq!(problems, [("ends_on", TenantError::EndsBeforeStart)]);
    let (id, ok) = parse_subscription(None, "teams", "csp", "2026-05-01", "", "10").unwrap();
    assert_eq!((id, ok.ends_on, ok.channel), (None, None, Channel::Csp));
}

#[test]
fn usage_takes_a_month_and_counts_in_range() {
    let usage = parse_usage("teams", "2026-10", "1044", "1200").unwrap();
    assert_eq!(usage.month, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    let problems = parse_usage("teams", "2026-10-05", "99999999999", "").expect_err("bad");
    let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["month", "monthly_active_users", "paid_units"]);
}
