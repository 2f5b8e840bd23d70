//! Step 4: the products (workloads) claimed and, where SPEC rule 5 says, the subscription
//! each is claimed through.
//!
//! - At least one product; each from the catalogue, of the programme's solution area, and
//!   still offered.
//! - Subscriptions bought through CSP are never accepted (they go through co-op claims), nor
//!   subscriptions that have ended.
//! - Subscription-keyed programmes (OSA, OSU BizApps, revenue association) need a
//!   subscription for every product: chosen automatically when the tenant has exactly one
//!   that can be claimed, otherwise the partner must choose.
//! - For OSU M365 (keyed by workload) a subscription is only asked for when a Dynamics 365
//!   product has more than one that can be claimed.

use super::{FieldErrors, StepError};
use crate::domain::errors::code_enum;
use crate::domain::exclusivity::{KeyKind, ProductSelection};
use crate::domain::programme::{ProductRef, Programme};
use crate::domain::values::SubscriptionId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most products one claim can list; more is a tampered form.
const MAX_PRODUCTS: usize = 200;

code_enum! {
    /// How a subscription was bought.
    pub enum Channel: "channel" {
        VolumeLicensing => "volume_licensing",
        WebDirect => "web_direct",
        /// Cloud solution provider: claimed through co-op, never here.
        Csp => "csp",
    }
}

/// A subscription of the customer's tenant, from the tenant registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantSubscription {
    pub id: SubscriptionId,
    pub product_id: String,
    pub channel: Channel,
    /// The last day the subscription runs.
    pub ends_on: NaiveDate,
}

/// The raw form: checked product ids, and per product id the subscription chosen (blank
/// when none).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductsInput {
    pub product_ids: Vec<String>,
    pub subscriptions: BTreeMap<String, String>,
}

/// What step 4 checks against.
#[derive(Debug, Clone, Copy)]
pub struct ProductsContext<'a> {
    pub programme: Programme,
    /// The product catalogue (any area; the step filters).
    pub catalogue: &'a [ProductRef],
    /// The customer tenant's subscriptions.
    pub subscriptions: &'a [TenantSubscription],
    /// Today in the portal's calendar, to leave out ended subscriptions.
    pub today: NaiveDate,
}

/// Step 4's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductsStep {
    pub selections: Vec<ProductSelection>,
    /// A Dynamics 365 product is among them (step 5 then asks for a technical contact).
    pub requires_technical_contact: bool,
}

impl ProductsInput {
    pub fn validate(&self, context: ProductsContext<'_>) -> Result<ProductsStep, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut chosen: Vec<&ProductRef> = Vec::new();
        let mut unknown = self.product_ids.len() > MAX_PRODUCTS;
        for raw in self.product_ids.iter().take(MAX_PRODUCTS) {
            let id = raw.trim();
            if id.is_empty() || chosen.iter().any(|p| p.id == id) {
                continue;
            }
            match context
                .catalogue
                .iter()
                .find(|p| p.id == id && p.active && p.area == context.programme.solution_area())
            {
                Some(product) => chosen.push(product),
                None => unknown = true,
            }
        }
        if unknown {
            errors.push("product_ids", StepError::ProductUnknown);
        } else if chosen.is_empty() {
            errors.push("product_ids", StepError::ProductsRequired);
        }
        let selections: Vec<ProductSelection> = chosen
            .iter()
            .filter_map(|product| {
                let raw = self.subscriptions.get(&product.id).map_or("", |s| s.trim());
                match subscription_for(product, raw, &context) {
                    Ok(subscription) => Some(ProductSelection {
                        product_id: product.id.clone(),
                        subscription,
                    }),
                    Err(error) => {
                        errors.push_item("subscriptions", &product.id, error);
                        None
                    }
                }
            })
            .collect();
        let requires_technical_contact = context
            .programme
            .requires_technical_contact(&chosen.iter().map(|p| (*p).clone()).collect::<Vec<_>>());
        errors.finish(|| {
            Some(ProductsStep {
                selections,
                requires_technical_contact,
            })
        })
    }
}

/// The subscription a product is claimed through (`None` where none is needed).
fn subscription_for(
    product: &ProductRef,
    raw: &str,
    context: &ProductsContext<'_>,
) -> Result<Option<SubscriptionId>, StepError> {
    let of_product: Vec<&TenantSubscription> = context
        .subscriptions
        .iter()
        .filter(|s| s.product_id == product.id)
        .collect();
    let claimable: Vec<&TenantSubscription> = of_product
        .iter()
        .copied()
        .filter(|s| s.channel != Channel::Csp && s.ends_on >= context.today)
        .collect();
    if !raw.is_empty() {
        let id = SubscriptionId::parse(raw)?;
        let subscription = of_product
            .iter()
            .find(|s| s.id == id)
            .ok_or(StepError::SubscriptionNotFound)?;
        if subscription.channel == Channel::Csp {
            return Err(StepError::SubscriptionCsp);
        }
        if subscription.ends_on < context.today {
            return Err(StepError::SubscriptionEnded);
        }
        return Ok(Some(id));
    }
    let keyed_by_subscription = context.programme.exclusivity_key_kind() == KeyKind::Subscription;
    match claimable.as_slice() {
        [only] if keyed_by_subscription || product.is_dynamics365 => Ok(Some(only.id.clone())),
        [] if keyed_by_subscription => Err(if of_product.is_empty() {
            StepError::NoClaimableSubscription
        } else if of_product.iter().all(|s| s.channel == Channel::Csp) {
            StepError::OnlyCspSubscriptions
        } else {
            StepError::NoClaimableSubscription
        }),
        [_, _, ..] if keyed_by_subscription || product.is_dynamics365 => {
            Err(StepError::SubscriptionRequired)
        }
        _ => Ok(None),
    }
}
