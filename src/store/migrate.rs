//! Embedded migrations, one folder per backend (same names, only the dialect differs).

use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::connection::AnyConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Applies pending migrations; returns how many ran.
pub fn run_pending(conn: &mut AnyConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        AnyConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(|v| v.len()),
        AnyConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES).map(|v| v.len()),
    };
    applied.map_err(|e| anyhow::anyhow!("database migration failed: {e}"))
}
