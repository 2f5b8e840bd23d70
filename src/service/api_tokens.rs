//! `/account/tokens`: a user's personal API tokens — made (and shown once), listed with their
//! last use, revoked — and the caller a token stands for. Each change is recorded.

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{
        access::Viewer,
        api_tokens::{self, NewToken, TokenError, TokenScope, TokenState},
    },
    store::{
        AnyConnection, admin_audit,
        api_tokens::{self as stored, NewApiToken, TokenLine},
        db_time, from_db_time, new_id, write_transaction,
    },
    tokens,
};

use super::auth::{SessionUser, session_user};

/// A token's last use is written at most this often: a busy integration must not turn every
/// read into a write.
const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// Tokens read `cpor_` then 64 hex digits, so a token found in a file or a log is
/// recognisable (and secret scanners can match it).
pub const TOKEN_PREFIX: &str = "cpor_";

/// One of the user's tokens, as their list shows it.
#[derive(Debug, Clone)]
pub struct ListedToken {
    pub id: String,
    pub name: String,
    pub scope: TokenScope,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub state: TokenState,
}

impl ListedToken {
    fn from_line(line: TokenLine, now: DateTime<Utc>) -> Self {
        let expires_at = from_db_time(line.expires_at);
        let revoked_at = line.revoked_at.map(from_db_time);
        Self {
            id: line.id,
            name: line.name,
            scope: line.scope,
            created_at: from_db_time(line.created_at),
            expires_at,
            last_used_at: line.last_used_at.map(from_db_time),
            state: TokenState::of(revoked_at, expires_at, now),
        }
    }
}

/// The viewer's own tokens, newest first.
pub fn list(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<ListedToken>> {
    Ok(stored::of_user(conn, viewer.user.as_str())?
        .into_iter()
        .map(|line| ListedToken::from_line(line, now))
        .collect())
}

/// A token just made: `secret` is shown once and never again.
pub struct MadeToken {
    pub name: String,
    pub secret: String,
}

/// Never the secret, should a token ever be printed.
impl std::fmt::Debug for MadeToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MadeToken")
            .field("name", &self.name)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// What the token form asked for.
pub struct TokenRequest<'a> {
    pub name: &'a str,
    pub scope: &'a str,
    pub lifetime: &'a str,
    /// The form's own id: the same form sent twice makes one token. Empty: not checked.
    pub request_id: &'a str,
}

/// Makes a token for the viewer, with its audit row, in one transaction; the typed request's
/// problems otherwise (the count of working tokens and the form's earlier token are read
/// inside the transaction, so two requests at once cannot pass either check together).
pub fn create(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    request: &TokenRequest<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<MadeToken, Vec<TokenError>>> {
    let user_id = viewer.user.as_str();
    let TokenRequest {
        name,
        scope,
        lifetime,
        request_id,
    } = *request;
    write_transaction(conn, |c| {
        stored::lock_user(c, user_id)?;
        if !request_id.is_empty() && stored::made_from(c, user_id, request_id)? {
            return Ok(Err(vec![TokenError::AlreadyMade]));
        }
        let active = usize::try_from(stored::count_active(c, user_id, db_time(now))?)?;
        let NewToken {
            name,
            scope,
            lifetime,
        } = match api_tokens::parse_new_token(name, scope, lifetime, active) {
            Ok(new) => new,
            Err(errors) => return Ok(Err(errors)),
        };
        let secret = format!("{TOKEN_PREFIX}{}", tokens::random_token());
        let id = new_id();
        stored::insert(
            c,
            &NewApiToken {
                id: &id,
                user_id,
                name: &name,
                token_hash: &tokens::hash_token(&secret),
                scope: scope.as_str(),
                created_at: db_time(now),
                expires_at: db_time(lifetime.expires_at(now)),
                request_id: (!request_id.is_empty()).then_some(request_id),
            },
        )?;
        let detail = format!("{name}, {}", scope.as_str());
        admin_audit::record(
            c,
            Some(user_id),
            "api_token.created",
            &id,
            Some(&detail),
            db_time(now),
        )?;
        Ok(Ok(MadeToken { name, secret }))
    })
}

/// Revokes one of the viewer's own working tokens, with its audit row; `false` when they
/// have no such working token (someone else's id changes nothing).
pub fn revoke(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let user_id = viewer.user.as_str();
    write_transaction(conn, |c| {
        if stored::revoke(c, user_id, id, db_time(now))? == 0 {
            return Ok(false);
        }
        admin_audit::record(
            c,
            Some(user_id),
            "api_token.revoked",
            id,
            None,
            db_time(now),
        )?;
        Ok(true)
    })
}

/// Who a request made with a token acts as, and what the token allows.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The token's own id (never its secret): what its requests are counted by.
    pub token_id: String,
    pub user: SessionUser,
    pub scope: TokenScope,
}

/// The caller a presented token stands for: `None` when it is unknown, revoked, expired or
/// its user was deactivated (they all look the same to the caller).
pub fn authenticate(
    conn: &mut AnyConnection,
    presented: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<ApiCaller>> {
    if !well_formed(presented) {
        return Ok(None);
    }
    let Some(found) = stored::find_working(conn, &tokens::hash_token(presented), db_time(now))?
    else {
        return Ok(None);
    };
    if found
        .last_used_at
        .is_none_or(|at| at < db_time(now - TOUCH_INTERVAL))
        && let Err(e) = stored::touch(conn, &found.id, db_time(now))
    {
        // The last use is a courtesy to the token's owner: a busy database must not turn
        // a read into a failure.
        tracing::warn!(error = %e, "a token's last use was not recorded");
    }
    Ok(Some(ApiCaller {
        token_id: found.id,
        user: session_user(found.user, found.organisation_name)?,
        scope: found.scope,
    }))
}

/// Only strings shaped like a token are looked up.
fn well_formed(presented: &str) -> bool {
    presented
        .strip_prefix(TOKEN_PREFIX)
        .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}
