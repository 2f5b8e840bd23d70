//! `/webhooks` (a partner organisation's endpoints) and `/admin/webhooks` (the portal's, for
//! every claim): the list with the form that adds one, and one endpoint's page — its events,
//! turning it off and on, a new secret, deleting it. A new secret is shown once, on the page
//! that answers the form (never in a redirect, a cookie or a log). Another owner's endpoint
//! is a 404. The delivery log is [`super::webhook_log`].

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{
        access::{Role, Viewer},
        webhooks::WebhookEvent,
    },
    i18n::Catalogue,
    service::webhooks::{self, Changed, EndpointForm, EndpointView, NewSecret},
};

use super::{
    error::AppError,
    format,
    forms::FormErrors,
    layout::Layout,
    render::{private_page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

/// Where the viewer's endpoints live: partners' under `/webhooks`, administrators' under
/// `/admin/webhooks`.
pub fn base_of(viewer: &Viewer) -> &'static str {
    match viewer.role {
        Role::Administrator => "/admin/webhooks",
        _ => "/webhooks",
    }
}

/// One event's checkbox.
pub struct EventBox {
    pub id: String,
    pub code: &'static str,
    pub label: String,
    pub checked: bool,
}

fn event_boxes(t: &Catalogue, ticked: &[String]) -> Vec<EventBox> {
    WebhookEvent::ALL
        .iter()
        .enumerate()
        .map(|(n, event)| EventBox {
            // The first box carries the group's id, so the error summary's link lands on it.
            id: if n == 0 {
                "events".to_owned()
            } else {
                format!("events-{}", event.as_str().replace('.', "-"))
            },
            code: event.as_str(),
            label: t.get(event.label_key()).to_owned(),
            checked: ticked.iter().any(|code| code == event.as_str()),
        })
        .collect()
}

/// The endpoint form's fields as typed (`events` repeats, one per ticked box).
#[derive(Default)]
pub struct Typed {
    url: String,
    description: String,
    events: Vec<String>,
}

impl Typed {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut typed = Typed::default();
        for (name, value) in pairs {
            match name.as_str() {
                "url" => typed.url = value,
                "description" => typed.description = value,
                "events" => typed.events.push(value),
                _ => {}
            }
        }
        typed
    }

    fn of(endpoint: &EndpointView) -> Self {
        Typed {
            url: endpoint.url.clone(),
            description: endpoint.description.clone(),
            events: endpoint
                .events
                .iter()
                .map(|e| e.as_str().to_owned())
                .collect(),
        }
    }
}

/// One endpoint of the list, worded.
pub struct EndpointRow {
    pub href: String,
    pub url: String,
    pub description: String,
    pub events: String,
    pub state: String,
    pub state_code: &'static str,
}

fn state_of(endpoint: &EndpointView, t: &Catalogue) -> (&'static str, String) {
    let code = if endpoint.enabled {
        "enabled"
    } else if endpoint.disabled_for_failures {
        "disabled_for_failures"
    } else {
        "disabled"
    };
    (code, t.get(&format!("webhooks.state.{code}")).to_owned())
}

#[derive(Template)]
#[template(path = "webhooks/index.html")]
struct ListPage {
    layout: Layout,
    base: &'static str,
    made: Option<NewSecret>,
    made_href: String,
    endpoints: Vec<EndpointRow>,
    typed: Typed,
    events: Vec<EventBox>,
    errors: FormErrors,
}

pub async fn index(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render_list(
        &visitor,
        &state,
        Typed::default(),
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn create(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (now, ctx) = (state.now(), state.context.clone());
    let typed = Typed::from_pairs(form.into_inner());
    let asked = (
        typed.url.clone(),
        typed.description.clone(),
        typed.events.clone(),
    );
    let made = state
        .db(move |conn| {
            let form = EndpointForm {
                url: &asked.0,
                description: &asked.1,
                events: &asked.2,
            };
            webhooks::create(conn, &ctx, &viewer, &form, now)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    match made {
        Ok(made) => {
            render_list(
                &visitor,
                &state,
                Typed::default(),
                Some(made),
                FormErrors::default(),
            )
            .await
        }
        Err(problems) => {
            let t = Catalogue::for_locale(visitor.locale);
            let problems: Vec<_> = problems.iter().map(|e| (e.field(), *e)).collect();
            render_list(
                &visitor,
                &state,
                typed,
                None,
                FormErrors::for_fields(&problems, t),
            )
            .await
        }
    }
}

async fn render_list(
    visitor: &Visitor,
    state: &AppState,
    typed: Typed,
    made: Option<NewSecret>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let base = base_of(&viewer);
    let now = state.now();
    let listed = state
        .db(move |conn| webhooks::list(conn, &viewer, now))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let template = ListPage {
        layout: Layout::new(visitor, "webhooks.title").with_errors(!errors.is_empty()),
        base,
        made_href: made
            .as_ref()
            .map(|m| format!("{base}/{}", m.endpoint_id))
            .unwrap_or_default(),
        made,
        endpoints: listed.iter().map(|e| list_row(e, base, t)).collect(),
        events: event_boxes(t, &typed.events),
        typed,
        errors,
    };
    // The page may carry a new secret: no cache keeps it.
    private_page(status_for(&template.errors), &template)
}

fn status_for(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

fn list_row(endpoint: &EndpointView, base: &str, t: &Catalogue) -> EndpointRow {
    let (state_code, state) = state_of(endpoint, t);
    EndpointRow {
        href: format!("{base}/{}", endpoint.id),
        url: endpoint.url.clone(),
        description: endpoint.description.clone(),
        events: endpoint
            .events
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        state,
        state_code,
    }
}

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
            let t = Catalogue::for_locale(visitor.locale);
            let problems: Vec<_> = problems.iter().map(|e| (e.field(), *e)).collect();
            let errors = FormErrors::for_fields(&problems, t);
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
