//! Creating accounts outside the browser: the first administrator of an empty portal
//! (`portal create-admin`).

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::Role,
        accounts::{PasswordError, check_new_password},
        values::{EmailAddress, PersonName, ValueError},
    },
    i18n::Catalogue,
    store::{AnyConnection, admin_audit, db_time, new_id, users, write_transaction},
};

use super::{auth::normalise_email, passwords};

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("email address: {0}")]
    Email(ValueError),
    #[error("name: {0}")]
    Name(ValueError),
    #[error("password: {0}")]
    Password(PasswordError),
    #[error("an account with this email address exists already")]
    Exists,
}

impl CreateError {
    /// What went wrong, in the catalogue's words.
    pub fn describe(&self, t: &Catalogue) -> String {
        match self {
            CreateError::Email(e) | CreateError::Name(e) => t.message(e),
            CreateError::Password(e) => t.message(e),
            CreateError::Exists => t.get("accounts.exists").to_owned(),
        }
    }
}

/// Creates an active administrator; the change is recorded as made from the command line.
pub fn create_administrator(
    conn: &mut AnyConnection,
    email: &str,
    name: &str,
    password: &str,
    argon2_memory_kib: u32,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<String, CreateError>> {
    let email = match EmailAddress::parse(email) {
        Ok(email) => normalise_email(email.as_str()),
        Err(e) => return Ok(Err(CreateError::Email(e))),
    };
    let name = match PersonName::parse(name) {
        Ok(name) => name,
        Err(e) => return Ok(Err(CreateError::Name(e))),
    };
    if let Err(e) = check_new_password(password) {
        return Ok(Err(CreateError::Password(e)));
    }
    if users::find_by_email(conn, &email)?.is_some() {
        return Ok(Err(CreateError::Exists));
    }
    let hash = passwords::hash(password, argon2_memory_kib)?;
    let id = new_id();
    write_transaction(conn, |c| -> anyhow::Result<()> {
        users::insert(
            c,
            &users::NewUser {
                id: &id,
                email: &email,
                display_name: name.as_str(),
                password_hash: Some(&hash),
                role: Role::Administrator.as_str(),
                organisation_id: None,
                active: true,
                created_at: db_time(now),
                language: None,
            },
        )?;
        admin_audit::record(
            c,
            None,
            "user.created",
            &email,
            Some("administrator"),
            db_time(now),
        )?;
        Ok(())
    })?;
    Ok(Ok(email))
}
