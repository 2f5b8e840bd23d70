//! SPEC rule 6 against the stored data: the keys a claim would hold, who holds them now, and
//! when each would end.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        calendar::BusinessCalendar,
        draft::Channel,
        exclusivity::{
            self, AssociationKey, Conflict, KeySubject, OfficialAssociation, ProductSelection,
            SubscriptionTerm,
        },
        ids::{ClaimId, OrganisationId},
        values::{SubscriptionId, TenantId},
    },
    store::{
        AnyConnection, from_db_time, officials,
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
    let officials = officials_on(conn, &keys)?;
    Ok(conflict_of(details, &keys, &officials))
}

/// The conflict among active official associations already read (any rows: those on none of
/// the claim's keys are passed over), e.g. every one of the claim's tenant.
pub fn conflict_in(
    details: &ClaimDetails,
    rows: &[officials::OfficialRow],
) -> anyhow::Result<Option<Conflict>> {
    let keys = keys_of(details)?;
    let officials = officials_among(&keys, rows);
    Ok(conflict_of(details, &keys, &officials))
}

fn conflict_of(
    details: &ClaimDetails,
    keys: &[AssociationKey],
    officials: &[OfficialAssociation],
) -> Option<Conflict> {
    exclusivity::conflict(
        &details.snapshot.id,
        &details.snapshot.owner,
        keys,
        officials,
    )
}

/// The active official associations on any of `keys`.
pub fn officials_on(
    conn: &mut AnyConnection,
    keys: &[AssociationKey],
) -> anyhow::Result<Vec<OfficialAssociation>> {
    let names: Vec<String> = keys.iter().map(AssociationKey::as_string).collect();
    let rows = officials::active_for_keys(conn, &names)?;
    Ok(officials_among(keys, &rows))
}

/// The rows on one of `keys`, as the domain reads them.
fn officials_among(
    keys: &[AssociationKey],
    rows: &[officials::OfficialRow],
) -> Vec<OfficialAssociation> {
    rows.iter()
        .filter_map(|row| {
            let key = keys
                .iter()
                .find(|k| k.as_string() == row.association_key)?
                .clone();
            Some(OfficialAssociation {
                claim: ClaimId::new(&row.claim_id),
                organisation: OrganisationId::new(&row.organisation_id),
                key,
            })
        })
        .collect()
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
pub fn subscription_term(row: SubscriptionRow) -> anyhow::Result<SubscriptionTerm> {
    Ok(SubscriptionTerm {
        id: SubscriptionId::parse(&row.id)
            .map_err(|e| anyhow::anyhow!("subscription {} has a bad id: {e:?}", row.id))?,
        channel: Channel::parse(&row.channel)
            .ok_or_else(|| anyhow::anyhow!("subscription {} has an unknown channel", row.id))?,
        product_id: row.product_id,
        ends_on: row.ends_on,
    })
}

/// One of the claim's keys that another claim holds officially, as the losing partner may
/// see it: what was taken, since when and until when — never by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenKey {
    /// The claimed product's name (for a subscription key, the product it was chosen for).
    pub product: String,
    /// The subscription, when the programme's key is a subscription.
    pub subscription: Option<String>,
    /// When the association that holds it became official.
    pub official_since: DateTime<Utc>,
    /// When it ends (the subscription's end); `None` when it has no end.
    pub ends_at: Option<DateTime<Utc>>,
    /// The holder is another claim of the partner's own organisation.
    pub own_organisation: bool,
}

/// The claim's keys that other claims hold officially now, in the claim's key order.
pub fn taken_keys(
    conn: &mut AnyConnection,
    details: &ClaimDetails,
) -> anyhow::Result<Vec<TakenKey>> {
    if details.products.is_empty() {
        return Ok(Vec::new());
    }
    let keys = keys_of(details)?;
    let names: Vec<String> = keys.iter().map(AssociationKey::as_string).collect();
    let held = officials::active_for_keys(conn, &names)?;
    Ok(keys
        .iter()
        .filter_map(|key| {
            let name = key.as_string();
            let row = held
                .iter()
                .find(|row| row.association_key == name && row.claim_id != details.row.id)?;
            let (product, subscription) = match &key.subject {
                KeySubject::Workload(product_id) => (
                    details
                        .products
                        .iter()
                        .find(|p| &p.product_id == product_id)
                        .map_or_else(|| product_id.clone(), |p| p.name.clone()),
                    None,
                ),
                KeySubject::Subscription(subscription) => {
                    let id = subscription.to_string();
                    let product = details
                        .products
                        .iter()
                        .find(|p| p.subscription_id.as_deref() == Some(id.as_str()))
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    (product, Some(id))
                }
            };
            Some(TakenKey {
                product,
                subscription,
                official_since: from_db_time(row.starts_at),
                ends_at: row.ends_at.map(from_db_time),
                own_organisation: row.organisation_id == details.row.organisation_id,
            })
        })
        .collect())
}
