//! Conditions whose SQL text does not depend on their values, for queries run with
//! [`load_direct`](super::connection::load_direct): diesel keeps such a statement prepared on
//! the connection, while `eq_any` over a list (one placeholder per value) and `sql()`
//! literals make it prepare the statement again on every call.

use std::marker::PhantomData;

use diesel::{
    expression::{AppearsOnTable, Expression, ValidGrouping, is_aggregate},
    pg::Pg,
    prelude::*,
    query_builder::{AstPass, QueryFragment, QueryId},
    sql_types::{Array, Bool, Text},
    sqlite::Sqlite,
};

/// `column IN (texts)` with the texts bound as one value whatever their number: a JSON array
/// read by `json_each` on SQLite, a text array (`= ANY`) on PostgreSQL. Both planners read it
/// as a list of values (an index is searched once per value, as for `IN (?, ?, …)`).
#[derive(Debug, Clone)]
pub struct InTexts<'a, C> {
    column: C,
    texts: &'a [String],
    json: String,
}

/// `column IN (texts)`, see [`InTexts`].
pub fn in_texts<C>(column: C, texts: &[String]) -> InTexts<'_, C> {
    InTexts {
        column,
        texts,
        json: serde_json::Value::from(texts).to_string(),
    }
}

impl<C> Expression for InTexts<'_, C> {
    type SqlType = Bool;
}

impl<C, QS> AppearsOnTable<QS> for InTexts<'_, C> where C: AppearsOnTable<QS> {}

impl<C> ValidGrouping<()> for InTexts<'_, C> {
    type IsAggregate = is_aggregate::Never;
}

/// The statement's text depends on the column alone.
pub struct InTextsOf<C>(PhantomData<C>);

impl<C: QueryId> QueryId for InTexts<'_, C> {
    type QueryId = InTextsOf<C::QueryId>;
    const HAS_STATIC_QUERY_ID: bool = C::HAS_STATIC_QUERY_ID;
}

impl<C: QueryFragment<Sqlite>> QueryFragment<Sqlite> for InTexts<'_, C> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (SELECT value FROM json_each(");
        out.push_bind_param::<Text, _>(&self.json)?;
        out.push_sql("))");
        Ok(())
    }
}

impl<C: QueryFragment<Pg>> QueryFragment<Pg> for InTexts<'_, C> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" = ANY(");
        out.push_bind_param::<Array<Text>, _>(self.texts)?;
        out.push_sql(")");
        Ok(())
    }
}

/// A condition written as fixed SQL text (`$sql`), as a type of its own so a query using it
/// keeps its prepared statement (a `sql()` literal is prepared on every call).
macro_rules! fixed_condition {
    ($(#[$meta:meta])* $name:ident, $sql:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, diesel::query_builder::QueryId)]
        pub struct $name;

        impl diesel::expression::Expression for $name {
            type SqlType = diesel::sql_types::Bool;
        }

        impl<QS> diesel::expression::AppearsOnTable<QS> for $name {}

        impl diesel::expression::ValidGrouping<()> for $name {
            type IsAggregate = diesel::expression::is_aggregate::Never;
        }

        impl<DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for $name {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
            ) -> diesel::QueryResult<()> {
                out.push_sql($sql);
                Ok(())
            }
        }
    };
}
pub(crate) use fixed_condition;
