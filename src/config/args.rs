//! The `PORTAL_*` settings as one clap definition: `portal serve --help` prints it, `portal
//! serve` reads it from flags and variables, and [`ConfigArgs::from_env`] /
//! [`ConfigArgs::from_lookup`] read it from variables alone (the other commands, tests).
//!
//! Every value is taken as text here; [`Settings::from_args`](super::Settings::from_args)
//! checks it, so a bad value is reported in one line naming its variable. An empty value
//! counts as unset, whatever its default. Secrets are [`Secret`]s, their current values are
//! never shown in help, and they have no default to show.

use clap::{Args, Command, CommandFactory, FromArgMatches, Parser};

use super::{ConfigError, Secret};

pub(super) const DEFAULT_DATABASE_URL: &str = "data/portal.db";
pub(super) const DEFAULT_DATABASE_POOL_SIZE: &str = "4";
pub(super) const DEFAULT_DATABASE_POOL_TIMEOUT_SECS: &str = "10";
pub(super) const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub(super) const DEFAULT_TIME_ZONE: &str = "UTC";
pub(super) const DEFAULT_COOP_CLAIMS_URL: &str =
    "https://learn.microsoft.com/partner-center/incentives-claims";
pub(super) const DEFAULT_MAIL_FROM: &str = "Customer associations <no-reply@localhost>";
pub(super) const DEFAULT_SMTP_SECURITY: &str = "starttls";
pub(super) const DEFAULT_TRUST_PROXY_HEADERS: &str = "false";
pub(super) const DEFAULT_JOBS_INTERVAL_SECONDS: &str = "30";
pub(super) const DEFAULT_DEV_MAILBOX_OPEN: &str = "false";
pub(super) const DEFAULT_DEMO: &str = "true";
pub(super) const DEFAULT_UPLOAD_MAX_MB: &str = "20";
pub(super) const DEFAULT_OPT_OUT_REMINDER_DAYS: &str = "2";
pub(super) const DEFAULT_CUSTOMER_LINK_DAYS: &str = "30";
pub(super) const DEFAULT_API_RATE_LIMIT: &str = "600";
pub(super) const DEFAULT_LOG_FORMAT: &str = "human";
pub(super) const DEFAULT_REVIEW_TARGET_DAYS: &str = "5";
pub(super) const DEFAULT_WEBHOOKS_ALLOW_PRIVATE: &str = "false";
pub(super) const DEFAULT_WEBHOOK_DISABLE_AFTER_DAYS: &str = "5";

/// Every `PORTAL_*` setting, each also a flag of `portal serve` (a flag wins over its
/// variable). Defaults are for development.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Settings (each flag or its PORTAL_* variable)")]
pub struct ConfigArgs {
    /// Where the data lives: a file path (or sqlite://path) → SQLite;
    /// postgres://user:password@host/db → PostgreSQL
    #[arg(long, env = "PORTAL_DATABASE_URL", value_name = "URL",
          default_value = DEFAULT_DATABASE_URL, hide_env_values = true, value_parser = secret)]
    pub database_url: Secret,

    /// Connections in the pool
    #[arg(long, env = "PORTAL_DATABASE_POOL_SIZE", value_name = "N",
          default_value = DEFAULT_DATABASE_POOL_SIZE)]
    pub database_pool_size: String,

    /// How long a request waits for a free connection, in seconds
    #[arg(long, env = "PORTAL_DATABASE_POOL_TIMEOUT_SECS", value_name = "SECONDS",
          default_value = DEFAULT_DATABASE_POOL_TIMEOUT_SECS)]
    pub database_pool_timeout_secs: String,

    /// Address and port to listen on
    #[arg(long, env = "PORTAL_BIND", value_name = "ADDRESS:PORT", default_value = DEFAULT_BIND)]
    pub bind: String,

    /// The address users reach the portal at; used for links in emails
    /// [default: http://<bind>]
    #[arg(long, env = "PORTAL_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

    /// At least 32 characters; keys the CSRF tokens. Set it in production, the same on every
    /// instance (`openssl rand -hex 32`); prefer the variable, a flag shows in the process
    /// list [default: generated per run]
    #[arg(long, env = "PORTAL_SESSION_KEY", value_name = "KEY", hide_env_values = true,
          value_parser = secret)]
    pub session_key: Option<Secret>,

    /// Send cookies only over HTTPS (true or false) [default: true if the public URL is
    /// https://, else false]
    #[arg(long, env = "PORTAL_COOKIE_SECURE", value_name = "BOOL")]
    pub cookie_secure: Option<String>,

    /// Count sign-in attempts per X-Forwarded-For address (only behind a proxy you control)
    #[arg(long, env = "PORTAL_TRUST_PROXY_HEADERS", value_name = "BOOL",
          default_value = DEFAULT_TRUST_PROXY_HEADERS)]
    pub trust_proxy_headers: String,

    /// IANA zone of the business-day calendar (e.g. Europe/Berlin)
    #[arg(long, env = "PORTAL_TIME_ZONE", value_name = "ZONE", default_value = DEFAULT_TIME_ZONE)]
    pub time_zone: String,

    /// Where non-CPOR programmes are sent (Microsoft's incentives claims page)
    #[arg(long, env = "PORTAL_COOP_CLAIMS_URL", value_name = "URL",
          default_value = DEFAULT_COOP_CLAIMS_URL)]
    pub coop_claims_url: String,

    /// Sender of the portal's emails
    #[arg(long, env = "PORTAL_MAIL_FROM", value_name = "MAILBOX",
          default_value = DEFAULT_MAIL_FROM)]
    pub mail_from: String,

    /// SMTP server; when set, mail is sent through it [default: unset → development mailbox]
    #[arg(long, env = "PORTAL_SMTP_HOST", value_name = "HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port [default: 587 (465 with tls)]
    #[arg(long, env = "PORTAL_SMTP_PORT", value_name = "PORT")]
    pub smtp_port: Option<String>,

    /// SMTP connection security: starttls, tls or none
    #[arg(long, env = "PORTAL_SMTP_SECURITY", value_name = "MODE",
          default_value = DEFAULT_SMTP_SECURITY)]
    pub smtp_security: String,

    /// SMTP user name [default: unset]
    #[arg(long, env = "PORTAL_SMTP_USERNAME", value_name = "USER")]
    pub smtp_username: Option<String>,

    /// SMTP password; prefer the variable, a flag shows in the process list [default: unset]
    #[arg(long, env = "PORTAL_SMTP_PASSWORD", value_name = "PASSWORD", hide_env_values = true,
          value_parser = secret)]
    pub smtp_password: Option<Secret>,

    /// How often this instance closes due opt-out windows, times out unanswered requests,
    /// expires associations and sends queued email, in seconds; 0 runs no jobs here (several
    /// instances may all run them)
    #[arg(long, env = "PORTAL_JOBS_INTERVAL_SECONDS", value_name = "SECONDS",
          default_value = DEFAULT_JOBS_INTERVAL_SECONDS)]
    pub jobs_interval_seconds: String,

    /// At least 32 characters; /metrics (Prometheus) is served only to requests bearing it
    /// (`Authorization: Bearer <token>`); prefer the variable, a flag shows in the process
    /// list [default: unset → /metrics is not served]
    #[arg(long, env = "PORTAL_METRICS_TOKEN", value_name = "TOKEN", hide_env_values = true,
          value_parser = secret)]
    pub metrics_token: Option<Secret>,

    /// Without SMTP, emails go to the development mailbox, shown at /dev/mailbox only on a
    /// loopback address; true shows it on any address (a shared test instance — never
    /// production: it shows every email)
    #[arg(long, env = "PORTAL_DEV_MAILBOX_OPEN", value_name = "BOOL",
          default_value = DEFAULT_DEV_MAILBOX_OPEN)]
    pub dev_mailbox_open: String,

    /// Seed demo data into an empty database
    #[arg(long, env = "PORTAL_DEMO", value_name = "BOOL", default_value = DEFAULT_DEMO)]
    pub demo: String,

    /// Largest proof-of-execution file accepted, in MB (1 to 4096)
    #[arg(long, env = "PORTAL_UPLOAD_MAX_MB", value_name = "MB",
          default_value = DEFAULT_UPLOAD_MAX_MB)]
    pub upload_max_mb: String,

    /// Business days a reviewer should take over a claim in the queue (1 to 60); a claim
    /// waiting longer is marked overdue
    #[arg(long, env = "PORTAL_REVIEW_TARGET_DAYS", value_name = "DAYS",
          default_value = DEFAULT_REVIEW_TARGET_DAYS)]
    pub review_target_days: String,

    /// Business days before the customer's opt-out window closes when they are reminded by
    /// email (0 to 5); 0 sends no reminders
    #[arg(long, env = "PORTAL_OPT_OUT_REMINDER_DAYS", value_name = "DAYS",
          default_value = DEFAULT_OPT_OUT_REMINDER_DAYS)]
    pub opt_out_reminder_days: String,

    /// Days after its email that the customer's link opens their tenant view (every partner
    /// association on their tenant), 1 to 365
    #[arg(long, env = "PORTAL_CUSTOMER_LINK_DAYS", value_name = "DAYS",
          default_value = DEFAULT_CUSTOMER_LINK_DAYS)]
    pub customer_link_days: String,

    /// API requests each token may make per minute (1 to 100000), and at once after a quiet
    /// minute; over it, 429 with Retry-After. Counted per instance
    #[arg(long, env = "PORTAL_API_RATE_LIMIT", value_name = "REQUESTS",
          default_value = DEFAULT_API_RATE_LIMIT)]
    pub api_rate_limit: String,

    /// Webhooks may go to plain http:// and to loopback, private and link-local addresses
    /// (development and tests only: otherwise a webhook could probe the internal network)
    #[arg(long, env = "PORTAL_WEBHOOKS_ALLOW_PRIVATE", value_name = "BOOL",
          default_value = DEFAULT_WEBHOOKS_ALLOW_PRIVATE)]
    pub webhooks_allow_private: String,

    /// Days of failed deliveries after which a webhook endpoint is disabled (1 to 60)
    #[arg(long, env = "PORTAL_WEBHOOK_DISABLE_AFTER_DAYS", value_name = "DAYS",
          default_value = DEFAULT_WEBHOOK_DISABLE_AFTER_DAYS)]
    pub webhook_disable_after_days: String,

    /// Log lines: human, or json (one JSON object per line)
    #[arg(long, env = "PORTAL_LOG_FORMAT", value_name = "FORMAT",
          default_value = DEFAULT_LOG_FORMAT)]
    pub log_format: String,
}

/// Only for building [`ConfigArgs`]'s command on its own.
#[derive(Parser)]
#[command(name = "portal")]
struct Standalone {
    #[command(flatten)]
    config: ConfigArgs,
}

impl ConfigArgs {
    /// The settings from the process environment alone (no flags).
    pub fn from_env() -> Result<Self, ConfigError> {
        check_environment()?;
        Self::read(Standalone::command(), vec!["portal".to_owned()])
    }

    /// The settings from `lookup(variable)` alone; the process environment is not read (a
    /// test passes a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let command = Standalone::command();
        let mut argv = vec!["portal".to_owned()];
        for arg in command.get_arguments() {
            let (Some(variable), Some(long)) = (arg.get_env(), arg.get_long()) else {
                continue;
            };
            if let Some(value) = variable.to_str().and_then(&lookup) {
                argv.push(format!("--{long}={value}"));
            }
        }
        Self::read(command.mut_args(|arg| arg.env(None)), argv)
    }

    fn read(command: Command, argv: Vec<String>) -> Result<Self, ConfigError> {
        // Every value is accepted as text, so clap has nothing to refuse.
        let matches = command
            .try_get_matches_from(argv)
            .map_err(|e| ConfigError {
                variable: "PORTAL_*",
                problem: e.kind().to_string(),
            })?;
        Standalone::from_arg_matches(&matches)
            .map(|s| s.config)
            .map_err(|e| ConfigError {
                variable: "PORTAL_*",
                problem: e.kind().to_string(),
            })
    }
}

/// A variable that is not UTF-8 is named here rather than left to clap's generic error.
pub fn check_environment() -> Result<(), ConfigError> {
    for arg in Standalone::command().get_arguments() {
        if let Some(variable) = arg.get_env().and_then(|v| v.to_str())
            && std::env::var_os(variable).is_some_and(|v| v.to_str().is_none())
        {
            return Err(ConfigError {
                // Start-up stops on this error: the name is leaked once, to stay `'static`.
                variable: variable.to_owned().leak(),
                problem: "is not valid UTF-8".into(),
            });
        }
    }
    Ok(())
}

fn secret(raw: &str) -> Result<Secret, std::convert::Infallible> {
    Ok(Secret::new(raw))
}
