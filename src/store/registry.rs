//! The tenant registry: customer tenants, their verified domains and subscriptions.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::domain::keyset::KeysetPosition;

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
    // One query: the tenant's row (none when it is not registered) with each of its domains.
    let rows: Vec<Option<String>> = tenants::table
        .left_join(tenant_domains::table)
        .filter(tenants::id.eq(tenant_id))
        .order(tenant_domains::domain)
        .select(tenant_domains::domain.nullable())
        .load(conn)?;
    if rows.is_empty() {
        return Ok(None);
    }
    Ok(Some(rows.into_iter().flatten().collect()))
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

/// Every tenant id (the import checks references against them).
pub fn all_tenant_ids(conn: &mut AnyConnection) -> QueryResult<Vec<String>> {
    tenants::table.select(tenants::id).load(conn)
}

/// Every verified domain with its tenant.
pub fn all_domains(conn: &mut AnyConnection) -> QueryResult<Vec<(String, String)>> {
    tenant_domains::table
        .select((tenant_domains::domain, tenant_domains::tenant_id))
        .load(conn)
}

/// Adds the tenant, or renames it when it exists.
pub fn put_tenant(
    conn: &mut AnyConnection,
    id: &str,
    name: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let renamed = diesel::update(tenants::table.find(id))
        .set(tenants::name.eq(name))
        .execute(conn)?;
    if renamed == 0 {
        insert_tenant(conn, id, name, at)?;
    }
    Ok(())
}

/// Adds the domain to the tenant (a domain already there is left as it is).
pub fn put_domain(conn: &mut AnyConnection, domain: &str, tenant_id: &str) -> QueryResult<()> {
    let exists: i64 = tenant_domains::table
        .filter(tenant_domains::domain.eq(domain))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        insert_domain(conn, domain, tenant_id)?;
    }
    Ok(())
}

/// Adds the subscription, or replaces its details when it exists.
pub fn put_subscription(conn: &mut AnyConnection, row: &SubscriptionRow) -> QueryResult<()> {
    let changed = diesel::update(subscriptions::table.find(&row.id))
        .set((
            subscriptions::tenant_id.eq(&row.tenant_id),
            subscriptions::product_id.eq(&row.product_id),
            subscriptions::channel.eq(&row.channel),
            subscriptions::starts_on.eq(row.starts_on),
            subscriptions::ends_on.eq(row.ends_on),
            subscriptions::seats.eq(row.seats),
        ))
        .execute(conn)?;
    if changed == 0 {
        insert_subscription(conn, row)?;
    }
    Ok(())
}

/// Tenants whose name contains `search` (or whose id is it, or one of whose domains starts
/// with it), by name, after the position `after` (name, id).
pub fn browse(
    conn: &mut AnyConnection,
    search: Option<&str>,
    after: Option<&KeysetPosition>,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    let mut query = tenants::table
        .select((tenants::id, tenants::name))
        .order((tenants::name, tenants::id))
        .limit(limit)
        .into_boxed();
    if let Some(search) = search {
        let pattern = format!("%{}%", super::like_escaped(search));
        let by_domain = tenant_domains::table
            .filter(
                tenant_domains::domain
                    .like(format!("{}%", super::like_escaped(search)))
                    .escape('\\'),
            )
            .select(tenant_domains::tenant_id);
        query = query.filter(
            super::claims::lower(tenants::name)
                .like(pattern)
                .escape('\\')
                .or(tenants::id.eq(search.to_lowercase()))
                .or(tenants::id.eq_any(by_domain)),
        );
    }
    if let Some(KeysetPosition { value: name, id }) = after {
        query = query.filter(
            tenants::name.gt(name.clone()).or(tenants::name
                .eq(name.clone())
                .and(tenants::id.gt(id.clone()))),
        );
    }
    query.load(conn)
}

/// The tenant's name, or `None` when the registry has no such tenant.
pub fn tenant_name(conn: &mut AnyConnection, tenant_id: &str) -> QueryResult<Option<String>> {
    tenants::table
        .find(tenant_id)
        .select(tenants::name)
        .first(conn)
        .optional()
}

/// Renames the tenant; false when there is no such tenant.
pub fn rename_tenant(conn: &mut AnyConnection, tenant_id: &str, name: &str) -> QueryResult<bool> {
    diesel::update(tenants::table.find(tenant_id))
        .set(tenants::name.eq(name))
        .execute(conn)
        .map(|n| n == 1)
}

/// The tenant a verified domain belongs to.
pub fn domain_owner(conn: &mut AnyConnection, domain: &str) -> QueryResult<Option<String>> {
    tenant_domains::table
        .find(domain)
        .select(tenant_domains::tenant_id)
        .first(conn)
        .optional()
}

/// Removes the domain from the tenant; false when the tenant does not have it.
pub fn remove_domain(conn: &mut AnyConnection, domain: &str, tenant_id: &str) -> QueryResult<bool> {
    diesel::delete(
        tenant_domains::table
            .filter(tenant_domains::domain.eq(domain))
            .filter(tenant_domains::tenant_id.eq(tenant_id)),
    )
    .execute(conn)
    .map(|n| n == 1)
}

pub fn find_subscription(
    conn: &mut AnyConnection,
    subscription_id: &str,
) -> QueryResult<Option<SubscriptionRow>> {
    subscriptions::table
        .find(subscription_id)
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()
}
