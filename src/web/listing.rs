//! What the list pages share: the options of a filter `<select>` and links that keep the
//! filters (and carry a keyset position).

use crate::domain::keyset::KeysetPosition;

pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// `(value, label)` pairs as options, the one equal to `selected` chosen.
pub fn options<'a>(
    selected: &str,
    items: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<SelectOption> {
    items
        .map(|(value, label)| SelectOption {
            selected: value == selected,
            value: value.to_owned(),
            label: label.to_owned(),
        })
        .collect()
}

/// `path` with the non-empty `pairs` as its query string.
pub fn link(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        query.append_pair(key, value);
    }
    match query.finish() {
        q if q.is_empty() => path.to_owned(),
        q => format!("{path}?{q}"),
    }
}

/// The link to the page after `position`, keeping `filters`.
pub fn next_page(path: &str, filters: &[(&str, &str)], position: &KeysetPosition) -> String {
    let encoded = position.encode();
    let mut pairs = filters.to_vec();
    pairs.push(("after", &encoded));
    link(path, &pairs)
}
