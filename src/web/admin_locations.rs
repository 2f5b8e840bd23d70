//! `/admin/organisations/{id}/locations` and `/admin/locations/{id}`: adding and changing a
//! partner location (MPN ID, name, country, enrolled programmes).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{
        access,
        partners::{self, LocationInput},
        programme::Programme,
    },
    i18n::Catalogue,
    service::partners_admin::{self, LocationSaved, LocationView},
};

use super::{
    admin_partners::{Typed, render_organisation},
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

/// The location form's fields as typed, with the programme codes ticked.
#[derive(Default)]
pub struct LocationForm {
    pub mpn_id: String,
    pub location_name: String,
    pub country: String,
    pub programmes: Vec<String>,
}

impl LocationForm {
    /// The fields of a posted form (`programmes` repeats, one per ticked box).
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = LocationForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "mpn_id" => form.mpn_id = value,
                "location_name" => form.location_name = value,
                "country" => form.country = value,
                "programmes" => form.programmes.push(value),
                _ => {}
            }
        }
        form
    }

    /// The form as stored.
    fn of(location: &LocationView) -> Self {
        LocationForm {
            mpn_id: location.mpn_id.clone(),
            location_name: location.name.clone(),
            country: location.country.clone(),
            programmes: location
                .programmes
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect(),
        }
    }

    /// The location the form describes, or every field's problem.
    fn input(&self, t: &Catalogue) -> Result<LocationInput, FormErrors> {
        partners::parse_location(
            &self.mpn_id,
            &self.location_name,
            &self.country,
            &self.programmes,
        )
        .map_err(|problems| FormErrors::for_fields(&problems, t))
    }
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

impl LocationPage {
    fn new(
        visitor: &Visitor,
        stored: &LocationView,
        typed: LocationForm,
        errors: FormErrors,
    ) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        Self {
            layout: Layout::new(visitor, "admin.locations.title").with_errors(!errors.is_empty()),
            id: stored.id.to_string(),
            organisation_href: organisation_href(stored.organisation_id.as_str()),
            errors,
            programmes: programme_boxes(t, &typed.programmes),
            location: typed,
        }
    }
}

pub async fn add_location(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let organisation_id = id.into_inner();
    let location = LocationForm::from_pairs(form.into_inner());
    match save_location(&visitor, &state, &organisation_id, None, &location).await? {
        Ok(()) => see_other_with_flash(
            &organisation_href(&organisation_id),
            "flash.location_saved",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            let typed = Typed {
                location,
                ..Typed::default()
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_organisation(&visitor, &state, organisation_id, typed, errors, status).await
        }
    }
}

pub async fn location_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let stored = find_location(&visitor, &state, id.into_inner()).await?;
    let form = LocationForm::of(&stored);
    let template = LocationPage::new(&visitor, &stored, form, FormErrors::default());
    page(StatusCode::OK, &template)
}

pub async fn update_location(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let stored = find_location(&visitor, &state, id.into_inner()).await?;
    let location = LocationForm::from_pairs(form.into_inner());
    let (organisation, target) = (stored.organisation_id.as_str(), Some(stored.id.as_str()));
    match save_location(&visitor, &state, organisation, target, &location).await? {
        Ok(()) => see_other_with_flash(
            &organisation_href(organisation),
            "flash.location_saved",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            let template = LocationPage::new(&visitor, &stored, location, errors);
            page(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
    }
}

fn organisation_href(organisation_id: &str) -> String {
    format!("/admin/organisations/{organisation_id}")
}

async fn find_location(
    visitor: &Visitor,
    state: &AppState,
    id: String,
) -> Result<LocationView, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    state
        .db(move |conn| partners_admin::location(conn, &viewer, &id))
        .await?
        .ok_or(AppError::NotFound)
}

/// Adds the location to the organisation (`location_id: None`) or changes it; the form's
/// problems when it cannot be saved.
async fn save_location(
    visitor: &Visitor,
    state: &AppState,
    organisation_id: &str,
    location_id: Option<&str>,
    form: &LocationForm,
) -> Result<Result<(), FormErrors>, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let t = Catalogue::for_locale(visitor.locale);
    let input = match form.input(t) {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    let (now, organisation, location) = (
        state.now(),
        organisation_id.to_owned(),
        location_id.map(str::to_owned),
    );
    let saved = state
        .db(move |conn| {
            let location = location.as_deref();
            partners_admin::save_location(conn, &viewer, &organisation, location, &input, now)
        })
        .await?;
    match saved {
        LocationSaved::Done => Ok(Ok(())),
        LocationSaved::Refused(e) => Ok(Err(FormErrors::one("mpn_id", &e, t))),
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
