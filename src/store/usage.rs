//! The tenant registry's monthly usage per workload.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{products, usage_records},
};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = usage_records)]
pub struct NewUsage<'a> {
    pub tenant_id: &'a str,
    pub product_id: &'a str,
    pub month: NaiveDate,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

pub fn insert(conn: &mut AnyConnection, usage: &NewUsage<'_>) -> QueryResult<()> {
    diesel::insert_into(usage_records::table)
        .values(usage)
        .execute(conn)
        .map(drop)
}

#[derive(Debug, Clone, Queryable)]
pub struct UsageRow {
    pub product_name: String,
    pub month: NaiveDate,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

/// The tenant's usage of `product_ids`, newest month first, then by product.
pub fn for_products(
    conn: &mut AnyConnection,
    tenant_id: &str,
    product_ids: &[String],
) -> QueryResult<Vec<UsageRow>> {
    usage_records::table
        .inner_join(products::table)
        .filter(usage_records::tenant_id.eq(tenant_id))
        .filter(usage_records::product_id.eq_any(product_ids))
        .order((usage_records::month.desc(), products::sort_order))
        .select((
            products::name,
            usage_records::month,
            usage_records::monthly_active_users,
            usage_records::paid_units,
        ))
        .load(conn)
}

/// Adds the month's usage, or replaces it when it exists.
pub fn put(conn: &mut AnyConnection, usage: &NewUsage<'_>) -> QueryResult<()> {
    let changed =
        diesel::update(usage_records::table.find((usage.tenant_id, usage.product_id, usage.month)))
            .set((
                usage_records::monthly_active_users.eq(usage.monthly_active_users),
                usage_records::paid_units.eq(usage.paid_units),
            ))
            .execute(conn)?;
    if changed == 0 {
        insert(conn, usage)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable)]
pub struct TenantUsageRow {
    pub product_id: String,
    pub product_name: String,
    pub month: NaiveDate,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

/// The tenant's usage of every product, newest month first, at most `limit` rows.
pub fn of_tenant(
    conn: &mut AnyConnection,
    tenant_id: &str,
    limit: i64,
) -> QueryResult<Vec<TenantUsageRow>> {
    usage_records::table
        .inner_join(products::table)
        .filter(usage_records::tenant_id.eq(tenant_id))
        .order((usage_records::month.desc(), products::sort_order))
        .select((
            products::id,
            products::name,
            usage_records::month,
            usage_records::monthly_active_users,
            usage_records::paid_units,
        ))
        .limit(limit)
        .load(conn)
}

/// Removes one month of one product's usage; false when there was none.
pub fn remove(
    conn: &mut AnyConnection,
    tenant_id: &str,
    product_id: &str,
    month: NaiveDate,
) -> QueryResult<bool> {
    diesel::delete(usage_records::table.find((tenant_id, product_id, month)))
        .execute(conn)
        .map(|n| n == 1)
}
