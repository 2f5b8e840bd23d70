//! `portal`: starts the customer associations portal (configuration from `PORTAL_*`).

use std::{process::ExitCode, sync::Arc, time::Instant};

use portal::{
    clock::SystemClock,
    config::{MailTransport, Settings},
    startup::{Application, StartupReport},
    telemetry,
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("serve") => {}
        Some("-h" | "--help" | "help") => {
            println!(
                "usage: portal [serve]\n\nStarts the portal; configuration comes from PORTAL_* variables (see README.md)."
            );
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("portal: unknown command `{other}` (try `portal --help`)");
            return ExitCode::from(2);
        }
    }
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("portal: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    match serve(settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("portal: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    let started = Instant::now();
    let banner = Banner::from(&settings);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let app = Application::build(settings, Arc::new(SystemClock), workers)?;
    banner.print(app.port(), &app.report, started);
    actix_web::rt::System::new().block_on(app.run_until_stopped())?;
    Ok(())
}

struct Banner {
    host: String,
    public_url: String,
    database: String,
    mail: String,
    session_key_generated: bool,
}

impl Banner {
    fn from(settings: &Settings) -> Self {
        Banner {
            host: settings.bind.ip().to_string(),
            public_url: settings.public_base_url.clone(),
            database: settings.database_url.display_redacted(),
            mail: match &settings.mail.transport {
                MailTransport::DevMailbox
                    if settings.bind.ip().is_loopback() || settings.dev_mailbox_open =>
                {
                    format!(
                        "development mailbox at {}/dev/mailbox (nothing leaves the machine)",
                        settings.public_base_url
                    )
                }
                MailTransport::DevMailbox => {
                    "development mailbox, not shown on this address (no PORTAL_SMTP_HOST: emails are not sent)".into()
                }
                MailTransport::Smtp(smtp) => {
                    format!("SMTP {}:{} ({:?})", smtp.host, smtp.port, smtp.security)
                }
            },
            session_key_generated: settings.session_key_generated,
        }
    }

    fn print(&self, port: u16, report: &StartupReport, started: Instant) {
        println!("Customer associations portal is running");
        println!("  URL:       http://{}:{port}", self.host);
        if self.public_url != format!("http://{}:{port}", self.host) {
            println!("  Public:    {}", self.public_url);
        }
        println!(
            "  Database:  {} ({} migration(s) applied)",
            self.database, report.migrations_applied
        );
        println!("  Mail:      {}", self.mail);
        if self.session_key_generated {
            println!("  Sessions:  no PORTAL_SESSION_KEY set; a key was generated for this run");
        }
        if !report.demo_sign_ins.is_empty() {
            let when = if report.seeded_now {
                "seeded now"
            } else {
                "existing data reused, nothing seeded"
            };
            println!(
                "  Demo sign-ins ({when}; password: {}):",
                portal::service::demo::DEMO_PASSWORD
            );
            for s in &report.demo_sign_ins {
                let org = s
                    .organisation
                    .map(|o| format!(" ({o})"))
                    .unwrap_or_default();
                println!("    {:<14} {}{org}", s.role.as_str(), s.email);
            }
        }
        println!(
            "  Ready in {} ms. Stop with Ctrl+C.",
            started.elapsed().as_millis()
        );
    }
}
