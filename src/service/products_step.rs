//! Step 4: the products (and subscriptions) of a claim.

use chrono::{DateTime, NaiveDate, Utc};

use super::claim_record::Claim;
use crate::{
    domain::{
        access::Viewer,
        claim::{Section, Status},
        draft::{
            Channel, FieldErrors, ProductOffer, ProductsContext, ProductsInput, ProductsStep,
            TenantSubscription, offer, subscription_holder,
        },
        programme::{ProductRef, Programme},
        values::SubscriptionId,
    },
    store::{AnyConnection, claims, db_time, held_products, write_transaction},
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
    /// Each of `products`, and why it cannot be chosen for this customer (if it cannot).
    pub offers: Vec<ProductOffer>,
}

impl ProductsForm {
    /// Why `product_id` cannot be chosen, if it cannot.
    pub fn unavailable(&self, product_id: &str) -> Option<crate::domain::draft::Unavailable> {
        self.offers
            .iter()
            .find(|o| o.product_id == product_id)
            .and_then(|o| o.unavailable)
    }
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
    let catalogue = products_admin::catalogue(conn)?;
    let registry = registry_views::subscriptions(conn, &claim.tenant_id)?;
    let facts = Facts::load(conn, &Claimant::of(&claim), &catalogue, &registry)?;
    let offers = facts.offers(programme, today);
    let products = catalogue
        .into_iter()
        .filter(|p| p.active && p.area == area)
        .collect();
    let subscriptions = registry
        .into_iter()
        .filter(|s| s.channel != Channel::Csp && s.ends_on.is_none_or(|end| end >= today))
        .filter(|s| facts.is_free(programme, today, &s.id))
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
        offers,
    }))
}

/// Validates step 4 against the catalogue, the tenant registry and the keys other claims
/// hold and, when it is right, replaces the claim's products in one transaction. The
/// claim's status (unchanged) tells the page where the wizard goes on.
pub fn save(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    input: &ProductsInput,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> anyhow::Result<Result<Result<Status, FieldErrors>, EditDenied>> {
    let claim = match editable_claim(conn, viewer, claim_id, Section::Products)? {
        Ok(claim) => claim,
        Err(denied) => return Ok(Err(denied)),
    };
    let catalogue = products_admin::catalogue(conn)?;
    let registry = registry_views::subscriptions(conn, &claim.tenant_id)?;
    let facts = Facts::load(conn, &Claimant::of(&claim), &catalogue, &registry)?;
    let offers = facts.offers(claim.programme, today);
    let context = facts.context(claim.programme, today);
    let step = match input.validate_offered(context, &offers, &facts.held) {
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
    Ok(Ok(Ok(claim.status)))
}

/// Step 4's check for a claim not written yet (a row of a bulk import): the same offers and
/// rules as the page's, against the catalogue the caller read once.
pub fn check_new(
    conn: &mut AnyConnection,
    claimant: &Claimant<'_>,
    catalogue: &[Product],
    input: &ProductsInput,
    today: NaiveDate,
) -> anyhow::Result<Result<ProductsStep, FieldErrors>> {
    let registry = registry_views::subscriptions(conn, claimant.tenant_id)?;
    let facts = Facts::load(conn, claimant, catalogue, &registry)?;
    let offers = facts.offers(claimant.programme, today);
    let context = facts.context(claimant.programme, today);
    Ok(input.validate_offered(context, &offers, &facts.held))
}

/// Who claims which tenant's products under which programme; `claim_id` is the claim itself
/// (its own keys never stand in its way).
pub struct Claimant<'a> {
    pub organisation_id: &'a str,
    pub tenant_id: &'a str,
    pub programme: Programme,
    pub claim_id: &'a str,
}

impl<'a> Claimant<'a> {
    fn of(claim: &'a Claim) -> Self {
        Self {
            organisation_id: &claim.organisation_id,
            tenant_id: &claim.tenant_id,
            programme: claim.programme,
            claim_id: &claim.id,
        }
    }
}

/// What step 4 is checked against, in the domain's terms.
struct Facts {
    catalogue: Vec<ProductRef>,
    subscriptions: Vec<TenantSubscription>,
    held: Vec<crate::domain::draft::HeldProduct>,
}

impl Facts {
    fn load(
        conn: &mut AnyConnection,
        claim: &Claimant<'_>,
        catalogue: &[Product],
        registry: &[Subscription],
    ) -> anyhow::Result<Facts> {
        let catalogue = catalogue
            .iter()
            .map(|p| ProductRef {
                area: p.area,
                id: p.id.clone(),
                is_dynamics365: p.is_dynamics365,
                active: p.active,
            })
            .collect();
        let subscriptions = registry
            .iter()
            .map(|s| {
                Ok(TenantSubscription {
                    id: SubscriptionId::parse(&s.id).map_err(|e| {
                        anyhow::anyhow!("subscription {} has a bad id: {e:?}", s.id)
                    })?,
                    product_id: s.product_id.clone(),
                    channel: s.channel,
                    ends_on: s.ends_on.unwrap_or(NaiveDate::MAX),
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let held = held_products::held(
            conn,
            claim.tenant_id,
            claim.programme.as_str(),
            claim.organisation_id,
            claim.claim_id,
        )?;
        Ok(Facts {
            catalogue,
            subscriptions,
            held,
        })
    }

    fn context(&self, programme: Programme, today: NaiveDate) -> ProductsContext<'_> {
        ProductsContext {
            programme,
            catalogue: &self.catalogue,
            subscriptions: &self.subscriptions,
            today,
        }
    }

    fn offers(&self, programme: Programme, today: NaiveDate) -> Vec<ProductOffer> {
        offer(self.context(programme, today), &self.held)
    }

    /// Whether no other claim holds subscription `id` (in a subscription-keyed programme).
    fn is_free(&self, programme: Programme, today: NaiveDate, id: &str) -> bool {
        let context = self.context(programme, today);
        SubscriptionId::parse(id)
            .is_ok_and(|id| subscription_holder(&context, &self.held, &id).is_none())
    }
}
