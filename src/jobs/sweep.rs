//! Working through due claims in batches, one transaction per claim.

use chrono::{DateTime, Utc};

use crate::{
    service::system_changes::Outcome,
    store::{
        AnyConnection, DbPool,
        claim_status::{self, DueColumn},
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
    let mut after = None;
    loop {
        let page = claim_status::due(
            &mut conn,
            status,
            column,
            db_time(now),
            after.as_ref(),
            BATCH,
        )?;
        for (id, _) in &page {
            match one(&mut conn, id) {
                Ok(Outcome::Skipped) => {}
                Ok(outcome) => outcomes.push(outcome),
                Err(e) => {
                    tracing::error!(claim_id = id.as_str(), error = %e, "due claim not processed");
                }
            }
        }
        // Read on past this page, so claims that stay due (held, or failing) never hide
        // the ones behind them.
        match page.last() {
            Some((id, at)) if page.len() as i64 == BATCH => after = Some((*at, id.clone())),
            _ => return Ok(outcomes),
        }
    }
}
