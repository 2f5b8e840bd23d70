//! Field errors for re-showing a form: each message goes next to its field and, worded the
//! same, into the error summary at the top.

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
