//! Step 1: the partner location claiming, and the customer's domain and directory.

use super::{FieldErrors, StepError};
use crate::domain::ids::LocationId;
use crate::domain::programme::Programme;
use crate::domain::values::{DomainName, MpnId, TenantId};
use serde::{Deserialize, Serialize};

/// The raw form.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerInput {
    pub location_mpn_id: String,
    pub domain_name: String,
    pub tenant_id: String,
}

/// One of the organisation's MPN locations and the programmes it is enrolled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolledLocation {
    pub id: LocationId,
    pub mpn_id: MpnId,
    pub programmes: Vec<Programme>,
}

/// What step 1 checks against. The service parses the typed directory ID with
/// [`TenantId::parse`] and looks it up in the tenant registry before calling
/// [`CustomerInput::validate`]: `tenant_domains` is `None` when the registry has no such
/// tenant (or the ID did not parse), otherwise its verified domains.
#[derive(Debug, Clone, Copy)]
pub struct CustomerContext<'a> {
    pub locations: &'a [EnrolledLocation],
    pub tenant_domains: Option<&'a [DomainName]>,
}

/// Step 1's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerStep {
    pub location: LocationId,
    pub mpn_id: MpnId,
    pub domain: DomainName,
    pub tenant: TenantId,
}

impl CustomerInput {
    pub fn validate(&self, context: CustomerContext<'_>) -> Result<CustomerStep, FieldErrors> {
        let mut errors = FieldErrors::new();
        // The MPN ID comes from a list of the organisation's locations, so anything that is
        // not one of them (including text that is no MPN ID at all) is "choose from the list".
        let location = if self.location_mpn_id.trim().is_empty() {
            errors.push("location_mpn_id", StepError::LocationRequired);
            None
        } else {
            let found = MpnId::parse(&self.location_mpn_id)
                .ok()
                .and_then(|mpn_id| context.locations.iter().find(|l| l.mpn_id == mpn_id));
            if found.is_none() {
                errors.push("location_mpn_id", StepError::LocationUnknown);
            }
            found
        };
        let domain = errors.check("domain_name", DomainName::parse(&self.domain_name));
        let tenant = errors.check("tenant_id", TenantId::parse(&self.tenant_id));
        if tenant.is_some() {
            match context.tenant_domains {
                None => errors.push("tenant_id", StepError::TenantNotFound),
                Some(verified) => {
                    if domain.as_ref().is_some_and(|d| !verified.contains(d)) {
                        errors.push("domain_name", StepError::DomainNotInTenant);
                    }
                }
            }
        }
        errors.finish(|| {
            let location = location?;
            Some(CustomerStep {
                location: location.id.clone(),
                mpn_id: location.mpn_id.clone(),
                domain: domain?,
                tenant: tenant?,
            })
        })
    }
}
