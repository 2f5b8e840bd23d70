//! A listed claim's product names, selected with the claim itself.
//!
//! A second query for the page's products (`claim_id IN (…25 ids…)`) is a statement of its
//! own length that diesel never caches, so SQLite parsed and planned it for every page; raw
//! SQL (`sql()`) is never cached either. This expression's SQL is fixed, so the list query
//! that selects it stays in diesel's statement cache.

use diesel::{
    backend::Backend,
    expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping},
    query_builder::{AstPass, QueryFragment, QueryId},
    result::QueryResult,
    sql_types::{Nullable, Text},
};

use super::schema::claims;

/// Between the names: a control character no product name contains.
pub const PRODUCT_SEPARATOR: char = '\u{1f}';

/// The names in catalogue order, joined by [`PRODUCT_SEPARATOR`]; NULL without products.
/// `string_agg(… ORDER BY …)` is standard on PostgreSQL and on SQLite (3.44+).
#[derive(Debug, Clone, Copy, QueryId, ValidGrouping)]
pub struct ProductNamesOfClaim;

impl Expression for ProductNamesOfClaim {
    type SqlType = Nullable<Text>;
}

impl<DB: Backend> QueryFragment<DB> for ProductNamesOfClaim {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql(
            "(SELECT string_agg(products.name, '\u{1f}' ORDER BY products.sort_order, products.name) \
             FROM claim_products JOIN products ON products.id = claim_products.product_id \
             WHERE claim_products.claim_id = claims.id)",
        );
        Ok(())
    }
}

impl AppearsOnTable<claims::table> for ProductNamesOfClaim {}
impl SelectableExpression<claims::table> for ProductNamesOfClaim {}
