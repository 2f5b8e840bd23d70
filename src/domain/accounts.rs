//! Rules for people's accounts: what makes a new password acceptable.

use super::errors::Message;

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
