//! Reading Fluent sources: which messages a file defines and which variables each uses.

use std::collections::BTreeSet;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// A message of a Fluent source: the key code asks for and the variables its text uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMessage {
    pub key: String,
    pub variables: BTreeSet<String>,
}

/// The Fluent id of a dotted key: `claim.status` is `claim-status`.
pub fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// The dotted key of a Fluent id.
pub(super) fn key_of(id: &str) -> String {
    id.replace('-', ".")
}

/// The messages of one Fluent source in their order, or its syntax errors as
/// `line N: what`.
pub fn source_messages(text: &str) -> Result<Vec<SourceMessage>, Vec<String>> {
    match fluent_syntax::parser::parse(text) {
        Ok(resource) => Ok(resource.body.iter().filter_map(message_of).collect()),
        Err((_, errors)) => Err(errors
            .iter()
            .map(|e| format!("line {}: {e}", line_of(text, e.pos.start)))
            .collect()),
    }
}

/// The 1-based line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

pub(super) fn message_of(entry: &Entry<&str>) -> Option<SourceMessage> {
    let Entry::Message(message) = entry else {
        return None;
    };
    let mut variables = BTreeSet::new();
    if let Some(pattern) = &message.value {
        pattern_variables(pattern, &mut variables);
    }
    Some(SourceMessage {
        key: key_of(message.id.name),
        variables,
    })
}

fn pattern_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
            {
                inline_variables(argument, out);
            }
        }
        // A term's arguments are its own, not the message's.
        InlineExpression::TermReference { .. }
        | InlineExpression::MessageReference { .. }
        | InlineExpression::StringLiteral { .. }
        | InlineExpression::NumberLiteral { .. } => {}
    }
}
