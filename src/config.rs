//! Settings, read once at start-up from `PORTAL_*` variables (or `portal serve`'s flags) with
//! development defaults; [`ConfigArgs`] defines them for clap, [`Settings::from_args`] checks
//! them.
//!
//! Secrets are wrapped in [`Secret`] so they never reach `Debug` output or logs; a bad value
//! stops start-up with one line naming the variable ([`ConfigError`]).

use std::{fmt, net::SocketAddr};

use chrono_tz::Tz;

use crate::domain::rate_limit::Quota;

mod api;
mod args;
mod database_url;
mod webhooks;

use args::*;
pub use args::{ConfigArgs, check_environment};
pub use database_url::{DatabaseUrl, redact_password};

/// A value that must not be printed. `Debug` and `Display` show a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailTransport {
    /// Messages are kept in the database and shown at `/dev/mailbox`.
    DevMailbox,
    Smtp(SmtpSettings),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<Secret>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    StartTls,
    Tls,
    None,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailSettings {
    pub transport: MailTransport,
    pub from: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    pub database_pool_size: u32,
    /// How long a request waits for a free connection before it fails.
    pub database_pool_timeout: std::time::Duration,
    pub bind: SocketAddr,
    /// Used to build absolute links in emails; no trailing slash.
    pub public_base_url: String,
    /// Keys the CSRF tokens; several instances must share it.
    pub session_key: Secret,
    /// True when no key was configured and one was generated for this process.
    pub session_key_generated: bool,
    pub cookie_secure: bool,
    /// Count sign-in attempts per `X-Forwarded-For` address (only behind a trusted proxy).
    pub trust_proxy_headers: bool,
    pub calendar_time_zone: Tz,
    pub coop_claims_url: String,
    pub mail: MailSettings,
    pub demo_data: bool,
    /// Largest proof-of-execution file accepted, in bytes.
    pub upload_max_bytes: u64,
    pub log_format: LogFormat,
    /// Argon2 memory cost in KiB; tests lower it, production keeps the OWASP default.
    pub argon2_memory_kib: u32,
    /// How often this instance runs the background jobs; `None` (0 seconds) runs none, for
    /// an instance that only serves pages (or tests, which call `run_once` themselves).
    pub jobs_interval: Option<std::time::Duration>,
    /// The bearer token `/metrics` asks for; without one, `/metrics` is not served.
    pub metrics_token: Option<Secret>,
    /// Serve `/dev/mailbox` even when listening on a non-loopback address (a shared test
    /// instance). Never in production: the mailbox shows every email, opt-out links too.
    pub dev_mailbox_open: bool,
    /// Business days a claim may wait in the review queue before it is marked overdue.
    pub review_target_days: u32,
    /// Business days before the opt-out window closes when the customer is reminded; 0: never.
    pub opt_out_reminder_days: u32,
    /// Days after its email that the customer's link opens their tenant view.
    pub customer_link_days: u32,
    /// What each API token may request.
    pub api_quota: Quota,
    /// Webhooks may go to http:// and to private addresses (development and tests).
    pub webhooks_allow_private: bool,
    /// Days of failed deliveries after which a webhook endpoint is disabled.
    pub webhook_disable_after_days: u32,
}

pub const DEFAULT_ARGON2_MEMORY_KIB: u32 = 19 * 1024;

impl Settings {
    /// Reads `PORTAL_*` from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_args(&ConfigArgs::from_env()?)
    }

    /// Reads settings through `lookup` (a test passes a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Self::from_args(&ConfigArgs::from_lookup(lookup)?)
    }

    /// Checks the settings as clap read them; an empty value counts as unset.
    pub fn from_args(args: &ConfigArgs) -> Result<Self, ConfigError> {
        let fail = |variable: &'static str, problem: String| ConfigError { variable, problem };

        let database_url =
            DatabaseUrl::parse(or(given(args.database_url.expose()), DEFAULT_DATABASE_URL))
                .map_err(|p| fail("PORTAL_DATABASE_URL", p))?;
        let database_pool_size: u32 = parse(
            "PORTAL_DATABASE_POOL_SIZE",
            or(given(&args.database_pool_size), DEFAULT_DATABASE_POOL_SIZE),
        )?;
        if database_pool_size == 0 {
            return Err(fail(
                "PORTAL_DATABASE_POOL_SIZE",
                "must be at least 1".into(),
            ));
        }
        let pool_timeout_secs: u64 = parse(
            "PORTAL_DATABASE_POOL_TIMEOUT_SECS",
            or(
                given(&args.database_pool_timeout_secs),
                DEFAULT_DATABASE_POOL_TIMEOUT_SECS,
            ),
        )?;
        if pool_timeout_secs == 0 {
            return Err(fail(
                "PORTAL_DATABASE_POOL_TIMEOUT_SECS",
                "must be at least 1".into(),
            ));
        }
        let bind: SocketAddr = parse("PORTAL_BIND", or(given(&args.bind), DEFAULT_BIND))?;
        let public_base_url = given_opt(&args.public_url)
            .map_or_else(|| format!("http://{bind}"), str::to_owned)
            .trim()
            .trim_end_matches('/')
            .to_owned();
        if !(public_base_url.starts_with("http://") || public_base_url.starts_with("https://")) {
            return Err(fail(
                "PORTAL_PUBLIC_URL",
                "must start with http:// or https://".into(),
            ));
        }
        let session_key = long_secret("PORTAL_SESSION_KEY", args.session_key.as_ref())?;
        let session_key_generated = session_key.is_none();
        let session_key = session_key.unwrap_or_else(|| Secret::new(crate::tokens::random_token()));
        let metrics_token = long_secret("PORTAL_METRICS_TOKEN", args.metrics_token.as_ref())?;
        let cookie_secure = match given_opt(&args.cookie_secure) {
            Some(raw) => parse_bool("PORTAL_COOKIE_SECURE", raw)?,
            None => public_base_url.starts_with("https://"),
        };
        let trust_proxy_headers = parse_bool(
            "PORTAL_TRUST_PROXY_HEADERS",
            or(
                given(&args.trust_proxy_headers),
                DEFAULT_TRUST_PROXY_HEADERS,
            ),
        )?;
        let time_zone = or(given(&args.time_zone), DEFAULT_TIME_ZONE);
        let calendar_time_zone = time_zone.trim().parse::<Tz>().map_err(|_| {
            fail(
                "PORTAL_TIME_ZONE",
                format!("`{time_zone}` is not an IANA time zone (e.g. Europe/Berlin)"),
            )
        })?;
        let coop_claims_url = or(given(&args.coop_claims_url), DEFAULT_COOP_CLAIMS_URL).to_owned();
        let mail = MailSettings {
            transport: mail_transport(args)?,
            from: or(given(&args.mail_from), DEFAULT_MAIL_FROM).to_owned(),
        };
        let demo_data = parse_bool("PORTAL_DEMO", or(given(&args.demo), DEFAULT_DEMO))?;
        let upload_max_mb: u64 = parse(
            "PORTAL_UPLOAD_MAX_MB",
            or(given(&args.upload_max_mb), DEFAULT_UPLOAD_MAX_MB),
        )?;
        if upload_max_mb == 0 || upload_max_mb > 4096 {
            return Err(fail(
                "PORTAL_UPLOAD_MAX_MB",
                "must be between 1 and 4096".into(),
            ));
        }
        let opt_out_reminder_days: u32 = parse(
            "PORTAL_OPT_OUT_REMINDER_DAYS",
            or(
                given(&args.opt_out_reminder_days),
                DEFAULT_OPT_OUT_REMINDER_DAYS,
            ),
        )?;
        if opt_out_reminder_days > crate::domain::claim::OPT_OUT_BUSINESS_DAYS {
            return Err(fail(
                "PORTAL_OPT_OUT_REMINDER_DAYS",
                "must be between 0 and 5 (0 sends no reminders)".into(),
            ));
        }
        let customer_link_days: u32 = parse(
            "PORTAL_CUSTOMER_LINK_DAYS",
            or(given(&args.customer_link_days), DEFAULT_CUSTOMER_LINK_DAYS),
        )?;
        if customer_link_days == 0 || customer_link_days > 365 {
            return Err(fail(
                "PORTAL_CUSTOMER_LINK_DAYS",
                "must be between 1 and 365".into(),
            ));
        }
        let api_quota = api::api_quota(args)?;
        let jobs_seconds: u64 = parse(
            "PORTAL_JOBS_INTERVAL_SECONDS",
            or(
                given(&args.jobs_interval_seconds),
                DEFAULT_JOBS_INTERVAL_SECONDS,
            ),
        )?;
        if jobs_seconds > 86_400 {
            return Err(fail(
                "PORTAL_JOBS_INTERVAL_SECONDS",
                "must be at most 86400 (0 turns the jobs off)".into(),
            ));
        }
        let jobs_interval =
            (jobs_seconds > 0).then(|| std::time::Duration::from_secs(jobs_seconds));
        let dev_mailbox_open = parse_bool(
            "PORTAL_DEV_MAILBOX_OPEN",
            or(given(&args.dev_mailbox_open), DEFAULT_DEV_MAILBOX_OPEN),
        )?;
        let webhooks = webhooks::webhook_settings(args)?;
        let review_target_days: u32 = parse(
            "PORTAL_REVIEW_TARGET_DAYS",
            or(given(&args.review_target_days), DEFAULT_REVIEW_TARGET_DAYS),
        )?;
        if !(1..=60).contains(&review_target_days) {
            return Err(fail(
                "PORTAL_REVIEW_TARGET_DAYS",
                "must be between 1 and 60".into(),
            ));
        }
        let log_format = match or(given(&args.log_format), DEFAULT_LOG_FORMAT).trim() {
            "human" => LogFormat::Human,
            "json" => LogFormat::Json,
            other => {
                return Err(fail(
                    "PORTAL_LOG_FORMAT",
                    format!("`{other}` is not `human` or `json`"),
                ));
            }
        };
        Ok(Self {
            database_url,
            database_pool_size,
            database_pool_timeout: std::time::Duration::from_secs(pool_timeout_secs),
            bind,
            public_base_url,
            session_key,
            session_key_generated,
            cookie_secure,
            trust_proxy_headers,
            calendar_time_zone,
            coop_claims_url,
            mail,
            demo_data,
            upload_max_bytes: upload_max_mb * 1024 * 1024,
            log_format,
            argon2_memory_kib: DEFAULT_ARGON2_MEMORY_KIB,
            jobs_interval,
            metrics_token,
            dev_mailbox_open,
            review_target_days,
            opt_out_reminder_days,
            customer_link_days,
            api_quota,
            webhooks_allow_private: webhooks.allow_private,
            webhook_disable_after_days: webhooks.disable_after_days,
        })
    }
}

fn mail_transport(args: &ConfigArgs) -> Result<MailTransport, ConfigError> {
    let Some(host) = given_opt(&args.smtp_host) else {
        return Ok(MailTransport::DevMailbox);
    };
    let security = match or(given(&args.smtp_security), DEFAULT_SMTP_SECURITY).trim() {
        "starttls" => SmtpSecurity::StartTls,
        "tls" => SmtpSecurity::Tls,
        "none" => SmtpSecurity::None,
        other => {
            return Err(ConfigError {
                variable: "PORTAL_SMTP_SECURITY",
                problem: format!("`{other}` is not `starttls`, `tls` or `none`"),
            });
        }
    };
    let port = match given_opt(&args.smtp_port) {
        Some(raw) => parse("PORTAL_SMTP_PORT", raw)?,
        None if security == SmtpSecurity::Tls => 465,
        None => 587,
    };
    Ok(MailTransport::Smtp(SmtpSettings {
        host: host.trim().to_owned(),
        port,
        security,
        username: given_opt(&args.smtp_username).map(str::to_owned),
        password: args
            .smtp_password
            .as_ref()
            .and_then(|p| given(p.expose()))
            .map(Secret::new),
    }))
}

/// A key or token: unset, or at least 32 characters.
fn long_secret(
    variable: &'static str,
    raw: Option<&Secret>,
) -> Result<Option<Secret>, ConfigError> {
    match raw.map(Secret::expose).and_then(given) {
        Some(value) if value.len() < 32 => Err(ConfigError {
            variable,
            problem: "must be at least 32 characters (e.g. `openssl rand -hex 32`)".into(),
        }),
        value => Ok(value.map(Secret::new)),
    }
}

/// A value counts as set when it is not blank (it is returned untrimmed).
fn given(raw: &str) -> Option<&str> {
    (!raw.trim().is_empty()).then_some(raw)
}

fn given_opt(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().and_then(given)
}

fn or<'a>(value: Option<&'a str>, default: &'static str) -> &'a str {
    value.unwrap_or(default)
}

fn parse<T: std::str::FromStr>(variable: &'static str, raw: &str) -> Result<T, ConfigError> {
    raw.trim().parse().map_err(|_| ConfigError {
        variable,
        problem: format!("`{}` is not a valid value", raw.trim()),
    })
}

fn parse_bool(variable: &'static str, raw: &str) -> Result<bool, ConfigError> {
    match raw.trim().to_ascii_lowercase() {
        v if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
        v if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
        v => Err(ConfigError {
            variable,
            problem: format!("`{v}` is not true or false"),
        }),
    }
}
