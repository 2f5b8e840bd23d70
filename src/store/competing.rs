//! The open claims of some customer tenants with their chosen products, for the competing
//! claims ([`crate::domain::competing`]): one query, bounded.

use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{claim_products, claims, organisations},
};

/// One chosen product of an open claim (a claim with several products gives several rows).
#[derive(Debug, Clone, Queryable)]
pub struct OpenClaimProduct {
    pub claim_id: String,
    pub name: String,
    pub organisation: String,
    pub programme: String,
    pub status: String,
    pub tenant_id: String,
    pub product_id: String,
    pub subscription_id: Option<String>,
}

/// The products of the claims of `tenants` in `statuses`, by claim; at most `limit` rows.
pub fn open_claim_products(
    conn: &mut AnyConnection,
    tenants: &[String],
    statuses: &[&str],
    limit: i64,
) -> QueryResult<Vec<OpenClaimProduct>> {
    if tenants.is_empty() {
        return Ok(Vec::new());
    }
    claims::table
        .inner_join(organisations::table)
        .inner_join(claim_products::table)
        .filter(claims::tenant_id.eq_any(tenants))
        .filter(claims::status.eq_any(statuses))
        .order((claims::id, claim_products::product_id))
        .select((
            claims::id,
            claims::name,
            organisations::name,
            claims::programme,
            claims::status,
            claims::tenant_id,
            claim_products::product_id,
            claim_products::subscription_id,
        ))
        .limit(limit)
        .load(conn)
}
