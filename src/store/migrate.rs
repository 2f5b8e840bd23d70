//! Embedded migrations, one folder per backend (same names, only the dialect differs).

use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::connection::AnyConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// The migration that added `claims.search_text`, filled by SQL's `lower()`.
const SEARCH_TEXT: &str = "20261224000100";

/// Applies pending migrations; returns how many ran.
pub fn run_pending(conn: &mut AnyConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        AnyConnection::Sqlite(c) => c
            .run_pending_migrations(SQLITE)
            .map(|v| v.iter().map(ToString::to_string).collect::<Vec<_>>()),
        AnyConnection::Postgresql(c) => c
            .run_pending_migrations(POSTGRES)
            .map(|v| v.iter().map(ToString::to_string).collect::<Vec<_>>()),
    }
    .map_err(|e| anyhow::anyhow!("database migration failed: {e}"))?;
    if applied.iter().any(|v| v.replace('-', "") == SEARCH_TEXT) {
        // The claims that existed get the portal's folding (any script, not ASCII only),
        // then SQLite's trigram index is filled from them.
        super::search::refold_all(conn)?;
        super::search::rebuild_index(conn)?;
        super::search::refresh_statistics(conn)?;
    }
    Ok(applied.len())
}
