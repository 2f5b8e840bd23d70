//! The open claims of some customer tenants with their chosen products, for the competing
//! claims ([`crate::domain::competing`]): one query, bounded, whose statement stays prepared
//! however many tenants and claims it is given ([`in_texts`]).

use diesel::prelude::*;

use super::{
    AnyConnection,
    connection::load_direct,
    fixed_sql::in_texts,
    schema::{claim_products, claims, organisations},
};

/// Claims of `$tenants` in `$statuses` with a chosen product that one of the claims `$of`
/// also chose, in one of their programmes (no other claim can share a key with them).
macro_rules! on_keys_of {
    ($tenants:expr, $of:expr, $statuses:expr) => {{
        let (chosen, theirs) = diesel::alias!(claim_products as chosen, claims as theirs);
        in_texts(claims::tenant_id, $tenants)
            .and(in_texts(claims::status, $statuses))
            .and(
                claim_products::product_id.eq_any(
                    chosen
                        .filter(in_texts(chosen.field(claim_products::claim_id), $of))
                        .select(chosen.field(claim_products::product_id)),
                ),
            )
            .and(
                claims::programme.eq_any(
                    theirs
                        .filter(in_texts(theirs.field(claims::id), $of))
                        .select(theirs.field(claims::programme)),
                ),
            )
    }};
}

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

/// The products of the claims of `tenants` in `statuses`, by claim — only the products one
/// of the claims `of` chose (no other row can share a key with them); at most `limit` rows.
pub fn open_claim_products(
    conn: &mut AnyConnection,
    tenants: &[String],
    of: &[String],
    statuses: &[String],
    limit: i64,
) -> QueryResult<Vec<OpenClaimProduct>> {
    if tenants.is_empty() || of.is_empty() {
        return Ok(Vec::new());
    }
    let query = claims::table
        .inner_join(organisations::table)
        .inner_join(claim_products::table)
        .filter(on_keys_of!(tenants, of, statuses))
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
        .limit(limit);
    load_direct(conn, query)
}

/// As [`open_claim_products`] without the names (left empty): what the queue's marker needs,
/// read from the `(tenant_id, status, programme)` index and the chosen products alone.
pub fn open_claim_keys(
    conn: &mut AnyConnection,
    tenants: &[String],
    of: &[String],
    statuses: &[String],
    limit: i64,
) -> QueryResult<Vec<OpenClaimProduct>> {
    if tenants.is_empty() || of.is_empty() {
        return Ok(Vec::new());
    }
    let query = claims::table
        .inner_join(claim_products::table)
        .filter(on_keys_of!(tenants, of, statuses))
        .order((claims::id, claim_products::product_id))
        .select((
            claims::id,
            claims::programme,
            claims::status,
            claims::tenant_id,
            claim_products::product_id,
            claim_products::subscription_id,
        ))
        .limit(limit);
    let rows: Vec<(String, String, String, String, String, Option<String>)> =
        load_direct(conn, query)?;
    Ok(rows
        .into_iter()
        .map(
            |(claim_id, programme, status, tenant_id, product_id, subscription_id)| {
                OpenClaimProduct {
                    claim_id,
                    name: String::new(),
                    organisation: String::new(),
                    programme,
                    status,
                    tenant_id,
                    product_id,
                    subscription_id,
                }
            },
        )
        .collect())
}
