//! A claim's product names, kept on the claim (`claims.product_names`) for its list rows.
//!
//! Computed per listed row, the names cost more than the rest of a list page's query (a
//! subquery with a join and a sort for each of 25 rows: PostgreSQL ran the page's query at a
//! fifth of the speed without them). So they are computed when they change, by this
//! expression: with the claim's products, and for every claim of a renamed product.

use diesel::{
    backend::Backend,
    expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping},
    query_builder::{AstPass, QueryFragment, QueryId},
    result::QueryResult,
    sql_types::{Nullable, Text},
};

use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{claim_products, claims},
};

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

/// Writes the claim's product names from its products (after they changed).
pub fn refresh_for_claim(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<()> {
    diesel::update(claims::table.find(claim_id))
        .set(claims::product_names.eq(ProductNamesOfClaim))
        .execute(conn)
        .map(drop)
}

/// Writes the product names of every claim with this product (after it was renamed).
pub fn refresh_for_product(conn: &mut AnyConnection, product_id: &str) -> QueryResult<usize> {
    let with_product = claim_products::table
        .filter(claim_products::product_id.eq(product_id))
        .select(claim_products::claim_id);
    diesel::update(claims::table.filter(claims::id.eq_any(with_product)))
        .set(claims::product_names.eq(ProductNamesOfClaim))
        .execute(conn)
}
