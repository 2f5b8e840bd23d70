//! The proof-of-execution template for one claim, as an RTF document (opens in Word,
//! LibreOffice and most editors), with what the portal already knows filled in and the
//! customer's acknowledgement to sign.

use crate::{domain::programme::Programme, i18n::Catalogue};

use super::rtf::{document, paragraph};

/// What the template fills in for a claim.
pub struct PoeTemplateFacts {
    pub partner: String,
    pub customer_domain: String,
    pub tenant_id: String,
    pub programme: Programme,
    pub products: Vec<String>,
}

const BLANK: &str = "______________________________";

pub fn compose(facts: &PoeTemplateFacts, t: &Catalogue) -> String {
    let programme = t.get(facts.programme.label_key());
    let filled = [
        ("template.partner", facts.partner.as_str()),
        ("template.domain", facts.customer_domain.as_str()),
        ("template.tenant", facts.tenant_id.as_str()),
        ("template.programme", programme),
    ];
    let mut body = paragraph(t.get("template.heading"), true);
    body.push_str(&paragraph(t.get("template.intro"), false));
    for (key, value) in filled {
        body.push_str(&paragraph(&format!("{}: {value}", t.get(key)), false));
    }
    body.push_str(&paragraph(
        &format!(
            "{}: {}",
            t.get("template.products"),
            facts.products.join(", ")
        ),
        false,
    ));
    let blanks = |keys: &[&str], body: &mut String| {
        for key in keys {
            body.push_str(&paragraph(&format!("{}: {BLANK}", t.get(key)), false));
        }
    };
    blanks(
        &[
            "template.customer_company",
            "template.activities",
            "template.dates",
        ],
        &mut body,
    );
    body.push_str(&paragraph(t.get("template.acknowledgement_heading"), true));
    body.push_str(&paragraph(
        &t.format("template.acknowledgement", &[("partner", &facts.partner)]),
        false,
    ));
    blanks(
        &[
            "template.signer_name",
            "template.signer_title",
            "template.signed_on",
            "template.signature",
        ],
        &mut body,
    );
    document(&body, t.locale())
}
