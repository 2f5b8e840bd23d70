//! Settings, read once at start-up from `PORTAL_*` variables with development defaults.
//!
//! Secrets are wrapped in [`Secret`] so they never reach `Debug` output or logs; a bad value
//! stops start-up with one line naming the variable ([`ConfigError`]).

use std::{fmt, net::SocketAddr, path::PathBuf};

use chrono_tz::Tz;

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

/// Where the data lives; the backend follows from the URL scheme.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(Secret),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("is empty".into());
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self::Postgres(Secret::new(raw)));
        }
        if let Some((scheme, _)) = raw.split_once("://")
            && scheme != "sqlite"
        {
            return Err(format!(
                "unsupported scheme `{scheme}://`: use a file path (SQLite) or postgres://…"
            ));
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    /// For start-up output and logs: the PostgreSQL password is replaced by `***`.
    pub fn display_redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("SQLite {}", path.display()),
            Self::Postgres(url) => format!("PostgreSQL {}", redact_password(url.expose())),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_redacted())
    }
}

/// `postgres://user:pw@host/db` → `postgres://user:***@host/db`.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let redacted = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, _)) => format!("{path}?…"),
        None => tail.to_owned(),
    };
    format!("{scheme}://{redacted}{tail}")
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
    /// Serve `/dev/mailbox` even when listening on a non-loopback address (a shared test
    /// instance). Never in production: the mailbox shows every email, opt-out links too.
    pub dev_mailbox_open: bool,
}

pub const DEFAULT_ARGON2_MEMORY_KIB: u32 = 19 * 1024;

impl Settings {
    /// Reads `PORTAL_*` from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` (a test passes a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let fail = |variable: &'static str, problem: String| ConfigError { variable, problem };

        let database_url = DatabaseUrl::parse(
            &get("PORTAL_DATABASE_URL").unwrap_or_else(|| "data/portal.db".into()),
        )
        .map_err(|p| fail("PORTAL_DATABASE_URL", p))?;
        let database_pool_size = parse_or("PORTAL_DATABASE_POOL_SIZE", get, 4u32)?;
        if database_pool_size == 0 {
            return Err(fail(
                "PORTAL_DATABASE_POOL_SIZE",
                "must be at least 1".into(),
            ));
        }
        let pool_timeout_secs = parse_or("PORTAL_DATABASE_POOL_TIMEOUT_SECS", get, 10u64)?;
        if pool_timeout_secs == 0 {
            return Err(fail(
                "PORTAL_DATABASE_POOL_TIMEOUT_SECS",
                "must be at least 1".into(),
            ));
        }
        let bind: SocketAddr =
            parse_or("PORTAL_BIND", get, SocketAddr::from(([127, 0, 0, 1], 8080)))?;
        let public_base_url = get("PORTAL_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim()
            .trim_end_matches('/')
            .to_owned();
        if !(public_base_url.starts_with("http://") || public_base_url.starts_with("https://")) {
            return Err(fail(
                "PORTAL_PUBLIC_URL",
                "must start with http:// or https://".into(),
            ));
        }
        let (session_key, session_key_generated) = match get("PORTAL_SESSION_KEY") {
            Some(key) if key.len() < 32 => {
                return Err(fail(
                    "PORTAL_SESSION_KEY",
                    "must be at least 32 characters (e.g. `openssl rand -hex 32`)".into(),
                ));
            }
            Some(key) => (Secret::new(key), false),
            None => (Secret::new(crate::tokens::random_token()), true),
        };
        let cookie_secure = parse_bool(
            "PORTAL_COOKIE_SECURE",
            get,
            public_base_url.starts_with("https://"),
        )?;
        let trust_proxy_headers = parse_bool("PORTAL_TRUST_PROXY_HEADERS", get, false)?;
        let calendar_time_zone = match get("PORTAL_TIME_ZONE") {
            Some(name) => name.trim().parse::<Tz>().map_err(|_| {
                fail(
                    "PORTAL_TIME_ZONE",
                    format!("`{name}` is not an IANA time zone (e.g. Europe/Berlin)"),
                )
            })?,
            None => Tz::UTC,
        };
        let coop_claims_url = get("PORTAL_COOP_CLAIMS_URL").unwrap_or_else(|| {
            "https://learn.microsoft.com/partner-center/incentives-claims".into()
        });
        let mail = MailSettings {
            transport: mail_transport(get)?,
            from: get("PORTAL_MAIL_FROM")
                .unwrap_or_else(|| "Customer associations <no-reply@localhost>".into()),
        };
        let demo_data = parse_bool("PORTAL_DEMO", get, true)?;
        let upload_max_mb = parse_or("PORTAL_UPLOAD_MAX_MB", get, 20u64)?;
        if upload_max_mb == 0 || upload_max_mb > 4096 {
            return Err(fail(
                "PORTAL_UPLOAD_MAX_MB",
                "must be between 1 and 4096".into(),
            ));
        }
        let jobs_seconds = parse_or("PORTAL_JOBS_INTERVAL_SECONDS", get, 30u64)?;
        if jobs_seconds > 86_400 {
            return Err(fail(
                "PORTAL_JOBS_INTERVAL_SECONDS",
                "must be at most 86400 (0 turns the jobs off)".into(),
            ));
        }
        let jobs_interval =
            (jobs_seconds > 0).then(|| std::time::Duration::from_secs(jobs_seconds));
        let dev_mailbox_open = parse_bool("PORTAL_DEV_MAILBOX_OPEN", get, false)?;
        let log_format = match get("PORTAL_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("human") => LogFormat::Human,
            Some("json") => LogFormat::Json,
            Some(other) => {
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
            dev_mailbox_open,
        })
    }
}

fn mail_transport(get: impl Fn(&str) -> Option<String>) -> Result<MailTransport, ConfigError> {
    let Some(host) = get("PORTAL_SMTP_HOST") else {
        return Ok(MailTransport::DevMailbox);
    };
    let security = match get("PORTAL_SMTP_SECURITY").as_deref().map(str::trim) {
        None | Some("starttls") => SmtpSecurity::StartTls,
        Some("tls") => SmtpSecurity::Tls,
        Some("none") => SmtpSecurity::None,
        Some(other) => {
            return Err(ConfigError {
                variable: "PORTAL_SMTP_SECURITY",
                problem: format!("`{other}` is not `starttls`, `tls` or `none`"),
            });
        }
    };
    let default_port = if security == SmtpSecurity::Tls {
        465
    } else {
        587
    };
    Ok(MailTransport::Smtp(SmtpSettings {
        host: host.trim().to_owned(),
        port: parse_or("PORTAL_SMTP_PORT", &get, default_port)?,
        security,
        username: get("PORTAL_SMTP_USERNAME"),
        password: get("PORTAL_SMTP_PASSWORD").map(Secret::new),
    }))
}

fn parse_or<T: std::str::FromStr>(
    variable: &'static str,
    get: impl Fn(&str) -> Option<String>,
    default: T,
) -> Result<T, ConfigError> {
    match get(variable) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|_| ConfigError {
            variable,
            problem: format!("`{}` is not a valid value", raw.trim()),
        }),
    }
}

fn parse_bool(
    variable: &'static str,
    get: impl Fn(&str) -> Option<String>,
    default: bool,
) -> Result<bool, ConfigError> {
    match get(variable).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
        Some(v) => Err(ConfigError {
            variable,
            problem: format!("`{v}` is not true or false"),
        }),
    }
}
