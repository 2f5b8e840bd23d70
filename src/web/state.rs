//! What every handler can reach: the pool, the settings and the clock.

use std::sync::Arc;

use actix_web::web;
use chrono::{DateTime, Utc};

use crate::{
    clock::Clock,
    config::Settings,
    mail::Transport,
    metrics::Metrics,
    service::{AnyConnection, DbPool, metrics::counting_statements},
    service::{
        auth::{self, SessionRefused},
        context::Context,
    },
};

use super::{
    api::rate_limit::ApiRateLimiter,
    error::AppError,
    request_log,
    session_cache::{self, SessionCache},
};

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    /// The calendar zone and addresses services need.
    pub context: Arc<Context>,
    /// Where email goes; `/dev/mailbox` shows only with the development transport.
    pub mail: Arc<Transport>,
    /// Signed-in users by session, confirmed in each page's own database trip.
    pub sessions: Arc<SessionCache>,
    /// Requests, jobs and pool waits, counted for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Each API token's allowance of requests.
    pub api_limits: Arc<ApiRateLimiter>,
}

impl AppState {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's date in the programme's calendar zone.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now()
            .with_timezone(&self.settings.calendar_time_zone)
            .date_naive()
    }

    /// Runs blocking database work on the blocking pool with a pooled connection, so diesel
    /// never stalls an async worker. When the request's user came from the session cache,
    /// the session is confirmed first, on the same connection: a session that ended or a
    /// user that changed never gets to `work`.
    pub async fn db<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> anyhow::Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let claim = session_cache::current_claim();
        let (sessions, now) = (self.sessions.clone(), self.now());
        let checked = claim.clone();
        let (outcome, sent) = self
            .blocking(move || {
                let expected = checked
                    .as_ref()
                    .map(|c| (c.session_token.as_str(), &c.user));
                let (outcome, sent) = counting_statements(|| {
                    auth::with_session_confirmed(&pool, expected, now, work)
                });
                if let (Ok(Ok(_)), Some(claim)) = (&outcome, checked) {
                    sessions.confirmed(&claim.session_token, claim.user);
                }
                Ok((outcome, sent))
            })
            .await?;
        request_log::sent_statements(sent);
        let outcome = outcome.map_err(AppError::Internal)?;
        outcome.map_err(|refused| {
            let claim = claim.expect("only a claimed session can be refused");
            self.sessions.forget(&claim.session_token);
            if refused == SessionRefused::Changed {
                AppError::SessionChanged {
                    path: claim.current_path,
                }
            } else {
                AppError::SignInRequired {
                    next: claim.current_path,
                }
            }
        })
    }

    /// Confirms the request's session against the database now, for work that then runs on
    /// its own connection (a streamed export): a session that ended or changed is refused.
    pub async fn confirm_session(&self) -> Result<(), AppError> {
        self.db(|_| Ok(())).await
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
