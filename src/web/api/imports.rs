//! `POST /api/v1/claims/import`: draft claims from a CSV body — the template, checks and
//! all-or-nothing rule of the page (`/associations/import`, [`bulk_claims`]) — with the
//! problems named by line and column, as the page names them.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use futures_util::StreamExt;
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    service::bulk_claims::{self, ImportRequest, Imported},
    tokens::random_token,
};

use super::{
    super::{bulk_claims::line_errors, state::AppState},
    caller::Caller,
    idempotency::once,
    openapi,
    problem::Problem,
    reply::{Reply, conflict, db, invalid},
};

/// The drafts made, in the file's order.
#[derive(Serialize, ToSchema)]
pub struct ImportedClaims {
    pub claims: Vec<ImportedClaim>,
}

#[derive(Serialize, ToSchema)]
pub struct ImportedClaim {
    pub id: String,
    pub url: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/claims/import",
    operation_id = "import_claims",
    tag = "claims",
    params(openapi::Retry),
    request_body(content = String, content_type = "text/csv", description = "The template's header row (`/associations/import/template.csv`), then one row per claim, at most 1,000"),
    responses((status = 201, description = "Every draft made; none when any row is wrong (422, each problem by line and column)", body = ImportedClaims), openapi::Problems)
)]
pub async fn import(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    mut payload: web::Payload,
) -> Result<HttpResponse, Problem> {
    let t = caller.catalogue;
    caller.organisation()?;
    let limit = usize::try_from(state.settings.upload_max_bytes).unwrap_or(usize::MAX);
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| Problem::for_status(StatusCode::BAD_REQUEST, t))?;
        if body.len() + chunk.len() > limit {
            return Err(Problem::for_status(StatusCode::PAYLOAD_TOO_LARGE, t));
        }
        body.extend_from_slice(&chunk);
    }
    let act = make_drafts(&caller, &state, body.clone());
    once(&req, &caller, &state, &body, act).await
}

async fn make_drafts(caller: &Caller, state: &AppState, csv: Vec<u8>) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    let (user, locale, now, today) = (caller.user.clone(), t.locale(), state.now(), state.today());
    let outcome = db(state, t, move |c| {
        // A retried request is answered by its Idempotency-Key; each request is its own import.
        let request_id = random_token();
        let request = ImportRequest {
            user: &user,
            language: locale,
            request_id: &request_id,
        };
        bulk_claims::import(c, &request, csv.as_slice(), now, today)
    })
    .await?;
    match outcome {
        Imported::Made(ids) => {
            let claims = ids
                .into_iter()
                .map(|id| ImportedClaim {
                    url: format!("/api/v1/claims/{id}"),
                    id,
                })
                .collect();
            let location = "/api/v1/claims?status=draft".to_owned();
            Ok(Reply::created(location, &ImportedClaims { claims }))
        }
        Imported::Refused(problems) => Err(invalid(&line_errors(&problems, t), t)),
        Imported::AlreadyImported => {
            Err(conflict(t.get("flash.drafts_already_imported").into(), t))
        }
    }
}
