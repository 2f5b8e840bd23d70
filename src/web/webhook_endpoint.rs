//! `/webhooks/{id}` (and under `/admin/webhooks`): one endpoint — its address, state and
//! events (changed with the form) — turned off and on, given a new secret (shown once, on
//! the page that answers), deleted. Another owner's endpoint is a 404.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::{
    i18n::Catalogue,
    service::webhooks::{self, Changed, EndpointView, NewSecret},
};

use super::{
    error::AppError,
    format,
    forms::FormErrors,
    layout::Layout,
    render::{private_page, see_other_with_flash},
    session::Visitor,
    state::AppState,
    webhooks::{EventBox, Typed, base_of, event_boxes, field_errors, state_of, status_for},
};

#[derive(Template)]
#[template(path = "webhooks/endpoint.html")]
struct EndpointPage {
    layout: Layout,
    base: &'static str,
    endpoint: EndpointView,
    state: String,
    state_code: &'static str,
    created: String,
    failing_since: String,
    rotation_until: String,
    made: Option<NewSecret>,
    typed: Typed,
    events: Vec<EventBox>,
    errors: FormErrors,
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render_endpoint(&visitor, &state, &id, None, None, FormErrors::default()).await
}

pub async fn update(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let base = base_of(&viewer);
    let now = state.now();
    let typed = Typed::from_pairs(form.into_inner());
    let (endpoint, asked) = (
        id.clone(),
        (typed.description.clone(), typed.events.clone()),
    );
    let changed = state
        .db(move |conn| webhooks::update(conn, &viewer, &endpoint, &asked.0, &asked.1, now))
        .await?;
    match changed {
        Changed::Done(()) => see_other_with_flash(
            &format!("{base}/{id}"),
            "flash.webhook_updated",
            state.settings.cookie_secure,
        ),
        Changed::NotFound => Err(AppError::NotFound),
        Changed::Refused(problems) => {
            let errors = field_errors(&problems, &visitor);
            render_endpoint(&visitor, &state, &id, Some(typed), None, errors).await
        }
    }
}

/// Turns the endpoint off or on (`enabled` = `true` or `false`).
pub async fn set_enabled(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let base = base_of(&viewer);
    let now = state.now();
    let enabled = form.iter().any(|(k, v)| k == "enabled" && v == "true");
    let endpoint = id.clone();
    let done = state
        .db(move |conn| webhooks::set_enabled(conn, &viewer, &endpoint, enabled, now))
        .await?;
    if !done {
        return Err(AppError::NotFound);
    }
    let flash = if enabled {
        "flash.webhook_enabled"
    } else {
        "flash.webhook_disabled"
    };
    see_other_with_flash(&format!("{base}/{id}"), flash, state.settings.cookie_secure)
}

pub async fn rotate(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let endpoint = id.clone();
    let made = state
        .db(move |conn| webhooks::rotate(conn, &viewer, &endpoint, now))
        .await?
        .ok_or(AppError::NotFound)?;
    render_endpoint(
        &visitor,
        &state,
        &id,
        None,
        Some(made),
        FormErrors::default(),
    )
    .await
}

pub async fn delete(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let base = base_of(&viewer);
    let now = state.now();
    let endpoint = id.into_inner();
    let deleted = state
        .db(move |conn| webhooks::delete(conn, &viewer, &endpoint, now))
        .await?;
    if !deleted {
        return Err(AppError::NotFound);
    }
    see_other_with_flash(base, "flash.webhook_deleted", state.settings.cookie_secure)
}

async fn render_endpoint(
    visitor: &Visitor,
    state: &AppState,
    id: &str,
    typed: Option<Typed>,
    made: Option<NewSecret>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let base = base_of(&viewer);
    let (now, id) = (state.now(), id.to_owned());
    let endpoint = state
        .db(move |conn| webhooks::find(conn, &viewer, &id, now))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    let when = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map(|at| format::instant(at, zone, t))
            .unwrap_or_default()
    };
    let typed = typed.unwrap_or_else(|| Typed::of(&endpoint));
    let (state_code, state_label) = state_of(&endpoint, t);
    let template = EndpointPage {
        layout: Layout::new(visitor, "webhooks.endpoint.title").with_errors(!errors.is_empty()),
        base,
        state: state_label,
        state_code,
        created: when(Some(endpoint.created_at)),
        failing_since: when(endpoint.failing_since),
        rotation_until: when(endpoint.previous_secret_until),
        made,
        events: event_boxes(t, &typed.events),
        typed,
        endpoint,
        errors,
    };
    private_page(status_for(&template.errors), &template)
}
