//! The claim's details as rows of a summary list — the same rows on the claim page, the
//! check-your-answers page and the reviewer's case page.

use crate::{domain::draft::CustomerLanguage, i18n::Catalogue, service::claim_view::ClaimDetails};

use super::claim::step_href;

pub struct DetailRow {
    pub label: String,
    pub value: String,
    /// The step that changes it, when the viewer may change it now.
    pub change: Option<String>,
}

pub fn summary(details: &ClaimDetails, t: &Catalogue) -> Vec<DetailRow> {
    let row = &details.row;
    let line = |key: &str, value: String, step: u8| DetailRow {
        label: t.get(key).to_owned(),
        value,
        change: step_href(details, step),
    };
    let programme = t.get(details.programme.label_key()).to_owned();
    let products: Vec<&str> = details.products.iter().map(|p| p.name.as_str()).collect();
    let joined = |parts: &[&Option<String>]| {
        let present: Vec<&str> = parts.iter().filter_map(|p| p.as_deref()).collect();
        present.join(", ")
    };
    let location = t.format(
        "claim.location",
        &[
            ("name", &details.location.name),
            ("mpn", &details.location.mpn_id),
        ],
    );
    let mut lines = vec![
        line("claim.field.location", location, 1),
        line("claim.field.domain", row.customer_domain.clone(), 1),
        line("claim.field.tenant", row.tenant_id.clone(), 1),
        line("claim.field.programme", programme, 2),
        line("claim.field.products", products.join(", "), 4),
    ];
    let subscriptions: Vec<String> = details
        .products
        .iter()
        .filter_map(|p| {
            let subscription = p.subscription_id.as_deref()?;
            Some(t.format(
                "claim.subscription",
                &[("subscription", subscription), ("product", &p.name)],
            ))
        })
        .collect();
    if !subscriptions.is_empty() {
        lines.push(line(
            "claim.field.subscriptions",
            subscriptions.join(", "),
            4,
        ));
    }
    lines.extend([line(
        "claim.field.customer_contact",
        joined(&[
            &row.customer_contact_name,
            &row.customer_contact_title,
            &row.customer_contact_email,
        ]),
        5,
    )]);
    // The language is chosen with the contacts, so it is shown once they are.
    if row.customer_contact_email.is_some() {
        let language = CustomerLanguage::parse(&row.language)
            .map_or(row.language.as_str(), |l| t.get(l.label_key()));
        lines.push(line(
            "claim.field.customer_language",
            language.to_owned(),
            5,
        ));
    }
    if details.programme.requires_revenue_fields() {
        let revenue = joined(&[&row.seller_name, &row.customer_name, &row.isv_solution_name]);
        lines.push(line("claim.field.revenue", revenue, 5));
    } else {
        let technical = joined(&[
            &row.technical_contact_name,
            &row.technical_contact_title,
            &row.technical_contact_email,
        ]);
        if !technical.is_empty() {
            lines.push(line("claim.field.technical_contact", technical, 5));
        }
        let company = joined(&[&row.company_contact_name, &row.company_contact_email]);
        lines.push(line("claim.field.company_contact", company, 5));
    }
    lines.push(line(
        "claim.field.comments",
        row.comments.clone().unwrap_or_default(),
        7,
    ));
    lines
}
