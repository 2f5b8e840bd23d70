//! The conversation on a submitted claim between the partner and the reviewers.

use chrono::{DateTime, Utc};

use super::{context::Context, notify};
use crate::{
    domain::{
        access::{self, Role, Viewer},
        claim::{ActorKind, ReasonCode, Status},
        ids::OrganisationId,
        values::Comment,
    },
    store::{
        AnyConnection,
        audit::ReasonRow,
        claim_messages::{self, MessageRow, NewMessage},
        claims, db_time, from_db_time, new_id, write_transaction,
    },
};

/// One message of the conversation.
pub struct Message {
    pub author_name: String,
    pub author: ActorKind,
    pub body: String,
    pub at: DateTime<Utc>,
}

/// The claim's messages, oldest first; a stored author kind no one knows is an error.
fn conversation(conn: &mut AnyConnection, claim_id: &str) -> anyhow::Result<Vec<Message>> {
    claim_messages::for_claim(conn, claim_id)?
        .into_iter()
        .map(message)
        .collect()
}

fn message(m: MessageRow) -> anyhow::Result<Message> {
    Ok(Message {
        author: ActorKind::try_from(m.author_kind)?,
        author_name: m.author_name,
        body: m.body,
        at: from_db_time(m.created_at),
    })
}

/// Whether the viewer may write on this claim: its partner or staff, once it is submitted.
fn may_write(viewer: &Viewer, owner: &OrganisationId, status: Status) -> bool {
    access::can_view_claim(viewer, owner) && status != Status::Draft
}

pub fn messages(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
) -> anyhow::Result<Option<Vec<Message>>> {
    let Some(row) = claims::find(conn, claim_id)? else {
        return Ok(None);
    };
    if !access::can_view_claim(viewer, &OrganisationId::new(&row.organisation_id)) {
        return Ok(None);
    }
    Ok(Some(conversation(conn, claim_id)?))
}

/// Adds a message; `false` when the viewer may not write on this claim (or it does not
/// exist for them).
pub fn post(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    claim_id: &str,
    body: &Comment,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(row) = claims::find(conn, claim_id)? else {
        return Ok(false);
    };
    if !may_write(
        viewer,
        &OrganisationId::new(&row.organisation_id),
        row.status,
    ) {
        return Ok(false);
    }
    let kind = match viewer.role {
        Role::Partner => "partner",
        Role::Reviewer => "reviewer",
        Role::Administrator => "administrator",
    };
    // Staff writing to the partner also email them; the partner's words reach the
    // reviewers on the case page.
    let mail = match viewer.role {
        Role::Partner => None,
        Role::Reviewer | Role::Administrator => Some(notify::staff_message(
            conn,
            ctx,
            &row.into(),
            body.as_ref(),
        )?),
    };
    write_transaction(conn, |c| -> anyhow::Result<()> {
        if let Some(mail) = &mail {
            notify::enqueue(c, ctx, Some(claim_id), std::slice::from_ref(mail), now)?;
        }
        claim_messages::insert(
            c,
            &NewMessage {
                id: &new_id(),
                claim_id,
                author_id: viewer.user.as_str(),
                author_kind: kind,
                body: body.as_ref(),
                created_at: db_time(now),
            },
        )?;
        claims::touch(c, claim_id, db_time(now))?;
        Ok(())
    })?;
    Ok(true)
}

/// A reason a history line gave: its code and what the person wrote, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedReason {
    pub code: ReasonCode,
    pub text: Option<String>,
}

/// What was written about a claim: the conversation, the reviewer's latest request, the
/// partner's dispute, the rejection and the customer's opt-out. For a claim the caller has
/// already let the viewer see.
#[derive(Default)]
pub struct Notes {
    pub messages: Vec<Message>,
    pub latest_request: Option<String>,
    pub dispute_justification: Option<String>,
    /// The latest rejection with a reason from the fixed list (the reviewer's, the
    /// portal's for an unanswered request, or a key taken by another partner).
    pub rejection: Option<StatedReason>,
    /// The reviewers' final word when they declined the dispute.
    pub final_decision: Option<StatedReason>,
    /// Why the customer opted out (or ended the official association).
    pub opt_out: Option<StatedReason>,
}

/// The conversation, and every reason the claim's history gave (newest first), as the
/// claim's attachments were read in one query (`claim_page::attachments`).
pub fn notes(reasons: Vec<ReasonRow>, messages: Vec<MessageRow>) -> anyhow::Result<Notes> {
    let reasons: Vec<(String, StatedReason)> = reasons
        .into_iter()
        .filter_map(|row| {
            let code = ReasonCode::parse(&row.reason_code)?;
            Some((
                row.to_status,
                StatedReason {
                    code,
                    text: row.reason_text,
                },
            ))
        })
        .collect();
    // Newest first: the first match is the latest.
    let latest = |wanted: &dyn Fn(&str, ReasonCode) -> bool| {
        reasons
            .iter()
            .find(|(to, r)| wanted(to, r.code))
            .map(|(_, r)| r.clone())
    };
    let rejected = Status::Rejected.as_str();
    Ok(Notes {
        messages: messages
            .into_iter()
            .map(message)
            .collect::<anyhow::Result<_>>()?,
        latest_request: latest(&|_, code| code == ReasonCode::InformationRequested)
            .and_then(|r| r.text),
        dispute_justification: latest(&|_, code| code == ReasonCode::DisputeRaised)
            .and_then(|r| r.text),
        rejection: latest(&|to, code| to == rejected && matches!(code, ReasonCode::Rejection(_))),
        final_decision: latest(&|to, code| to == rejected && code == ReasonCode::DisputeDeclined),
        // Opting out of a pending claim, or ending an official association.
        opt_out: latest(&|_, code| {
            matches!(
                code,
                ReasonCode::CustomerOptedOut | ReasonCode::CustomerEnded
            )
        }),
    })
}
