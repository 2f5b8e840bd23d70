//! Free text typed by people: names, titles and comments.

use super::{ValueError, ValueKind, string_value};

/// Characters that are not control characters but change how surrounding text is shown
/// (zero-width space and joiner-like marks, text-direction marks, overrides and isolates,
/// line/paragraph separators, byte-order mark): refused so what a reviewer reads is what was
/// typed.
pub fn is_invisible_formatting(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Characters that show as nothing at all, though they are neither whitespace nor
/// formatting: fillers of the Hangul and braille blocks, the soft hyphen, the combining
/// grapheme joiner, the zero-width (non-)joiners and invisible operators, tag characters.
/// Other scripts need some of them between letters, so typed text may hold them, but they
/// cannot be a name on their own.
pub fn is_invisible_filler(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2061}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Text that would look empty on a page, though it is not.
pub fn looks_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || is_invisible_filler(c))
}

/// Whether one line of text holds characters that hide or reorder what is shown.
pub fn has_hidden_characters(text: &str) -> bool {
    text.chars().any(is_forbidden_in_line)
}

fn is_forbidden_in_line(c: char) -> bool {
    c.is_control() || is_invisible_formatting(c)
}

fn is_forbidden_in_paragraphs(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible_formatting(c)
}

/// Checks a trimmed single-line text against its bounds, counting characters (not bytes).
fn parse_line(raw: &str, kind: ValueKind, min: usize, max: usize) -> Result<String, ValueError> {
    // A character is at most 4 bytes, so more bytes than this is certainly too long.
    if raw.len() > max * 4 + 1024 {
        return Err(ValueError::TooLong { kind, max });
    }
    let trimmed = raw.trim();
    if looks_blank(trimmed) {
        return Err(ValueError::Required { kind });
    }
    if has_hidden_characters(trimmed) {
        return Err(ValueError::ControlCharacters { kind });
    }
    let length = trimmed.chars().count();
    if length > max {
        return Err(ValueError::TooLong { kind, max });
    }
    if length < min {
        return Err(ValueError::TooShort { kind, min });
    }
    Ok(trimmed.to_owned())
}

macro_rules! line_value {
    ($(#[$meta:meta])* $name:ident, $kind:expr, $min:expr, $max:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);
        string_value!($name);

        impl $name {
            pub const MIN_CHARS: usize = $min;
            pub const MAX_CHARS: usize = $max;

            /// Trims, then requires the length bounds and no control characters.
            pub fn parse(raw: &str) -> Result<Self, ValueError> {
                parse_line(raw, $kind, Self::MIN_CHARS, Self::MAX_CHARS).map(Self)
            }
        }
    };
}

line_value!(
    /// What the partner calls the claim, to find it again in lists.
    ClaimName,
    ValueKind::ClaimName,
    3,
    100
);
line_value!(
    /// A contact person's name.
    PersonName,
    ValueKind::PersonName,
    1,
    100
);
line_value!(
    /// A contact person's job title.
    JobTitle,
    ValueKind::JobTitle,
    1,
    100
);
line_value!(
    /// The name of a company (customer, or Dynamics solution seller in revenue association).
    OrganisationName,
    ValueKind::OrganisationName,
    1,
    100
);
line_value!(
    /// An ISV product or solution name (revenue association).
    SolutionName,
    ValueKind::SolutionName,
    1,
    100
);

/// Free text of up to 2,000 characters over several lines: comments, justifications,
/// reasons. Browser line breaks (`\r\n`) are stored as `\n`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Comment(String);
string_value!(Comment);

impl Comment {
    pub const MAX_CHARS: usize = 2000;

    /// A required comment: blank input is an error.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Self::parse_optional(raw)?.ok_or(ValueError::Required {
            kind: ValueKind::Comment,
        })
    }

    /// An optional comment: blank input is `None`.
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, ValueError> {
        let kind = ValueKind::Comment;
        let max = Self::MAX_CHARS;
        if raw.len() > max * 4 + 1024 {
            return Err(ValueError::TooLong { kind, max });
        }
        let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
        let trimmed = normalised.trim();
        if looks_blank(trimmed) {
            return Ok(None);
        }
        if trimmed.chars().any(is_forbidden_in_paragraphs) {
            return Err(ValueError::ControlCharacters { kind });
        }
        if trimmed.chars().count() > max {
            return Err(ValueError::TooLong { kind, max });
        }
        Ok(Some(Self(trimmed.to_owned())))
    }
}
