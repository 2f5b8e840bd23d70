//! Closing due opt-out windows at scale: `cargo bench --bench windows` on a database seeded
//! with `portal seed` (BENCH_DATABASE_URL, required; it is changed: use a copy). Every
//! pending claim's window is made due by running the job as of six days from now, so each
//! becomes official (or is rejected) in its own transaction, with its audit and outbox rows.
//! Prints one line: windows closed, seconds, per second.

use std::time::{Duration, Instant};

use portal::{
    config::{DatabaseUrl, Settings},
    service::context::Context,
    service::due_claims,
    store::connection::build_pool,
};

fn main() -> anyhow::Result<()> {
    let url = std::env::var("BENCH_DATABASE_URL")
        .map_err(|_| anyhow::anyhow!("BENCH_DATABASE_URL: a seeded database (a copy)"))?;
    let url = DatabaseUrl::parse(&url).map_err(anyhow::Error::msg)?;
    let pool = build_pool(&url, 2, Duration::from_secs(30))?;
    let settings = Settings::from_env()?;
    let context = Context::from_settings(&settings);
    let later = chrono::Utc::now() + chrono::Duration::days(6);
    let started = Instant::now();
    let report = due_claims::close_windows(&pool, &context, later)?;
    let seconds = started.elapsed().as_secs_f64();
    let closed = report.official + report.rejected;
    println!(
        "windows closed\t{closed}\t{seconds:.1} s\t{:.0}/s\t({} official, {} rejected)",
        closed as f64 / seconds,
        report.official,
        report.rejected
    );
    Ok(())
}
