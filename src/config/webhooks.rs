//! The webhook settings: whether deliveries may go to http:// and private addresses, and
//! after how many days of failures an endpoint is turned off.

use super::{ConfigError, args::*, given, or, parse, parse_bool};

pub(super) struct WebhookSettings {
    pub allow_private: bool,
    pub disable_after_days: u32,
}

pub(super) fn webhook_settings(args: &ConfigArgs) -> Result<WebhookSettings, ConfigError> {
    let allow_private = parse_bool(
        "PORTAL_WEBHOOKS_ALLOW_PRIVATE",
        or(
            given(&args.webhooks_allow_private),
            DEFAULT_WEBHOOKS_ALLOW_PRIVATE,
        ),
    )?;
    let disable_after_days: u32 = parse(
        "PORTAL_WEBHOOK_DISABLE_AFTER_DAYS",
        or(
            given(&args.webhook_disable_after_days),
            DEFAULT_WEBHOOK_DISABLE_AFTER_DAYS,
        ),
    )?;
    if !(1..=60).contains(&disable_after_days) {
        return Err(ConfigError {
            variable: "PORTAL_WEBHOOK_DISABLE_AFTER_DAYS",
            problem: "must be between 1 and 60".into(),
        });
    }
    Ok(WebhookSettings {
        allow_private,
        disable_after_days,
    })
}
