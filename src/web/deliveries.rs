//! `/admin/deliveries`: emails not delivered yet — pending, retrying after a failure, or
//! failed for good — with **Retry now** for the failed ones.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use chrono_tz::Tz;

use crate::{
    domain::access,
    i18n::Catalogue,
    service::deliveries::{self, Delivery, DeliveryState},
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

pub async fn retry(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (id, now) = (id.into_inner(), state.now());
    let retried = state
        .db(move |conn| deliveries::retry(conn, &viewer, &id, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    if !retried {
        return Err(AppError::NotFound);
    }
    see_other_with_flash(
        "/admin/deliveries",
        "flash.delivery_retried",
        state.settings.cookie_secure,
    )
}
