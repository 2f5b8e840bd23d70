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
        webhooks::{EndpointError, WebhookEvent},
    },
    i18n::Catalogue,
    service::webhooks::{self, EndpointForm, EndpointView, NewSecret},
};

use super::{
    error::AppError, forms::FormErrors, layout::Layout, render::private_page, session::Visitor,
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

pub fn event_boxes(t: &Catalogue, ticked: &[String]) -> Vec<EventBox> {
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
#[derive(Default, Clone)]
pub struct Typed {
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
}

impl Typed {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
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

    fn form(&self) -> EndpointForm<'_> {
        EndpointForm {
            url: &self.url,
            description: &self.description,
            events: &self.events,
        }
    }

    pub fn of(endpoint: &EndpointView) -> Self {
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

pub fn state_of(endpoint: &EndpointView, t: &Catalogue) -> (&'static str, String) {
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
    let asked = typed.clone();
    let made = state
        .db(move |conn| webhooks::create(conn, &ctx, &viewer, &asked.form(), now))
        .await?
        .ok_or(AppError::NotFound)?;
    // A new endpoint's secret is shown above a fresh form; refused, the form keeps what was
    // typed.
    let (typed, made, errors) = match made {
        Ok(made) => (Typed::default(), Some(made), FormErrors::default()),
        Err(problems) => (typed, None, field_errors(&problems, &visitor)),
    };
    render_list(&visitor, &state, typed, made, errors).await
}

/// Each problem by its field.
pub fn field_errors(problems: &[EndpointError], visitor: &Visitor) -> FormErrors {
    let t = Catalogue::for_locale(visitor.locale);
    let problems: Vec<_> = problems.iter().map(|e| (e.field(), *e)).collect();
    FormErrors::for_fields(&problems, t)
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

pub fn status_for(errors: &FormErrors) -> StatusCode {
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
            .map(|e| t.get(e.label_key()))
            .collect::<Vec<_>>()
            .join(", "),
        state,
        state_code,
    }
}
