//! SPEC rule 6 against the stored data: the keys a claim would hold, who holds them now, and
//! when each would end.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        calendar::BusinessCalendar,
        draft::Channel,
        exclusivity::{
            self, AssociationKey, Conflict, OfficialAssociation, ProductSelection, SubscriptionTerm,
        },
        ids::{ClaimId, OrganisationId},
        values::{SubscriptionId, TenantId},
    },
    store::{
        AnyConnection, officials,
        registry::{self, SubscriptionRow},
    },
};

use super::claim_view::ClaimDetails;

/// The keys the claim would hold once official.
pub fn keys_of(details: &ClaimDetails) -> anyhow::Result<Vec<AssociationKey>> {
    let row = &details.row;
    let programme = details.programme;
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

/// When each key's association ends (see [`exclusivity::key_ends`]), from the tenant's
/// subscriptions in the registry.
pub fn key_ends(
    conn: &mut AnyConnection,
    calendar: &BusinessCalendar,
    tenant_id: &str,
    keys: &[AssociationKey],
) -> anyhow::Result<Vec<Option<DateTime<Utc>>>> {
    let subscriptions = registry::subscriptions_of(conn, tenant_id)?
        .into_iter()
        .map(subscription_term)
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(exclusivity::key_ends(keys, &subscriptions, calendar)?)
}

/// A registry row as the domain reads it; an unreadable row is an error, not skipped.
fn subscription_term(row: SubscriptionRow) -> anyhow::Result<SubscriptionTerm> {
    Ok(SubscriptionTerm {
        id: SubscriptionId::parse(&row.id)
            .map_err(|e| anyhow::anyhow!("subscription {} has a bad id: {e:?}", row.id))?,
        channel: Channel::parse(&row.channel)
            .ok_or_else(|| anyhow::anyhow!("subscription {} has an unknown channel", row.id))?,
        product_id: row.product_id,
        ends_on: row.ends_on,
    })
}
