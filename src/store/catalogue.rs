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

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<ProductRow>> {
    products::table
        .find(id)
        .select(ProductRow::as_select())
        .first(conn)
        .optional()
}

/// Changes a product's name, area, Dynamics flag and status (the id and order stay), and
/// the names its claims show. False when there is no such product.
pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    name: &str,
    solution_area: &str,
    is_dynamics365: bool,
    active: bool,
) -> QueryResult<bool> {
    let Some(before) = find(conn, id)? else {
        return Ok(false);
    };
    diesel::update(products::table.find(id))
        .set((
            products::name.eq(name),
            products::solution_area.eq(solution_area),
            products::is_dynamics365.eq(is_dynamics365),
            products::active.eq(active),
        ))
        .execute(conn)?;
    // Claims keep their product names (see `product_names`): a rename rewrites them.
    if before.name != name {
        super::product_names::refresh_for_product(conn, id)?;
    }
    Ok(true)
}

/// The place after the last product: new products are listed last.
pub fn next_sort_order(conn: &mut AnyConnection) -> QueryResult<i32> {
    let last: Option<i32> = products::table
        .select(diesel::dsl::max(products::sort_order))
        .first(conn)?;
    Ok(last.map_or(0, |n| n + 1))
}
