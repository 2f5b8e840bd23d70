//! What the API's write operations answer, and how they read their JSON bodies: a claim (or
//! small body) with its status, field errors with the pages' own messages, refusals with
//! the pages' explanations. Each answer can be stored for an `Idempotency-Key` and sent
//! again as it was.

use std::sync::Arc;

use actix_web::{HttpResponse, http::StatusCode, http::header};
use chrono::{DateTime, Utc};
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    domain::{access::Viewer, claim::TransitionError, draft::FieldErrors},
    i18n::Catalogue,
    service::{AnyConnection, claim_actions::Refused, context::Context, draft_edit::EditDenied},
};

use super::{
    super::{forms::FormErrors, state::AppState},
    caller::Caller,
    claims::document_of,
    problem::{CONTENT_TYPE as PROBLEM, FieldProblem, Problem},
};

/// One answer, ready to send or to store.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Self {
        Self {
            status,
            location: None,
            content_type: "application/json".to_owned(),
            // Serialising the API's plain structs cannot fail.
            body: serde_json::to_vec(body).unwrap_or_default(),
        }
    }

    pub fn ok<T: Serialize>(body: &T) -> Self {
        Self::json(StatusCode::OK, body)
    }

    /// 201 with where the new thing is.
    pub fn created<T: Serialize>(location: String, body: &T) -> Self {
        Self {
            location: Some(location),
            ..Self::json(StatusCode::CREATED, body)
        }
    }

    pub fn into_response(self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        response.content_type(self.content_type);
        if let Some(location) = self.location {
            response.insert_header((header::LOCATION, location));
        }
        response.body(self.body)
    }
}

impl From<Problem> for Reply {
    fn from(problem: Problem) -> Self {
        Self {
            status: actix_web::ResponseError::status_code(&problem),
            location: None,
            content_type: PROBLEM.to_owned(),
            body: serde_json::to_vec(&problem).unwrap_or_default(),
        }
    }
}

/// Who acts on which claim, and when: what a claim operation's service call is given.
pub struct Acting {
    pub ctx: Arc<Context>,
    pub viewer: Viewer,
    pub claim: String,
    pub now: DateTime<Utc>,
}

/// Runs `work` on claim `id` as the caller, its failure as a problem.
pub async fn on_claim<T, F>(
    state: &AppState,
    caller: &Caller,
    id: &str,
    work: F,
) -> Result<T, Problem>
where
    F: FnOnce(&mut AnyConnection, &Acting) -> anyhow::Result<T> + Send + 'static,
    T: Send + 'static,
{
    let acting = Acting {
        ctx: state.context.clone(),
        viewer: caller.viewer.clone(),
        claim: id.to_owned(),
        now: state.now(),
    };
    db(state, caller.catalogue, move |c| work(c, &acting)).await
}

/// 200 with the claim as it now is.
pub async fn claim_reply(state: &AppState, caller: &Caller, id: String) -> Result<Reply, Problem> {
    Ok(Reply::ok(&document_of(state, caller, id).await?))
}

/// Runs database work, its failure as a problem.
pub async fn db<T, F>(state: &AppState, t: &Catalogue, work: F) -> Result<T, Problem>
where
    F: FnOnce(&mut AnyConnection) -> anyhow::Result<T> + Send + 'static,
    T: Send + 'static,
{
    state
        .db(work)
        .await
        .map_err(|e| Problem::from_app_error(e, t))
}

/// A JSON body as `T`; anything else is a 400 problem that says where it went wrong.
pub fn json_body<T: DeserializeOwned>(body: &[u8], t: &Catalogue) -> Result<T, Problem> {
    serde_json::from_slice(body).map_err(|e| {
        let at = [
            ("line", e.line().to_string()),
            ("column", e.column().to_string()),
        ];
        let at: Vec<(&str, &str)> = at.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Problem::titled(
            StatusCode::BAD_REQUEST,
            "malformed",
            "api_writes.problem.malformed",
            t,
        )
        .with_detail(t.format("api_writes.problem.malformed_at", &at))
    })
}

/// 422 with each field's message, as the page shows them beside its fields.
pub fn invalid(errors: &FormErrors, t: &Catalogue) -> Problem {
    Problem {
        errors: errors
            .items()
            .iter()
            .map(|item| FieldProblem {
                field: item.field.clone(),
                message: item.message.clone(),
            })
            .collect(),
        ..Problem::titled(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "api_writes.problem.invalid",
            t,
        )
    }
}

/// [`invalid`] for the domain's field errors.
pub fn invalid_fields(errors: &FieldErrors, t: &Catalogue) -> Problem {
    invalid(&FormErrors::from_domain(errors, t), t)
}

/// 409: the claim's state does not allow the operation now, with the page's explanation.
pub fn conflict(detail: String, t: &Catalogue) -> Problem {
    Problem::titled(
        StatusCode::CONFLICT,
        "conflict",
        "api_writes.problem.conflict",
        t,
    )
    .with_detail(detail)
}

/// A refused status change: no such claim (404), or why not (409) — the domain's reason, or
/// that the claim changed meanwhile, as the page says them.
pub fn refused(refused: Refused, t: &Catalogue) -> Problem {
    match refused {
        Refused::NotFound => Problem::not_found(t),
        Refused::Rule(TransitionError::Incomplete(items)) => {
            let rule = TransitionError::Incomplete(items.clone());
            Problem {
                // What the submit page lists under "missing", one by one.
                errors: items
                    .iter()
                    .map(|item| FieldProblem {
                        field: "missing".to_owned(),
                        message: t.message(item),
                    })
                    .collect(),
                ..conflict(t.message(&rule), t)
            }
        }
        Refused::Rule(rule) => conflict(t.message(&rule), t),
        Refused::Changed => conflict(t.get("claim.changed_meanwhile").to_owned(), t),
    }
}

/// A claim part that cannot be edited: not found (404), not the caller's to edit (403), or
/// closed by the claim's status (409).
pub fn denied(denied: EditDenied, t: &Catalogue) -> Problem {
    match denied {
        EditDenied::NotFound => Problem::not_found(t),
        EditDenied::NotOwner => Problem::forbidden(t),
        EditDenied::Locked => conflict(t.get("api_writes.problem.locked").to_owned(), t),
    }
}
