//! SPEC rule 6 against the stored data: the keys a claim would hold, who holds them now, and
//! when each would end.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        calendar::BusinessCalendar,
        exclusivity::{
            self, AssociationKey, Conflict, KeySubject, OfficialAssociation, ProductSelection,
        },
        ids::{ClaimId, OrganisationId},
        values::{SubscriptionId, TenantId},
    },
    store::{AnyConnection, officials, registry},
};

use super::claim_view::ClaimDetails;

/// The keys the claim would hold once official.
pub fn keys_of(details: &ClaimDetails) -> anyhow::Result<Vec<AssociationKey>> {
    let row = &details.row;
    let programme = details
        .programme
        .ok_or_else(|| anyhow::anyhow!("claim {} has no programme", row.id))?;
    let tenant = TenantId::parse(&row.tenant_id)
        .map_err(|e| anyhow::anyhow!("claim {} has a bad tenant: {e:?}", row.id))?;
    let selections: Vec<ProductSelection> = details
        .products
        .iter()
        .map(|p| ProductSelection {
            product_id: p.product_id.clone(),
            subscription: p
                .subscription_id
                .as_deref()
                .and_then(|s| SubscriptionId::parse(s).ok()),
        })
        .collect();
    exclusivity::keys_for_claim(programme, &tenant, &selections)
        .map_err(|e| anyhow::anyhow!("claim {} has no keys: {e}", row.id))
}

/// Another claim's active official association on one of the claim's keys, if any.
pub fn current_conflict(
    conn: &mut AnyConnection,
    details: &ClaimDetails,
) -> anyhow::Result<Option<Conflict>> {
    let keys = keys_of(details)?;
    let names: Vec<String> = keys.iter().map(AssociationKey::as_string).collect();
    let officials: Vec<OfficialAssociation> = officials::active_for_keys(conn, &names)?
        .into_iter()
        .filter_map(|row| {
            let key = keys
                .iter()
                .find(|k| k.as_string() == row.association_key)?
                .clone();
            Some(OfficialAssociation {
                claim: ClaimId::new(row.claim_id),
                organisation: OrganisationId::new(row.organisation_id),
                key,
            })
        })
        .collect();
    Ok(exclusivity::conflict(
        &details.snapshot.id,
        &details.snapshot.owner,
        &keys,
        &officials,
    ))
}

/// When each key's association ends: its subscription's end (for a workload, the last end
/// among the tenant's claimable subscriptions of that product), at the end of that day in
/// the calendar's zone. `None`: open-ended.
pub fn key_ends(
    conn: &mut AnyConnection,
    calendar: &BusinessCalendar,
    tenant_id: &str,
    keys: &[AssociationKey],
) -> anyhow::Result<Vec<Option<DateTime<Utc>>>> {
    let subscriptions = registry::subscriptions_of(conn, tenant_id)?;
    keys.iter()
        .map(|key| {
            let ends: Vec<_> = subscriptions
                .iter()
                .filter(|s| s.channel != "csp")
                .filter(|s| match &key.subject {
                    KeySubject::Subscription(id) => s.id == id.as_ref(),
                    KeySubject::Workload(product) => &s.product_id == product,
                })
                .map(|s| s.ends_on)
                .collect();
            // No subscription, or one without an end: nothing to expire at.
            if ends.is_empty() || ends.iter().any(Option::is_none) {
                return Ok(None);
            }
            let last = ends.into_iter().flatten().max();
            match last {
                Some(day) => Ok(Some(calendar.end_of_day(day)?)),
                None => Ok(None),
            }
        })
        .collect()
}

/// A claim's end: the last of its keys' ends, open-ended if any key is.
pub fn claim_end(ends: &[Option<DateTime<Utc>>]) -> Option<DateTime<Utc>> {
    if ends.iter().any(Option::is_none) {
        return None;
    }
    ends.iter().flatten().max().copied()
}
