//! Validated values typed into forms. Each type can only be built by `parse`, so code that
//! holds one knows it is well-formed; every type round-trips: `T::parse(x.as_ref()) == Ok(x)`.
//!
//! Input is checked by byte length before any other work, so a 10 MB paste costs nothing.
//! HTML or SQL in free text is kept as typed (templates escape, queries bind), while control
//! characters and invisible text-direction overrides are refused because they hide what a
//! reviewer or customer would see.

mod internet;
mod text;

pub use internet::{DomainName, EmailAddress};
pub use text::{
    ClaimName, Comment, JobTitle, OrganisationName, PersonName, SolutionName,
    has_hidden_characters, is_invisible_filler, is_invisible_formatting, looks_blank,
};

use super::errors::Message;

/// Which value a [`ValueError`] is about, so the message can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    MpnId,
    TenantId,
    SubscriptionId,
    DomainName,
    EmailAddress,
    ClaimName,
    PersonName,
    JobTitle,
    OrganisationName,
    SolutionName,
    Comment,
}

impl ValueKind {
    pub const ALL: &'static [ValueKind] = &[
        ValueKind::MpnId,
        ValueKind::TenantId,
        ValueKind::SubscriptionId,
        ValueKind::DomainName,
        ValueKind::EmailAddress,
        ValueKind::ClaimName,
        ValueKind::PersonName,
        ValueKind::JobTitle,
        ValueKind::OrganisationName,
        ValueKind::SolutionName,
        ValueKind::Comment,
    ];

    fn required_key(self) -> &'static str {
        match self {
            ValueKind::MpnId => "value.mpn_id.required",
            ValueKind::TenantId => "value.tenant_id.required",
            ValueKind::SubscriptionId => "value.subscription_id.required",
            ValueKind::DomainName => "value.domain_name.required",
            ValueKind::EmailAddress => "value.email.required",
            ValueKind::ClaimName => "value.claim_name.required",
            ValueKind::PersonName => "value.person_name.required",
            ValueKind::JobTitle => "value.job_title.required",
            ValueKind::OrganisationName => "value.organisation_name.required",
            ValueKind::SolutionName => "value.solution_name.required",
            ValueKind::Comment => "value.comment.required",
        }
    }

    fn too_long_key(self) -> &'static str {
        match self {
            ValueKind::MpnId => "value.mpn_id.wrong_length",
            ValueKind::TenantId => "value.tenant_id.invalid",
            ValueKind::SubscriptionId => "value.subscription_id.invalid",
            ValueKind::DomainName => "value.domain_name.too_long",
            ValueKind::EmailAddress => "value.email.too_long",
            ValueKind::ClaimName => "value.claim_name.too_long",
            ValueKind::PersonName => "value.person_name.too_long",
            ValueKind::JobTitle => "value.job_title.too_long",
            ValueKind::OrganisationName => "value.organisation_name.too_long",
            ValueKind::SolutionName => "value.solution_name.too_long",
            ValueKind::Comment => "value.comment.too_long",
        }
    }
}

/// Why a typed value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("{kind:?} is required")]
    Required { kind: ValueKind },
    #[error("{kind:?} is longer than {max}")]
    TooLong { kind: ValueKind, max: usize },
    #[error("{kind:?} is shorter than {min}")]
    TooShort { kind: ValueKind, min: usize },
    #[error("{kind:?} contains control characters")]
    ControlCharacters { kind: ValueKind },
    #[error("MPN ID is not digits only")]
    MpnIdNotDigits,
    #[error("MPN ID has the wrong length")]
    MpnIdWrongLength,
    #[error("tenant ID is not a GUID")]
    TenantIdInvalid,
    #[error("subscription ID is not a GUID")]
    SubscriptionIdInvalid,
    #[error("domain name has a scheme")]
    DomainHasScheme,
    #[error("domain name has a path")]
    DomainHasPath,
    #[error("domain name has a port")]
    DomainHasPort,
    #[error("domain name has an @")]
    DomainHasAt,
    #[error("domain name has spaces")]
    DomainHasSpaces,
    #[error("domain name has characters not allowed")]
    DomainInvalidCharacters,
    #[error("domain name has an empty label")]
    DomainEmptyLabel,
    #[error("domain name has a single label")]
    DomainSingleLabel,
    #[error("domain name label is too long")]
    DomainLabelTooLong { max: usize },
    #[error("domain name label starts or ends with a hyphen")]
    DomainLabelHyphen,
    #[error("domain name ends in a number")]
    DomainNumericTopLevel,
    #[error("email address has no @")]
    EmailMissingAt,
    #[error("email address has more than one @")]
    EmailMultipleAt,
    #[error("email address local part is invalid")]
    EmailLocalPartInvalid,
    #[error("email address local part is too long")]
    EmailLocalPartTooLong { max: usize },
    #[error("email address domain is invalid")]
    EmailDomainInvalid,
}

impl ValueError {
    /// The value the error is about.
    pub fn kind(&self) -> ValueKind {
        match self {
            ValueError::Required { kind }
            | ValueError::TooLong { kind, .. }
            | ValueError::TooShort { kind, .. }
            | ValueError::ControlCharacters { kind } => *kind,
            ValueError::MpnIdNotDigits | ValueError::MpnIdWrongLength => ValueKind::MpnId,
            ValueError::TenantIdInvalid => ValueKind::TenantId,
            ValueError::SubscriptionIdInvalid => ValueKind::SubscriptionId,
            ValueError::DomainHasScheme
            | ValueError::DomainHasPath
            | ValueError::DomainHasPort
            | ValueError::DomainHasAt
            | ValueError::DomainHasSpaces
            | ValueError::DomainInvalidCharacters
            | ValueError::DomainEmptyLabel
            | ValueError::DomainSingleLabel
            | ValueError::DomainLabelTooLong { .. }
            | ValueError::DomainLabelHyphen
            | ValueError::DomainNumericTopLevel => ValueKind::DomainName,
            ValueError::EmailMissingAt
            | ValueError::EmailMultipleAt
            | ValueError::EmailLocalPartInvalid
            | ValueError::EmailLocalPartTooLong { .. }
            | ValueError::EmailDomainInvalid => ValueKind::EmailAddress,
        }
    }
}

impl Message for ValueError {
    fn key(&self) -> &'static str {
        match self {
            ValueError::Required { kind } => kind.required_key(),
            ValueError::TooLong { kind, .. } => kind.too_long_key(),
            ValueError::TooShort {
                kind: ValueKind::ClaimName,
                ..
            } => "value.claim_name.too_short",
            ValueError::TooShort { .. } => "value.text.too_short",
            ValueError::ControlCharacters {
                kind: ValueKind::Comment,
            } => "value.comment.control_characters",
            ValueError::ControlCharacters { .. } => "value.text.control_characters",
            ValueError::MpnIdNotDigits => "value.mpn_id.not_digits",
            ValueError::MpnIdWrongLength => "value.mpn_id.wrong_length",
            ValueError::TenantIdInvalid => "value.tenant_id.invalid",
            ValueError::SubscriptionIdInvalid => "value.subscription_id.invalid",
            ValueError::DomainHasScheme => "value.domain_name.has_scheme",
            ValueError::DomainHasPath => "value.domain_name.has_path",
            ValueError::DomainHasPort => "value.domain_name.has_port",
            ValueError::DomainHasAt => "value.domain_name.has_at",
            ValueError::DomainHasSpaces => "value.domain_name.has_spaces",
            ValueError::DomainInvalidCharacters => "value.domain_name.invalid_characters",
            ValueError::DomainEmptyLabel => "value.domain_name.empty_label",
            ValueError::DomainSingleLabel => "value.domain_name.single_label",
            ValueError::DomainLabelTooLong { .. } => "value.domain_name.label_too_long",
            ValueError::DomainLabelHyphen => "value.domain_name.label_hyphen",
            ValueError::DomainNumericTopLevel => "value.domain_name.numeric_top_level",
            ValueError::EmailMissingAt => "value.email.missing_at",
            ValueError::EmailMultipleAt => "value.email.multiple_at",
            ValueError::EmailLocalPartInvalid => "value.email.local_part_invalid",
            ValueError::EmailLocalPartTooLong { .. } => "value.email.local_part_too_long",
            ValueError::EmailDomainInvalid => "value.email.domain_invalid",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            // Codes have one right length, said in their format message.
            ValueError::TooLong {
                kind: ValueKind::MpnId | ValueKind::TenantId | ValueKind::SubscriptionId,
                ..
            } => Vec::new(),
            ValueError::TooLong { max, .. }
            | ValueError::DomainLabelTooLong { max }
            | ValueError::EmailLocalPartTooLong { max } => vec![("max", max.to_string())],
            ValueError::TooShort { min, .. } => vec![("min", min.to_string())],
            _ => Vec::new(),
        }
    }
}

/// Implements the read-only accessors and serde for a validated string newtype whose
/// `parse` is its only constructor (deserialising re-validates).
macro_rules! string_value {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                $name::parse(&raw).map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use string_value;

/// Longest raw input looked at for short codes (MPN and GUIDs); anything longer is wrong.
const MAX_CODE_INPUT_BYTES: usize = 256;

/// A partner location's Microsoft Partner Network ID: 6 to 10 digits, leading zeros kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MpnId(String);
string_value!(MpnId);

impl MpnId {
    pub const MIN_DIGITS: usize = 6;
    pub const MAX_DIGITS: usize = 10;

    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        if raw.len() > MAX_CODE_INPUT_BYTES {
            return Err(ValueError::MpnIdWrongLength);
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ValueError::Required {
                kind: ValueKind::MpnId,
            });
        }
        if !trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValueError::MpnIdNotDigits);
        }
        if !(Self::MIN_DIGITS..=Self::MAX_DIGITS).contains(&trimmed.len()) {
            return Err(ValueError::MpnIdWrongLength);
        }
        Ok(Self(trimmed.to_owned()))
    }
}

/// A GUID in its canonical form: lower-case, hyphenated, no braces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Guid([u8; 16]);

impl Guid {
    /// Accepts `8-4-4-4-12` or 32 hex digits, any case, optionally in `{…}`.
    fn parse(raw: &str) -> Option<Guid> {
        if raw.len() > MAX_CODE_INPUT_BYTES {
            return None;
        }
        let trimmed = raw.trim();
        let inner = match (trimmed.strip_prefix('{'), trimmed.strip_suffix('}')) {
            (Some(_), Some(_)) => trimmed.get(1..trimmed.len() - 1)?,
            (None, None) => trimmed,
            _ => return None,
        };
        let bytes = inner.as_bytes();
        let hyphenated = match bytes.len() {
            32 => false,
            36 if HYPHENS.iter().all(|&i| bytes.get(i) == Some(&b'-')) => true,
            _ => return None,
        };
        let mut digits = bytes
            .iter()
            .enumerate()
            .filter(|(i, _)| !(hyphenated && HYPHENS.contains(i)))
            .map(|(_, &b)| hex_value(b));
        let mut out = [0u8; 16];
        for slot in &mut out {
            *slot = digits.next()?? << 4 | digits.next()??;
        }
        Some(Guid(out))
    }

    fn canonical(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(36);
        for (index, byte) in self.0.iter().enumerate() {
            if matches!(index, 4 | 6 | 8 | 10) {
                text.push('-');
            }
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        text
    }

    /// `raw` in the canonical form; read from the database, a GUID usually is already, and is
    /// then copied rather than parsed and written again.
    fn canonical_of(raw: &str) -> Option<String> {
        let canonical = raw.len() == 36
            && raw
                .bytes()
                .enumerate()
                .all(|(i, b)| match HYPHENS.contains(&i) {
                    true => b == b'-',
                    false => matches!(b, b'0'..=b'9' | b'a'..=b'f'),
                });
        match canonical {
            true => Some(raw.to_owned()),
            false => Guid::parse(raw).map(|guid| guid.canonical()),
        }
    }
}

/// Where the hyphens of a GUID's `8-4-4-4-12` form are.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

macro_rules! guid_value {
    ($(#[$meta:meta])* $name:ident, $kind:expr, $invalid:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);
        string_value!($name);

        impl $name {
            pub fn parse(raw: &str) -> Result<Self, ValueError> {
                if raw.len() <= MAX_CODE_INPUT_BYTES && raw.trim().is_empty() {
                    return Err(ValueError::Required { kind: $kind });
                }
                Guid::canonical_of(raw).map(Self).ok_or($invalid)
            }
        }
    };
}

guid_value!(
    /// A customer's directory (Entra tenant) ID.
    TenantId,
    ValueKind::TenantId,
    ValueError::TenantIdInvalid
);
guid_value!(
    /// A subscription ID from the tenant registry.
    SubscriptionId,
    ValueKind::SubscriptionId,
    ValueError::SubscriptionIdInvalid
);
