//! Competing claims for the reviewer: the other open claims on one of a claim's keys (the
//! case page's panel), and which queue rows have any (the queue's marker). One bounded query
//! each; the keys are the domain's ([`crate::domain::competing`]).

use std::collections::{BTreeSet, HashMap};

use crate::{
    domain::{
        claim::Status,
        competing::{self, ClaimKeys, OPEN},
        exclusivity::{self, AssociationKey, KeySubject, ProductSelection},
        ids::ClaimId,
        programme::Programme,
        values::{SubscriptionId, TenantId},
    },
    store::{
        AnyConnection,
        competing::{OpenClaimProduct, open_claim_keys, open_claim_products},
    },
};

use super::{
    claim_view::ClaimDetails,
    exclusivity::keys_of,
    registry_views::{ProductChoice, Subscription},
};

/// The most product rows read for one page: far more than one tenant's open claims.
pub const ROWS_LIMIT: i64 = 2000;

/// A key as the reviewer reads it: the programme and the product's name (and the
/// subscription, for a programme keyed on subscriptions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLabel {
    pub programme: Programme,
    pub product: String,
    pub subscription: Option<String>,
}

/// Another open claim on one of the claim's keys.
pub struct CompetingClaim {
    pub id: String,
    pub name: String,
    pub partner: String,
    pub status: Status,
    /// The keys it shares with the claim.
    pub keys: Vec<KeyLabel>,
}

/// Product names by id, to show names rather than slugs.
pub struct ProductNames(HashMap<String, String>);

impl ProductNames {
    /// The names of the catalogue's products as already read.
    pub fn of(products: &[ProductChoice]) -> Self {
        Self(
            products
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect(),
        )
    }

    /// The product's name; its id when the catalogue has no such product.
    pub fn name(&self, product_id: &str) -> String {
        self.0
            .get(product_id)
            .cloned()
            .unwrap_or_else(|| product_id.to_owned())
    }

    /// The key with names: a subscription's product from the tenant's subscriptions.
    pub fn label(&self, key: &AssociationKey, subscriptions: &[Subscription]) -> KeyLabel {
        let (product, subscription) = match &key.subject {
            KeySubject::Workload(product) => (self.name(product), None),
            KeySubject::Subscription(id) => {
                let product = subscriptions
                    .iter()
                    .find(|s| s.id == id.as_str())
                    .map(|s| s.product.clone())
                    .unwrap_or_default();
                (product, Some(id.as_str().to_owned()))
            }
        };
        KeyLabel {
            programme: key.programme,
            product,
            subscription,
        }
    }

    /// A stored key's text with names; the text itself when it is not a key.
    pub fn label_text(&self, text: &str, subscriptions: &[Subscription]) -> Option<KeyLabel> {
        competing::parse_key(text).map(|key| self.label(&key, subscriptions))
    }
}

struct OpenClaim {
    id: String,
    name: String,
    partner: String,
    status: Status,
}

/// The open claims of `tenants` with their keys among the products and programmes of the
/// claims `of` (claims whose keys cannot be made — no products, a bad stored value — hold
/// none); with their names and partners when `named`.
fn open_claims(
    conn: &mut AnyConnection,
    tenants: &[String],
    of: &[String],
    named: bool,
) -> anyhow::Result<Vec<(OpenClaim, ClaimKeys)>> {
    let statuses: Vec<String> = OPEN.iter().map(|s| s.as_str().to_owned()).collect();
    let mut rows = match named {
        true => open_claim_products(conn, tenants, of, &statuses, ROWS_LIMIT)?,
        false => open_claim_keys(conn, tenants, of, &statuses, ROWS_LIMIT)?,
    };
    if rows.len() == usize::try_from(ROWS_LIMIT)? {
        // The last claim's rows may be cut short: leave it out rather than give it a part of
        // its keys. Claims past the limit are not shown (thousands on one key and tenant).
        let last = rows.last().map(|row| row.claim_id.clone());
        rows.retain(|row| Some(&row.claim_id) != last.as_ref());
        tracing::warn!(
            limit = ROWS_LIMIT,
            "competing claims: more open claims share these keys than are read"
        );
    }
    let mut claims: Vec<(OpenClaim, ClaimKeys)> = Vec::new();
    for group in rows.chunk_by(|a, b| a.claim_id == b.claim_id) {
        let first = &group[0];
        let (Some(programme), Some(status)) = (
            Programme::parse(&first.programme),
            Status::parse(&first.status),
        ) else {
            continue;
        };
        let keys = keys_of_rows(programme, &first.tenant_id, group);
        claims.push((
            OpenClaim {
                id: first.claim_id.clone(),
                name: first.name.clone(),
                partner: first.organisation.clone(),
                status,
            },
            ClaimKeys {
                claim: ClaimId::new(&first.claim_id),
                keys,
            },
        ));
    }
    Ok(claims)
}

fn keys_of_rows(
    programme: Programme,
    tenant: &str,
    rows: &[OpenClaimProduct],
) -> Vec<AssociationKey> {
    let Ok(tenant) = TenantId::parse(tenant) else {
        return Vec::new();
    };
    let selections: Vec<ProductSelection> = rows
        .iter()
        .map(|row| ProductSelection {
            product_id: row.product_id.clone(),
            subscription: row
                .subscription_id
                .as_deref()
                .and_then(|s| SubscriptionId::parse(s).ok()),
        })
        .collect();
    exclusivity::keys_for_claim(programme, &tenant, &selections).unwrap_or_default()
}

/// The other open claims on one of the claim's keys, by partner then name.
pub fn of_claim(
    conn: &mut AnyConnection,
    details: &ClaimDetails,
    names: &ProductNames,
    subscriptions: &[Subscription],
) -> anyhow::Result<Vec<CompetingClaim>> {
    if details.products.is_empty() {
        return Ok(Vec::new());
    }
    let mine = ClaimKeys {
        claim: details.snapshot.id.clone(),
        keys: keys_of(details)?,
    };
    let others = open_claims(
        conn,
        std::slice::from_ref(&details.row.tenant_id),
        std::slice::from_ref(&details.row.id),
        true,
    )?;
    let (infos, keys): (Vec<OpenClaim>, Vec<ClaimKeys>) = others.into_iter().unzip();
    let mut found: Vec<CompetingClaim> = competing::competing(&mine, &keys)
        .into_iter()
        .filter_map(|(other, shared)| {
            let info = infos.iter().find(|i| i.id == other.claim.as_str())?;
            Some(CompetingClaim {
                id: info.id.clone(),
                name: info.name.clone(),
                partner: info.partner.clone(),
                status: info.status,
                keys: shared
                    .iter()
                    .map(|key| names.label(key, subscriptions))
                    .collect(),
            })
        })
        .collect();
    found.sort_by(|a, b| (&a.partner, &a.name, &a.id).cmp(&(&b.partner, &b.name, &b.id)));
    Ok(found)
}

/// Which of the claims `of` (on `tenants`) share a key with another open claim.
pub fn contested(
    conn: &mut AnyConnection,
    tenants: &[String],
    of: &[String],
) -> anyhow::Result<BTreeSet<ClaimId>> {
    let claims: Vec<ClaimKeys> = open_claims(conn, tenants, of, false)?
        .into_iter()
        .map(|(_, keys)| keys)
        .collect();
    Ok(competing::contested(&claims))
}
