//! How many API requests a token may make: `per_minute` on average, and as many at once
//! after a quiet minute. The generic cell rate algorithm keeps one instant per token (when
//! its allowance is next full), so it needs no timers and no per-request history.

use chrono::{DateTime, Duration, Utc};

/// A token's allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    per_minute: u32,
}

/// What the algorithm says of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Served; `theoretical_arrival` is the token's new state, `remaining` how many more
    /// requests it may make right now.
    Admitted {
        theoretical_arrival: DateTime<Utc>,
        remaining: u32,
    },
    /// Refused until `retry_after` has passed; the token's state is unchanged.
    Refused { retry_after: Duration },
}

impl Quota {
    /// `None` for zero: a limit of nothing would refuse every request.
    pub fn per_minute(per_minute: u32) -> Option<Self> {
        (per_minute > 0).then_some(Self { per_minute })
    }

    pub fn requests_per_minute(self) -> u32 {
        self.per_minute
    }

    /// The time one request uses of the allowance.
    fn interval(self) -> Duration {
        Duration::microseconds(60_000_000 / i64::from(self.per_minute))
    }

    /// Decides one request made at `now`, given the token's state (`None`: never seen, or
    /// long enough ago to be full).
    pub fn admit(self, state: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Admission {
        let interval = self.interval();
        let window = interval * i32::try_from(self.per_minute).unwrap_or(i32::MAX);
        let theoretical_arrival = state.map_or(now, |t| t.max(now)) + interval;
        let allowed_from = theoretical_arrival - window;
        if now < allowed_from {
            return Admission::Refused {
                retry_after: allowed_from - now,
            };
        }
        let spare = (now - allowed_from).num_microseconds().unwrap_or(0);
        let remaining = spare / interval.num_microseconds().unwrap_or(1).max(1);
        Admission::Admitted {
            theoretical_arrival,
            remaining: u32::try_from(remaining).unwrap_or(u32::MAX),
        }
    }
}
