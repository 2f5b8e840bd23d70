//! Working through due claims in batches, one transaction per claim.

use chrono::{DateTime, Utc};

use crate::{
    service::system_changes::Outcome,
    store::{
        AnyConnection, DbPool,
        claims::{self, DueColumn},
        db_time,
    },
};

const BATCH: i64 = 500;

/// Applies `one` to every claim in `status` whose `column` has passed; returns the outcome
/// of each change made. A claim that fails is logged and left for the next pass.
pub fn due_claims(
    pool: &DbPool,
    status: &str,
    column: DueColumn,
    now: DateTime<Utc>,
    mut one: impl FnMut(&mut AnyConnection, &str) -> anyhow::Result<Outcome>,
) -> anyhow::Result<Vec<Outcome>> {
    let mut conn = pool.get()?;
    let mut outcomes = Vec::new();
    loop {
        let ids = claims::due(&mut conn, status, column, db_time(now), BATCH)?;
        let mut moved = 0;
        for id in &ids {
            match one(&mut conn, id) {
                Ok(Outcome::Skipped) => {}
                Ok(outcome) => {
                    moved += 1;
                    outcomes.push(outcome);
                }
                Err(e) => {
                    tracing::error!(claim_id = id.as_str(), error = %e, "due claim not processed")
                }
            }
        }
        // A short batch was the last; a batch where nothing moved would repeat itself.
        if (ids.len() as i64) < BATCH || moved == 0 {
            return Ok(outcomes);
        }
    }
}
