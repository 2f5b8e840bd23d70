//! `/admin/organisations/{id}/locations` and `/admin/locations/{id}`: adding and changing a
//! partner location (MPN ID, name, country, enrolled programmes).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        access,
        partners::{self, PartnerError},
        programme::Programme,
    },
    i18n::Catalogue,
    service::partners_admin::{self, LocationSaved},
};

use super::{
    admin_partners::render_organisation,
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

pub struct ProgrammeBox {
    pub id: String,
    pub code: &'static str,
    pub label: String,
    pub checked: bool,
}

/// The location form's fields as typed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LocationForm {
    pub mpn_id: String,
    pub location_name: String,
    pub country: String,
}

#[derive(Template)]
#[template(path = "admin/location.html")]
struct LocationPage {
    layout: Layout,
    id: String,
    organisation_href: String,
    errors: FormErrors,
    location: LocationForm,
    programmes: Vec<ProgrammeBox>,
}

pub async fn add_location(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let organisation_id = id.into_inner();
    let (location, programmes) = location_fields(form.into_inner());
    match save_location(
        &visitor,
        &state,
        &organisation_id,
        None,
        &location,
        &programmes,
    )
    .await?
    {
        Ok(()) => see_other_with_flash(
            &format!("/admin/organisations/{organisation_id}"),
            "flash.location_saved",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            render_organisation(
                &visitor,
                &state,
                organisation_id,
                errors,
                None,
                location,
                programmes,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

pub async fn location_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let id = id.into_inner();
    let target = id.clone();
    let (row, programmes) = state
        .db(move |conn| partners_admin::location(conn, &viewer, &target))
        .await?
        .ok_or(AppError::NotFound)?;
    let form = LocationForm {
        mpn_id: row.mpn_id,
        location_name: row.name,
        country: row.country,
    };
    render_location(
        &visitor,
        id,
        row.organisation_id,
        form,
        programmes,
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn update_location(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let id = id.into_inner();
    let target = id.clone();
    let (row, _) = state
        .db(move |conn| partners_admin::location(conn, &viewer, &target))
        .await?
        .ok_or(AppError::NotFound)?;
    let (location, programmes) = location_fields(form.into_inner());
    match save_location(
        &visitor,
        &state,
        &row.organisation_id,
        Some(&id),
        &location,
        &programmes,
    )
    .await?
    {
        Ok(()) => see_other_with_flash(
            &format!("/admin/organisations/{}", row.organisation_id),
            "flash.location_saved",
            state.settings.cookie_secure,
        ),
        Err(errors) => render_location(
            &visitor,
            id,
            row.organisation_id,
            location,
            programmes,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    }
}

/// The location's fields and the checked programme codes from a posted form.
fn location_fields(pairs: Vec<(String, String)>) -> (LocationForm, Vec<String>) {
    let mut form = LocationForm::default();
    let mut programmes = Vec::new();
    for (name, value) in pairs {
        match name.as_str() {
            "mpn_id" => form.mpn_id = value,
            "location_name" => form.location_name = value,
            "country" => form.country = value,
            "programmes" => programmes.push(value),
            _ => {}
        }
    }
    (form, programmes)
}

async fn save_location(
    visitor: &Visitor,
    state: &AppState,
    organisation_id: &str,
    location_id: Option<&str>,
    form: &LocationForm,
    programmes: &[String],
) -> Result<Result<(), FormErrors>, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let t = Catalogue::for_locale(visitor.locale);
    let mut errors = FormErrors::default();
    let input = match partners::parse_location(
        &form.mpn_id,
        &form.location_name,
        &form.country,
        programmes,
    ) {
        Ok(input) => input,
        Err(problems) => {
            for (field, e) in problems {
                errors.add(field, t.message(&e));
            }
            return Ok(Err(errors));
        }
    };
    let (now, organisation, location) = (
        state.now(),
        organisation_id.to_owned(),
        location_id.map(str::to_owned),
    );
    let saved = state
        .db(move |conn| {
            partners_admin::save_location(
                conn,
                &viewer,
                &organisation,
                location.as_deref(),
                &input,
                now,
            )
        })
        .await?;
    match saved {
        LocationSaved::Done => Ok(Ok(())),
        LocationSaved::Refused(e @ PartnerError::MpnTaken) | LocationSaved::Refused(e) => {
            errors.add("mpn_id", t.message(&e));
            Ok(Err(errors))
        }
        LocationSaved::NotFound => Err(AppError::NotFound),
    }
}

pub(super) fn programme_boxes(t: &Catalogue, checked: &[String]) -> Vec<ProgrammeBox> {
    Programme::ALL
        .iter()
        .enumerate()
        .map(|(n, p)| ProgrammeBox {
            id: if n == 0 {
                "programmes".to_owned()
            } else {
                format!("programmes-{}", p.as_str())
            },
            code: p.as_str(),
            label: t.get(p.label_key()).to_owned(),
            checked: checked.iter().any(|c| c == p.as_str()),
        })
        .collect()
}

fn render_location(
    visitor: &Visitor,
    id: String,
    organisation_id: String,
    location: LocationForm,
    programmes: Vec<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let template = LocationPage {
        layout: Layout::new(visitor, "admin.locations.title").with_errors(!errors.is_empty()),
        id,
        organisation_href: format!("/admin/organisations/{organisation_id}"),
        errors,
        location,
        programmes: programme_boxes(t, &programmes),
    };
    page(status, &template)
}
