//! `/admin/deliveries`: emails not delivered yet — pending, retrying after a failure, or
//! failed for good — with **Send now** for the pending ones and **Retry** for the failed
//! ones (each recorded in the admin audit).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use chrono_tz::Tz;

use crate::{
    domain::access,
    i18n::Catalogue,
    service::deliveries::{self, Delivery, DeliveryState, Nudge},
};

use super::{
    error::AppError,
    format,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

pub struct DeliveryLine {
    pub id: String,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub state_code: &'static str,
    pub state: String,
    pub attempts: i32,
    pub next_attempt: String,
    pub error: String,
    pub failed: bool,
    /// Pending or retrying: **Send now** applies.
    pub pending: bool,
}

#[derive(Template)]
#[template(path = "admin/deliveries.html")]
struct DeliveriesPage {
    layout: Layout,
    lines: Vec<DeliveryLine>,
}

impl DeliveriesPage {
    fn new(visitor: &Visitor, deliveries: Vec<Delivery>, zone: Tz) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        let line = |d: Delivery| DeliveryLine {
            kind: t.get(d.kind.label_key()).to_owned(),
            to: d.to,
            subject: d.subject,
            state_code: d.state.as_str(),
            state: t.get(d.state.label_key()).to_owned(),
            attempts: d.attempts,
            next_attempt: d
                .next_attempt
                .map(|at| format::instant(at, zone, t))
                .unwrap_or_default(),
            error: d.last_error.unwrap_or_default(),
            failed: d.state == DeliveryState::Failed,
            pending: d.state != DeliveryState::Failed,
            id: d.id,
        };
        Self {
            layout: Layout::new(visitor, "deliveries.title"),
            lines: deliveries.into_iter().map(line).collect(),
        }
    }
}

pub async fn index(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let deliveries = state
        .db(move |conn| deliveries::undelivered(conn, &viewer))
        .await?
        .ok_or(AppError::Forbidden)?;
    let zone = state.settings.calendar_time_zone;
    page(
        StatusCode::OK,
        &DeliveriesPage::new(&visitor, deliveries, zone),
    )
}

/// **Send now**: a pending email becomes due now; the dispatcher's next pass takes it.
pub async fn send_now(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    nudge(visitor, state, id.into_inner(), Nudge::SendNow).await
}

/// **Retry**: a failed email goes back to pending, due now.
pub async fn retry(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    nudge(visitor, state, id.into_inner(), Nudge::Retry).await
}

async fn nudge(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: String,
    how: Nudge,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let now = state.now();
    let done = state
        .db(move |conn| deliveries::nudge(conn, &viewer, &id, how, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    // Not changed: the email was sent, or is being sent, since the page was shown (or the
    // id is made up); the list shows where it stands now.
    let flash = match (done, how) {
        (false, _) => "flash.delivery_unchanged",
        (true, Nudge::SendNow) => "flash.delivery_sent_now",
        (true, Nudge::Retry) => "flash.delivery_retried",
    };
    see_other_with_flash("/admin/deliveries", flash, state.settings.cookie_secure)
}
