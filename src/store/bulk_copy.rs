//! PostgreSQL's side of [`super::bulk`]: rows buffered in `COPY`'s text format and written
//! with `COPY … FROM STDIN`, which parses each value once with its column type's input
//! function and skips the per-statement work of an `INSERT` (parse, plan, one tuple per
//! `VALUES` entry): several times faster for tens of millions of rows.

use std::{cell::RefCell, fmt::Write as _};

use diesel::{
    ExecuteCopyFromDsl, PgConnection, QueryResult,
    pg::{CopyFormat, CopyTarget, Pg},
    query_builder::AstPass,
};

use super::{bulk::Value, schema};

/// Appends `value` as one field of a `COPY` text row: backslash escapes for the characters
/// that delimit fields and rows, `\N` for NULL.
pub fn push_field(buf: &mut String, value: Value<'_>) {
    // Writing to a String cannot fail.
    let _ = match value {
        Value::Text(text) => {
            for c in text.chars() {
                match c {
                    '\\' => buf.push_str("\\\\"),
                    '\t' => buf.push_str("\\t"),
                    '\n' => buf.push_str("\\n"),
                    '\r' => buf.push_str("\\r"),
                    '\0' => {}
                    c => buf.push(c),
                }
            }
            Ok(())
        }
        Value::Int(n) => write!(buf, "{n}"),
        Value::Bool(b) => write!(buf, "{}", if b { "t" } else { "f" }),
        Value::Time(at) => write!(buf, "{}", at.format("%Y-%m-%d %H:%M:%S")),
        Value::Date(day) => write!(buf, "{}", day.format("%Y-%m-%d")),
        Value::Null => write!(buf, "\\N"),
    };
}

thread_local! {
    /// The `table (column, …)` of the `COPY` under way on this thread: diesel builds a
    /// `COPY`'s target from a type ([`CopyTarget`]), while the bulk loader's tables are
    /// named at run time.
    static TARGET: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The target named in [`TARGET`].
struct NamedTarget;

impl CopyTarget for NamedTarget {
    // Only the SQL written by `walk_target` reaches the database: diesel asks for a table
    // type to tie a typed target to, any table does.
    type Table = schema::claims::table;
    type SqlType = diesel::sql_types::Text;

    fn walk_target(mut pass: AstPass<'_, '_, Pg>) -> QueryResult<()> {
        TARGET.with(|target| pass.push_sql(&target.borrow()));
        Ok(())
    }
}

/// Writes `rows` (text format, one line per row) into `table`'s `columns`.
pub fn copy_in(
    conn: &mut PgConnection,
    table: &str,
    columns: &str,
    rows: &str,
) -> QueryResult<usize> {
    TARGET.with(|target| {
        let mut target = target.borrow_mut();
        target.clear();
        let _ = write!(target, "{table} ({columns})");
    });
    diesel::copy_from(schema::claims::table)
        .from_raw_data(NamedTarget, |out: &mut dyn std::io::Write| {
            out.write_all(rows.as_bytes())
                .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
        })
        .with_format(CopyFormat::Text)
        .execute(conn)
}
