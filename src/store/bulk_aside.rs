//! What a bulk load ([`super::bulk`]) sets aside and makes again afterwards: secondary
//! indexes, built once, sorted, at the end — far cheaper than a random insert into every
//! index for every row once they outgrow the cache (PostgreSQL's default 128 MB of shared
//! buffers is gone after ~50,000 claims) — the triggers that copy each row into a search
//! index (filled once afterwards, see [`super::search::rebuild_index`]), and on PostgreSQL
//! the foreign keys, checked once by one join at the end instead of by a trigger per row.
//! Their definitions are read from the database's catalogue, so they stay those of the
//! migrations.

use diesel::{QueryResult, QueryableByName, RunQueryDsl, connection::SimpleConnection};

use super::AnyConnection;

/// Memory for building an index or checking a foreign key after the load, for this
/// transaction only: sorts of tens of millions of rows then stay in memory or spill less
/// than with PostgreSQL's defaults (64 MB and 4 MB).
const PG_RESTORE_MEMORY: &str =
    "SET LOCAL maintenance_work_mem = '512MB'; SET LOCAL work_mem = '256MB'";

pub struct SetAside {
    /// Statements that make what was dropped again, in order.
    restore: Vec<String>,
}

#[derive(QueryableByName)]
struct Definition {
    /// `index`, `trigger` (the triggers that copy rows into a search index: see
    /// [`super::search::rebuild_index`]) or `constraint` (a foreign key).
    #[diesel(sql_type = diesel::sql_types::Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    definition: String,
}

/// Drops the indexes of `tables` that no constraint needs (primary keys and unique
/// constraints stay), their triggers, and their foreign keys on PostgreSQL,
/// remembering how to make them again.
pub fn set_aside(conn: &mut AnyConnection, tables: &[&str]) -> QueryResult<SetAside> {
    let listed = tables
        .iter()
        .map(|t| format!("'{}'", t.replace('\'', "")))
        .collect::<Vec<_>>()
        .join(", ");
    let query = match conn {
        AnyConnection::Postgresql(_) => format!(
            "SELECT 'constraint' AS kind, conrelid::regclass::text AS table_name, \
                 conname::text AS name, \
                 format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, \
                     pg_get_constraintdef(oid)) AS definition \
             FROM pg_constraint WHERE contype = 'f' \
             AND connamespace = current_schema()::regnamespace \
             AND conrelid::regclass::text IN ({listed}) \
             UNION ALL \
             SELECT 'index', tablename::text, indexname::text, indexdef FROM pg_indexes \
             WHERE schemaname = current_schema() AND tablename IN ({listed}) \
             AND indexname NOT IN (SELECT conname FROM pg_constraint) \
             UNION ALL \
             SELECT 'trigger', tgrelid::regclass::text, tgname::text, \
                 pg_get_triggerdef(oid) FROM pg_trigger \
             WHERE NOT tgisinternal AND tgrelid::regclass::text IN ({listed}) \
             ORDER BY kind"
        ),
        AnyConnection::Sqlite(_) => format!(
            "SELECT type AS kind, tbl_name AS table_name, name, sql AS definition \
             FROM sqlite_master \
             WHERE type IN ('index', 'trigger') AND tbl_name IN ({listed}) AND sql IS NOT NULL"
        ),
    };
    let found: Vec<Definition> = diesel::sql_query(query).load(conn)?;
    let postgres = matches!(conn, AnyConnection::Postgresql(_));
    // Foreign keys go first (the query lists them first) and come back last, once the
    // indexes that speed up their check are there.
    for item in &found {
        conn.batch_execute(&match item.kind.as_str() {
            "constraint" => format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                item.table_name, item.name
            ),
            // SQLite's DROP TRIGGER names no table; PostgreSQL's must.
            "trigger" if postgres => format!("DROP TRIGGER {} ON {}", item.name, item.table_name),
            "trigger" => format!("DROP TRIGGER {}", item.name),
            _ => format!("DROP INDEX {}", item.name),
        })?;
    }
    let mut restore: Vec<String> = found.into_iter().map(|i| i.definition).collect();
    restore.reverse();
    if postgres {
        restore.insert(0, PG_RESTORE_MEMORY.to_owned());
    }
    Ok(SetAside { restore })
}

/// Makes what was set aside again (in a transaction: `SET LOCAL` lasts until its end).
pub fn restore(conn: &mut AnyConnection, aside: SetAside) -> QueryResult<()> {
    for statement in &aside.restore {
        conn.batch_execute(statement)?;
    }
    Ok(())
}
