//! The products (and subscriptions) claims already hold on one customer in one programme,
//! for step 4's offer: the organisation's own open and official claims, and other
//! organisations' official ones.

use diesel::prelude::*;

use crate::domain::{
    draft::{HeldProduct, OWN_HOLDING},
    values::SubscriptionId,
};

use super::{
    AnyConnection,
    schema::{claim_products, claims},
};

/// What other claims than `claim_id` hold on `tenant_id` in `programme`.
pub fn held(
    conn: &mut AnyConnection,
    tenant_id: &str,
    programme: &str,
    organisation_id: &str,
    claim_id: &str,
) -> QueryResult<Vec<HeldProduct>> {
    let own_statuses: Vec<&str> = OWN_HOLDING.iter().map(|s| s.as_str()).collect();
    let rows: Vec<(String, Option<String>, String)> = claim_products::table
        .inner_join(claims::table)
        .filter(claims::tenant_id.eq(tenant_id))
        .filter(claims::programme.eq(programme))
        .filter(claims::id.ne(claim_id))
        .filter(
            claims::status.eq("official").or(claims::organisation_id
                .eq(organisation_id)
                .and(claims::status.eq_any(own_statuses))),
        )
        .select((
            claim_products::product_id,
            claim_products::subscription_id,
            claims::organisation_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(product_id, subscription, organisation)| HeldProduct {
            product_id,
            subscription: subscription.and_then(|s| SubscriptionId::parse(&s).ok()),
            own: organisation == organisation_id,
        })
        .collect())
}
