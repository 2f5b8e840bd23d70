//! Step 5, `/associations/{id}/contacts`: customer and company contacts, or the revenue
//! association details — every field required.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{
        claim::Section,
        draft::{ContactsInput, CustomerLanguage},
    },
    i18n::{Catalogue, Locale},
    service::contacts_step::{self, ContactsForm},
};

use super::{
    error::AppError,
    forms::{Choice, FormErrors, choices},
    layout::Layout,
    products::denied,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
    wizard_flow::Then,
};

#[derive(Template)]
#[template(path = "associations/contacts.html")]
struct ContactsPage {
    layout: Layout,
    claim_id: String,
    claim_name: String,
    step: String,
    errors: FormErrors,
    /// The same messages, each naming its contact, for the summary at the top.
    summary: FormErrors,
    revenue_association: bool,
    technical: bool,
    languages: Vec<Choice>,
    f: ContactsInput,
}

/// The partner's own language: what the customer's language is until the step is saved.
fn partner_language(visitor: &Visitor) -> CustomerLanguage {
    CustomerLanguage::parse(visitor.locale.tag()).unwrap_or(CustomerLanguage::English)
}

/// One radio per language, each named in itself (and marked so, for screen readers).
fn language_choices(selected: &str) -> Vec<Choice> {
    let options = CustomerLanguage::ALL
        .iter()
        .map(|l| {
            let name = Locale::from_tag(l.as_str()).own_name();
            (l.as_str().to_owned(), name.to_owned(), String::new())
        })
        .collect();
    let mut radios = choices("customer_language", options, selected);
    for radio in &mut radios {
        radio.lang = radio.value.clone();
    }
    radios
}

pub async fn form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (id, language) = (id.into_inner(), partner_language(&visitor));
    let form = state
        .db(move |conn| contacts_step::load(conn, &viewer, &id, language))
        .await?
        .map_err(denied)?;
    let input = form.stored.clone();
    render(
        &visitor,
        &form,
        input,
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    then: web::Query<Then>,
    input: web::Form<ContactsInput>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let claim_id = id.into_inner();
    let input = input.into_inner();
    let (id, typed, who) = (claim_id.clone(), input.clone(), viewer.clone());
    let saved = state
        .db(move |conn| contacts_step::save(conn, &who, &id, &typed, now))
        .await?;
    match saved.map_err(denied)? {
        Ok(status) => see_other_with_flash(
            &then.after(&claim_id, status, Section::Contacts),
            "flash.contacts_saved",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            let language = partner_language(&visitor);
            let form = state
                .db(move |conn| contacts_step::load(conn, &viewer, &claim_id, language))
                .await?
                .map_err(denied)?;
            let errors = FormErrors::from_domain(&errors, Catalogue::for_locale(visitor.locale));
            render(
                &visitor,
                &form,
                input,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

fn render(
    visitor: &Visitor,
    form: &ContactsForm,
    input: ContactsInput,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let template = ContactsPage {
        layout: Layout::new(visitor, "contacts.title").with_errors(!errors.is_empty()),
        claim_id: form.claim.id.clone(),
        claim_name: form.claim.name.clone(),
        step: t.format("wizard.step", &[("n", "5")]),
        summary: summary(&errors, t),
        errors,
        revenue_association: form.programme.requires_revenue_fields(),
        technical: form.requires_technical_contact,
        languages: language_choices(&input.customer_language),
        f: input,
    };
    page(status, &template)
}

/// The error summary's lines: a contact field's message names its contact ("Customer
/// contact: enter a name"); the field's own message, beside it, stays short. Each line
/// still links to its field.
fn summary(errors: &FormErrors, t: &Catalogue) -> FormErrors {
    let mut summary = FormErrors::default();
    for item in errors.items() {
        let contact = [
            ("customer_contact_", "wizard_flow.contact.customer"),
            ("technical_contact_", "wizard_flow.contact.technical"),
            ("company_contact_", "wizard_flow.contact.company"),
        ]
        .into_iter()
        .find(|(prefix, _)| item.field.starts_with(prefix));
        let message = match contact {
            Some((_, key)) => t.format(
                "wizard_flow.contact_error",
                &[
                    ("contact", t.get(key)),
                    ("message", &lowered(&item.message)),
                ],
            ),
            None => item.message.clone(),
        };
        summary.add(&item.field, message);
    }
    summary
}

/// "Enter a name" → "enter a name", to follow "Customer contact:" (a word in capitals, such
/// as "MPN", and text without case are left as they are).
fn lowered(message: &str) -> String {
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && !second.is_uppercase() => {
            format!(
                "{}{}",
                first.to_ascii_lowercase(),
                &message[first.len_utf8()..]
            )
        }
        _ => message.to_owned(),
    }
}
