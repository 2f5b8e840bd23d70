//! Rules for people's accounts: what makes a new password acceptable.

use super::errors::{Message, code_enum};

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("shorter than {min} characters")]
    TooShort { min: usize },
    #[error("longer than {max} characters")]
    TooLong { max: usize },
}

impl Message for PasswordError {
    fn key(&self) -> &'static str {
        match self {
            PasswordError::TooShort { .. } => "password.too_short",
            PasswordError::TooLong { .. } => "password.too_long",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            PasswordError::TooShort { min } => vec![("min", min.to_string())],
            PasswordError::TooLong { max } => vec![("max", max.to_string())],
        }
    }
}

/// A new password: long enough to resist guessing (length over composition rules, as
/// NIST SP 800-63B advises), short enough to hash without abuse. Spaces count; nothing is
/// trimmed, so the password is exactly what was typed.
pub fn check_new_password(password: &str) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS || password.trim().is_empty() {
        return Err(PasswordError::TooShort {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong {
            max: MAX_PASSWORD_CHARS,
        });
    }
    Ok(())
}

/// How long an invitation or password-reset link works.
pub const LINK_HOURS: i64 = 72;

/// Why a change to an account is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("no role")]
    RoleRequired,
    #[error("a partner user needs an organisation")]
    OrganisationRequired,
    #[error("the last active administrator")]
    LastAdministrator,
    #[error("email in use")]
    EmailTaken,
    #[error("the passwords differ")]
    PasswordsDiffer,
}

impl Message for AccountError {
    fn key(&self) -> &'static str {
        match self {
            AccountError::RoleRequired => "account.role_required",
            AccountError::OrganisationRequired => "account.organisation_required",
            AccountError::LastAdministrator => "account.last_administrator",
            AccountError::EmailTaken => "account.email_taken",
            AccountError::PasswordsDiffer => "account.passwords_differ",
        }
    }
}

/// A role and, for partner users only, their organisation (staff belong to none: an
/// organisation chosen with a staff role is dropped, so changing a partner user to a
/// reviewer needs no second edit).
pub fn role_and_organisation(
    role: &str,
    organisation_id: &str,
) -> Result<(super::access::Role, Option<String>), (&'static str, AccountError)> {
    use super::access::Role;
    let organisation = Some(organisation_id.trim()).filter(|o| !o.is_empty());
    match (Role::parse(role), organisation) {
        (None, _) => Err(("role", AccountError::RoleRequired)),
        (Some(Role::Partner), None) => Err(("organisation", AccountError::OrganisationRequired)),
        (Some(Role::Partner), Some(org)) => Ok((Role::Partner, Some(org.to_owned()))),
        (Some(staff), _) => Ok((staff, None)),
    }
}

/// Whether a change would leave no active administrator: `target_is_active_admin` is the
/// account as it is, `stays_active_admin` as it would be.
pub fn removes_last_administrator(
    active_administrators: i64,
    target_is_active_admin: bool,
    stays_active_admin: bool,
) -> bool {
    target_is_active_admin && !stays_active_admin && active_administrators <= 1
}

code_enum! {
    /// Where an account stands, as the administration lists it.
    pub enum AccountState: "admin.users.state" {
        Active => "active",
        /// Invited, with a set-password link that still works.
        Invited => "invited",
        /// Invited, but the link ran out before a password was chosen.
        LinkExpired => "link_expired",
        /// Deactivated: cannot sign in.
        Inactive => "inactive",
    }
}

impl AccountState {
    /// The state of an account that is `active` or not, has chosen a password or not, and
    /// has an unused set-password link that still works or not.
    pub fn of(active: bool, has_password: bool, link_live: bool) -> Self {
        match (active, has_password, link_live) {
            (false, _, _) => AccountState::Inactive,
            (true, true, _) => AccountState::Active,
            (true, false, true) => AccountState::Invited,
            (true, false, false) => AccountState::LinkExpired,
        }
    }
}
