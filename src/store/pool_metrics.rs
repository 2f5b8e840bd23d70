//! The pool tells [`Metrics`] how long each checkout waited and when one timed out; its
//! size and idle connections are read when `/metrics` is scraped.

use std::{sync::Arc, time::Duration};

use diesel::r2d2::{
    HandleEvent,
    event::{CheckoutEvent, TimeoutEvent},
};

use super::{
    DbPool,
    connection::{ConnectError, build_pool_with_events},
};
use crate::{config::DatabaseUrl, metrics::Metrics};

#[derive(Debug)]
struct Waits(Arc<Metrics>);

impl HandleEvent for Waits {
    fn handle_checkout(&self, event: CheckoutEvent) {
        self.0.pool_waited(event.duration());
    }

    fn handle_timeout(&self, _: TimeoutEvent) {
        self.0.pool_timed_out();
    }
}

/// The application's pool, counted in `metrics`.
pub fn build_counted_pool(
    url: &DatabaseUrl,
    size: u32,
    timeout: Duration,
    metrics: Arc<Metrics>,
) -> Result<DbPool, ConnectError> {
    build_pool_with_events(url, size, timeout, Box::new(Waits(metrics)))
}

/// Connections open, of them idle, and the most the pool opens.
pub fn state(pool: &DbPool) -> (u32, u32, u32) {
    let state = pool.state();
    (state.connections, state.idle_connections, pool.max_size())
}
