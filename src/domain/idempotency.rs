//! `Idempotency-Key` on the API's POST requests (IETF httpapi draft
//! "The Idempotency-Key HTTP Header Field"): what a key the caller sends means for a request,
//! given what was stored for it. Keys belong to a user; a stored answer is kept for
//! [`RETENTION`]. A request that started and never finished (its process died) holds its key
//! only for [`LEASE`]: after that the key is abandoned and the next request with it acts —
//! a key must not block for ever. The price is the crash window: a request that had already
//! acted when its process died acts again when retried after the lease (a status change is
//! then refused by the claim's rules; a create makes a second draft). The portal accepts it,
//! because holding the claim's transaction open across the request would serialise every
//! writer on SQLite.

use chrono::{DateTime, Duration, Utc};

/// How long a finished request's answer is replayed.
pub const RETENTION: Duration = Duration::hours(24);
/// How long a request may run before its key is taken as abandoned (far beyond any
/// request's timeout, an upload's included).
pub const LEASE: Duration = Duration::minutes(5);
/// Longest key, in characters (the draft asks for a UUID or similar random string).
pub const MAX_KEY_CHARS: usize = 255;

/// A key as sent: 1–255 visible ASCII characters (an sf-string without quotes, or a bare
/// token); `None` for anything else.
pub fn parse_key(raw: &str) -> Option<String> {
    let key = raw.trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .unwrap_or(key);
    let valid = !key.is_empty()
        && key.chars().count() <= MAX_KEY_CHARS
        && key.chars().all(|c| c.is_ascii_graphic() || c == ' ');
    valid.then(|| key.to_owned())
}

/// What is stored for a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// The request the key was first used with (method, path and body, hashed).
    pub fingerprint: String,
    /// Whether its answer is stored (the request finished).
    pub finished: bool,
    pub locked_until: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A finished request's answer, as sent (and sent again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub status_code: i32,
    pub location: Option<String>,
    pub content_type: String,
    pub body: String,
}

/// What to do with a request that carries a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Nothing (alive) is stored for the key: act, and store the answer.
    Act,
    /// The same request finished: send its stored answer again, without acting.
    Replay,
    /// The key was used with another request: refuse (422).
    OtherRequest,
    /// The same key's request is still running: refuse (409), the client retries later.
    Running,
    /// The key's request started and was abandoned (or its answer expired): act again.
    Reclaim,
}

/// The rule, for a request with `fingerprint` at `now`.
pub fn standing(stored: Option<&KeyRecord>, fingerprint: &str, now: DateTime<Utc>) -> Standing {
    let Some(record) = stored else {
        return Standing::Act;
    };
    if record.expires_at <= now {
        return Standing::Reclaim;
    }
    if record.fingerprint != fingerprint {
        return Standing::OtherRequest;
    }
    match (record.finished, record.locked_until > now) {
        (true, _) => Standing::Replay,
        (false, true) => Standing::Running,
        (false, false) => Standing::Reclaim,
    }
}
