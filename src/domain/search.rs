//! What people type into a list's search box.

use super::errors::Message;
use super::trigrams::TrigramCounts;
use super::values::{TenantId, has_hidden_characters, looks_blank};

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

/// A search term as it is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    folded: String,
    /// The term as a tenant ID, when it is a whole one (in any of a GUID's spellings).
    tenant: Option<String>,
    /// The part a trigram index is asked for ([`TrigramCounts::rarest_part`]).
    key: String,
    /// About how many texts of the sample hold the term, of how many
    /// ([`TrigramCounts::holding`]).
    sampled: (u32, u32),
}

impl Term {
    /// The term folded, `None` when nothing is left to search for; `counts` tell which part
    /// of it is rarest.
    pub fn new(raw: &str, counts: &TrigramCounts) -> Option<Term> {
        let folded = fold(raw.trim());
        let tenant = TenantId::parse(raw).ok().map(|t| t.as_str().to_owned());
        let key = counts.rarest_part(&folded);
        let sampled = (counts.holding(&folded), counts.texts());
        (!folded.is_empty()).then_some(Term {
            folded,
            tenant,
            key,
            sampled,
        })
    }

    /// Whether `raw` needs trigram counts to be searched for: not a whole tenant ID (which
    /// its own index finds) nor a term too short for a trigram.
    pub fn needs_counts(raw: &str) -> bool {
        TenantId::parse(raw).is_err() && fold(raw.trim()).chars().count() >= TRIGRAM
    }

    /// About how many of `rows` claims hold the term, by the sample (0 without one): a
    /// list that expects a page of matches among its first rows reads them first.
    pub fn expected_in(&self, rows: i64) -> i64 {
        let (holding, texts) = self.sampled;
        match texts {
            0 => 0,
            _ => rows.saturating_mul(i64::from(holding)) / i64::from(texts),
        }
    }

    /// The term as compared with each text.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The part of the term a trigram index is asked for: every text holding the term
    /// holds it too.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The whole tenant ID the term is, in its stored spelling.
    pub fn tenant(&self) -> Option<&str> {
        self.tenant.as_deref()
    }

    /// Whether the first rows of a list are worth testing one by one before an index is
    /// asked: not for a whole tenant ID, which its own index finds at once (and which names
    /// one customer, so its claims are few).
    pub fn walks(&self) -> bool {
        self.tenant.is_none()
    }

    /// Whether a trigram index can find it (three characters or more).
    pub fn indexable(&self) -> bool {
        self.folded.chars().count() >= TRIGRAM
    }

    /// Whether `text` (not yet folded) contains the term.
    pub fn found_in(&self, text: &str) -> bool {
        fold(text).contains(&self.folded)
    }
}
