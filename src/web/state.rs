//! What every handler can reach: the pool, the settings and the clock.

use std::sync::Arc;

use actix_web::web;
use chrono::{DateTime, Utc};

use crate::{
    clock::Clock,
    config::Settings,
    mail::Transport,
    service::context::Context,
    store::{AnyConnection, DbPool},
};

use super::error::AppError;

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    /// The calendar zone and addresses services need.
    pub context: Arc<Context>,
    /// Where email goes; `/dev/mailbox` shows only with the development transport.
    pub mail: Arc<Transport>,
}

impl AppState {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Runs blocking database work on the blocking pool with a pooled connection, so diesel
    /// never stalls an async worker.
    pub async fn db<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> anyhow::Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        self.blocking(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await
    }

    /// Runs blocking work (database through the pool, password hashing) off the async workers.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce() -> anyhow::Result<T> + Send + 'static,
        T: Send + 'static,
    {
        web::block(work)
            .await
            .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?
            .map_err(AppError::Internal)
    }
}
