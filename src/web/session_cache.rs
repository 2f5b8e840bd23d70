//! Signed-in users remembered by session between requests, so that a signed-in page costs
//! one trip to the database instead of two.
//!
//! The middleware takes the user from here instead of the database and *claims* it for the
//! request; [`super::state::AppState::db`] then checks the claim against the database in the
//! same trip as the page's own work, before that work runs. A session that was signed out,
//! expired or deactivated — on this instance or another — stops working at its next
//! database access, as before. Pages that read nothing from the database trust an entry for
//! at most [`FRESH_FOR`].

use std::{
    collections::HashMap,
    future::Future,
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::{service::auth::SessionUser, tokens};

/// How long an entry is trusted without a database check.
const FRESH_FOR: Duration = Duration::from_secs(30);
/// Beyond this many sessions the cache starts again empty: it stays small, never wrong.
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<String, (SessionUser, Instant)>>,
}

impl SessionCache {
    /// The user of this session, when confirmed by the database less than [`FRESH_FOR`] ago.
    pub fn get(&self, session_token: &str) -> Option<SessionUser> {
        let entries = self.entries.lock().ok()?;
        let (user, checked) = entries.get(&key(session_token))?;
        (checked.elapsed() < FRESH_FOR).then(|| user.clone())
    }

    /// Remembers `user` as just confirmed by the database.
    pub fn confirmed(&self, session_token: &str, user: SessionUser) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key(session_token), (user, Instant::now()));
        }
    }

    pub fn forget(&self, session_token: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&key(session_token));
        }
    }
}

/// Tokens are kept hashed, as in the database.
fn key(session_token: &str) -> String {
    tokens::hash_token(session_token)
}

/// A request served with a remembered user, to be confirmed at its first database access.
#[derive(Debug, Clone)]
pub struct Claim {
    pub session_token: String,
    pub user: SessionUser,
    /// Where to send the browser if the user changed (e.g. a new role): this page again.
    pub current_path: String,
}

tokio::task_local! {
    static CLAIM: Claim;
}

/// Runs the rest of the request with `claim` visible to [`current_claim`].
pub async fn with_claim<F: Future>(claim: Option<Claim>, request: F) -> F::Output {
    match claim {
        Some(claim) => CLAIM.scope(claim, request).await,
        None => request.await,
    }
}

/// The claim of the request being handled, if its user came from the cache.
pub fn current_claim() -> Option<Claim> {
    CLAIM.try_with(Claim::clone).ok()
}
