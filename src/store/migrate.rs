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
    }
    if !applied.is_empty() {
        refresh_statistics(conn)?;
    }
    Ok(applied.len())
}

/// Measures SQLite's claims table and its indexes again where they were measured before
/// (`portal seed` runs ANALYZE), after migrations that may have made indexes anew: seeing
/// every other index measured but not a new one, the planner read the reviewers' lists one
/// organisation at a time (over a second at 1M claims). A database never measured stays so
/// (statistics of a few indexes alone would mislead the planner the same way).
pub fn refresh_statistics(conn: &mut AnyConnection) -> diesel::QueryResult<()> {
    use diesel::{RunQueryDsl, connection::SimpleConnection};
    #[derive(diesel::QueryableByName)]
    struct Measured {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        tables: i64,
    }
    if let AnyConnection::Sqlite(_) = conn {
        let measured: Measured = diesel::sql_query(
            "SELECT count(*) AS tables FROM sqlite_master \
             WHERE type = 'table' AND name = 'sqlite_stat1'",
        )
        .get_result(conn)?;
        if measured.tables > 0 {
            conn.batch_execute("ANALYZE claims")?;
        }
    }
    Ok(())
}
