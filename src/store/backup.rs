//! A consistent copy of a SQLite database while the portal keeps using it (`portal backup`).
//!
//! `VACUUM INTO` reads the whole database in one read transaction: in WAL mode writers carry
//! on meanwhile, and the copy is the database as of that transaction's start — every
//! committed change before it, none after. The copy is one self-contained file (compacted,
//! in rollback-journal mode, no `-wal` beside it); the portal switches it to WAL when it
//! starts on it.

use std::path::Path;

use diesel::{prelude::*, sql_types::Text};

use super::connection::Manager;
use crate::config::DatabaseUrl;

/// Copies the SQLite database at `source` into `target`, which must not exist or be empty
/// (SQLite refuses any other). `target` must be UTF-8: SQLite takes it as text.
pub fn vacuum_into(source: &Path, target: &str) -> anyhow::Result<()> {
    let manager = Manager::new(DatabaseUrl::Sqlite(source.to_owned()));
    let super::AnyConnection::Sqlite(mut conn) = manager.connect()? else {
        anyhow::bail!("{} is not a SQLite database", source.display());
    };
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target)
        .execute(&mut conn)?;
    Ok(())
}
