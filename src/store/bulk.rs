//! Multi-row `INSERT`s for filling a database fast (`portal seed`): rows are buffered and
//! written a few hundred per statement. Values are SQL literals written here, so only
//! generated data goes through it, never what a visitor typed.

use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::{QueryResult, QueryableByName, RunQueryDsl, connection::SimpleConnection};

use super::AnyConnection;

/// Rows of a parent table per statement: large enough that parsing and round trips stop
/// mattering, small enough that statements stay a few hundred kilobytes.
const ROWS_PER_STATEMENT: usize = 400;

/// One column's value.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    Text(&'a str),
    Int(i64),
    Bool(bool),
    Time(NaiveDateTime),
    Date(NaiveDate),
    Null,
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(text: &'a str) -> Self {
        Value::Text(text)
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(text: &'a String) -> Self {
        Value::Text(text)
    }
}

impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(text: Option<&'a str>) -> Self {
        text.map_or(Value::Null, Value::Text)
    }
}

impl From<NaiveDateTime> for Value<'_> {
    fn from(at: NaiveDateTime) -> Self {
        Value::Time(at)
    }
}

impl From<Option<NaiveDateTime>> for Value<'_> {
    fn from(at: Option<NaiveDateTime>) -> Self {
        at.map_or(Value::Null, Value::Time)
    }
}

/// Rows for one table, written in multi-row statements. Tables that refer to each other are
/// written together, parents first ([`flush_if_full`]), so foreign keys hold at every
/// statement.
pub struct Bulk {
    head: String,
    columns: usize,
    sql: String,
    buffered: usize,
    written: u64,
}

impl Bulk {
    pub fn new(table: &str, columns: &[&str]) -> Self {
        Bulk {
            head: format!("INSERT INTO {table} ({}) VALUES ", columns.join(", ")),
            columns: columns.len(),
            sql: String::new(),
            buffered: 0,
            written: 0,
        }
    }

    /// Buffers a row (its values in the order of the columns).
    pub fn row(&mut self, values: &[Value<'_>]) {
        debug_assert_eq!(values.len(), self.columns, "{}", self.head);
        self.sql.push_str(if self.buffered == 0 {
            &self.head
        } else {
            ",\n"
        });
        self.sql.push('(');
        for (n, value) in values.iter().enumerate() {
            if n > 0 {
                self.sql.push_str(", ");
            }
            push_literal(&mut self.sql, *value);
        }
        self.sql.push(')');
        self.buffered += 1;
    }

    /// Writes what is buffered.
    pub fn flush(&mut self, conn: &mut AnyConnection) -> QueryResult<()> {
        if self.buffered > 0 {
            conn.batch_execute(&self.sql)?;
            self.written += self.buffered as u64;
            self.sql.clear();
            self.buffered = 0;
        }
        Ok(())
    }

    /// Rows written so far.
    pub fn written(&self) -> u64 {
        self.written
    }
}

fn push_literal(sql: &mut String, value: Value<'_>) {
    // Writing to a String cannot fail.
    let _ = match value {
        Value::Text(text) => {
            sql.push('\'');
            for c in text.chars().filter(|c| *c != '\0') {
                if c == '\'' {
                    sql.push('\'');
                }
                sql.push(c);
            }
            sql.push('\'');
            Ok(())
        }
        Value::Int(n) => write!(sql, "{n}"),
        Value::Bool(b) => write!(sql, "{}", if b { "TRUE" } else { "FALSE" }),
        Value::Time(at) => write!(sql, "'{}'", at.format("%Y-%m-%d %H:%M:%S")),
        Value::Date(day) => write!(sql, "'{}'", day.format("%Y-%m-%d")),
        Value::Null => write!(sql, "NULL"),
    };
}

/// Writes `tables` in order (parents first) once the first has a statement's worth of rows.
pub fn flush_if_full(conn: &mut AnyConnection, tables: &mut [&mut Bulk]) -> QueryResult<()> {
    if tables
        .first()
        .is_some_and(|t| t.buffered >= ROWS_PER_STATEMENT)
    {
        flush_all(conn, tables)?;
    }
    Ok(())
}

/// Writes what `tables` hold, in order; the rows written by them so far.
pub fn flush_all(conn: &mut AnyConnection, tables: &mut [&mut Bulk]) -> QueryResult<u64> {
    let mut written = 0;
    for table in tables.iter_mut() {
        table.flush(conn)?;
        written += table.written();
    }
    Ok(written)
}

/// Refreshes the planner's statistics after a bulk load. PostgreSQL's tables are vacuumed
/// too, as autovacuum keeps a live database: index-only scans then skip the table, and the
/// rows' commit hints are written once here instead of by the first reads of a benchmark.
pub fn analyze(conn: &mut AnyConnection) -> QueryResult<()> {
    match conn {
        AnyConnection::Postgresql(_) => conn.batch_execute("VACUUM (ANALYZE)"),
        AnyConnection::Sqlite(_) => conn.batch_execute("ANALYZE"),
    }
}

/// Secondary indexes set aside during a bulk load: building each once, sorted, at the end
/// is far cheaper than a random insert into every index for every row once they outgrow
/// the cache (PostgreSQL's default 128 MB of shared buffers is gone after ~50,000 claims).
pub struct IndexesSetAside {
    definitions: Vec<String>,
}

#[derive(QueryableByName)]
struct IndexDefinition {
    /// `index`, or `trigger` (SQLite's triggers that copy rows into a search index).
    #[diesel(sql_type = diesel::sql_types::Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    definition: String,
}

/// Drops the indexes of `tables` that no constraint needs (primary keys and unique
/// constraints stay), and on SQLite their triggers (which fill the search index: see
/// [`super::search::rebuild_index`]), remembering how to make them again.
pub fn set_indexes_aside(
    conn: &mut AnyConnection,
    tables: &[&str],
) -> QueryResult<IndexesSetAside> {
    let listed = tables
        .iter()
        .map(|t| format!("'{}'", t.replace('\'', "")))
        .collect::<Vec<_>>()
        .join(", ");
    let query = match conn {
        AnyConnection::Postgresql(_) => format!(
            "SELECT 'index' AS kind, indexname AS name, indexdef AS definition FROM pg_indexes \
             WHERE schemaname = current_schema() AND tablename IN ({listed}) \
             AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        ),
        AnyConnection::Sqlite(_) => format!(
            "SELECT type AS kind, name, sql AS definition FROM sqlite_master \
             WHERE type IN ('index', 'trigger') AND tbl_name IN ({listed}) AND sql IS NOT NULL"
        ),
    };
    let found: Vec<IndexDefinition> = diesel::sql_query(query).load(conn)?;
    for index in &found {
        let kind = if index.kind == "trigger" {
            "TRIGGER"
        } else {
            "INDEX"
        };
        conn.batch_execute(&format!("DROP {kind} {}", index.name))?;
    }
    Ok(IndexesSetAside {
        definitions: found.into_iter().map(|i| i.definition).collect(),
    })
}

/// Makes the indexes set aside again.
pub fn restore_indexes(conn: &mut AnyConnection, aside: IndexesSetAside) -> QueryResult<()> {
    for definition in &aside.definitions {
        conn.batch_execute(definition)?;
    }
    Ok(())
}
