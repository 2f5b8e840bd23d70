//! `POST /api/v1/claims/{id}/dispute`: the partner disputes a rejection with a justification
//! — as JSON (`{"justification": …}`), or, with new proof of execution, as the dispute page
//! sends it: `multipart/form-data` with a `justification` field and files, under the same
//! limits and checks as the page (a body declared too large is 413 before it is read; one
//! refused file stores none). The files are stored in the dispute's own transaction.

#[allow(unused_imports)]
use super::claims::ClaimDocument;
#[allow(unused_imports)]
use super::openapi;
use actix_web::{FromRequest, HttpRequest, HttpResponse, http::StatusCode, http::header, web};
use serde::{Deserialize, Serialize};

use crate::{
    domain::{claim::Action, values::Comment},
    service::{claim_actions, claim_view},
};

use super::{
    super::{
        forms::FormErrors,
        state::AppState,
        upload::{Received, ReceivedFile, Upload, receive},
    },
    caller::Caller,
    files::{described, refused_file},
    idempotency::{HEADER, once},
    problem::Problem,
    reply::{Reply, claim_reply, db, invalid, json_body, on_claim, refused},
};

/// The partner's justification for disputing a rejection (JSON; with files, the same field
/// of a multipart form).
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DisputeRequest {
    pub justification: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/dispute",
    operation_id = "dispute_claim",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    request_body = DisputeRequest,
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn dispute(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, Problem> {
    let t = caller.catalogue;
    let mut payload = payload.into_inner();
    let as_problem = |e| Problem::from_app_error(e, t);
    if !is_multipart(&req) {
        let body = web::Bytes::from_request(&req, &mut payload)
            .await
            .map_err(|e| Problem::for_status(e.as_response_error().status_code(), t))?;
        let sent: Result<DisputeRequest, Problem> = json_body(&body, t);
        let act =
            async { disputed(&caller, &state, id.into_inner(), sent?.justification, None).await };
        return once(&req, &caller, &state, &body, act).await;
    }
    let Upload(mut parts) = Upload::from_request(&req, &mut payload)
        .await
        .map_err(as_problem)?;
    // A retry with a key must get its stored answer, which needs the files read first; the
    // dispute's own transaction checks the rules either way.
    if !req.headers().contains_key(HEADER) {
        disputable(&caller, &state, id.to_string()).await?;
    }
    let limit = state.settings.upload_max_bytes;
    let received = receive(&mut parts, &["justification"], limit)
        .await
        .map_err(as_problem)?;
    let justification = received.text("justification");
    let content = format!("{justification}\n{}", described(&received));
    let act = disputed(
        &caller,
        &state,
        id.into_inner(),
        justification,
        Some(received),
    );
    once(&req, &caller, &state, content.as_bytes(), act).await
}

/// As the page: no file is read for a claim the caller cannot dispute now.
async fn disputable(caller: &Caller, state: &AppState, id: String) -> Result<(), Problem> {
    let t = caller.catalogue;
    let (viewer, now) = (caller.viewer.clone(), state.now());
    let details = db(state, t, move |c| claim_view::load(c, &viewer, &id, now)).await?;
    let details = details.ok_or_else(|| Problem::not_found(t))?;
    if !details.actions.contains(&Action::Dispute) {
        let title = "api_writes.problem.conflict";
        return Err(Problem::titled(StatusCode::CONFLICT, "conflict", title, t));
    }
    Ok(())
}

fn is_multipart(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

async fn disputed(
    caller: &Caller,
    state: &AppState,
    id: String,
    justification: String,
    received: Option<Received>,
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    if let Some(error) = received.as_ref().and_then(|r| r.refused) {
        return Err(refused_file(error, t));
    }
    let justification = Comment::parse(&justification)
        .map_err(|e| invalid(&FormErrors::one("justification", &e, t), t))?;
    let outcome = on_claim(state, caller, &id, move |c, a| {
        let files: Vec<_> = received
            .iter()
            .flat_map(|r| r.files.iter().map(ReceivedFile::upload))
            .collect();
        claim_actions::dispute(c, &a.ctx, &a.viewer, &a.claim, justification, &files, a.now)
    })
    .await?;
    outcome.map_err(|r| refused(r, t))?;
    claim_reply(state, caller, id).await
}
