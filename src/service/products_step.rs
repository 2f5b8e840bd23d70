//! Step 4: the products (and subscriptions) of a claim.

use chrono::{DateTime, NaiveDate, Utc};

use super::claim_record::Claim;
use crate::{
    domain::{
        access::Viewer,
        claim::Section,
        draft::{Channel, FieldErrors, ProductsContext, ProductsInput, TenantSubscription},
        programme::{ProductRef, Programme},
        values::SubscriptionId,
    },
    store::{AnyConnection, claims, db_time, write_transaction},
};

use super::{
    draft_edit::{EditDenied, editable_claim},
    products_admin::{self, Product},
    registry_views::{self, Subscription},
};

/// What the products page shows.
pub struct ProductsForm {
    pub claim: Claim,
    pub programme: Programme,
    /// Active products of the programme's solution area.
    pub products: Vec<Product>,
    /// The tenant's subscriptions that can be claimed (never CSP, never ended).
    pub subscriptions: Vec<Subscription>,
    /// Currently chosen: (product id, subscription id).
    pub chosen: Vec<(String, Option<String>)>,
    /// Products another partner already holds officially for this customer and programme:
    /// shown with a warning (the claim may still be made; review decides).
    pub held_elsewhere: Vec<String>,
}

pub fn load(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    today: NaiveDate,
) -> anyhow::Result<Result<ProductsForm, EditDenied>> {
    let claim = match editable_claim(conn, viewer, claim_id, Section::Products)? {
        Ok(claim) => claim,
        Err(denied) => return Ok(Err(denied)),
    };
    let programme = claim.programme;
    let area = programme.solution_area();
    let products = products_admin::catalogue(conn)?
        .into_iter()
        .filter(|p| p.active && p.area == area)
        .collect();
    let subscriptions = registry_views::subscriptions(conn, &claim.tenant_id)?
        .into_iter()
        .filter(|s| s.channel != Channel::Csp && s.ends_on.is_none_or(|end| end >= today))
        .collect();
    let held_elsewhere = claims::official_elsewhere(
        conn,
        &claim.tenant_id,
        programme.as_str(),
        &claim.organisation_id,
    )?
    .into_iter()
    .map(|(product, _)| product)
    .collect();
    let chosen = claims::products_of(conn, claim_id)?
        .into_iter()
        .map(|p| (p.product_id, p.subscription_id))
        .collect();
    Ok(Ok(ProductsForm {
        claim,
        programme,
        products,
        subscriptions,
        chosen,
        held_elsewhere,
    }))
}

/// Validates step 4 against the catalogue and the tenant registry and, when it is right,
/// replaces the claim's products in one transaction.
pub fn save(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    input: &ProductsInput,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> anyhow::Result<Result<Result<(), FieldErrors>, EditDenied>> {
    let claim = match editable_claim(conn, viewer, claim_id, Section::Products)? {
        Ok(claim) => claim,
        Err(denied) => return Ok(Err(denied)),
    };
    let programme = claim.programme;
    let catalogue: Vec<ProductRef> = products_admin::catalogue(conn)?
        .into_iter()
        .map(|p| ProductRef {
            area: p.area,
            id: p.id,
            is_dynamics365: p.is_dynamics365,
            active: p.active,
        })
        .collect();
    let subscriptions: Vec<TenantSubscription> =
        registry_views::subscriptions(conn, &claim.tenant_id)?
            .into_iter()
            .map(|s| {
                Ok(TenantSubscription {
                    id: SubscriptionId::parse(&s.id).map_err(|e| {
                        anyhow::anyhow!("subscription {} has a bad id: {e:?}", s.id)
                    })?,
                    product_id: s.product_id,
                    channel: s.channel,
                    ends_on: s.ends_on.unwrap_or(NaiveDate::MAX),
                })
            })
            .collect::<anyhow::Result<_>>()?;
    let context = ProductsContext {
        programme,
        catalogue: &catalogue,
        subscriptions: &subscriptions,
        today,
    };
    let step = match input.validate(context) {
        Ok(step) => step,
        Err(errors) => return Ok(Ok(Err(errors))),
    };
    write_transaction(conn, |c| -> anyhow::Result<()> {
        let selections: Vec<(String, Option<String>)> = step
            .selections
            .iter()
            .map(|s| {
                (
                    s.product_id.clone(),
                    s.subscription.as_ref().map(|id| id.as_ref().to_owned()),
                )
            })
            .collect();
        claims::replace_products(c, claim_id, &selections)?;
        claims::touch(c, claim_id, db_time(now))?;
        Ok(())
    })?;
    Ok(Ok(Ok(())))
}
