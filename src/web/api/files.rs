//! `POST /api/v1/claims/{id}/files`: proof of execution, as the page's upload takes it — a
//! `multipart/form-data` body whose file parts (any field name, each with a file name) are
//! stored; the same limits and checks (a body declared larger than the limit is refused
//! with 413 before it is read; each file's size, kind and count; none stored when one is
//! refused). For `Idempotency-Key`, the request is the files' names and SHA-256 hashes.

#[allow(unused_imports)]
use super::claims::ClaimDocument;
#[allow(unused_imports)]
use super::openapi;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};

use crate::{domain::evidence::EvidenceError, i18n::Catalogue, service::evidence_step};

use super::{
    super::{
        forms::FormErrors,
        state::AppState,
        upload::{Received, ReceivedFile, Upload, receive},
    },
    caller::Caller,
    claims::document_of,
    idempotency::once,
    problem::Problem,
    reply::{Reply, db, denied, invalid},
};

/// `POST /api/v1/claims/{id}/files`: 201 with the claim, its files listed.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/files",
    operation_id = "upload_files",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    request_body(content = String, content_type = "multipart/form-data", description = "The proof-of-execution files, field `files`"),
    responses((status = 201, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn upload(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    Upload(mut payload): Upload,
) -> Result<HttpResponse, Problem> {
    let t = caller.catalogue;
    let claim_id = id.into_inner();
    // Refuse before reading a byte of the upload when the claim cannot take files.
    let (viewer, check) = (caller.viewer.clone(), claim_id.clone());
    db(&state, t, move |c| evidence_step::load(c, &viewer, &check))
        .await?
        .map_err(|d| denied(d, t))?;
    let limit = state.settings.upload_max_bytes;
    let received = receive(&mut payload, &[], limit)
        .await
        .map_err(|e| Problem::from_app_error(e, t))?;
    let content = described(&received);
    let act = store(&caller, &state, claim_id, received);
    once(&req, &caller, &state, content.as_bytes(), act).await
}

/// The files as the request's fingerprint sees them: name and hash of each, in order.
pub fn described(received: &Received) -> String {
    received
        .files
        .iter()
        .map(|f| {
            let upload = f.upload();
            format!("{}\t{}\n", upload.display_name, upload.sha256)
        })
        .collect()
}

/// A refused file as the page says it, beside `files`: 413 for one too large, else 422.
pub fn refused_file(error: EvidenceError, t: &Catalogue) -> Problem {
    let status = match error {
        EvidenceError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Problem {
        status: status.as_u16(),
        ..invalid(&FormErrors::one("files", &error, t), t)
    }
}

async fn store(
    caller: &Caller,
    state: &AppState,
    claim_id: String,
    received: Received,
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    if let Some(error) = (received.refused).or(received.count.require_some().err()) {
        return Err(refused_file(error, t));
    }
    let (now, user, target) = (state.now(), caller.user.clone(), claim_id.clone());
    db(state, t, move |c| {
        let uploads: Vec<_> = received.files.iter().map(ReceivedFile::upload).collect();
        evidence_step::add_all(c, &user, &target, &uploads, now)
    })
    .await?
    .map_err(|d| denied(d, t))?;
    let claim = document_of(state, caller, claim_id.clone()).await?;
    Ok(Reply::created(format!("/api/v1/claims/{claim_id}"), &claim))
}
