//! Keyset pagination: where a page ended (the last row's sort value and id), carried in a
//! link. Length-prefixed rather than split on a separator, so that any sort value — names
//! with `~` or `|`, non-ASCII — round-trips, and any other text is simply no position.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysetPosition {
    /// The sort column's value of the row, as the store compares it.
    pub value: String,
    /// The row's id: the tie-breaker between rows with the same value.
    pub id: String,
}

/// Longer prefixes cannot describe a value of a URL we would serve.
const MAX_LENGTH_DIGITS: usize = 7;

impl KeysetPosition {
    pub fn new(value: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            id: id.into(),
        }
    }

    /// `<bytes of value>:<value><id>`, for a query string.
    pub fn encode(&self) -> String {
        format!("{}:{}{}", self.value.len(), self.value, self.id)
    }

    /// The position `encode` wrote; `None` for anything else (a tampered or old link).
    pub fn decode(raw: &str) -> Option<Self> {
        let (length, rest) = raw.split_once(':')?;
        if length.is_empty()
            || length.len() > MAX_LENGTH_DIGITS
            || !length.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let length: usize = length.parse().ok()?;
        let value = rest.get(..length)?;
        let id = &rest[length..];
        if id.is_empty() {
            return None;
        }
        Some(Self::new(value, id))
    }
}
