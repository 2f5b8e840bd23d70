//! What people type into a list's search box.

use super::errors::Message;
use super::values::{has_hidden_characters, looks_blank};

/// Longer terms find nothing a shorter part would not, and would make the database's
/// pattern matching do unbounded work.
pub const MAX_SEARCH_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("search term longer than {max} characters")]
    TooLong { max: usize },
    #[error("search term with hidden characters")]
    HiddenCharacters,
}

impl Message for SearchError {
    fn key(&self) -> &'static str {
        match self {
            SearchError::TooLong { .. } => "search.too_long",
            SearchError::HiddenCharacters => "value.text.control_characters",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            SearchError::TooLong { max } => vec![("max", max.to_string())],
            SearchError::HiddenCharacters => Vec::new(),
        }
    }
}

/// The trimmed term, `None` when there is nothing to search for.
pub fn parse_search(raw: &str) -> Result<Option<String>, SearchError> {
    let too_long = SearchError::TooLong {
        max: MAX_SEARCH_CHARS,
    };
    // Four bytes a character at most: a longer input is too long without counting.
    if raw.len() > MAX_SEARCH_CHARS * 4 + 1024 {
        return Err(too_long);
    }
    let term = raw.trim();
    if looks_blank(term) {
        return Ok(None);
    }
    if has_hidden_characters(term) {
        return Err(SearchError::HiddenCharacters);
    }
    if term.chars().count() > MAX_SEARCH_CHARS {
        return Err(too_long);
    }
    Ok(Some(term.to_owned()))
}

/// The shortest term a trigram index can find: shorter ones are matched by reading the
/// rows in the list's order instead (see `store::search`).
pub const TRIGRAM: usize = 3;

/// Between the fields of a [`search_text`]: a line break, which [`parse_search`] refuses in a
/// term, so no match spans two fields.
pub const FIELD_SEPARATOR: char = '\n';

/// `text` as search compares it: every letter in lower case, whatever its script (Latin,
/// Greek, Cyrillic … by Unicode's case mapping, one character at a time so a term folds like
/// the text around it), final sigma as sigma, and full-width ASCII (`ＡＢＣ１`) as ASCII.
///
/// Folding happens here, in Rust, for the stored text and for the term alike, so SQLite
/// (whose `lower()` folds ASCII only) and PostgreSQL (whose `lower()` depends on the
/// database's locale) find exactly the same claims.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            // Full-width forms of ASCII '!'..='~'.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xff01 + 0x21).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        };
        for lower in c.to_lowercase() {
            folded.push(if lower == 'ς' { 'σ' } else { lower });
        }
    }
    folded
}

/// What a claim is found by: its name, customer domain and tenant ID, folded, one per line.
pub fn search_text(name: &str, customer_domain: &str, tenant_id: &str) -> String {
    let mut text = fold(name);
    for field in [customer_domain, tenant_id] {
        text.push(FIELD_SEPARATOR);
        text.push_str(&fold(field));
    }
    text
}
