//! Errors a request can end in. Each becomes a status here; the page itself is rendered
//! through the layout by [`super::error_pages`], which also logs the cause of a 500.

use actix_web::{HttpResponse, ResponseError, http::StatusCode, http::header};

use crate::{domain::claim::TransitionError, i18n::Catalogue, service::claim_actions::Refused};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("the form's security token is missing or wrong")]
    CsrfRejected,
    #[error("bad request")]
    BadRequest,
    /// The request declares more than it may bring (answered before it is read).
    #[error("the request is too large")]
    TooLarge,
    /// Not signed in: go to the sign-in page and come back to `next` afterwards.
    #[error("sign-in required")]
    SignInRequired { next: String },
    /// The signed-in user changed during the request (e.g. a new role): load `path` again.
    #[error("the session's user changed")]
    SessionChanged { path: String },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::SignInRequired { .. } | AppError::SessionChanged { .. } => {
                StatusCode::SEE_OTHER
            }
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::SignInRequired { next } => HttpResponse::SeeOther()
                .insert_header((header::LOCATION, sign_in_location(next)))
                .finish(),
            AppError::SessionChanged { path } => HttpResponse::SeeOther()
                .insert_header((header::LOCATION, path.as_str()))
                .finish(),
            _ => HttpResponse::new(self.status_code()),
        }
    }
}

/// What a page answers to a refused claim change it does not explain: no such claim is
/// 404, anything else (the rules, a change meanwhile) is not allowed now.
impl From<Refused> for AppError {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::NotFound => AppError::NotFound,
            Refused::Changed | Refused::Rule(_) => AppError::Forbidden,
        }
    }
}

/// A refused claim change that the page explains beside its form.
#[derive(Debug)]
pub enum Explained {
    /// The domain's reason.
    Rule(TransitionError),
    /// The claim changed since the page was shown: the catalogue key that says so.
    Changed(&'static str),
}

impl Explained {
    pub fn message(&self, t: &Catalogue) -> String {
        match self {
            Explained::Rule(rule) => t.message(rule),
            Explained::Changed(key) => t.get(key).to_owned(),
        }
    }
}

/// Splits a refusal into what the page explains — the domain's reason always, a change
/// meanwhile when the page has a message for it (`changed`) — and the error response of
/// the rest (see `From<Refused>`).
pub fn explain(refused: Refused, changed: Option<&'static str>) -> Result<Explained, AppError> {
    match (refused, changed) {
        (Refused::Rule(rule), _) => Ok(Explained::Rule(rule)),
        (Refused::Changed, Some(key)) => Ok(Explained::Changed(key)),
        (refused, _) => Err(refused.into()),
    }
}

fn sign_in_location(next: &str) -> String {
    if next == "/" {
        return "/sign-in".to_owned();
    }
    let encoded: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    format!("/sign-in?next={encoded}")
}

/// `next` is honoured only when it is a path on this site: `/x` but not `//host` or `/\host`
/// (browsers treat both as another host), nor anything with a scheme or control characters.
pub fn safe_next_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\')
        && next.len() <= 2048;
    ok.then_some(next)
}
