//! CSRF: every state-changing request must carry the visitor's token in its form field
//! `csrf_token`. Checked here, once, for every route, so no handler can forget it. The JSON
//! API (`/api/`) is the exception: it acts only on the bearer token a request carries in its
//! `Authorization` header — never on a cookie — and a browser never adds that header to a
//! request another site makes, so there is no ambient credential to forge a request with.

use actix_web::{
    Error, HttpMessage,
    body::{EitherBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::{Method, header},
    middleware::Next,
    web::Bytes,
};

use crate::tokens;

use super::{
    error::AppError,
    input_guard::{self, Lines},
    session::Visitor,
};

pub const FIELD: &str = "csrf_token";

pub async fn verify<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || req.path().starts_with("/api/")
    {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    }
    let Some(expected) = req
        .extensions()
        .get::<Visitor>()
        .map(|v| v.csrf_token.clone())
    else {
        return Ok(req
            .error_response(AppError::CsrfRejected)
            .map_into_right_body());
    };
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if content_type.starts_with("multipart/form-data") {
        // Uploads stream and are never buffered here, so their form carries the token in
        // its action URL instead (same-origin only: Referrer-Policy keeps it on the site).
        let presented = form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(k, _)| k == FIELD)
            .map(|(_, v)| v.into_owned());
        return match presented {
            Some(token) if tokens::constant_time_eq(&token, &expected) => next
                .call(req)
                .await
                .map(ServiceResponse::map_into_left_body),
            _ => Ok(req
                .error_response(AppError::CsrfRejected)
                .map_into_right_body()),
        };
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Ok(req
            .error_response(AppError::CsrfRejected)
            .map_into_right_body());
    }
    // Forms are small; the body is read once here and handed back to the handler.
    let mut req = req;
    let body = match req.extract::<Bytes>().await {
        Ok(body) => body,
        Err(too_large_or_broken) => {
            return Ok(req
                .error_response(too_large_or_broken)
                .map_into_right_body());
        }
    };
    let presented = form_urlencoded::parse(&body)
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned());
    match presented {
        Some(token) if tokens::constant_time_eq(&token, &expected) => {
            if !input_guard::decodes_cleanly(&body, Lines::Allowed) {
                return Ok(req
                    .error_response(AppError::BadRequest)
                    .map_into_right_body());
            }
            req.set_payload(body.into());
            next.call(req)
                .await
                .map(ServiceResponse::map_into_left_body)
        }
        _ => {
            tracing::warn!(
                route = req.match_pattern().as_deref().unwrap_or("unmatched"),
                "CSRF token rejected"
            );
            Ok(req
                .error_response(AppError::CsrfRejected)
                .map_into_right_body())
        }
    }
}
