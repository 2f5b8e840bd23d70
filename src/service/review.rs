//! The reviewers' work on one claim (their lists are [`super::review_lists`]): its case,
//! with the tenant registry's view of the customer, and the decisions — each one transaction via [`lifecycle`].

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{self, Viewer},
        claim::{self, DisputeDecision, RejectionReason, Status, Transition, TransitionError},
        exclusivity::Conflict,
        values::Comment,
    },
    store::{AnyConnection, officials, outbox, registry},
};

use super::{
    claim_actions::{Decision, Refused, refusal},
    claim_view::{self, ClaimDetails},
    competing::{self, CompetingClaim, KeyLabel, ProductNames},
    context::Context,
    conversation::Notes,
    exclusivity,
    lifecycle::{self, Acting, Deciding},
    registry_views::{self, Subscription},
};

/// An official association on the customer's tenant: which key, held by which claim.
pub struct TenantOfficial {
    pub key: String,
    /// The key with the product's name (`None`: a stored key that does not parse).
    pub label: Option<KeyLabel>,
    pub claim_id: String,
}

/// Everything a reviewer looks at before deciding.
pub struct Case {
    pub details: ClaimDetails,
    pub organisation: String,
    pub tenant_domains: Vec<String>,
    pub subscriptions: Vec<Subscription>,
    /// Active official associations of the customer's tenant (any partner).
    pub tenant_officials: Vec<TenantOfficial>,
    /// Another claim officially holds one of this claim's keys.
    pub conflict: Option<Conflict>,
    /// The conflict's key with the product's name.
    pub conflict_key: Option<KeyLabel>,
    /// Other open claims on one of this claim's keys.
    pub competing: Vec<CompetingClaim>,
    pub notes: Notes,
    /// The customer's email is still waiting to be delivered (the window waits for it).
    pub customer_notice_undelivered: bool,
}

pub fn case(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Case>> {
    if !access::can_review(viewer) {
        return Ok(None);
    }
    let Some(mut details) = claim_view::load(conn, viewer, claim_id, now)? else {
        return Ok(None);
    };
    let notes = std::mem::take(&mut details.notes);
    let tenant = details.row.tenant_id.clone();
    // The tenant's active official associations hold any that conflicts with this claim.
    let officials = officials::active_for_tenant(conn, &tenant)?;
    let conflict = if !details.products.is_empty() {
        exclusivity::conflict_in(&details, &officials)?
    } else {
        None
    };
    let products = registry_views::product_choices(conn)?;
    let subscriptions = registry_views::subscriptions_named(conn, &tenant, &products)?;
    let names = ProductNames::of(&products);
    // The notice matters (and is read) only while the window waits for it.
    let customer_notice_undelivered = details.status == Status::PendingCustomer
        && outbox::customer_notice_undelivered(conn, claim_id)?;
    Ok(Some(Case {
        organisation: details.organisation.clone(),
        tenant_domains: registry::tenant_domains(conn, &tenant)?.unwrap_or_default(),
        tenant_officials: officials
            .into_iter()
            .map(|row| TenantOfficial {
                label: names.label_text(&row.association_key, &subscriptions),
                key: row.association_key,
                claim_id: row.claim_id,
            })
            .collect(),
        competing: competing::of_claim(conn, &details, &names, &subscriptions)?,
        conflict_key: conflict
            .as_ref()
            .map(|c| names.label(c.key(), &subscriptions)),
        subscriptions,
        conflict,
        notes,
        customer_notice_undelivered,
        details,
    }))
}

/// **Validate**: the customer is emailed and the opt-out window opens — or the claim is
/// rejected when another partner already holds a key.
pub fn validate(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
) -> Decision {
    staff_change(conn, ctx, viewer, claim_id, now, |d| {
        let conflict = d.conflict()?;
        Ok(claim::validate(
            d.claim(),
            d.actor,
            now,
            d.calendar,
            conflict.as_ref(),
        ))
    })
}

/// **Action required**: the partner gets 5 business days to answer `comment`.
pub fn ask_for_information(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    comment: Comment,
    now: DateTime<Utc>,
) -> Decision {
    staff_change(conn, ctx, viewer, claim_id, now, |d| {
        Ok(claim::ask_for_information(
            d.claim(),
            d.actor,
            now,
            d.calendar,
            comment,
        ))
    })
}

/// **Reject** with a reason the reviewer may choose (and text, which "Other" requires).
pub fn reject(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    reason: RejectionReason,
    text: Option<Comment>,
    now: DateTime<Utc>,
) -> Decision {
    staff_change(conn, ctx, viewer, claim_id, now, |d| {
        Ok(claim::reject(d.claim(), d.actor, now, reason, text))
    })
}

/// Accepts a dispute (the customer is emailed, as on validation) or declines it (final).
pub fn decide_dispute(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    decision: DisputeDecision,
    now: DateTime<Utc>,
) -> Decision {
    staff_change(conn, ctx, viewer, claim_id, now, |d| {
        let conflict = d.conflict()?;
        Ok(claim::decide_dispute(
            d.claim(),
            d.actor,
            now,
            decision,
            d.calendar,
            conflict.as_ref(),
        ))
    })
}

/// A reviewer's decision; anyone else finds no such claim here.
fn staff_change(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
    rule: impl FnOnce(&mut Deciding<'_>) -> anyhow::Result<Result<Transition, TransitionError>>,
) -> Decision {
    if !access::can_review(viewer) {
        return Ok(Err(Refused::NotFound));
    }
    let by = Acting::User { viewer, note: None };
    Ok(refusal(lifecycle::change(
        conn, ctx, claim_id, by, now, rule,
    )?))
}
