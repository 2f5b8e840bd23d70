//! The product and workload catalogue (data, editable by administrators).

use diesel::prelude::*;

use super::{AnyConnection, schema::products};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = products)]
pub struct ProductRow {
    pub id: String,
    pub name: String,
    pub solution_area: String,
    pub is_dynamics365: bool,
    pub active: bool,
    pub sort_order: i32,
}

/// Every product, in catalogue order.
pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<ProductRow>> {
    products::table
        .order((
            products::solution_area,
            products::sort_order,
            products::name,
        ))
        .select(ProductRow::as_select())
        .load(conn)
}

pub fn insert(conn: &mut AnyConnection, product: &ProductRow) -> QueryResult<()> {
    diesel::insert_into(products::table)
        .values(product)
        .execute(conn)
        .map(drop)
}
