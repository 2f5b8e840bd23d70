//! Field errors for re-showing a form: each message goes next to its field and, worded the
//! same, into the error summary at the top.

use crate::{
    domain::{draft::FieldErrors, errors::Message, search::SearchError},
    i18n::Catalogue,
};

/// One radio of a group. The first carries the group's name as its id, so the error
/// summary's link (`#name`) lands on it.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub value: String,
    pub label: String,
    pub hint: String,
    pub checked: bool,
    /// The label's language when it differs from the page's (a language's own name).
    pub lang: String,
}

/// Radios for `name` from `(value, label, hint)` triples, with `selected` checked.
pub fn choices(name: &str, options: Vec<(String, String, String)>, selected: &str) -> Vec<Choice> {
    options
        .into_iter()
        .enumerate()
        .map(|(n, (value, label, hint))| Choice {
            id: if n == 0 {
                name.to_owned()
            } else {
                format!("{name}-{value}")
            },
            checked: value == selected,
            value,
            label,
            hint,
            lang: String::new(),
        })
        .collect()
}

/// Radios for `name`, one per coded value (its code and catalogue label, no hint).
pub fn coded_choices<T>(name: &str, all: &[T], t: &Catalogue, selected: &str) -> Vec<Choice>
where
    T: Message + std::fmt::Display,
{
    choices(
        name,
        all.iter()
            .map(|value| (value.to_string(), t.message(value), String::new()))
            .collect(),
        selected,
    )
}

#[derive(Debug, Default, Clone)]
pub struct FormErrors {
    items: Vec<FieldMessage>,
}

#[derive(Debug, Clone)]
pub struct FieldMessage {
    /// The `id` of the input the summary links to.
    pub field: String,
    pub message: String,
}

impl FormErrors {
    /// The domain's field errors in the visitor's language; an error about one item of a
    /// repeated field (a product's subscription) points at that item's input.
    pub fn from_domain(errors: &FieldErrors, catalogue: &Catalogue) -> Self {
        let mut form = FormErrors::default();
        for error in errors.iter() {
            let field = match &error.item {
                Some(item) => format!("{}-{item}", error.field),
                None => error.field.to_owned(),
            };
            form.add(&field, catalogue.message(error));
        }
        form
    }

    /// A message per `(field, error)` pair, in the visitor's language.
    pub fn for_fields<E: Message>(problems: &[(&'static str, E)], catalogue: &Catalogue) -> Self {
        let mut form = FormErrors::default();
        for (field, error) in problems {
            form.add(field, catalogue.message(error));
        }
        form
    }

    /// The one message of a form that failed on one field.
    pub fn one(field: &str, error: &impl Message, catalogue: &Catalogue) -> Self {
        let mut form = FormErrors::default();
        form.add(field, catalogue.message(error));
        form
    }

    /// A message about one line of an uploaded or pasted list, for `field`.
    pub fn add_line(
        &mut self,
        field: &str,
        line: impl std::fmt::Display,
        error: &impl Message,
        t: &Catalogue,
    ) {
        let message = t.message(error);
        let line = line.to_string();
        self.add(
            field,
            t.format(
                "admin.calendar.line_error",
                &[("line", &line), ("message", &message)],
            ),
        );
    }

    pub fn extend(&mut self, other: FormErrors) {
        self.items.extend(other.items);
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.items.push(FieldMessage {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn items(&self) -> &[FieldMessage] {
        &self.items
    }

    /// The message for `field`, or "" (templates test `!= ""`).
    pub fn get(&self, field: &str) -> &str {
        self.items
            .iter()
            .find(|i| i.field == field)
            .map(|i| i.message.as_str())
            .unwrap_or("")
    }
}

/// The message beside a list's search box (`q`) when its term cannot be searched for.
pub fn search_errors(search: Result<Option<String>, SearchError>, t: &Catalogue) -> FormErrors {
    match search {
        Ok(_) => FormErrors::default(),
        Err(error) => FormErrors::one("q", &error, t),
    }
}
