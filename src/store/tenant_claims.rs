//! The claims on one customer tenant, for the customer's own view of their associations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::claims};

/// The ids of the tenant's claims in any of `statuses`, most recently changed first; and of
/// those in `ended` changed since `ended_since`.
pub fn on_tenant(
    conn: &mut AnyConnection,
    tenant_id: &str,
    statuses: &[&str],
    ended: &[&str],
    ended_since: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    claims::table
        .filter(claims::tenant_id.eq(tenant_id))
        .filter(
            claims::status.eq_any(statuses).or(claims::status
                .eq_any(ended)
                .and(claims::updated_at.ge(ended_since))),
        )
        .order((claims::updated_at.desc(), claims::id))
        .select(claims::id)
        .load(conn)
}
