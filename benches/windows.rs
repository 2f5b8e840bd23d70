//! Closing due opt-out windows at scale: `cargo bench --bench windows` on a database seeded
//! with `portal seed` (BENCH_DATABASE_URL, required; it is changed, pending migrations too:
//! use a copy), or seeded
//! here first when BENCH_SEED_CLAIMS says how many claims (an empty database; `_` may group
//! digits). An eighth of the seeded claims wait for the customer (125,000 of 1,000,000).
//! Every pending claim's window is made due by running the job as of six days from now, so
//! each becomes official (or is rejected), batch by batch, with its audit and outbox rows.
//! Prints one line: windows closed, seconds, per second, SQL statements per window.

use std::time::{Duration, Instant};

use portal::{
    config::{DatabaseUrl, Settings},
    service::{context::Context, due_claims, seed::SeedPlan},
    startup,
    store::{connection::build_pool, migrate, statements},
};

fn main() -> anyhow::Result<()> {
    let url = std::env::var("BENCH_DATABASE_URL")
        .map_err(|_| anyhow::anyhow!("BENCH_DATABASE_URL: a seeded database (a copy)"))?;
    let database = DatabaseUrl::parse(&url).map_err(anyhow::Error::msg)?;
    let mut settings = Settings::from_env()?;
    // Failed batches and claims are told on stderr (RUST_LOG; `off` for none).
    portal::telemetry::init(settings.log_format);
    settings.database_url = database.clone();
    if let Some(claims) = seed_claims()? {
        let plan = SeedPlan {
            claims,
            organisations: 100,
            ready_drafts: 0,
        };
        let report = startup::seed(&settings, plan, |step| eprintln!("  seeded {step}"))?;
        eprintln!("seeded {} claims in {:.1} s", report.claims, report.seconds);
    }
    let pool = build_pool(&database, 2, Duration::from_secs(30))?;
    // A database seeded by an older portal lacks the newer tables (webhooks): add them.
    let mut conn = pool.get()?;
    migrate::run_pending(&mut conn)?;
    drop(conn);
    let context = Context::from_settings(&settings);
    let later = chrono::Utc::now() + chrono::Duration::days(6);
    let started = Instant::now();
    let (report, sent) = statements::counted(|| due_claims::close_windows(&pool, &context, later));
    let report = report?;
    let seconds = started.elapsed().as_secs_f64();
    let closed = report.official + report.rejected;
    println!(
        "windows closed\t{closed}\t{seconds:.1} s\t{:.0}/s\t({} official, {} rejected)\t{:.2} statements/window",
        closed as f64 / seconds,
        report.official,
        report.rejected,
        sent as f64 / closed.max(1) as f64,
    );
    Ok(())
}

/// BENCH_SEED_CLAIMS, if set.
fn seed_claims() -> anyhow::Result<Option<u64>> {
    match std::env::var("BENCH_SEED_CLAIMS") {
        Ok(text) => Ok(Some(text.replace('_', "").parse().map_err(|e| {
            anyhow::anyhow!("BENCH_SEED_CLAIMS: a number of claims ({e})")
        })?)),
        Err(_) => Ok(None),
    }
}
