//! Signing in and out, and finding who is behind a session cookie.

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{
        access::{Role, Viewer},
        ids::{OrganisationId, UserId},
    },
    i18n::Locale,
    store::{
        self, AnyConnection, DbPool, db_time, sessions, sign_in_failures, users, write_transaction,
    },
    tokens,
};

use super::passwords;

/// A session ends this long after sign-in, whatever happens.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);
/// …or after this long without a request.
pub const SESSION_IDLE_TIMEOUT: Duration = Duration::hours(2);
/// `last_seen_at` is written at most this often, so reads stay reads.
const TOUCH_INTERVAL: Duration = Duration::minutes(5);

/// Failed (or unfinished) sign-ins allowed in [`THROTTLE_WINDOW`] before the next attempt
/// is refused unchecked.
pub const ACCOUNT_FAILURE_LIMIT: i64 = 5;
pub const ADDRESS_FAILURE_LIMIT: i64 = 20;
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// The signed-in user, as the rest of the application sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: Option<String>,
    pub organisation_name: Option<String>,
    /// The language the user chose; `None`: their browser's.
    pub language: Option<Locale>,
}

impl SessionUser {
    /// The user as the domain's access rules see them.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user: UserId::new(&self.user_id),
            role: self.role,
            organisation: self.organisation_id.as_deref().map(OrganisationId::new),
        }
    }
}

#[derive(Debug)]
pub enum SignInOutcome {
    /// `session_token` goes into the cookie; only its hash is stored.
    SignedIn {
        session_token: String,
        user: SessionUser,
    },
    InvalidCredentials,
    Throttled,
}

pub struct SignInAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub client_address: &'a str,
    /// The session being replaced, if any: it ends, so the id changes at sign-in.
    pub previous_session: Option<&'a str>,
}

/// Counts and records the attempt (one transaction: parallel attempts are counted one after
/// another, so no more than the limit are ever checked), verifies the password (connection
/// released meanwhile: argon2 is slow) and opens a new session; a success takes its
/// attempt back. Blocking: call it off the async workers.
pub fn sign_in(
    pool: &DbPool,
    attempt: &SignInAttempt<'_>,
    memory_kib: u32,
    now: DateTime<Utc>,
) -> anyhow::Result<SignInOutcome> {
    let email = normalise_email(attempt.email);
    let mut conn = pool.get()?;
    let counted = write_transaction(&mut conn, |c| -> anyhow::Result<_> {
        let Some(address_attempt) = count_attempt(c, &email, attempt.client_address, now)? else {
            return Ok(None);
        };
        Ok(Some((users::find_by_email(c, &email)?, address_attempt)))
    })?;
    let Some((user, address_attempt)) = counted else {
        return Ok(SignInOutcome::Throttled);
    };
    drop(conn);

    let verified = match user
        .as_ref()
        .and_then(|u| u.password_hash.as_deref().filter(|_| u.active))
    {
        Some(stored) => passwords::verify(attempt.password, stored),
        None => {
            passwords::verify_against_dummy(attempt.password, memory_kib);
            false
        }
    };

    let mut conn = pool.get()?;
    let (Some(user), true) = (user, verified) else {
        tracing::info!(outcome = "invalid_credentials", "sign-in refused");
        return Ok(SignInOutcome::InvalidCredentials);
    };

    let session_token = tokens::random_token();
    let session_user = write_transaction(&mut conn, |c| -> anyhow::Result<SessionUser> {
        if let Some(previous) = attempt.previous_session {
            sessions::delete(c, &tokens::hash_token(previous))?;
        }
        sessions::insert(
            c,
            &sessions::NewSession {
                id: &tokens::hash_token(&session_token),
                user_id: &user.id,
                created_at: db_time(now),
                last_seen_at: db_time(now),
                expires_at: db_time(now + SESSION_LIFETIME),
            },
        )?;
        sign_in_failures::clear(c, sign_in_failures::ACCOUNT, &email)?;
        sign_in_failures::delete(c, &address_attempt)?;
        // Housekeeping rides on sign-ins: expired sessions are useless rows.
        sessions::delete_expired(c, db_time(now))?;
        let organisation_name = match user.organisation_id.as_deref() {
            Some(id) => store::organisations::name_of(c, id)?,
            None => None,
        };
        session_user(user, organisation_name)
    })?;
    tracing::info!(user_id = %session_user.user_id, role = session_user.role.as_str(), "signed in");
    Ok(SignInOutcome::SignedIn {
        session_token,
        user: session_user,
    })
}

/// Records the attempt against the account and the address, unless either reached its
/// limit (`None`: throttled); the address's attempt id, taken back on success.
fn count_attempt(
    c: &mut AnyConnection,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<String>> {
    use sign_in_failures::{ACCOUNT, ADDRESS};
    let since = db_time(now - THROTTLE_WINDOW);
    sign_in_failures::lock(c, ACCOUNT, email)?;
    sign_in_failures::lock(c, ADDRESS, address)?;
    if sign_in_failures::count_since(c, ACCOUNT, email, since)? >= ACCOUNT_FAILURE_LIMIT
        || sign_in_failures::count_since(c, ADDRESS, address, since)? >= ADDRESS_FAILURE_LIMIT
    {
        return Ok(None);
    }
    let at = db_time(now);
    sign_in_failures::record(c, ACCOUNT, email, at)?;
    let address_attempt = sign_in_failures::record(c, ADDRESS, address, at)?;
    sign_in_failures::prune(c, db_time(now - Duration::days(1)))?;
    Ok(Some(address_attempt))
}

/// Why [`with_session_confirmed`] did not run its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionRefused {
    /// The session ended (signed out, expired, user deactivated).
    Ended,
    /// Still signed in, but as someone else now (e.g. the role changed).
    Changed,
}

/// Runs `work` on a pooled connection, after confirming on that same connection that the
/// session behind `expected` (a token and the user a cache remembered) still stands for
/// that user; `None` runs it for an anonymous request or an already confirmed one.
pub fn with_session_confirmed<T>(
    pool: &DbPool,
    expected: Option<(&str, &SessionUser)>,
    now: DateTime<Utc>,
    work: impl FnOnce(&mut AnyConnection) -> anyhow::Result<T>,
) -> anyhow::Result<Result<T, SessionRefused>> {
    let mut conn = pool.get()?;
    if let Some((token, user)) = expected {
        match current_user(&mut conn, token, now)? {
            Some(current) if current == *user => {}
            Some(_) => return Ok(Err(SessionRefused::Changed)),
            None => return Ok(Err(SessionRefused::Ended)),
        }
    }
    work(&mut conn).map(Ok)
}

/// The user behind a session token, if the session is live; refreshes its idle timer.
pub fn current_user(
    conn: &mut AnyConnection,
    session_token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<SessionUser>> {
    let id = tokens::hash_token(session_token);
    let Some(found) =
        sessions::find_live(conn, &id, db_time(now), db_time(now - SESSION_IDLE_TIMEOUT))?
    else {
        return Ok(None);
    };
    if found.last_seen_at < db_time(now - TOUCH_INTERVAL) {
        sessions::touch(conn, &id, db_time(now))?;
    }
    session_user(found.user, found.organisation_name).map(Some)
}

/// Ends the session for good: the old cookie no longer works anywhere.
pub fn sign_out(conn: &mut AnyConnection, session_token: &str) -> anyhow::Result<()> {
    sessions::delete(conn, &tokens::hash_token(session_token))?;
    Ok(())
}

pub fn normalise_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

pub(super) fn session_user(
    user: users::UserRow,
    organisation_name: Option<String>,
) -> anyhow::Result<SessionUser> {
    let role = user.role;
    Ok(SessionUser {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        role,
        organisation_id: user.organisation_id,
        organisation_name,
        language: user.language.as_deref().and_then(Locale::parse),
    })
}
