//! `/health`: 200 when the database answers, 503 when it does not.

use std::time::Duration;

use actix_web::{HttpResponse, web};

use crate::service::health::database_answers;

use super::state::AppState;

pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let timeout = state.settings.database_pool_timeout;
    // Short timeout: a health check that hangs is as bad as one that fails.
    let wait = Duration::from_secs(2).min(timeout);
    let answered = web::block(move || database_answers(&pool, wait)).await;
    match answered {
        Ok(Ok(())) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ok"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: database unavailable");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("database unavailable")
        }
        Err(_) => HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("unavailable"),
    }
}
