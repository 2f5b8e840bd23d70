//! Bulk writes for filling a database fast (`portal seed`): rows are buffered and written
//! many at a time, with `COPY` on PostgreSQL ([`super::bulk_copy`]) and multi-row `INSERT`s
//! a few hundred rows per statement on SQLite. Values are SQL literals written here, so
//! only generated data goes through it, never what a visitor typed.

use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::{QueryResult, connection::SimpleConnection};

use super::{AnyConnection, bulk_copy};

/// Rows of a parent table per statement: large enough that parsing and round trips stop
/// mattering, small enough that statements stay a few hundred kilobytes.
const ROWS_PER_STATEMENT: usize = 400;
/// Rows of a parent table per `COPY`: a `COPY` costs no parsing, so only round trips and
/// the buffers' memory (a few megabytes) count.
const ROWS_PER_COPY: usize = 5_000;

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
    table: String,
    column_names: String,
    head: String,
    columns: usize,
    /// `COPY` text rows (PostgreSQL), or an `INSERT` statement (SQLite).
    copy: bool,
    sql: String,
    buffered: usize,
    written: u64,
}

impl Bulk {
    /// Rows for `table`, written the fastest way `conn`'s database takes them.
    pub fn new(conn: &AnyConnection, table: &str, columns: &[&str]) -> Self {
        let column_names = columns.join(", ");
        Bulk {
            head: format!("INSERT INTO {table} ({column_names}) VALUES "),
            table: table.to_owned(),
            column_names,
            columns: columns.len(),
            copy: matches!(conn, AnyConnection::Postgresql(_)),
            sql: String::new(),
            buffered: 0,
            written: 0,
        }
    }

    /// Buffers a row (its values in the order of the columns).
    pub fn row(&mut self, values: &[Value<'_>]) {
        debug_assert_eq!(values.len(), self.columns, "{}", self.head);
        if self.copy {
            for (n, value) in values.iter().enumerate() {
                if n > 0 {
                    self.sql.push('\t');
                }
                bulk_copy::push_field(&mut self.sql, *value);
            }
            self.sql.push('\n');
            self.buffered += 1;
            return;
        }
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
            match conn {
                AnyConnection::Postgresql(pg) if self.copy => {
                    bulk_copy::copy_in(pg, &self.table, &self.column_names, &self.sql)?;
                }
                _ => conn.batch_execute(&self.sql)?,
            }
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
    if tables.first().is_some_and(|t| {
        t.buffered
            >= if t.copy {
                ROWS_PER_COPY
            } else {
                ROWS_PER_STATEMENT
            }
    }) {
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
