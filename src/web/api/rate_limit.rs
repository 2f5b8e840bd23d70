//! Each token's allowance of requests ([`Quota`]), kept in this process's memory: one
//! instant per token. Several instances each keep their own, so the limit is per instance.

use std::{collections::HashMap, sync::Mutex};

use chrono::{DateTime, Duration, Utc};

use crate::domain::rate_limit::{Admission, Quota};

/// Beyond this many tokens, the ones whose allowance is full again are forgotten.
const TOKENS_KEPT: usize = 10_000;

pub struct ApiRateLimiter {
    quota: Quota,
    states: Mutex<HashMap<String, DateTime<Utc>>>,
}

impl ApiRateLimiter {
    pub fn new(quota: Quota) -> Self {
        Self {
            quota,
            states: Mutex::new(HashMap::new()),
        }
    }

    pub fn quota(&self) -> Quota {
        self.quota
    }

    /// Counts one request of `token_id` at `now`: `Err` with the wait when it is over the
    /// allowance.
    pub fn admit(&self, token_id: &str, now: DateTime<Utc>) -> Result<u32, Duration> {
        // A panic elsewhere while holding the lock leaves only instants behind: still usable.
        let mut states = self.states.lock().unwrap_or_else(|e| e.into_inner());
        match self.quota.admit(states.get(token_id).copied(), now) {
            Admission::Admitted {
                theoretical_arrival,
                remaining,
            } => {
                if states.len() >= TOKENS_KEPT {
                    states.retain(|_, full_at| *full_at > now);
                }
                states.insert(token_id.to_owned(), theoretical_arrival);
                Ok(remaining)
            }
            Admission::Refused { retry_after } => Err(retry_after),
        }
    }
}
