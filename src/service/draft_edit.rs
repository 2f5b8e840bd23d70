//! Editing a claim after it exists (steps 4–7): who may, and when (the domain's rule 7).

use super::claim_record::Claim;
use crate::{
    domain::{
        access::{self, Viewer},
        claim::{Section, can_edit},
        ids::OrganisationId,
    },
    store::{AnyConnection, claims},
};

/// Why a claim cannot be edited by this viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditDenied {
    /// No such claim, or not the viewer's to see (the same answer: no existence leak).
    NotFound,
    /// Staff may look but not edit a partner's claim.
    NotOwner,
    /// The claim's status does not allow this part to change.
    Locked,
}

/// The claim, when `viewer` may change `section` of it now.
pub fn editable_claim(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    section: Section,
) -> anyhow::Result<Result<Claim, EditDenied>> {
    let Some(row) = claims::find(conn, id)? else {
        return Ok(Err(EditDenied::NotFound));
    };
    let owner = OrganisationId::new(&row.organisation_id);
    if !access::can_view_claim(viewer, &owner) {
        return Ok(Err(EditDenied::NotFound));
    }
    if !access::can_create_claims(viewer) {
        return Ok(Err(EditDenied::NotOwner));
    }
    if !can_edit(row.status, section) {
        return Ok(Err(EditDenied::Locked));
    }
    Ok(Ok(row.into()))
}
