//! What `/metrics` reads at scrape time: the outbox's depth and the pool's state.

use chrono::{DateTime, Utc};

use crate::{
    metrics::Gauge,
    store::{DbPool, db_time, from_db_time, outbox_depth, pool_metrics, statements},
};

/// Runs `work` and says how many SQL statements it sent (each request's are counted).
pub fn counting_statements<T>(work: impl FnOnce() -> T) -> (T, u64) {
    statements::counted(work)
}

pub fn gauges(pool: &DbPool, now: DateTime<Utc>) -> anyhow::Result<Vec<Gauge>> {
    // Before this read takes a connection of its own.
    let (connections, idle, max) = pool_metrics::state(pool);
    let mut conn = pool.get()?;
    let depth = outbox_depth::depth(&mut conn, db_time(now))?;
    let waited = depth.oldest_due.map_or(0.0, |at| {
        (now - from_db_time(at)).num_milliseconds().max(0) as f64 / 1000.0
    });
    let gauge = |name, help, value| Gauge { name, help, value };
    Ok(vec![
        gauge(
            "portal_outbox_pending",
            "Emails not sent yet: due now or waiting for their next attempt.",
            depth.pending as f64,
        ),
        gauge(
            "portal_outbox_due",
            "Emails due to be sent now.",
            depth.due as f64,
        ),
        gauge(
            "portal_outbox_oldest_due_age_seconds",
            "How long the longest-waiting due email has been due (0 when none is).",
            waited,
        ),
        gauge(
            "portal_outbox_failed",
            "Emails given up on after their last attempt, until an administrator retries them.",
            depth.failed as f64,
        ),
        gauge(
            "portal_db_pool_connections",
            "Database connections open in this instance's pool.",
            f64::from(connections),
        ),
        gauge(
            "portal_db_pool_idle_connections",
            "Open database connections not in use.",
            f64::from(idle),
        ),
        gauge(
            "portal_db_pool_max_connections",
            "The most connections the pool opens (PORTAL_DATABASE_POOL_SIZE).",
            f64::from(max),
        ),
    ])
}
