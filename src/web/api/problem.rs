//! RFC 9457 problem details: what went wrong with an API request, as
//! `application/problem+json`, its title in the caller's language.

use actix_web::{HttpResponse, ResponseError, http::StatusCode, http::header};
use serde::Serialize;

use crate::i18n::Catalogue;

use super::super::error::AppError;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// One problem, as the body says it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A stable code for programs (`about:blank` types would say nothing more).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Seconds to wait before asking again (sent as `Retry-After`, not in the body).
    #[serde(skip)]
    pub retry_after: Option<u64>,
    /// What is wrong with each field, worded as the page says it beside that field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One field's error.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl Problem {
    fn new(status: StatusCode, code: &str, t: &Catalogue) -> Self {
        Self {
            kind: format!("/api/v1/problems/{code}"),
            title: t.get(&format!("api.problem.{code}")).to_owned(),
            status: status.as_u16(),
            detail: None,
            retry_after: None,
            errors: Vec::new(),
        }
    }

    /// A problem whose title is the catalogue's `key` (the API's later operations keep
    /// their titles in their own files).
    pub fn titled(status: StatusCode, code: &str, key: &str, t: &Catalogue) -> Self {
        Self {
            title: t.get(key).to_owned(),
            ..Self::new(status, code, t)
        }
    }

    /// The same problem, with `detail` said.
    pub fn with_detail(self, detail: impl Into<String>) -> Self {
        Self {
            detail: Some(detail.into()),
            ..self
        }
    }

    /// No token, or one that is unknown, revoked, expired or whose user was deactivated
    /// (which of these is not said).
    pub fn unauthorized(t: &Catalogue) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", t)
    }

    /// Nothing there for this caller (another organisation's claim looks the same as none).
    pub fn not_found(t: &Catalogue) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", t)
    }

    /// The caller may not use this operation (a partner asking for staff data).
    pub fn forbidden(t: &Catalogue) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", t)
    }

    /// A read-only token asked to change something.
    pub fn read_only(t: &Catalogue) -> Self {
        Self::new(StatusCode::FORBIDDEN, "read_only", t)
    }

    /// The token asked more often than its allowance; it may ask again in `wait`.
    pub fn rate_limited(wait: chrono::Duration, t: &Catalogue) -> Self {
        // Whole seconds, rounded up: asking again at once would be refused again.
        let micros = wait.num_microseconds().unwrap_or(i64::MAX).max(0);
        let seconds = (micros as u64).div_ceil(1_000_000).max(1);
        Self {
            detail: Some(t.format(
                "api.problem.retry_after",
                &[("seconds", &seconds.to_string())],
            )),
            retry_after: Some(seconds),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", t)
        }
    }

    /// A problem for a failure the API's own handlers did not answer (a malformed query, an
    /// unknown address, a refused method): its status, said generically.
    pub fn for_status(status: StatusCode, t: &Catalogue) -> Self {
        match status {
            StatusCode::UNAUTHORIZED => Self::unauthorized(t),
            StatusCode::FORBIDDEN => Self::forbidden(t),
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => Self::not_found(t),
            StatusCode::PAYLOAD_TOO_LARGE => {
                Self::titled(status, "too_large", "api_writes.problem.too_large", t)
            }
            s if s.is_server_error() => Self::new(s, "internal", t),
            s => Self::new(s, "bad_request", t),
        }
    }

    /// A parameter the operation cannot use, with what is wrong with it.
    pub fn bad_request(detail: String, t: &Catalogue) -> Self {
        Self {
            detail: Some(detail),
            ..Self::new(StatusCode::BAD_REQUEST, "bad_request", t)
        }
    }

    /// The portal failed; the cause is in its log under `reference`, never in the answer.
    pub fn internal(reference: &str, t: &Catalogue) -> Self {
        Self {
            detail: Some(t.format("api.problem.reference", &[("reference", reference)])),
            ..Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", t)
        }
    }

    /// A failure of the portal's own, logged with a reference the answer gives.
    pub fn from_failure(error: &anyhow::Error, t: &Catalogue) -> Self {
        let reference = crate::tokens::random_token()[..10].to_uppercase();
        tracing::error!(reference = %reference, cause = %format!("{error:#}"), "API request failed");
        Self::internal(&reference, t)
    }
}

impl Problem {
    /// What a page's error means to an API caller.
    pub fn from_app_error(error: AppError, t: &Catalogue) -> Self {
        match error {
            AppError::NotFound => Self::not_found(t),
            AppError::Forbidden => Self::forbidden(t),
            AppError::Internal(e) => Self::from_failure(&e, t),
            AppError::SignInRequired { .. } | AppError::SessionChanged { .. } => {
                Self::unauthorized(t)
            }
            AppError::BadRequest => Self::new(StatusCode::BAD_REQUEST, "bad_request", t),
            other => Self::from_failure(&anyhow::anyhow!("{other}"), t),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.kind, self.status)
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.content_type(CONTENT_TYPE);
        if self.status == StatusCode::UNAUTHORIZED.as_u16() {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        // Serialising plain strings and numbers cannot fail.
        response.body(serde_json::to_vec(self).unwrap_or_default())
    }
}
