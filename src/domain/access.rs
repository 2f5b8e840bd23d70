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
///
/// The partner types the customer contact's address, so an address at the tenant's own
/// domains is what makes the link the *tenant's*: only then does it reach other partners'
/// associations. A link sent elsewhere reaches its own claim only (as before the tenant
/// view), so no partner can end a competitor's association through an address of its own.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TenantLinkAccess {
    /// The tenant of the claim the link was sent for.
    pub tenant: String,
    /// The claim the link was sent for.
    pub own_claim: String,
    /// Whether the link reaches every association on the tenant ([`Self::tenant_wide`]).
    pub tenant_wide: bool,
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

    /// Whether a link sent to `sent_to` speaks for the tenant: the address is at one of the
    /// tenant's registered domains or a subdomain of one (compared without case).
    pub fn tenant_wide(sent_to: &str, tenant_domains: &[String]) -> bool {
        let Some((_, domain)) = sent_to.trim().rsplit_once('@') else {
            return false;
        };
        let domain = domain.to_ascii_lowercase();
        tenant_domains.iter().any(|registered| {
            let registered = registered.trim().to_ascii_lowercase();
            !registered.is_empty()
                && (domain == registered || domain.ends_with(&format!(".{registered}")))
        })
    }

    /// Only claims on the link's own tenant, and other partners' only for a tenant-wide link;
    /// each is then acted on as its own customer link ([`CustomerLinkAccess`]).
    pub fn can_view_claim(&self, claim_tenant: &str, claim: &str) -> bool {
        self.tenant == claim_tenant && (self.tenant_wide || self.own_claim == claim)
    }
}
