//! Step 4's offer: which of the programme's catalogue products the partner can choose for
//! this customer, and for each one that cannot be chosen, why (shown beside it, and refused
//! when a form chooses it anyway).
//!
//! - The tenant has no subscription for it (none at all, or all have ended).
//! - Every subscription it has was bought through CSP (SPEC rule 5: co-op claims).
//! - Its exclusivity key (SPEC rule 6) is already the partner's own: held officially or in
//!   an open claim of the same organisation.
//! - Its key is held officially by another partner (who is not named).
//!
//! For a subscription-keyed programme a product stays available while one of its claimable
//! subscriptions is free.

use super::products::{Channel, ProductsContext, ProductsInput, ProductsStep, TenantSubscription};
use super::{FieldErrors, StepError};
use crate::domain::claim::Status;
use crate::domain::errors::code_enum;
use crate::domain::exclusivity::KeyKind;
use crate::domain::programme::ProductRef;
use crate::domain::values::SubscriptionId;

code_enum! {
    /// Why a product cannot be chosen for this customer.
    pub enum Unavailable: "draft.products.unavailable" {
        /// Its subscriptions were all bought through a cloud solution provider.
        Csp => "csp",
        /// The partner's own organisation holds it, officially or in an open claim.
        AlreadyYours => "already_yours",
        /// Another partner holds it officially.
        HeldElsewhere => "held_elsewhere",
        /// The customer's tenant has no subscription for it that runs.
        NoSubscription => "no_subscription",
    }
}

/// The claims of the partner's own organisation that hold their keys: every open claim past
/// the draft, and the official ones. (A draft holds nothing; a rejected claim being disputed
/// still does.)
pub const OWN_HOLDING: [Status; 5] = [
    Status::Submitted,
    Status::ActionRequired,
    Status::Disputed,
    Status::PendingCustomer,
    Status::Official,
];

/// A product (and the subscription it was claimed through) held by a claim on this
/// customer in this programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldProduct {
    pub product_id: String,
    pub subscription: Option<SubscriptionId>,
    /// Held by the partner's own organisation (else by another partner, officially).
    pub own: bool,
}

/// One catalogue product of the programme, and why it cannot be chosen (`None`: it can).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductOffer {
    pub product_id: String,
    pub unavailable: Option<Unavailable>,
}

/// Every active catalogue product of the programme's solution area, in catalogue order,
/// each with why it cannot be chosen for this tenant.
pub fn offer(context: ProductsContext<'_>, held: &[HeldProduct]) -> Vec<ProductOffer> {
    let area = context.programme.solution_area();
    context
        .catalogue
        .iter()
        .filter(|p| p.active && p.area == area)
        .map(|product| ProductOffer {
            product_id: product.id.clone(),
            unavailable: why_not(product, &context, held),
        })
        .collect()
}

/// The claim holding subscription `id`, where the programme is keyed by subscription (a
/// held subscription is then not offered, even if its product still is).
pub fn subscription_holder<'h>(
    context: &ProductsContext<'_>,
    held: &'h [HeldProduct],
    id: &SubscriptionId,
) -> Option<&'h HeldProduct> {
    if context.programme.exclusivity_key_kind() != KeyKind::Subscription {
        return None;
    }
    held.iter().find(|h| h.subscription.as_ref() == Some(id))
}

fn why_not(
    product: &ProductRef,
    context: &ProductsContext<'_>,
    held: &[HeldProduct],
) -> Option<Unavailable> {
    let running: Vec<&TenantSubscription> = context
        .subscriptions
        .iter()
        .filter(|s| s.product_id == product.id && s.ends_on >= context.today)
        .collect();
    let claimable: Vec<&TenantSubscription> = running
        .iter()
        .copied()
        .filter(|s| s.channel != Channel::Csp)
        .collect();
    if running.is_empty() {
        return Some(Unavailable::NoSubscription);
    }
    if claimable.is_empty() {
        return Some(Unavailable::Csp);
    }
    let holders: Vec<&HeldProduct> = match context.programme.exclusivity_key_kind() {
        KeyKind::Workload => held.iter().filter(|h| h.product_id == product.id).collect(),
        KeyKind::Subscription => {
            let holders: Vec<Option<&HeldProduct>> = claimable
                .iter()
                .map(|s| subscription_holder(context, held, &s.id))
                .collect();
            if holders.iter().any(Option::is_none) {
                return None;
            }
            holders.into_iter().flatten().collect()
        }
    };
    if holders.iter().any(|h| h.own) {
        Some(Unavailable::AlreadyYours)
    } else if holders.is_empty() {
        None
    } else {
        Some(Unavailable::HeldElsewhere)
    }
}

impl ProductsInput {
    /// [`ProductsInput::validate`] against what is offered: a chosen product that cannot be
    /// chosen, or a chosen subscription another claim holds, is refused on that product
    /// (saying why); a subscription-keyed product is checked against its free subscriptions
    /// only (one left is chosen for the partner, as ever).
    pub fn validate_offered(
        &self,
        context: ProductsContext<'_>,
        offers: &[ProductOffer],
        held: &[HeldProduct],
    ) -> Result<ProductsStep, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut rest = self.clone();
        for offer in offers {
            let product = offer.product_id.as_str();
            if !self.product_ids.iter().any(|p| p.trim() == product) {
                continue;
            }
            let held_subscription = self
                .subscriptions
                .get(product)
                .and_then(|raw| SubscriptionId::parse(raw.trim()).ok())
                .and_then(|id| subscription_holder(&context, held, &id))
                .map(|holder| match holder.own {
                    true => Unavailable::AlreadyYours,
                    false => Unavailable::HeldElsewhere,
                });
            let refused = match (offer.unavailable, held_subscription) {
                (Some(why), _) => ("product_ids", why),
                (None, Some(why)) => ("subscriptions", why),
                (None, None) => continue,
            };
            errors.push_item(refused.0, product, StepError::Unavailable(refused.1));
            rest.product_ids.retain(|p| p.trim() != product);
        }
        let free: Vec<TenantSubscription> = context
            .subscriptions
            .iter()
            .filter(|s| subscription_holder(&context, held, &s.id).is_none())
            .cloned()
            .collect();
        let context = ProductsContext {
            subscriptions: &free,
            ..context
        };
        if errors.is_empty() {
            return self.validate(context);
        }
        // The other products' own errors too, so one answer lists everything.
        if !rest.product_ids.is_empty()
            && let Err(more) = rest.validate(context)
        {
            errors.0.extend(more.0);
        }
        Err(errors)
    }
}
