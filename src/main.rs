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
        Some("create-admin") => return create_admin(&args[1..]),
        Some("seed") => return seed(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
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

const USAGE: &str = "usage: portal [serve]
       portal create-admin --email EMAIL [--name NAME]
       portal seed --claims N [--organisations M] [--ready-drafts K]

serve         starts the portal (the default)
create-admin  creates an administrator; the password is asked for, or read from the
              first line of standard input when that is not a terminal
seed          fills the database with generated data for measuring the portal at
              scale: M partner organisations (default 100), N claims in every status
              with their tenants, proof of execution, audit rows and emails (demo data
              is added first), and K complete drafts in one more organisation of their
              own, ready to submit

Configuration comes from PORTAL_* variables (see README.md).";

/// `portal create-admin --email … [--name …]`: the first administrator of an empty portal.
fn create_admin(args: &[String]) -> ExitCode {
    let mut email = None;
    let mut name = None;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        match (flag.as_str(), rest.next()) {
            ("--email", Some(value)) => email = Some(value.clone()),
            ("--name", Some(value)) => name = Some(value.clone()),
            _ => {
                eprintln!("portal: create-admin: unexpected `{flag}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(email) = email else {
        eprintln!("portal: create-admin needs --email\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let name = name.unwrap_or_else(|| "Administrator".to_owned());
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("portal: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    let password = match read_password() {
        Ok(password) => password,
        Err(e) => {
            eprintln!("portal: cannot read the password: {e}");
            return ExitCode::FAILURE;
        }
    };
    match portal::startup::create_administrator(&settings, &email, &name, &password) {
        Ok(Ok(email)) => {
            println!(
                "Administrator {email} created. Sign in at {}/sign-in",
                settings.public_base_url
            );
            ExitCode::SUCCESS
        }
        Ok(Err(refused)) => {
            let t = portal::i18n::Catalogue::for_locale(portal::i18n::Locale::En);
            eprintln!("portal: create-admin: {}", refused.describe(t));
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("portal: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `portal seed --claims N [--organisations M] [--ready-drafts K]`: generated data for
/// benchmarks.
fn seed(args: &[String]) -> ExitCode {
    let mut plan = portal::service::seed::SeedPlan {
        claims: 0,
        organisations: 100,
        ready_drafts: 0,
    };
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .and_then(|v| v.replace('_', "").parse::<u64>().ok());
        match (flag.as_str(), value) {
            ("--claims", Some(n)) => plan.claims = n,
            ("--organisations", Some(n)) => plan.organisations = n,
            ("--ready-drafts", Some(n)) => plan.ready_drafts = n,
            _ => {
                eprintln!("portal: seed: unexpected `{flag}` (numbers expected)\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("portal: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    match portal::startup::seed(&settings, plan, |step| eprintln!("  seeded {step}")) {
        Ok(report) => {
            println!(
                "Seeded {} claims, {} organisations, {} tenants ({} rows) in {:.1} s",
                report.claims, report.organisations, report.tenants, report.rows, report.seconds
            );
            println!(
                "Sign in as {} or {} (password: {})",
                report.partner_email,
                report.reviewer_email,
                portal::service::demo::DEMO_PASSWORD
            );
            if let Some(email) = &report.ready_drafts_email {
                println!(
                    "{} drafts ready to submit belong to {email}",
                    plan.ready_drafts
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("portal: seed: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Asks twice on a terminal (without echo); otherwise reads the first line of stdin.
fn read_password() -> std::io::Result<String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let again = rpassword::prompt_password("The same password again: ")?;
        if first != again {
            return Err(std::io::Error::other("the two passwords differ"));
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
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
