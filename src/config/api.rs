//! The JSON API's settings: how many requests each token may make.

use crate::domain::rate_limit::Quota;

use super::{ConfigError, args::*, given, or, parse};

pub(super) fn api_quota(args: &ConfigArgs) -> Result<Quota, ConfigError> {
    parse::<u32>(
        "PORTAL_API_RATE_LIMIT",
        or(given(&args.api_rate_limit), DEFAULT_API_RATE_LIMIT),
    )
    .ok()
    .filter(|n| *n <= 100_000)
    .and_then(Quota::per_minute)
    .ok_or_else(|| ConfigError {
        variable: "PORTAL_API_RATE_LIMIT",
        problem: "must be between 1 and 100000".into(),
    })
}
