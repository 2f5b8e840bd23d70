//! The tenant registry: customer tenants, their verified domains and subscriptions.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{subscriptions, tenant_domains, tenants},
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = subscriptions)]
pub struct SubscriptionRow {
    pub id: String,
    pub tenant_id: String,
    pub product_id: String,
    pub channel: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub seats: i32,
}

pub fn insert_tenant(
    conn: &mut AnyConnection,
    id: &str,
    name: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(tenants::table)
        .values((
            tenants::id.eq(id),
            tenants::name.eq(name),
            tenants::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn insert_domain(conn: &mut AnyConnection, domain: &str, tenant_id: &str) -> QueryResult<()> {
    diesel::insert_into(tenant_domains::table)
        .values((
            tenant_domains::domain.eq(domain),
            tenant_domains::tenant_id.eq(tenant_id),
        ))
        .execute(conn)
        .map(drop)
}

pub fn insert_subscription(
    conn: &mut AnyConnection,
    subscription: &SubscriptionRow,
) -> QueryResult<()> {
    diesel::insert_into(subscriptions::table)
        .values(subscription)
        .execute(conn)
        .map(drop)
}

/// The tenant's verified domains, or `None` when the registry has no such tenant.
pub fn tenant_domains(
    conn: &mut AnyConnection,
    tenant_id: &str,
) -> QueryResult<Option<Vec<String>>> {
    let exists: i64 = tenants::table
        .filter(tenants::id.eq(tenant_id))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        return Ok(None);
    }
    tenant_domains::table
        .filter(tenant_domains::tenant_id.eq(tenant_id))
        .order(tenant_domains::domain)
        .select(tenant_domains::domain)
        .load(conn)
        .map(Some)
}

pub fn subscriptions_of(
    conn: &mut AnyConnection,
    tenant_id: &str,
) -> QueryResult<Vec<SubscriptionRow>> {
    subscriptions::table
        .filter(subscriptions::tenant_id.eq(tenant_id))
        .order((
            subscriptions::product_id,
            subscriptions::starts_on,
            subscriptions::id,
        ))
        .select(SubscriptionRow::as_select())
        .load(conn)
}
