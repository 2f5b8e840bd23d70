//! `/metrics`: Prometheus' text format, only for a request bearing `PORTAL_METRICS_TOKEN`
//! (`Authorization: Bearer …`); without a configured token the address does not exist.

use actix_web::{HttpRequest, HttpResponse, http::header, web};

use crate::{service, tokens};

use super::{error::AppError, state::AppState};

pub async fn scrape(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let Some(token) = &state.settings.metrics_token else {
        return Err(AppError::NotFound);
    };
    if !bears(&req, token.expose()) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\""))
            .content_type("text/plain; charset=utf-8")
            .body("a bearer token is required"));
    }
    let (pool, now) = (state.pool.clone(), state.now());
    let gauges = state
        .blocking(move || service::metrics::gauges(&pool, now))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render(&gauges)))
}

/// Whether the request's `Authorization` is `Bearer <expected>`, compared in constant time
/// (over digests, so not even the length shows).
fn bears(req: &HttpRequest, expected: &str) -> bool {
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    tokens::constant_time_eq(
        &tokens::hash_token(presented.trim()),
        &tokens::hash_token(expected),
    )
}
