//! Internet names: domain names (IDNA-aware) and email addresses.

use super::{ValueError, ValueKind, string_value};

/// Longest raw input looked at: a 253-character domain in Unicode is well under this.
const MAX_INPUT_BYTES: usize = 1024;

/// A customer domain name such as `contoso.com`, stored in its ASCII (punycode) form,
/// lower-case and without a trailing dot, so one domain has exactly one spelling.
/// Users may type Unicode (`bücher.example`); [`DomainName::unicode`] shows it back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DomainName(String);
string_value!(DomainName);

impl DomainName {
    pub const MAX_LENGTH: usize = 253;
    pub const MAX_LABEL_LENGTH: usize = 63;

    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        if raw.len() > MAX_INPUT_BYTES {
            return Err(ValueError::TooLong {
                kind: ValueKind::DomainName,
                max: Self::MAX_LENGTH,
            });
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ValueError::Required {
                kind: ValueKind::DomainName,
            });
        }
        // Specific hints for the usual mistakes (pasting a URL or an email address).
        if trimmed.contains("://") {
            return Err(ValueError::DomainHasScheme);
        }
        if trimmed.chars().any(char::is_whitespace) {
            return Err(ValueError::DomainHasSpaces);
        }
        if trimmed.contains('@') {
            return Err(ValueError::DomainHasAt);
        }
        if trimmed.contains(['/', '\\', '?', '#']) {
            return Err(ValueError::DomainHasPath);
        }
        if trimmed.contains(':') {
            return Err(ValueError::DomainHasPort);
        }
        let without_root = trimmed.strip_suffix('.').unwrap_or(trimmed);
        let ascii = idna::domain_to_ascii_cow(without_root.as_bytes(), idna::AsciiDenyList::STD3)
            .map_err(|_| ValueError::DomainInvalidCharacters)?;
        check_ascii_domain(&ascii)?;
        Ok(Self(ascii.into_owned()))
    }

    /// The name for display, with punycode labels decoded (`xn--bcher-kva.example` →
    /// `bücher.example`).
    pub fn unicode(&self) -> String {
        idna::domain_to_unicode(&self.0).0
    }
}

/// The DNS rules on the ASCII form: at least two labels of 1–63 letters, digits or inner
/// hyphens, at most 253 characters, and a top-level label that is not a number (which would
/// make it an IP address).
fn check_ascii_domain(ascii: &str) -> Result<(), ValueError> {
    if ascii.len() > DomainName::MAX_LENGTH {
        return Err(ValueError::TooLong {
            kind: ValueKind::DomainName,
            max: DomainName::MAX_LENGTH,
        });
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    if labels.iter().any(|label| label.is_empty()) {
        return Err(ValueError::DomainEmptyLabel);
    }
    if labels.len() < 2 {
        return Err(ValueError::DomainSingleLabel);
    }
    for label in &labels {
        if label.len() > DomainName::MAX_LABEL_LENGTH {
            return Err(ValueError::DomainLabelTooLong {
                max: DomainName::MAX_LABEL_LENGTH,
            });
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(ValueError::DomainInvalidCharacters);
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(ValueError::DomainLabelHyphen);
        }
    }
    if labels
        .last()
        .is_some_and(|top| top.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(ValueError::DomainNumericTopLevel);
    }
    Ok(())
}

/// An email address, checked pragmatically: one `@`, an ASCII local part of at most 64
/// characters (kept as typed, since some mail servers distinguish case), and a domain part
/// that is a valid [`DomainName`] (stored lower-case, in ASCII form).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress(String);
string_value!(EmailAddress);

impl EmailAddress {
    pub const MAX_LENGTH: usize = 254;
    pub const MAX_LOCAL_LENGTH: usize = 64;

    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let too_long = ValueError::TooLong {
            kind: ValueKind::EmailAddress,
            max: Self::MAX_LENGTH,
        };
        if raw.len() > MAX_INPUT_BYTES {
            return Err(too_long);
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ValueError::Required {
                kind: ValueKind::EmailAddress,
            });
        }
        let (local, domain) = match trimmed.split_once('@') {
            None => return Err(ValueError::EmailMissingAt),
            Some((_, rest)) if rest.contains('@') => return Err(ValueError::EmailMultipleAt),
            Some(parts) => parts,
        };
        check_local_part(local)?;
        if domain.trim() != domain || domain.is_empty() {
            return Err(ValueError::EmailDomainInvalid);
        }
        let domain = DomainName::parse(domain).map_err(|_| ValueError::EmailDomainInvalid)?;
        let address = format!("{local}@{domain}");
        if address.len() > Self::MAX_LENGTH {
            return Err(too_long);
        }
        Ok(Self(address))
    }

    /// The part before the `@`.
    pub fn local_part(&self) -> &str {
        self.0.split_once('@').map_or("", |(local, _)| local)
    }

    /// The part after the `@` (ASCII form).
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map_or("", |(_, domain)| domain)
    }
}

/// RFC 5322 "dot-atom" local part: printable ASCII letters, digits and
/// ``!#$%&'*+/=?^_`{|}~-``, with dots only between them. Quoted local parts are refused:
/// nobody types them into a contact form, and they would carry spaces and `@`s.
fn check_local_part(local: &str) -> Result<(), ValueError> {
    if local.len() > EmailAddress::MAX_LOCAL_LENGTH {
        return Err(ValueError::EmailLocalPartTooLong {
            max: EmailAddress::MAX_LOCAL_LENGTH,
        });
    }
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b);
    let well_formed = !local.is_empty()
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.bytes().all(allowed));
    if well_formed {
        Ok(())
    } else {
        Err(ValueError::EmailLocalPartInvalid)
    }
}
