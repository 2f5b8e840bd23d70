//! Every status change of a claim, one way: load the claim for whoever acts, let the domain
//! decide, and apply the transition in one transaction with the status change (only from
//! the status it was decided in), its audit row, its emails in the outbox, its webhook
//! deliveries, and what the new status brings (the customer's opt-out link, the official
//! associations).

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{CustomerLinkAccess, Viewer},
        calendar::BusinessCalendar,
        claim::{Action, Actor, ClaimSnapshot, Status, Transition, TransitionError},
        exclusivity::{AssociationKey, Conflict, claim_end},
        ids::ClaimId,
    },
    store::{
        AnyConnection, audit, claim_status, db_time, new_id,
        officials::{self, InsertOfficialError},
        write_transaction,
    },
};

use super::{
    claim_view::{self, ClaimDetails},
    context::Context,
    customer_links, exclusivity, notify, webhook_events,
};

/// Who changes a claim: how the claim is found for them and who the domain sees acting.
#[derive(Clone, Copy)]
pub enum Acting<'a> {
    /// A signed-in user, on a claim they may see. `note` goes into the history when the
    /// domain's reason carries no text (the reason a partner gives for withdrawing).
    User {
        viewer: &'a Viewer,
        note: Option<&'a str>,
    },
    /// Whoever holds the claim's opt-out link.
    CustomerLink,
    /// The portal's own jobs.
    System,
}

/// What became of an asked-for change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The claim moved to this status.
    Done(Status),
    /// No such claim for whoever acts.
    NotFound,
    /// The domain's answer (wrong status, incomplete, not this actor…); nothing was written.
    Refused(TransitionError),
    /// Someone changed the claim between reading and writing; nothing was written.
    Changed,
    /// Another claim became official on one of the keys first; nothing was written.
    KeyTaken,
}

/// What a rule decides on: the claim, who acts, the calendar; the key conflict on request.
pub struct Deciding<'a> {
    conn: &'a mut AnyConnection,
    details: &'a ClaimDetails,
    pub actor: &'a Actor,
    pub calendar: &'a BusinessCalendar,
}

impl Deciding<'_> {
    pub fn claim(&self) -> &ClaimSnapshot {
        &self.details.snapshot
    }

    /// Another claim's official association on one of this claim's keys, if any.
    pub fn conflict(&mut self) -> anyhow::Result<Option<Conflict>> {
        exclusivity::current_conflict(self.conn, self.details)
    }
}

/// Loads the claim for `by`, asks `rule`, and applies what it decides.
pub fn change(
    conn: &mut AnyConnection,
    ctx: &Context,
    claim_id: &str,
    by: Acting<'_>,
    now: DateTime<Utc>,
    rule: impl FnOnce(&mut Deciding<'_>) -> anyhow::Result<Result<Transition, TransitionError>>,
) -> anyhow::Result<Outcome> {
    change_with(conn, ctx, claim_id, by, now, rule, |_| Ok(()))
}

/// [`change`], with `also` written in the same transaction (files that come with a dispute).
pub fn change_with(
    conn: &mut AnyConnection,
    ctx: &Context,
    claim_id: &str,
    by: Acting<'_>,
    now: DateTime<Utc>,
    rule: impl FnOnce(&mut Deciding<'_>) -> anyhow::Result<Result<Transition, TransitionError>>,
    also: impl FnOnce(&mut AnyConnection) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    change_in(conn, ctx, None, claim_id, by, now, rule, also)
}

/// [`change`] by the portal's own jobs, which read the calendar once for many claims.
pub fn change_by_system(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    claim_id: &str,
    now: DateTime<Utc>,
    rule: impl FnOnce(&mut Deciding<'_>) -> anyhow::Result<Result<Transition, TransitionError>>,
) -> anyhow::Result<Outcome> {
    let by = Acting::System;
    change_in(conn, ctx, Some(calendar), claim_id, by, now, rule, |_| {
        Ok(())
    })
}

/// [`change_with`], on `calendar` when the caller read it already.
#[allow(clippy::too_many_arguments)]
fn change_in(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: Option<&BusinessCalendar>,
    claim_id: &str,
    by: Acting<'_>,
    now: DateTime<Utc>,
    rule: impl FnOnce(&mut Deciding<'_>) -> anyhow::Result<Result<Transition, TransitionError>>,
    also: impl FnOnce(&mut AnyConnection) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let details = match by {
        Acting::User { viewer, .. } => claim_view::load(conn, viewer, claim_id, now)?,
        Acting::CustomerLink | Acting::System => claim_view::load_unchecked(conn, claim_id, now)?,
    };
    let (Some(details), Some(actor)) = (details, by.actor(claim_id)) else {
        return Ok(Outcome::NotFound);
    };
    let calendar = match calendar {
        Some(calendar) => Cow::Borrowed(calendar),
        None => Cow::Owned(ctx.calendar(conn)?),
    };
    let mut deciding = Deciding {
        conn,
        details: &details,
        actor: &actor,
        calendar: &calendar,
    };
    let transition = match rule(&mut deciding)? {
        Ok(transition) => transition,
        Err(refusal) => return Ok(Outcome::Refused(refusal)),
    };
    let acted_by = by.acted_by();
    apply(conn, ctx, &calendar, &details, &transition, &acted_by, also)
}

impl Acting<'_> {
    /// `None` for a partner without an organisation, who may do nothing.
    fn actor(&self, claim_id: &str) -> Option<Actor> {
        match self {
            Acting::User { viewer, .. } => viewer.actor(),
            Acting::CustomerLink => Some(
                CustomerLinkAccess {
                    claim: ClaimId::new(claim_id),
                }
                .actor(),
            ),
            Acting::System => Some(Actor::System),
        }
    }

    fn acted_by(&self) -> ActedBy<'_> {
        match self {
            Acting::User { viewer, note } => ActedBy {
                user_id: Some(viewer.user.as_str()),
                note: *note,
            },
            Acting::CustomerLink | Acting::System => ActedBy {
                user_id: None,
                note: None,
            },
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum Abort {
    #[error("key taken")]
    KeyTaken,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for Abort {
    fn from(e: diesel::result::Error) -> Self {
        Abort::Failed(e.into())
    }
}

/// Who acts, for the history line.
struct ActedBy<'a> {
    user_id: Option<&'a str>,
    /// Stored as the history's "why" when the domain's reason carries no text.
    note: Option<&'a str>,
}

fn apply(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    details: &ClaimDetails,
    transition: &Transition,
    acted_by: &ActedBy<'_>,
    also: impl FnOnce(&mut AnyConnection) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let now = transition.audit.at;
    // Work out the keys and their ends before the write lock is taken.
    let official_keys = if transition.to == Status::Official {
        let keys = exclusivity::keys_of(details)?;
        let ends = exclusivity::key_ends(conn, calendar, &details.row.tenant_id, &keys)?;
        Some((keys, ends))
    } else {
        None
    };
    let result = write_transaction(conn, |c| -> Result<(), Abort> {
        let ends_at = official_keys.as_ref().map(|(_, ends)| claim_end(ends));
        if !claim_status::change_status(
            c,
            &details.row.id,
            details.status.as_str(),
            &status_change(transition, ends_at),
        )? {
            return Err(Abort::Failed(ChangedMeanwhile.into()));
        }
        write_audit(c, details, transition, acted_by)?;
        also(c)?;
        let link = if transition.to == Status::PendingCustomer {
            Some(issue_opt_out_link(c, ctx, details, transition)?)
        } else {
            None
        };
        if let Some((keys, ends)) = &official_keys {
            record_officials(c, details, keys, ends, now)?;
        }
        // Leaving Official (expiry, or the customer ending it) frees the keys.
        if transition.audit.from == Status::Official && transition.to != Status::Official {
            officials::end_for_claim(c, &details.row.id, db_time(now))?;
        }
        let mails = notify::mails_for(c, ctx, calendar, details, transition, link.as_deref())?;
        notify::enqueue(c, ctx, Some(&details.row.id), &mails, now)?;
        webhook_events::enqueue(c, ctx, details, transition)?;
        Ok(())
    });
    match result {
        Ok(()) => {
            tracing::info!(
                claim_id = details.row.id.as_str(),
                from = details.status.as_str(),
                to = transition.to.as_str(),
                "claim status changed"
            );
            Ok(Outcome::Done(transition.to))
        }
        Err(Abort::KeyTaken) => Ok(Outcome::KeyTaken),
        Err(Abort::Failed(e)) if e.is::<ChangedMeanwhile>() => Ok(Outcome::Changed),
        Err(Abort::Failed(e)) => Err(e),
    }
}

/// The claim was no longer in the status the change was decided in.
#[derive(Debug, thiserror::Error)]
#[error("the claim changed meanwhile")]
struct ChangedMeanwhile;

fn status_change(
    transition: &Transition,
    ends_at: Option<Option<DateTime<Utc>>>,
) -> claim_status::StatusChange<'static> {
    let at = db_time(transition.audit.at);
    let to = transition.to;
    let enters_queue = matches!(
        transition.action,
        Action::Submit | Action::Resubmit | Action::Dispute
    );
    claim_status::StatusChange {
        status: to.as_str(),
        updated_at: at,
        submitted_at: enters_queue.then_some(at),
        rejected_at: (to == Status::Rejected).then_some(at),
        dispute_used: (transition.action == Action::Dispute).then_some(true),
        window_closes_at: (to == Status::PendingCustomer)
            .then(|| transition.window_closes_at.map(db_time)),
        action_required_due: Some(transition.action_required_due.map(db_time)),
        ends_at: ends_at.map(|end| end.map(db_time)),
    }
}

fn write_audit(
    c: &mut AnyConnection,
    details: &ClaimDetails,
    transition: &Transition,
    acted_by: &ActedBy<'_>,
) -> diesel::QueryResult<()> {
    let id = new_id();
    audit::insert(c, &audit_row(&id, details, transition, acted_by))
}

/// The transition's history line, as `id`.
fn audit_row<'a>(
    id: &'a str,
    details: &'a ClaimDetails,
    transition: &'a Transition,
    acted_by: &ActedBy<'a>,
) -> audit::NewAuditEntry<'a> {
    let entry = &transition.audit;
    let reason = entry.reason.as_ref();
    audit::NewAuditEntry {
        id,
        claim_id: &details.row.id,
        actor_kind: entry.actor.kind().as_str(),
        actor_user_id: acted_by.user_id,
        from_status: Some(entry.from.as_str()),
        to_status: entry.to.as_str(),
        reason_code: reason.map(|r| r.code.as_str()),
        reason_text: reason
            .and_then(|r| r.text.as_ref())
            .map(AsRef::as_ref)
            .or(acted_by.note),
        at: db_time(entry.at),
    }
}

/// The history line of a change the portal's own jobs made, as `id`.
pub fn system_audit_row<'a>(
    id: &'a str,
    details: &'a ClaimDetails,
    transition: &'a Transition,
) -> audit::NewAuditEntry<'a> {
    let by = ActedBy {
        user_id: None,
        note: None,
    };
    audit_row(id, details, transition, &by)
}

/// A fresh opt-out token for the customer's email; only its hash is stored. It opts out
/// until the window closes and opens the customer's tenant view for longer.
fn issue_opt_out_link(
    c: &mut AnyConnection,
    ctx: &Context,
    details: &ClaimDetails,
    transition: &Transition,
) -> Result<String, Abort> {
    let closes_at = transition
        .window_closes_at
        .ok_or_else(|| anyhow::anyhow!("an opened window has no closing time"))?;
    Ok(customer_links::issue(
        c,
        ctx,
        &details.row.id,
        details.row.customer_contact_email.as_deref(),
        closes_at,
        transition.audit.at,
    )?)
}

fn record_officials(
    c: &mut AnyConnection,
    details: &ClaimDetails,
    keys: &[AssociationKey],
    ends: &[Option<DateTime<Utc>>],
    now: DateTime<Utc>,
) -> Result<(), Abort> {
    for (key, end) in keys.iter().zip(ends) {
        let name = key.as_string();
        let inserted = officials::insert(
            c,
            &officials::NewOfficial {
                id: &new_id(),
                association_key: &name,
                claim_id: &details.row.id,
                organisation_id: &details.row.organisation_id,
                programme: key.programme.as_str(),
                tenant_id: &details.row.tenant_id,
                starts_at: db_time(now),
                ends_at: end.map(db_time),
            },
        );
        match inserted {
            Ok(()) => {}
            Err(InsertOfficialError::KeyTaken) => return Err(Abort::KeyTaken),
            Err(InsertOfficialError::Database(e)) => return Err(e.into()),
        }
    }
    Ok(())
}
