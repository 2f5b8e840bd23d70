//! `/admin/organisations`, `/admin/organisations/{id}` and `/admin/locations/{id}`:
//! partner organisations and their locations (MPN ID, name, country, programmes).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{access, programme::Programme, values::OrganisationName},
    i18n::Catalogue,
    service::partners_admin,
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

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NameForm {
    name: String,
}

#[derive(Template)]
#[template(path = "admin/organisations.html")]
struct OrganisationsPage {
    layout: Layout,
    organisations: Vec<OrganisationLine>,
    errors: FormErrors,
    typed_name: String,
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

pub async fn index(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render_index(
        &visitor,
        &state,
        FormErrors::default(),
        String::new(),
        StatusCode::OK,
    )
    .await
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
            let mut errors = FormErrors::default();
            errors.add("name", Catalogue::for_locale(visitor.locale).message(&e));
            return render_index(
                &visitor,
                &state,
                errors,
                typed,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
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
    let form = LocationForm::default();
    render_organisation(
        &visitor,
        &state,
        id.into_inner(),
        FormErrors::default(),
        None,
        form,
        Vec::new(),
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
            let mut errors = FormErrors::default();
            errors.add("name", Catalogue::for_locale(visitor.locale).message(&e));
            let form = LocationForm::default();
            return render_organisation(
                &visitor,
                &state,
                id,
                errors,
                Some(typed),
                form,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
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
    errors: FormErrors,
    name: String,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let rows = state
        .db(move |conn| partners_admin::list(conn, &viewer))
        .await?
        .ok_or(AppError::Forbidden)?;
    let template = OrganisationsPage {
        layout: Layout::new(visitor, "admin.organisations.title").with_errors(!errors.is_empty()),
        organisations: rows
            .into_iter()
            .map(|(id, name, locations)| OrganisationLine {
                href: format!("/admin/organisations/{id}"),
                name,
                locations,
            })
            .collect(),
        errors,
        typed_name: name,
    };
    page(status, &template)
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn render_organisation(
    visitor: &Visitor,
    state: &AppState,
    id: String,
    errors: FormErrors,
    typed_name: Option<String>,
    location: LocationForm,
    programmes: Vec<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let target = id.clone();
    let view = state
        .db(move |conn| partners_admin::organisation(conn, &viewer, &target))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let template = OrganisationPage {
        layout: Layout::new(visitor, "admin.organisations.one_title")
            .with_errors(!errors.is_empty()),
        typed_name: typed_name.unwrap_or_else(|| view.name.clone()),
        name: view.name,
        locations: view
            .locations
            .into_iter()
            .map(|(l, codes)| LocationLine {
                href: format!("/admin/locations/{}", l.id),
                mpn_id: l.mpn_id,
                name: l.name,
                country: l.country,
                programmes: codes
                    .iter()
                    .filter_map(|c| Programme::parse(c))
                    .map(|p| t.get(p.label_key()))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        id,
        errors,
        location,
        programmes: programme_boxes(t, &programmes),
    };
    page(status, &template)
}
