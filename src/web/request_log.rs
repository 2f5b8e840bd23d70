//! One span and one event per request: method, route pattern (never the raw path, which may
//! hold a token), status and latency; the same counted for `/metrics`, with the SQL
//! statements the request sent.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering::Relaxed},
    },
    time::Instant,
};

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
    web,
};
use tracing::Instrument;

use super::AppState;

tokio::task_local! {
    static STATEMENTS: Arc<AtomicU64>;
}

/// Adds `n` statements to the request being answered (none outside a request).
pub fn sent_statements(n: u64) {
    let _ = STATEMENTS.try_with(|count| count.fetch_add(n, Relaxed));
}

pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = req.method().clone();
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.metrics.clone());
    let span = tracing::info_span!("request", method = %method, route = %route);
    let statements = Arc::new(AtomicU64::new(0));
    let result = STATEMENTS
        .scope(statements.clone(), next.call(req).instrument(span.clone()))
        .await;
    let took = started.elapsed();
    let status = match &result {
        Ok(res) => res.status(),
        Err(e) => e.as_response_error().status_code(),
    };
    if let Some(metrics) = metrics {
        let sent = statements.load(Relaxed);
        metrics.request(method.as_str(), &route, status.as_u16(), took, sent);
    }
    let _entered = span.enter();
    tracing::info!(
        status = status.as_u16(),
        latency_ms = took.as_secs_f64() * 1000.0,
        "request completed"
    );
    result
}
