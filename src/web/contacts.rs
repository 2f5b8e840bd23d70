//! Step 5, `/associations/{id}/contacts`: customer and company contacts, or the revenue
//! association details — every field required.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::draft::{ContactsInput, CustomerLanguage},
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
};

#[derive(Template)]
#[template(path = "associations/contacts.html")]
struct ContactsPage {
    layout: Layout,
    claim_id: String,
    claim_name: String,
    step: String,
    errors: FormErrors,
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
        Ok(()) => see_other_with_flash(
            &format!("/associations/{claim_id}"),
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
        errors,
        revenue_association: form.programme.requires_revenue_fields(),
        technical: form.requires_technical_contact,
        languages: language_choices(&input.customer_language),
        f: input,
    };
    page(status, &template)
}
