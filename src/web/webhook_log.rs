//! `/webhooks/{id}/deliveries` (and under `/admin/webhooks`): an endpoint's delivery log —
//! event, claim, attempts, last answer, next attempt, delivered at — with **Resend** per
//! delivery (the same message again, with the same `webhook-id`).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::access::Role,
    i18n::Catalogue,
    service::webhooks::{self, DeliveryLine},
};

use super::{
    error::AppError,
    format,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
    webhooks::base_of,
};

/// One delivery of the log, worded.
pub struct LogRow {
    pub id: String,
    pub event: String,
    pub event_code: &'static str,
    pub claim_name: String,
    pub claim_href: String,
    pub attempts: i32,
    pub last_status: String,
    pub next_attempt: String,
    pub delivered: String,
    pub state: String,
    pub state_code: String,
}

#[derive(Template)]
#[template(path = "webhooks/deliveries.html")]
struct LogPage {
    layout: Layout,
    endpoint_href: String,
    url: String,
    rows: Vec<LogRow>,
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (base, staff) = (base_of(&viewer), viewer.role == Role::Administrator);
    let (now, endpoint) = (state.now(), id.clone());
    let (endpoint, lines) = state
        .db(move |conn| webhooks::deliveries(conn, &viewer, &endpoint, now))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    let template = LogPage {
        layout: Layout::new(&visitor, "webhooks.log.title"),
        endpoint_href: format!("{base}/{}", endpoint.id),
        url: endpoint.url,
        rows: lines.iter().map(|line| row(line, staff, t, zone)).collect(),
    };
    page(StatusCode::OK, &template)
}

fn row(line: &DeliveryLine, staff: bool, t: &Catalogue, zone: chrono_tz::Tz) -> LogRow {
    let when = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map_or_else(|| "—".to_owned(), |at| format::instant(at, zone, t))
    };
    let claims = if staff { "/review" } else { "/associations" };
    LogRow {
        id: line.id.clone(),
        event: line
            .event
            .map_or_else(String::new, |e| t.get(e.label_key()).to_owned()),
        event_code: line.event.map_or("", |e| e.as_str()),
        claim_name: line.claim_name.clone(),
        claim_href: format!("{claims}/{}", line.claim_id),
        attempts: line.attempts,
        // A status says it all; without one, why there was no answer.
        last_status: match (line.last_status, &line.last_error) {
            (Some(status), _) => status.to_string(),
            (None, Some(error)) => error.clone(),
            (None, None) => "—".to_owned(),
        },
        next_attempt: when(line.next_attempt_at),
        delivered: when(line.delivered_at),
        state: t
            .get(&format!("webhooks.delivery.{}", line.state))
            .to_owned(),
        state_code: line.state.clone(),
    }
}

pub async fn resend(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let base = base_of(&viewer);
    let now = state.now();
    let (endpoint, delivery) = path.into_inner();
    let log = format!("{base}/{endpoint}/deliveries");
    let resent = state
        .db(move |conn| webhooks::resend(conn, &viewer, &endpoint, &delivery, now))
        .await?;
    let flash = match resent {
        webhooks::Resend::Resent => "flash.webhook_resent",
        webhooks::Resend::EndpointOff => "flash.webhook_resend_off",
        webhooks::Resend::NotFound => return Err(AppError::NotFound),
    };
    see_other_with_flash(&log, flash, state.settings.cookie_secure)
}
