//! A bound on a list's order, `(column, id)` compared as one row value: where a page
//! continues (a keyset cursor) and where the first rows a search tests end. Written as
//! `column <= v AND (column < v OR id < i)`, both backends bound the index by the column
//! alone and test each of its ties one by one: 125,000 claims closed at one instant share
//! one `updated_at`, and a list's first thousand rows then cost 125,000 tests (32 ms on
//! SQLite, against 0.2 ms as a row value). A type of its own per comparison, so that
//! diesel keeps the statements that hold it prepared.

use std::marker::PhantomData;

use diesel::{
    QueryResult,
    backend::Backend,
    expression::{
        AppearsOnTable, AsExpression, Expression, SelectableExpression, TypedExpressionType,
        ValidGrouping, is_aggregate,
    },
    query_builder::{AstPass, QueryFragment, QueryId},
    sql_types::{Bool, SqlType},
};

use super::search::{Condition, Db};

/// A comparison of two rows, as SQL writes it.
pub trait Comparison: Copy + QueryId + Send + 'static {
    const SQL: &'static str;
}

macro_rules! comparisons {
    ($($(#[$doc:meta])* $name:ident $sql:literal),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, QueryId)]
        pub struct $name;
        impl Comparison for $name {
            const SQL: &'static str = $sql;
        }
    )*};
}

comparisons!(
    /// `<`
    Below " < ",
    /// `<=`
    UpTo " <= ",
    /// `>=`
    From " >= ",
    /// `>`
    Above " > ",
);

/// `(a, b) <op> (x, y)`.
#[derive(Debug, Clone, Copy, QueryId)]
pub struct RowCompare<A, B, X, Y, Op> {
    columns: (A, B),
    values: (X, Y),
    /// Written by its type ([`Comparison::SQL`]).
    comparison: PhantomData<Op>,
}

/// `(columns) <comparison> (values)`, each value of its column's type.
pub fn rows<A, B, X, Y, Op>(
    columns: (A, B),
    _comparison: Op,
    (x, y): (X, Y),
) -> RowCompare<A, B, X::Expression, Y::Expression, Op>
where
    A: Expression,
    B: Expression,
    A::SqlType: SqlType + TypedExpressionType,
    B::SqlType: SqlType + TypedExpressionType,
    X: AsExpression<A::SqlType>,
    Y: AsExpression<B::SqlType>,
{
    RowCompare {
        columns,
        values: (x.as_expression(), y.as_expression()),
        comparison: PhantomData,
    }
}

impl<A, B, X, Y, Op> Expression for RowCompare<A, B, X, Y, Op> {
    type SqlType = Bool;
}

impl<A, B, X, Y, Op> ValidGrouping<()> for RowCompare<A, B, X, Y, Op> {
    type IsAggregate = is_aggregate::No;
}

impl<A, B, X, Y, Op, QS> AppearsOnTable<QS> for RowCompare<A, B, X, Y, Op>
where
    A: AppearsOnTable<QS>,
    B: AppearsOnTable<QS>,
    X: AppearsOnTable<QS>,
    Y: AppearsOnTable<QS>,
{
}

impl<A, B, X, Y, Op, QS> SelectableExpression<QS> for RowCompare<A, B, X, Y, Op>
where
    A: SelectableExpression<QS>,
    B: SelectableExpression<QS>,
    X: SelectableExpression<QS>,
    Y: SelectableExpression<QS>,
{
}

impl<A, B, X, Y, Op, DB> QueryFragment<DB> for RowCompare<A, B, X, Y, Op>
where
    DB: Backend,
    A: QueryFragment<DB>,
    B: QueryFragment<DB>,
    X: QueryFragment<DB>,
    Y: QueryFragment<DB>,
    Op: Comparison,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql("(");
        self.columns.0.walk_ast(out.reborrow())?;
        out.push_sql(", ");
        self.columns.1.walk_ast(out.reborrow())?;
        out.push_sql(")");
        out.push_sql(Op::SQL);
        out.push_sql("(");
        self.values.0.walk_ast(out.reborrow())?;
        out.push_sql(", ");
        self.values.1.walk_ast(out.reborrow())?;
        out.push_sql(")");
        Ok(())
    }
}

/// Which side of a row the rows kept lie on, chosen as the request is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Below,
    UpTo,
    From,
    Above,
}

impl Side {
    /// The side a list read in `descending` order keeps up to a row, that row included.
    pub fn walked(descending: bool) -> Side {
        match descending {
            true => Side::From,
            false => Side::UpTo,
        }
    }

    /// The side a list read in `descending` order continues on after a row.
    pub fn after(descending: bool) -> Side {
        match descending {
            true => Side::Below,
            false => Side::Above,
        }
    }
}

/// [`rows`] with the comparison chosen at run time, for a boxed query.
pub fn row_bound<A, B, X, Y>(columns: (A, B), side: Side, values: (X, Y)) -> Condition
where
    A: Expression + SelectableExpression<super::schema::claims::table> + QueryFragment<Db>,
    B: Expression + SelectableExpression<super::schema::claims::table> + QueryFragment<Db>,
    A: Send + 'static,
    B: Send + 'static,
    A::SqlType: SqlType + TypedExpressionType,
    B::SqlType: SqlType + TypedExpressionType,
    X: AsExpression<A::SqlType>,
    Y: AsExpression<B::SqlType>,
    X::Expression: SelectableExpression<super::schema::claims::table> + QueryFragment<Db>,
    Y::Expression: SelectableExpression<super::schema::claims::table> + QueryFragment<Db>,
    X::Expression: Send + 'static,
    Y::Expression: Send + 'static,
{
    match side {
        Side::Below => Box::new(rows(columns, Below, values)),
        Side::UpTo => Box::new(rows(columns, UpTo, values)),
        Side::From => Box::new(rows(columns, From, values)),
        Side::Above => Box::new(rows(columns, Above, values)),
    }
}
