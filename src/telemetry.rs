//! Structured logs: human-readable by default, JSON with `PORTAL_LOG_FORMAT=json`.
//! The level filter comes from `RUST_LOG` (default `info`).

use tracing_subscriber::{EnvFilter, fmt};

use crate::config::LogFormat;

const DEFAULT_FILTER: &str = "info,actix_server=warn";

/// actix-http reports every request it cannot parse (a URI or headers over its limits) as an
/// ERROR: any client could fill the log with them, and they are the client's fault, so they
/// are off unless `RUST_LOG` names that module itself.
const CLIENT_PARSE_ERRORS: &str = "actix_http::h1::dispatcher";

pub fn init(format: LogFormat) {
    let asked = std::env::var("RUST_LOG").unwrap_or_default();
    let mut filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    if !asked.contains(CLIENT_PARSE_ERRORS)
        && let Ok(off) = format!("{CLIENT_PARSE_ERRORS}=off").parse()
    {
        filter = filter.add_directive(off);
    }
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second init (tests start many apps in one process) is harmless: keep the first.
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
    };
}
