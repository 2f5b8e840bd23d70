//! The partner's status changes and messages over the API: `POST /api/v1/claims/{id}/submit`,
//! `/resubmit`, `/withdraw` (a reason) and `/messages` (the dispute is [`super::dispute`]), each
//! through the service function its page uses. Each answers with the claim; a change the
//! claim's rules refuse is 409 with the page's explanation.

#[allow(unused_imports)]
use super::claims::ClaimDocument;
#[allow(unused_imports)]
use super::openapi;
use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};

use crate::{
    domain::values::Comment,
    service::{claim_actions, conversation},
};

use super::{
    super::{forms::FormErrors, state::AppState},
    caller::Caller,
    claims::document_of,
    idempotency::ClaimPost,
    problem::Problem,
    reply::{Reply, claim_reply, invalid, on_claim, refused},
};

/// Which status change.
#[derive(Debug, Clone, Copy)]
enum Change {
    Submit,
    Resubmit,
}

/// `POST /api/v1/claims/{id}/submit` (no body).
#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/submit",
    operation_id = "submit_claim",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn submit(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(|caller, state, id, _| change(caller, state, id, Change::Submit))
        .await
}

/// `POST /api/v1/claims/{id}/resubmit` (no body), after *Action required*.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/resubmit",
    operation_id = "resubmit_claim",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn resubmit(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(|caller, state, id, _| change(caller, state, id, Change::Resubmit))
        .await
}

async fn change(
    caller: &Caller,
    state: &AppState,
    id: String,
    change: Change,
) -> Result<Reply, Problem> {
    let outcome = on_claim(state, caller, &id, move |c, a| match change {
        Change::Submit => claim_actions::submit(c, &a.ctx, &a.viewer, &a.claim, a.now),
        Change::Resubmit => claim_actions::resubmit(c, &a.ctx, &a.viewer, &a.claim, a.now),
    })
    .await?;
    outcome.map_err(|r| refused(r, caller.catalogue))?;
    claim_reply(state, caller, id).await
}

/// Why the partner withdraws the claim (it goes into the History).
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct WithdrawRequest {
    pub reason: String,
}

/// `POST /api/v1/claims/{id}/withdraw`.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/withdraw",
    operation_id = "withdraw_claim",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    request_body = WithdrawRequest,
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn withdraw(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(withdrawn).await
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
    let outcome = on_claim(state, caller, &id, move |c, a| {
        claim_actions::withdraw(c, &a.ctx, &a.viewer, &a.claim, &reason, a.now)
    })
    .await?;
    outcome.map_err(|r| refused(r, t))?;
    claim_reply(state, caller, id).await
}

/// A message to the claim's conversation.
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MessageRequest {
    pub message: String,
}

/// `POST /api/v1/claims/{id}/messages`: 201 with the claim (its messages included).
#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/messages",
    operation_id = "post_message",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    request_body = MessageRequest,
    responses((status = 201, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn message(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(posted).await
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
    let posted = on_claim(state, caller, &id, move |c, a| {
        conversation::post(c, &a.ctx, &a.viewer, &a.claim, &text, a.now)
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
