//! The reviewers' work on one claim (their lists are [`super::review_lists`]): its case,
//! with the tenant registry's view of the customer, and the decisions — each one transaction via [`lifecycle`].

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{self, Viewer},
        calendar::BusinessCalendar,
        claim::{self, Actor, DisputeDecision, RejectionReason, Transition, TransitionError},
        exclusivity::Conflict,
        values::Comment,
    },
    store::{
        AnyConnection,
        officials::{self, OfficialRow},
        organisations, outbox,
        registry::{self, SubscriptionRow},
    },
};

use super::{
    claim_actions::{Decision, Refused, outcome},
    claim_view::{self, ClaimDetails},
    context::Context,
    conversation::{self, Notes},
    exclusivity,
    lifecycle::{self, ActedBy},
};

/// Everything a reviewer looks at before deciding.
pub struct Case {
    pub details: ClaimDetails,
    pub organisation: String,
    pub tenant_domains: Vec<String>,
    pub subscriptions: Vec<SubscriptionRow>,
    /// Active official associations of the customer's tenant (any partner).
    pub tenant_officials: Vec<OfficialRow>,
    /// Another claim officially holds one of this claim's keys.
    pub conflict: Option<Conflict>,
    pub calendar: BusinessCalendar,
    pub notes: Notes,
    /// The customer's email is still waiting to be delivered (the window waits for it).
    pub customer_notice_undelivered: bool,
}

pub fn case(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Case>> {
    if !access::can_review(viewer) {
        return Ok(None);
    }
    let Some(details) = claim_view::load(conn, viewer, claim_id, now)? else {
        return Ok(None);
    };
    let tenant = details.row.tenant_id.clone();
    let conflict = if details.programme.is_some() && !details.products.is_empty() {
        exclusivity::current_conflict(conn, &details)?
    } else {
        None
    };
    Ok(Some(Case {
        organisation: organisations::name_of(conn, &details.row.organisation_id)?
            .unwrap_or_default(),
        tenant_domains: registry::tenant_domains(conn, &tenant)?.unwrap_or_default(),
        subscriptions: registry::subscriptions_of(conn, &tenant)?,
        tenant_officials: officials::active_for_tenant(conn, &tenant)?,
        conflict,
        calendar: ctx.calendar(conn)?,
        notes: conversation::notes(conn, claim_id)?,
        customer_notice_undelivered: outbox::customer_notice_undelivered(conn, claim_id)?,
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
    staff_change(
        conn,
        ctx,
        viewer,
        claim_id,
        now,
        |c, details, actor, calendar| {
            let conflict = exclusivity::current_conflict(c, details)?;
            Ok(claim::validate(
                &details.snapshot,
                actor,
                now,
                calendar,
                conflict.as_ref(),
            ))
        },
    )
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
    staff_change(
        conn,
        ctx,
        viewer,
        claim_id,
        now,
        |_, details, actor, calendar| {
            Ok(claim::ask_for_information(
                &details.snapshot,
                actor,
                now,
                calendar,
                comment,
            ))
        },
    )
}

/// **Reject** with a reason from the list (and text, which "Other" requires).
pub fn reject(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    reason: RejectionReason,
    text: Option<Comment>,
    now: DateTime<Utc>,
) -> Decision {
    staff_change(conn, ctx, viewer, claim_id, now, |_, details, actor, _| {
        Ok(claim::reject(&details.snapshot, actor, now, reason, text))
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
    staff_change(
        conn,
        ctx,
        viewer,
        claim_id,
        now,
        |c, details, actor, calendar| {
            let conflict = exclusivity::current_conflict(c, details)?;
            Ok(claim::decide_dispute(
                &details.snapshot,
                actor,
                now,
                decision,
                calendar,
                conflict.as_ref(),
            ))
        },
    )
}

fn staff_change(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    now: DateTime<Utc>,
    rule: impl FnOnce(
        &mut AnyConnection,
        &ClaimDetails,
        &Actor,
        &BusinessCalendar,
    ) -> anyhow::Result<Result<Transition, TransitionError>>,
) -> Decision {
    if !access::can_review(viewer) {
        return Ok(Err(Refused::NotFound));
    }
    let (Some(details), Some(actor)) = (
        claim_view::load(conn, viewer, claim_id, now)?,
        viewer.actor(),
    ) else {
        return Ok(Err(Refused::NotFound));
    };
    let calendar = ctx.calendar(conn)?;
    let transition = match rule(conn, &details, &actor, &calendar)? {
        Ok(transition) => transition,
        Err(refusal) => return Ok(Err(Refused::Rule(refusal))),
    };
    let acted_by = ActedBy {
        user_id: Some(viewer.user.as_str()),
        note: None,
    };
    Ok(outcome(lifecycle::apply(
        conn,
        ctx,
        &details,
        &transition,
        &acted_by,
    )?))
}
