//! `portal`: starts the customer associations portal (`serve`, the default), creates an
//! administrator, backs up the database or seeds generated data. The command line is clap's; the `PORTAL_*`
//! settings are defined once, in [`ConfigArgs`].

use std::{process::ExitCode, sync::Arc, time::Instant};

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, parser::ValueSource};
use portal::{
    clock::SystemClock,
    config::{ConfigArgs, ConfigError, MailTransport, Settings},
    startup::{Application, StartupReport},
    telemetry,
};

/// The customer associations (CPOR) portal: partners claim customer associations, customers may
/// opt out, programme staff review them.
#[derive(Parser)]
#[command(name = "portal", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

const AFTER_HELP: &str = "Without a command, `portal` serves. Configuration comes from the \
PORTAL_* variables: `portal serve --help` lists them with their defaults (and README.md).";

const CONFIGURATION: &str = "Configuration comes from the PORTAL_* variables listed by \
`portal serve --help` (PORTAL_DATABASE_URL chooses the database).";

#[derive(Subcommand)]
enum Command {
    /// Starts the portal (the default)
    ///
    /// Each setting is a flag or its PORTAL_* variable (the flag wins); an empty variable
    /// counts as unset. A bad value stops start-up with one line naming it.
    Serve {
        #[command(flatten)]
        config: Box<ConfigArgs>,
    },
    /// Creates an administrator (the first one of an empty portal)
    ///
    /// The password is asked for twice, or read from the first line of standard input when
    /// that is not a terminal.
    #[command(after_help = CONFIGURATION)]
    CreateAdmin {
        /// The administrator's email address, used to sign in
        #[arg(long)]
        email: String,
        /// The name shown for the administrator
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Copies the SQLite database to PATH, consistently, while the portal runs
    ///
    /// PATH must not exist. The copy is one file; to restore, stop the portal and point
    /// PORTAL_DATABASE_URL at it (or put it in the database's place, without the old
    /// database's -wal and -shm files). A PostgreSQL database is backed up with pg_dump.
    #[command(after_help = CONFIGURATION)]
    Backup {
        /// The new file to write the copy to
        path: std::path::PathBuf,
    },
    /// Fills the database with generated data for measuring the portal at scale
    ///
    /// M partner organisations, N claims in every status with their tenants, proof of
    /// execution, audit rows and emails (demo data is added first), and K complete drafts in
    /// one more organisation of their own, ready to submit. Numbers may contain `_`
    /// (1_000_000).
    #[command(after_help = CONFIGURATION)]
    Seed {
        /// Claims to generate (N)
        #[arg(long, value_name = "N", default_value = "0", value_parser = number)]
        claims: u64,
        /// Partner organisations to spread them over (M)
        #[arg(long, value_name = "M", default_value = "100", value_parser = number)]
        organisations: u64,
        /// Complete drafts, ready to submit, in one more organisation (K)
        #[arg(long, value_name = "K", default_value = "0", value_parser = number)]
        ready_drafts: u64,
    },
}

fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidUtf8 => {
            // A PORTAL_* variable that is not UTF-8: name it (clap's message does not).
            match portal::config::check_environment() {
                Err(config) => return configuration_error(&config),
                Ok(()) => e.exit(),
            }
        }
        Err(e) => e.exit(),
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let settings = match cli.command {
        Some(Command::CreateAdmin { email, name }) => return create_admin(&email, &name),
        Some(Command::Backup { path }) => return backup(&path),
        Some(Command::Seed {
            claims,
            organisations,
            ready_drafts,
        }) => {
            return seed(portal::service::seed::SeedPlan {
                claims,
                organisations,
                ready_drafts,
            });
        }
        Some(Command::Serve { config }) => Settings::from_args(&config).map_err(|e| {
            let serve = matches.subcommand_matches("serve");
            named_as_given(e, serve)
        }),
        None => Settings::from_env(),
    };
    let settings = match settings {
        Ok(s) => s,
        Err(e) => return configuration_error(&e),
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

/// One line naming the setting; start-up stops.
fn configuration_error(e: &ConfigError) -> ExitCode {
    eprintln!("portal: configuration error: {e}");
    ExitCode::from(2)
}

/// A bad value given as a flag is reported under the flag's name, not its variable's.
fn named_as_given(mut e: ConfigError, serve: Option<&ArgMatches>) -> ConfigError {
    let command = Cli::command();
    let flag = command
        .find_subcommand("serve")
        .into_iter()
        .flat_map(|serve| serve.get_arguments())
        .find(|arg| arg.get_env().is_some_and(|v| v == e.variable));
    if let (Some(flag), Some(serve)) = (flag, serve)
        && serve.value_source(flag.get_id().as_str()) == Some(ValueSource::CommandLine)
        && let Some(long) = flag.get_long()
    {
        e.variable = format!("--{long}").leak();
    }
    e
}

/// A count for `portal seed`; `_` may group digits (`1_000_000`).
fn number(raw: &str) -> Result<u64, String> {
    raw.replace('_', "")
        .parse()
        .map_err(|_| "a whole number is expected".to_owned())
}

/// `portal create-admin --email … [--name …]`: the first administrator of an empty portal.
fn create_admin(email: &str, name: &str) -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => return configuration_error(&e),
    };
    let password = match read_password() {
        Ok(password) => password,
        Err(e) => {
            eprintln!("portal: cannot read the password: {e}");
            return ExitCode::FAILURE;
        }
    };
    match portal::startup::create_administrator(&settings, email, name, &password) {
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

/// `portal backup PATH`: 0 when copied, 2 when refused (nothing written), 1 when it failed.
fn backup(target: &std::path::Path) -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => return configuration_error(&e),
    };
    match portal::service::backup::backup(&settings.database_url, target) {
        Ok(Ok(report)) => {
            println!(
                "Backed up {} to {} ({:.1} MB) in {:.1} s",
                report.source.display(),
                target.display(),
                report.bytes as f64 / 1_000_000.0,
                report.seconds
            );
            ExitCode::SUCCESS
        }
        Ok(Err(refused)) => {
            eprintln!("portal: backup: {refused}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("portal: backup: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `portal seed --claims N [--organisations M] [--ready-drafts K]`: generated data for
/// benchmarks.
fn seed(plan: portal::service::seed::SeedPlan) -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => return configuration_error(&e),
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
