//! Step 5, `/associations/{id}/contacts`: customer and company contacts, or the revenue
//! association details — every field required.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::draft::ContactsInput,
    i18n::Catalogue,
    service::contacts_step::{self, ContactsForm},
};

use super::{
    error::AppError,
    forms::FormErrors,
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
    f: ContactsInput,
}

pub async fn form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let id = id.into_inner();
    let form = state
        .db(move |conn| contacts_step::load(conn, &viewer, &id))
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
            let form = state
                .db(move |conn| contacts_step::load(conn, &viewer, &claim_id))
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
        f: input,
    };
    page(status, &template)
}
