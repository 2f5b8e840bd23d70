//! Personal API tokens: what a user may ask for when making one (a name, read-only or
//! read-write, a lifetime) and when a token still works. A token acts as its user, with
//! that user's access and no more; these rules only narrow it further.

use chrono::{DateTime, Duration, Utc};

use super::errors::{Message, code_enum};
use super::values::{has_hidden_characters, looks_blank};

/// Longest token name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// Most tokens a user may hold at once (revoked and expired ones do not count): enough for
/// every system a partner connects, few enough that a lost one is noticed in the list.
pub const MAX_ACTIVE_TOKENS: usize = 20;

code_enum! {
    /// What a token may do.
    pub enum TokenScope: "api_tokens.scope" {
        /// Reads only: lists, claims, History, usage.
        ReadOnly => "read",
        /// Reads and acts, as the user could on the pages.
        ReadWrite => "write",
    }
}

impl TokenScope {
    /// Whether a request that changes something (`writes`) may be made with the token.
    pub fn permits(self, writes: bool) -> bool {
        !writes || self == TokenScope::ReadWrite
    }
}

code_enum! {
    /// How long a new token works; a token never works for ever.
    pub enum TokenLifetime: "api_tokens.lifetime" {
        Week => "7",
        Month => "30",
        Quarter => "90",
        Year => "365",
    }
}

impl TokenLifetime {
    pub fn expires_at(self, now: DateTime<Utc>) -> DateTime<Utc> {
        let days = match self {
            TokenLifetime::Week => 7,
            TokenLifetime::Month => 30,
            TokenLifetime::Quarter => 90,
            TokenLifetime::Year => 365,
        };
        now + Duration::days(days)
    }
}

/// Where a token stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Active,
    Expired,
    Revoked,
}

impl TokenState {
    pub fn of(
        revoked_at: Option<DateTime<Utc>>,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Self {
        if revoked_at.is_some() {
            TokenState::Revoked
        } else if now >= expires_at {
            TokenState::Expired
        } else {
            TokenState::Active
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            TokenState::Active => "api_tokens.state.active",
            TokenState::Expired => "api_tokens.state.expired",
            TokenState::Revoked => "api_tokens.state.revoked",
        }
    }
}

/// A token as asked for, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    pub name: String,
    pub scope: TokenScope,
    pub lifetime: TokenLifetime,
}

/// What is wrong with a request for a token, by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    NameRequired,
    NameTooLong,
    NameHiddenCharacters,
    ScopeRequired,
    LifetimeRequired,
    TooManyTokens,
    /// The form was sent again (a reload): its token was made, and shown, the first time.
    AlreadyMade,
}

impl TokenError {
    /// The form field the message belongs next to.
    pub fn field(self) -> &'static str {
        match self {
            TokenError::NameRequired
            | TokenError::NameTooLong
            | TokenError::NameHiddenCharacters
            | TokenError::TooManyTokens
            | TokenError::AlreadyMade => "name",
            TokenError::ScopeRequired => "scope",
            TokenError::LifetimeRequired => "lifetime",
        }
    }
}

impl Message for TokenError {
    fn key(&self) -> &'static str {
        match self {
            TokenError::NameRequired => "api_tokens.error.name_required",
            TokenError::NameTooLong => "api_tokens.error.name_too_long",
            TokenError::NameHiddenCharacters => "value.text.control_characters",
            TokenError::ScopeRequired => "api_tokens.error.scope_required",
            TokenError::LifetimeRequired => "api_tokens.error.lifetime_required",
            TokenError::TooManyTokens => "api_tokens.error.too_many",
            TokenError::AlreadyMade => "api_tokens.error.already_made",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            TokenError::NameTooLong => vec![("max", MAX_NAME_CHARS.to_string())],
            TokenError::TooManyTokens => vec![("max", MAX_ACTIVE_TOKENS.to_string())],
            _ => Vec::new(),
        }
    }
}

/// Checks a request for a token: every problem, each once, in the form's order.
/// `active_tokens` is how many working tokens the user holds already.
pub fn parse_new_token(
    name: &str,
    scope: &str,
    lifetime: &str,
    active_tokens: usize,
) -> Result<NewToken, Vec<TokenError>> {
    let mut errors = Vec::new();
    let name = name.trim();
    if looks_blank(name) {
        errors.push(TokenError::NameRequired);
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(TokenError::NameTooLong);
    } else if has_hidden_characters(name) {
        errors.push(TokenError::NameHiddenCharacters);
    } else if active_tokens >= MAX_ACTIVE_TOKENS {
        errors.push(TokenError::TooManyTokens);
    }
    let scope = TokenScope::parse(scope);
    if scope.is_none() {
        errors.push(TokenError::ScopeRequired);
    }
    let lifetime = TokenLifetime::parse(lifetime);
    if lifetime.is_none() {
        errors.push(TokenError::LifetimeRequired);
    }
    match (scope, lifetime) {
        (Some(scope), Some(lifetime)) if errors.is_empty() => Ok(NewToken {
            name: name.to_owned(),
            scope,
            lifetime,
        }),
        _ => Err(errors),
    }
}
