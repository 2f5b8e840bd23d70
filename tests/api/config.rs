use std::collections::HashMap;

use portal::config::{DatabaseUrl, MailTransport, Settings};

fn settings(vars: &[(&str, &str)]) -> Result<Settings, portal::config::ConfigError> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Settings::from_lookup(|name| map.get(name).cloned())
}

#[test]
fn defaults_are_for_development() {
    let s = settings(&[]).unwrap();
    assert_eq!(s.database_url, DatabaseUrl::Sqlite("data/portal.db".into()));
    assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(s.public_base_url, "http://127.0.0.1:8080");
    assert!(!s.cookie_secure);
    assert!(s.demo_data);
    assert_eq!(s.mail.transport, MailTransport::DevMailbox);
    assert!(s.session_key_generated);
}

#[test]
fn an_empty_value_counts_as_unset() {
    let blank: Vec<(&str, &str)> = [
        "PORTAL_DATABASE_URL",
        "PORTAL_DATABASE_POOL_SIZE",
        "PORTAL_BIND",
        "PORTAL_PUBLIC_URL",
        "PORTAL_SESSION_KEY",
        "PORTAL_COOKIE_SECURE",
        "PORTAL_TIME_ZONE",
        "PORTAL_MAIL_FROM",
        "PORTAL_SMTP_HOST",
        "PORTAL_DEMO",
        "PORTAL_UPLOAD_MAX_MB",
        "PORTAL_LOG_FORMAT",
        "PORTAL_METRICS_TOKEN",
    ]
    .into_iter()
    .zip(["", " ", "\t"].into_iter().cycle())
    .collect();
    let s = settings(&blank).unwrap();
    assert_eq!(s.database_url, DatabaseUrl::Sqlite("data/portal.db".into()));
    assert_eq!(s.database_pool_size, 4);
    assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(s.public_base_url, "http://127.0.0.1:8080");
    assert!(s.session_key_generated);
    assert!(!s.cookie_secure);
    assert_eq!(s.calendar_time_zone, chrono_tz::Tz::UTC);
    assert_eq!(s.mail.from, "Customer associations <no-reply@localhost>");
    assert_eq!(s.mail.transport, MailTransport::DevMailbox);
    assert!(s.demo_data);
    assert_eq!(s.upload_max_bytes, 20 * 1024 * 1024);
    assert_eq!(s.log_format, portal::config::LogFormat::Human);
    assert!(s.metrics_token.is_none());
}

#[test]
fn values_are_read_as_given() {
    let s = settings(&[
        ("PORTAL_PUBLIC_URL", " https://portal.example/ "),
        ("PORTAL_SMTP_HOST", "smtp.example"),
        ("PORTAL_SMTP_SECURITY", "tls"),
        ("PORTAL_SMTP_PASSWORD", "-starts with a dash="),
        ("PORTAL_JOBS_INTERVAL_SECONDS", "0"),
    ])
    .unwrap();
    assert_eq!(s.public_base_url, "https://portal.example");
    assert!(s.cookie_secure, "secure by default behind https://");
    let MailTransport::Smtp(smtp) = s.mail.transport else {
        panic!("SMTP is configured");
    };
    assert_eq!((smtp.port, smtp.username), (465, None));
    assert_eq!(
        smtp.password.as_ref().map(|p| p.expose()),
        Some("-starts with a dash=")
    );
    assert_eq!(s.jobs_interval, None);
}

#[test]
fn the_scheme_chooses_the_backend() {
    let pg = settings(&[("PORTAL_DATABASE_URL", "postgres://u:p@db/portal")]).unwrap();
    assert!(matches!(pg.database_url, DatabaseUrl::Postgres(_)));
    let file = settings(&[("PORTAL_DATABASE_URL", "/var/lib/portal/portal.db")]).unwrap();
    assert_eq!(
        file.database_url,
        DatabaseUrl::Sqlite("/var/lib/portal/portal.db".into())
    );
    let err = settings(&[("PORTAL_DATABASE_URL", "mysql://x/y")]).unwrap_err();
    assert_eq!(err.variable, "PORTAL_DATABASE_URL");
}

#[test]
fn a_bad_value_names_its_variable() {
    for (variable, value) in [
        ("PORTAL_BIND", "not-an-address"),
        ("PORTAL_TIME_ZONE", "Mars/Olympus"),
        ("PORTAL_COOKIE_SECURE", "maybe"),
        ("PORTAL_SESSION_KEY", "short"),
        ("PORTAL_METRICS_TOKEN", "short"),
        ("PORTAL_PUBLIC_URL", "ftp://portal"),
        ("PORTAL_DATABASE_POOL_SIZE", "0"),
        ("PORTAL_LOG_FORMAT", "xml"),
        ("PORTAL_DEMO", "perhaps"),
    ] {
        let err = settings(&[(variable, value)]).unwrap_err();
        assert_eq!(err.variable, variable);
        assert!(err.to_string().starts_with(variable), "{err}");
        assert!(!err.to_string().contains('\n'), "one line: {err}");
    }
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let s = settings(&[
        (
            "PORTAL_DATABASE_URL",
            "postgres://portal:db-secret@db/portal",
        ),
        (
            "PORTAL_SESSION_KEY",
            "session-secret-0123456789abcdef0123456789",
        ),
        ("PORTAL_SMTP_HOST", "smtp.example"),
        ("PORTAL_SMTP_USERNAME", "mailer"),
        ("PORTAL_SMTP_PASSWORD", "smtp-secret"),
        (
            "PORTAL_METRICS_TOKEN",
            "metrics-secret-0123456789abcdef0123456789",
        ),
    ])
    .unwrap();
    let debug = format!("{s:?}");
    for secret in [
        "db-secret",
        "session-secret",
        "smtp-secret",
        "metrics-secret",
    ] {
        assert!(!debug.contains(secret), "{secret} leaked: {debug}");
    }
    assert!(debug.contains("postgres://portal:***@db/portal"));
    assert_eq!(s.calendar_time_zone, chrono_tz::Tz::UTC);
}
