//! `Idempotency-Key` for the API's POST requests: a key is taken before the request acts
//! and its answer stored after, each in its own short transaction (the action's own
//! transaction stays the action's). The rules, and the crash window they accept, are in
//! [`crate::domain::idempotency`]. Expired keys are removed whenever a key is taken, so the
//! table holds about a day of keys and needs no job of its own.

use chrono::{DateTime, Utc};

use crate::{
    domain::idempotency::{LEASE, RETENTION, Standing, standing},
    store::{
        AnyConnection, db_time,
        idempotency::{self as stored, NewKey},
        is_unique_violation, write_transaction,
    },
};

pub use crate::domain::idempotency::StoredAnswer;

/// What a request with a key may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// The key is the request's: act, then [`finish`] (or [`release`]).
    Act,
    /// The same request finished earlier: its answer.
    Replay(StoredAnswer),
    /// The key was used with another request.
    OtherRequest,
    /// The key's first request is still running.
    Running,
}

/// Takes `key` of `user_id` for the request `fingerprint` at `now`.
pub fn take(
    conn: &mut AnyConnection,
    user_id: &str,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Taken> {
    let result = write_transaction(conn, |c| -> anyhow::Result<Taken> {
        stored::remove_expired(c, db_time(now))?;
        let found = stored::find(c, user_id, key)?;
        let record = found.as_ref().map(|(record, _)| record);
        match standing(record, fingerprint, now) {
            Standing::Replay => {
                let answer = found.and_then(|(_, answer)| answer);
                return Ok(answer.map_or(Taken::Running, Taken::Replay));
            }
            Standing::OtherRequest => return Ok(Taken::OtherRequest),
            Standing::Running => return Ok(Taken::Running),
            Standing::Reclaim => {
                stored::remove(c, user_id, key)?;
            }
            Standing::Act => {}
        }
        stored::insert(
            c,
            &NewKey {
                user_id,
                idempotency_key: key,
                fingerprint,
                created_at: db_time(now),
                locked_until: db_time(now + LEASE),
                expires_at: db_time(now + RETENTION),
            },
        )?;
        Ok(Taken::Act)
    });
    match result {
        // Another request took the key between our read and our insert.
        Err(e) if is_unique_violation(&e) => Ok(Taken::Running),
        other => other,
    }
}

/// Stores the answer of the request that took the key.
pub fn finish(
    conn: &mut AnyConnection,
    user_id: &str,
    key: &str,
    answer: &StoredAnswer,
) -> anyhow::Result<()> {
    write_transaction(conn, |c| stored::finish(c, user_id, key, answer))?;
    Ok(())
}

/// Frees the key of a request that failed on the portal's side, so a retry acts.
pub fn release(conn: &mut AnyConnection, user_id: &str, key: &str) -> anyhow::Result<()> {
    write_transaction(conn, |c| stored::remove(c, user_id, key))?;
    Ok(())
}
