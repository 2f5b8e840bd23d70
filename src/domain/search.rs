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
