//! `/admin/organisations`, `/admin/organisations/{id}` and `/admin/locations/{id}`:
//! partner organisations and their locations (MPN ID, name, country, programmes).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{access, values::OrganisationName},
    i18n::Catalogue,
    service::partners_admin::{self, LocationView, OrganisationSummary, OrganisationView},
};

use super::{
    admin_locations::{LocationForm, ProgrammeBox, programme_boxes},
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

pub struct OrganisationLine {
    pub href: String,
    pub name: String,
    pub locations: i64,
}

pub struct LocationLine {
    pub href: String,
    pub mpn_id: String,
    pub name: String,
    pub country: String,
    pub programmes: String,
}

impl LocationLine {
    fn new(location: LocationView, t: &Catalogue) -> Self {
        Self {
            href: format!("/admin/locations/{}", location.id),
            programmes: location
                .programmes
                .iter()
                .map(|p| t.get(p.label_key()))
                .collect::<Vec<_>>()
                .join(", "),
            mpn_id: location.mpn_id,
            name: location.name,
            country: location.country,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NameForm {
    name: String,
}

/// What the organisation page's forms show: what was typed into the one that failed.
#[derive(Default)]
pub(super) struct Typed {
    pub name: Option<String>,
    pub location: LocationForm,
}

#[derive(Template)]
#[template(path = "admin/organisations.html")]
struct OrganisationsPage {
    layout: Layout,
    organisations: Vec<OrganisationLine>,
    errors: FormErrors,
    typed_name: String,
}

impl OrganisationsPage {
    fn new(
        visitor: &Visitor,
        organisations: Vec<OrganisationSummary>,
        typed_name: String,
        errors: FormErrors,
    ) -> Self {
        Self {
            layout: Layout::new(visitor, "admin.organisations.title")
                .with_errors(!errors.is_empty()),
            organisations: organisations
                .into_iter()
                .map(|o| OrganisationLine {
                    href: format!("/admin/organisations/{}", o.id),
                    name: o.name,
                    locations: o.locations,
                })
                .collect(),
            errors,
            typed_name,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/organisation.html")]
struct OrganisationPage {
    layout: Layout,
    id: String,
    name: String,
    locations: Vec<LocationLine>,
    errors: FormErrors,
    typed_name: String,
    location: LocationForm,
    programmes: Vec<ProgrammeBox>,
}

impl OrganisationPage {
    fn new(visitor: &Visitor, view: OrganisationView, typed: Typed, errors: FormErrors) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        Self {
            layout: Layout::new(visitor, "admin.organisations.one_title")
                .with_errors(!errors.is_empty()),
            id: view.id.to_string(),
            typed_name: typed.name.unwrap_or_else(|| view.name.clone()),
            name: view.name,
            locations: view
                .locations
                .into_iter()
                .map(|l| LocationLine::new(l, t))
                .collect(),
            errors,
            programmes: programme_boxes(t, &typed.location.programmes),
            location: typed.location,
        }
    }
}

pub async fn index(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let errors = FormErrors::default();
    render_index(&visitor, &state, String::new(), errors, StatusCode::OK).await
}

pub async fn create(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<NameForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let typed = form.into_inner().name;
    let name = match OrganisationName::parse(&typed) {
        Ok(name) => name,
        Err(e) => {
            let errors = FormErrors::one("name", &e, Catalogue::for_locale(visitor.locale));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_index(&visitor, &state, typed, errors, status).await;
        }
    };
    let now = state.now();
    let id = state
        .db(move |conn| partners_admin::create_organisation(conn, &viewer, &name, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    see_other_with_flash(
        &format!("/admin/organisations/{id}"),
        "flash.organisation_created",
        state.settings.cookie_secure,
    )
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (typed, errors) = (Typed::default(), FormErrors::default());
    render_organisation(
        &visitor,
        &state,
        id.into_inner(),
        typed,
        errors,
        StatusCode::OK,
    )
    .await
}

pub async fn rename(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<NameForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (id, typed) = (id.into_inner(), form.into_inner().name);
    let name = match OrganisationName::parse(&typed) {
        Ok(name) => name,
        Err(e) => {
            let errors = FormErrors::one("name", &e, Catalogue::for_locale(visitor.locale));
            let typed = Typed {
                name: Some(typed),
                ..Typed::default()
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_organisation(&visitor, &state, id, typed, errors, status).await;
        }
    };
    let (now, target) = (state.now(), id.clone());
    let renamed = state
        .db(move |conn| partners_admin::rename_organisation(conn, &viewer, &target, &name, now))
        .await?;
    if !renamed {
        return Err(AppError::NotFound);
    }
    see_other_with_flash(
        &format!("/admin/organisations/{id}"),
        "flash.organisation_renamed",
        state.settings.cookie_secure,
    )
}

async fn render_index(
    visitor: &Visitor,
    state: &AppState,
    typed_name: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let organisations = state
        .db(move |conn| partners_admin::list(conn, &viewer))
        .await?
        .ok_or(AppError::Forbidden)?;
    let template = OrganisationsPage::new(visitor, organisations, typed_name, errors);
    page(status, &template)
}

pub(super) async fn render_organisation(
    visitor: &Visitor,
    state: &AppState,
    id: String,
    typed: Typed,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let view = state
        .db(move |conn| partners_admin::organisation(conn, &viewer, &id))
        .await?
        .ok_or(AppError::NotFound)?;
    page(status, &OrganisationPage::new(visitor, view, typed, errors))
}
