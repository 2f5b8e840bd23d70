//! One span and one event per request: method, route pattern (never the raw path, which may
//! hold a token), status and latency.

use std::time::Instant;

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
};
use tracing::Instrument;

pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let span = tracing::info_span!("request", method = %req.method(), route = %route);
    let result = next.call(req).instrument(span.clone()).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let _entered = span.enter();
    match &result {
        Ok(res) => tracing::info!(
            status = res.status().as_u16(),
            latency_ms,
            "request completed"
        ),
        Err(e) => tracing::info!(
            status = e.as_response_error().status_code().as_u16(),
            latency_ms,
            "request completed"
        ),
    }
    result
}
