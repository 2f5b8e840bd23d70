//! Who may see and do what. A partner only ever sees its own organisation's claims; staff
//! see everything; a customer link sees one claim and can only opt out of it.

use super::claim::{Action, Actor};
use super::errors::code_enum;
use super::ids::{ClaimId, OrganisationId, UserId};

code_enum! {
    /// What a signed-in user is.
    pub enum Role: "role" {
        /// A partner's incentive administrator.
        Partner => "partner",
        Reviewer => "reviewer",
        Administrator => "administrator",
    }
}

impl Role {
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Reviewer | Role::Administrator)
    }
}

/// The home page for each role, where `/` redirects.
pub fn home_path(role: Role) -> &'static str {
    match role {
        Role::Partner => "/associations",
        Role::Reviewer => "/review",
        Role::Administrator => "/admin",
    }
}

/// A signed-in user as the rules see them. Partners belong to an organisation; staff do not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Viewer {
    pub user: UserId,
    pub role: Role,
    pub organisation: Option<OrganisationId>,
}

impl Viewer {
    /// The actor this viewer acts as; `None` for a partner without an organisation, who may
    /// do nothing.
    pub fn actor(&self) -> Option<Actor> {
        let user = self.user.clone();
        match self.role {
            Role::Partner => self
                .organisation
                .clone()
                .map(|organisation| Actor::Partner { user, organisation }),
            Role::Reviewer => Some(Actor::Reviewer { user }),
            Role::Administrator => Some(Actor::Administrator { user }),
        }
    }
}

/// Staff see every claim; a partner only those its organisation owns.
pub fn can_view_claim(viewer: &Viewer, claim_owner: &OrganisationId) -> bool {
    match viewer.role {
        Role::Reviewer | Role::Administrator => true,
        Role::Partner => viewer.organisation.as_ref() == Some(claim_owner),
    }
}

pub fn can_see_all_claims(viewer: &Viewer) -> bool {
    viewer.role.is_staff()
}

/// Validate, ask for information, reject, decide disputes.
pub fn can_review(viewer: &Viewer) -> bool {
    viewer.role.is_staff()
}

/// Manage organisations, users, the tenant registry, products and holidays.
pub fn can_administer(viewer: &Viewer) -> bool {
    viewer.role == Role::Administrator
}

/// Partners create and manage their own claims (staff do not claim).
pub fn can_create_claims(viewer: &Viewer) -> bool {
    viewer.role == Role::Partner && viewer.organisation.is_some()
}

/// The customer's opt-out link: it shows its own claim and allows nothing but opting out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CustomerLinkAccess {
    pub claim: ClaimId,
}

impl CustomerLinkAccess {
    pub fn can_view_claim(&self, claim: &ClaimId) -> bool {
        &self.claim == claim
    }

    pub fn may(&self, action: Action) -> bool {
        matches!(action, Action::OptOut | Action::EndByCustomer)
    }

    pub fn actor(&self) -> Actor {
        Actor::CustomerLink {
            claim: self.claim.clone(),
        }
    }
}

/// The customer's link opened on their tenant: it shows every partner association on the
/// tenant of the claim it was sent for, and acts on each as that claim's own customer link —
/// but only while the link's claim still names the address the link was sent to, and never
/// on another tenant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TenantLinkAccess {
    /// The tenant of the claim the link was sent for.
    pub tenant: String,
}

impl TenantLinkAccess {
    /// The link is the customer's while the claim's customer contact is still the address
    /// it was sent to (compared without case), and the claim was not withdrawn.
    pub fn still_the_customer(
        sent_to: Option<&str>,
        contact_now: Option<&str>,
        link_claim_withdrawn: bool,
    ) -> bool {
        let same = match (sent_to, contact_now) {
            (Some(sent), Some(now)) => sent.trim().eq_ignore_ascii_case(now.trim()),
            _ => false,
        };
        same && !link_claim_withdrawn
    }

    /// Only claims on the link's own tenant; each is then acted on as its own customer link
    /// ([`CustomerLinkAccess`]).
    pub fn can_view_claim(&self, claim_tenant: &str) -> bool {
        self.tenant == claim_tenant
    }
}
