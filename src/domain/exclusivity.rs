//! SPEC rule 6: within a programme, each workload (OSU M365) or subscription (the others)
//! of a customer belongs to at most one partner at a time.
//!
//! The domain names the keys and recognises a conflict; the database enforces uniqueness of
//! official keys (a unique index on [`AssociationKey::as_string`]), so two instances racing
//! cannot both win.
//!
//! A key held officially by any *other* claim is a conflict, even one of the same
//! organisation (a second claim from another of its locations): two official associations
//! on one key must be impossible, and the existing one already makes that partner the
//! partner of record. The message then says so, rather than naming "another partner".
//!
//! An official association ends with the subscriptions it rests on ([`key_ends`]).

use super::calendar::{BusinessCalendar, CalendarError};
use super::draft::Channel;
use super::errors::Message;
use super::ids::{ClaimId, OrganisationId};
use super::programme::Programme;
use super::values::{SubscriptionId, TenantId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a programme's exclusivity is keyed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    Workload,
    Subscription,
}

/// The thing within a tenant that is claimed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySubject {
    /// A catalogue product id.
    Workload(String),
    Subscription(SubscriptionId),
}

/// One exclusive slot: programme + customer tenant + workload or subscription.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AssociationKey {
    pub programme: Programme,
    pub tenant: TenantId,
    pub subject: KeySubject,
}

impl AssociationKey {
    /// The canonical text form stored under a unique index, e.g.
    /// `osu_m365:<tenant>:workload:<product>` or `osa:<tenant>:subscription:<subscription>`.
    /// `%` and `:` in product ids are percent-encoded so the form stays unambiguous.
    pub fn as_string(&self) -> String {
        let subject = match &self.subject {
            KeySubject::Workload(product) => {
                format!(
                    "workload:{}",
                    product.replace('%', "%25").replace(':', "%3A")
                )
            }
            KeySubject::Subscription(subscription) => format!("subscription:{subscription}"),
        };
        format!("{}:{}:{subject}", self.programme.as_str(), self.tenant)
    }

    pub fn kind(&self) -> KeyKind {
        match self.subject {
            KeySubject::Workload(_) => KeyKind::Workload,
            KeySubject::Subscription(_) => KeyKind::Subscription,
        }
    }
}

/// A chosen product and, where one applies, the subscription it is claimed through.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProductSelection {
    pub product_id: String,
    pub subscription: Option<SubscriptionId>,
}

/// Why keys could not be made for a claim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("no products chosen")]
    NoProducts,
    #[error("product {product} has no subscription")]
    SubscriptionMissing { product: String },
}

impl Message for KeyError {
    fn key(&self) -> &'static str {
        match self {
            KeyError::NoProducts => "exclusivity.no_products",
            KeyError::SubscriptionMissing { .. } => "exclusivity.subscription_missing",
        }
    }
}

/// The keys a claim would hold once official: one per workload for OSU M365, one per
/// subscription otherwise. Duplicates collapse; order is stable (sorted).
pub fn keys_for_claim(
    programme: Programme,
    tenant: &TenantId,
    selections: &[ProductSelection],
) -> Result<Vec<AssociationKey>, KeyError> {
    if selections.is_empty() {
        return Err(KeyError::NoProducts);
    }
    let mut keys = selections
        .iter()
        .map(|selection| {
            let subject = match programme.exclusivity_key_kind() {
                KeyKind::Workload => KeySubject::Workload(selection.product_id.clone()),
                KeyKind::Subscription => match &selection.subscription {
                    Some(subscription) => KeySubject::Subscription(subscription.clone()),
                    None => {
                        return Err(KeyError::SubscriptionMissing {
                            product: selection.product_id.clone(),
                        });
                    }
                },
            };
            Ok(AssociationKey {
                programme,
                tenant: tenant.clone(),
                subject,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// A key held officially by some claim.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OfficialAssociation {
    pub claim: ClaimId,
    pub organisation: OrganisationId,
    pub key: AssociationKey,
}

/// Another claim already holds one of the keys. The message does not name another partner:
/// partners never see each other's data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Conflict {
    pub held_by: OfficialAssociation,
    /// The holder is the claiming partner's own organisation.
    pub own_organisation: bool,
}

impl Conflict {
    pub fn key(&self) -> &AssociationKey {
        &self.held_by.key
    }
}

impl Message for Conflict {
    fn key(&self) -> &'static str {
        if self.own_organisation {
            "exclusivity.conflict_own"
        } else {
            "exclusivity.conflict"
        }
    }
}

/// The first official association of another claim on one of `keys`, if any.
pub fn conflict(
    claim: &ClaimId,
    claim_organisation: &OrganisationId,
    keys: &[AssociationKey],
    officials: &[OfficialAssociation],
) -> Option<Conflict> {
    officials
        .iter()
        .find(|official| &official.claim != claim && keys.contains(&official.key))
        .map(|official| Conflict {
            own_organisation: &official.organisation == claim_organisation,
            held_by: official.clone(),
        })
}

/// One of the customer tenant's subscriptions, as far as an association's end depends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionTerm {
    pub id: SubscriptionId,
    pub product_id: String,
    pub channel: Channel,
    /// The last day it runs; `None` when it has no end.
    pub ends_on: Option<NaiveDate>,
}

/// When each key's association ends (`None`: open-ended), in the order of `keys`. A key
/// rests on its subscription, or for a workload on the tenant's subscriptions of that
/// product; it ends when the last of them ends, at the end of that day in the calendar's
/// zone. CSP subscriptions never count: they are claimed through co-op, never here. With
/// no subscription to rest on, or one without an end, there is nothing to end at.
pub fn key_ends(
    keys: &[AssociationKey],
    subscriptions: &[SubscriptionTerm],
    calendar: &BusinessCalendar,
) -> Result<Vec<Option<DateTime<Utc>>>, CalendarError> {
    keys.iter()
        .map(|key| key_end(key, subscriptions, calendar))
        .collect()
}

fn key_end(
    key: &AssociationKey,
    subscriptions: &[SubscriptionTerm],
    calendar: &BusinessCalendar,
) -> Result<Option<DateTime<Utc>>, CalendarError> {
    let ends: Vec<Option<NaiveDate>> = subscriptions
        .iter()
        .filter(|s| s.channel != Channel::Csp)
        .filter(|s| match &key.subject {
            KeySubject::Subscription(id) => &s.id == id,
            KeySubject::Workload(product) => &s.product_id == product,
        })
        .map(|s| s.ends_on)
        .collect();
    if ends.iter().any(Option::is_none) {
        return Ok(None);
    }
    match ends.into_iter().flatten().max() {
        Some(last_day) => calendar.end_of_day(last_day).map(Some),
        None => Ok(None),
    }
}

/// A claim's end: the last of its keys' ends; open-ended if any key is.
pub fn claim_end(ends: &[Option<DateTime<Utc>>]) -> Option<DateTime<Utc>> {
    if ends.iter().any(Option::is_none) {
        return None;
    }
    ends.iter().flatten().max().copied()
}
