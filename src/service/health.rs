//! Whether the database answers, for `/health`.

use std::time::Duration;

use diesel::connection::SimpleConnection;

use crate::store::DbPool;

/// Takes a connection within `timeout` and runs the cheapest statement on it.
pub fn database_answers(pool: &DbPool, timeout: Duration) -> anyhow::Result<()> {
    let mut conn = pool.get_timeout(timeout)?;
    conn.batch_execute("SELECT 1")?;
    Ok(())
}
