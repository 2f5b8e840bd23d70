//! `/set-password/{token}`: the one-time link of an invitation or a password reset.

use chrono::{DateTime, Utc};

use crate::{
    domain::accounts::{AccountError, PasswordError, check_new_password},
    store::{
        AnyConnection, DbPool, db_time, from_db_time, password_tokens, sessions, users,
        write_transaction,
    },
    tokens,
};

use super::passwords;

pub enum Link {
    /// Works: for this user (name, email).
    Valid {
        name: String,
        email: String,
    },
    /// Used already, or expired, or its user deactivated.
    Spent,
    Unknown,
}

fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn look_up(conn: &mut AnyConnection, token: &str, now: DateTime<Utc>) -> anyhow::Result<Link> {
    if !well_formed(token) {
        return Ok(Link::Unknown);
    }
    let Some(row) = password_tokens::find(conn, &tokens::hash_token(token))? else {
        return Ok(Link::Unknown);
    };
    let Some(user) = users::find(conn, &row.user_id)? else {
        return Ok(Link::Unknown);
    };
    if row.used_at.is_some() || from_db_time(row.expires_at) <= now || !user.active {
        return Ok(Link::Spent);
    }
    Ok(Link::Valid {
        name: user.display_name,
        email: user.email,
    })
}

pub enum SetRefused {
    Password(PasswordError),
    Account(AccountError),
    /// The link no longer works.
    Spent,
}

/// Sets the password and uses up the link, in one transaction; the user's existing
/// sessions end (a reset may follow a stolen password).
pub fn set(
    pool: &DbPool,
    token: &str,
    password: &str,
    again: &str,
    argon2_memory_kib: u32,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<String, SetRefused>> {
    // No connection is held while the password is hashed (slow on purpose).
    let Link::Valid { email, .. } = look_up(&mut *pool.get()?, token, now)? else {
        return Ok(Err(SetRefused::Spent));
    };
    if let Err(e) = check_new_password(password) {
        return Ok(Err(SetRefused::Password(e)));
    }
    if password != again {
        return Ok(Err(SetRefused::Account(AccountError::PasswordsDiffer)));
    }
    let hash = passwords::hash(password, argon2_memory_kib)?;
    let token_hash = tokens::hash_token(token);
    let done = write_transaction(&mut *pool.get()?, |c| -> anyhow::Result<bool> {
        let Some(row) = password_tokens::find(c, &token_hash)? else {
            return Ok(false);
        };
        if !password_tokens::mark_used(c, &token_hash, db_time(now))? {
            return Ok(false);
        }
        users::set_password_hash(c, &row.user_id, &hash)?;
        sessions::delete_for_user(c, &row.user_id)?;
        Ok(true)
    })?;
    Ok(if done {
        Ok(email)
    } else {
        Err(SetRefused::Spent)
    })
}
