//! The partner's wizard: each step takes the raw form strings and, with the facts it needs,
//! returns either the typed value or *every* field error at once, so the form is re-shown
//! with all its messages and nothing typed is lost.
//!
//! Step 6 (proof of execution) has no form fields; its files count towards
//! [`missing_for_submit`].

mod contacts;
mod customer;
mod offer;
mod products;
mod programme_step;

pub use contacts::{
    CommentsInput, CompanyContact, Contact, ContactsAnswer, ContactsContext, ContactsInput,
    ContactsStep, CustomerLanguage, RevenueAssociationDetails,
};
pub use customer::{CustomerContext, CustomerInput, CustomerStep, EnrolledLocation};
pub use offer::{HeldProduct, OWN_HOLDING, ProductOffer, Unavailable, offer, subscription_holder};
pub use products::{Channel, ProductsContext, ProductsInput, ProductsStep, TenantSubscription};
pub use programme_step::{ClaimNameInput, ProgrammeInput};

use super::errors::{Message, code_enum};
use super::programme::{Programme, ProgrammeError};
use super::values::ValueError;
use serde::{Deserialize, Serialize};

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error(transparent)]
    Value(#[from] ValueError),
    #[error(transparent)]
    Programme(#[from] ProgrammeError),
    #[error("no location chosen")]
    LocationRequired,
    #[error("not one of the organisation's locations")]
    LocationUnknown,
    #[error("directory ID not in the tenant registry")]
    TenantNotFound,
    #[error("domain does not belong to the directory")]
    DomainNotInTenant,
    #[error("location not enrolled in the programme")]
    LocationNotEnrolled,
    #[error("no product chosen")]
    ProductsRequired,
    #[error("product not available for this claim")]
    ProductUnknown,
    #[error("subscription must be chosen")]
    SubscriptionRequired,
    #[error("subscription not found for this product")]
    SubscriptionNotFound,
    #[error("subscription bought through CSP")]
    SubscriptionCsp,
    #[error("subscription has ended")]
    SubscriptionEnded,
    #[error("no subscription that can be claimed")]
    NoClaimableSubscription,
    #[error("only CSP subscriptions")]
    OnlyCspSubscriptions,
    #[error("not a language the customer can be written to in")]
    LanguageUnknown,
    #[error("product cannot be chosen for this customer: {0}")]
    Unavailable(offer::Unavailable),
}

impl Message for StepError {
    fn key(&self) -> &'static str {
        match self {
            StepError::Value(error) => error.key(),
            StepError::Programme(error) => error.key(),
            StepError::LocationRequired => "draft.location.required",
            StepError::LocationUnknown => "draft.location.unknown",
            StepError::TenantNotFound => "draft.tenant.not_found",
            StepError::DomainNotInTenant => "draft.domain.not_in_tenant",
            StepError::LocationNotEnrolled => "draft.programme.location_not_enrolled",
            StepError::ProductsRequired => "draft.products.required",
            StepError::ProductUnknown => "draft.products.unknown",
            StepError::SubscriptionRequired => "draft.subscription.required",
            StepError::SubscriptionNotFound => "draft.subscription.not_found",
            StepError::SubscriptionCsp => "draft.subscription.csp",
            StepError::SubscriptionEnded => "draft.subscription.ended",
            StepError::NoClaimableSubscription => "draft.subscription.none",
            StepError::OnlyCspSubscriptions => "draft.subscription.only_csp",
            StepError::LanguageUnknown => "draft.customer_language.unknown",
            StepError::Unavailable(why) => match why {
                offer::Unavailable::Csp => "draft.products.refused.csp",
                offer::Unavailable::AlreadyYours => "draft.products.refused.already_yours",
                offer::Unavailable::HeldElsewhere => "draft.products.refused.held_elsewhere",
                offer::Unavailable::NoSubscription => "draft.products.refused.no_subscription",
            },
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            StepError::Value(error) => error.args(),
            StepError::Programme(error) => error.args(),
            _ => Vec::new(),
        }
    }
}

/// One field's error. `item` names the repeated element it is about (a product id for the
/// per-product subscription choice), so the page can link to that element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub item: Option<String>,
    pub error: StepError,
}

impl Message for FieldError {
    fn key(&self) -> &'static str {
        self.error.key()
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        self.error.args()
    }
}

/// A step's errors in form order (the order of the error summary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: &'static str, error: impl Into<StepError>) {
        self.0.push(FieldError {
            field,
            item: None,
            error: error.into(),
        });
    }

    pub fn push_item(&mut self, field: &'static str, item: &str, error: impl Into<StepError>) {
        self.0.push(FieldError {
            field,
            item: Some(item.to_owned()),
            error: error.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The first error of a field.
    pub fn get(&self, field: &str) -> Option<&StepError> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.error)
    }

    /// The first error about one item of a repeated field.
    pub fn get_item(&self, field: &str, item: &str) -> Option<&StepError> {
        self.0
            .iter()
            .find(|e| e.field == field && e.item.as_deref() == Some(item))
            .map(|e| &e.error)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    /// Keeps the parsed value of a field, recording its error under `field` otherwise.
    pub(crate) fn check<T, E: Into<StepError>>(
        &mut self,
        field: &'static str,
        result: Result<T, E>,
    ) -> Option<T> {
        result.map_err(|error| self.push(field, error)).ok()
    }

    /// `Ok(value)` if no error was recorded.
    pub(crate) fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, FieldErrors> {
        match (self.is_empty(), value()) {
            (true, Some(value)) => Ok(value),
            _ => Err(self),
        }
    }
}

impl<'a> IntoIterator for &'a FieldErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

code_enum! {
    /// Something a draft still lacks before it can be submitted.
    pub enum MissingItem: "missing" {
        LocationAndCustomer => "location_and_customer",
        Programme => "programme",
        ClaimName => "claim_name",
        Products => "products",
        CustomerContact => "customer_contact",
        TechnicalContact => "technical_contact",
        CompanyContact => "company_contact",
        RevenueAssociationDetails => "revenue_association_details",
        ProofOfExecution => "proof_of_execution",
    }
}

impl MissingItem {
    /// The wizard step (1–7) where it is filled in, for the "Change" link.
    pub fn step(self) -> u8 {
        match self {
            MissingItem::LocationAndCustomer => 1,
            MissingItem::Programme => 2,
            MissingItem::ClaimName => 3,
            MissingItem::Products => 4,
            MissingItem::CustomerContact
            | MissingItem::TechnicalContact
            | MissingItem::CompanyContact
            | MissingItem::RevenueAssociationDetails => 5,
            MissingItem::ProofOfExecution => 6,
        }
    }
}

/// What a stored draft has, as far as submitting is concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftFacts {
    pub has_location_and_customer: bool,
    /// `None` until step 2 chose a CPOR programme.
    pub programme: Option<Programme>,
    pub has_claim_name: bool,
    pub product_count: usize,
    /// From step 4: a Dynamics 365 product was chosen.
    pub requires_technical_contact: bool,
    pub has_customer_contact: bool,
    pub has_technical_contact: bool,
    pub has_company_contact: bool,
    pub has_revenue_association_details: bool,
    pub poe_file_count: u32,
}

/// Everything that stops the draft from being submitted, in wizard order. Contacts are
/// listed only once the programme is known, since it decides which are asked for.
pub fn missing_for_submit(facts: &DraftFacts) -> Vec<MissingItem> {
    let mut missing = Vec::new();
    let mut require = |present: bool, item: MissingItem| {
        if !present {
            missing.push(item);
        }
    };
    require(
        facts.has_location_and_customer,
        MissingItem::LocationAndCustomer,
    );
    require(facts.programme.is_some(), MissingItem::Programme);
    require(facts.has_claim_name, MissingItem::ClaimName);
    require(facts.product_count > 0, MissingItem::Products);
    match facts.programme {
        Some(programme) if programme.requires_revenue_fields() => {
            require(facts.has_customer_contact, MissingItem::CustomerContact);
            require(
                facts.has_revenue_association_details,
                MissingItem::RevenueAssociationDetails,
            );
        }
        Some(_) => {
            require(facts.has_customer_contact, MissingItem::CustomerContact);
            require(
                !facts.requires_technical_contact || facts.has_technical_contact,
                MissingItem::TechnicalContact,
            );
            require(facts.has_company_contact, MissingItem::CompanyContact);
        }
        None => {}
    }
    require(facts.poe_file_count > 0, MissingItem::ProofOfExecution);
    missing
}
