//! Whether the database answers, for `/health`.

use std::time::Duration;

use crate::store::{DbPool, connection};

/// Within `timeout`, or it counts as not answering.
pub fn database_answers(pool: &DbPool, timeout: Duration) -> anyhow::Result<()> {
    connection::answers(pool, timeout)
}
