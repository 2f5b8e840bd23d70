//! The partner's status changes and messages over the API: `POST /api/v1/claims/{id}/submit`,
//! `/resubmit`, `/withdraw` (a reason), `/dispute` (a justification) and `/messages`, each
//! through the service function its page uses. Each answers with the claim; a change the
//! claim's rules refuse is 409 with the page's explanation.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::{
    domain::values::Comment,
    service::{claim_actions, conversation},
};

use super::{
    super::{forms::FormErrors, state::AppState},
    caller::Caller,
    claims::document_of,
    idempotency::once,
    problem::Problem,
    reply::{Reply, db, invalid, refused},
};

/// Which status change.
#[derive(Debug, Clone, Copy)]
enum Change {
    Submit,
    Resubmit,
}

/// `POST /api/v1/claims/{id}/submit` (no body).
pub async fn submit(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, Problem> {
    let act = change(&caller, &state, id.into_inner(), Change::Submit);
    once(&req, &caller, &state, &body, act).await
}

/// `POST /api/v1/claims/{id}/resubmit` (no body), after *Action required*.
pub async fn resubmit(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, Problem> {
    let act = change(&caller, &state, id.into_inner(), Change::Resubmit);
    once(&req, &caller, &state, &body, act).await
}

async fn change(
    caller: &Caller,
    state: &AppState,
    id: String,
    change: Change,
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    let (viewer, target, now) = (caller.viewer.clone(), id.clone(), state.now());
    let ctx = state.context.clone();
    let outcome = db(state, t, move |c| match change {
        Change::Submit => claim_actions::submit(c, &ctx, &viewer, &target, now),
        Change::Resubmit => claim_actions::resubmit(c, &ctx, &viewer, &target, now),
    })
    .await?;
    outcome.map_err(|r| refused(r, t))?;
    Ok(Reply::ok(&document_of(state, caller, id).await?))
}

/// Why the partner withdraws the claim (it goes into the History).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct WithdrawRequest {
    pub reason: String,
}

/// `POST /api/v1/claims/{id}/withdraw`.
pub async fn withdraw(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, Problem> {
    let act = withdrawn(&caller, &state, id.into_inner(), &body);
    once(&req, &caller, &state, &body, act).await
}

async fn withdrawn(
    caller: &Caller,
    state: &AppState,
    id: String,
    body: &[u8],
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    let sent: WithdrawRequest = super::reply::json_body(body, t)?;
    let reason = text_field("reason", &sent.reason, caller)?;
    let (viewer, target, now) = (caller.viewer.clone(), id.clone(), state.now());
    let ctx = state.context.clone();
    let outcome = db(state, t, move |c| {
        claim_actions::withdraw(c, &ctx, &viewer, &target, &reason, now)
    })
    .await?;
    outcome.map_err(|r| refused(r, t))?;
    Ok(Reply::ok(&document_of(state, caller, id).await?))
}

/// The partner's justification for disputing a rejection (new files go on the page; the
/// claim's files are already with it).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct DisputeRequest {
    pub justification: String,
}

/// `POST /api/v1/claims/{id}/dispute`.
pub async fn dispute(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, Problem> {
    let act = disputed(&caller, &state, id.into_inner(), &body);
    once(&req, &caller, &state, &body, act).await
}

async fn disputed(
    caller: &Caller,
    state: &AppState,
    id: String,
    body: &[u8],
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    let sent: DisputeRequest = super::reply::json_body(body, t)?;
    let justification = text_field("justification", &sent.justification, caller)?;
    let (viewer, target, now) = (caller.viewer.clone(), id.clone(), state.now());
    let ctx = state.context.clone();
    let outcome = db(state, t, move |c| {
        claim_actions::dispute(c, &ctx, &viewer, &target, justification, &[], now)
    })
    .await?;
    outcome.map_err(|r| refused(r, t))?;
    Ok(Reply::ok(&document_of(state, caller, id).await?))
}

/// A message to the claim's conversation.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MessageRequest {
    pub message: String,
}

/// `POST /api/v1/claims/{id}/messages`: 201 with the claim (its messages included).
pub async fn message(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, Problem> {
    let act = posted(&caller, &state, id.into_inner(), &body);
    once(&req, &caller, &state, &body, act).await
}

async fn posted(
    caller: &Caller,
    state: &AppState,
    id: String,
    body: &[u8],
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    let sent: MessageRequest = super::reply::json_body(body, t)?;
    let text = text_field("message", &sent.message, caller)?;
    let (viewer, target, now) = (caller.viewer.clone(), id.clone(), state.now());
    let ctx = state.context.clone();
    let posted = db(state, t, move |c| {
        conversation::post(c, &ctx, &viewer, &target, &text, now)
    })
    .await?;
    if !posted {
        return Err(Problem::not_found(t));
    }
    let claim = document_of(state, caller, id.clone()).await?;
    Ok(Reply::created(
        format!("/api/v1/claims/{id}#messages"),
        &claim,
    ))
}

/// A required text as the pages take it, or the page's message for `field`.
pub fn text_field(field: &str, typed: &str, caller: &Caller) -> Result<Comment, Problem> {
    Comment::parse(typed).map_err(|e| {
        let t = caller.catalogue;
        invalid(&FormErrors::one(field, &e, t), t)
    })
}
