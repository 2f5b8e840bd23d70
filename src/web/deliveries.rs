//! `/admin/deliveries`: emails not delivered yet — pending, retrying after a failure, or
//! failed for good — with **Retry now** for the failed ones.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::access,
    i18n::Catalogue,
    mail::MailKind,
    service::deliveries,
    store::{from_db_time, outbox},
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
    pub state_code: String,
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

pub async fn index(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let rows = state
        .db(move |conn| deliveries::undelivered(conn, &viewer))
        .await?
        .ok_or(AppError::Forbidden)?;
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    let lines = rows
        .into_iter()
        .map(|row| {
            let failed = row.state == outbox::FAILED;
            let state_key = match (failed, row.attempts) {
                (true, _) => "deliveries.state.failed",
                (false, 0) => "deliveries.state.pending",
                (false, _) => "deliveries.state.retrying",
            };
            DeliveryLine {
                kind: MailKind::parse(&row.kind)
                    .map(|k| t.get(k.label_key()).to_owned())
                    .unwrap_or_else(|| row.kind.clone()),
                to: row.recipient,
                subject: row.subject,
                state_code: state_key.rsplit('.').next().unwrap_or_default().to_owned(),
                state: t.get(state_key).to_owned(),
                attempts: row.attempts,
                next_attempt: if failed {
                    String::new()
                } else {
                    format::instant(from_db_time(row.next_attempt_at), zone, t)
                },
                error: row.last_error.unwrap_or_default(),
                failed,
                id: row.id,
            }
        })
        .collect();
    page(
        StatusCode::OK,
        &DeliveriesPage {
            layout: Layout::new(&visitor, "deliveries.title"),
            lines,
        },
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
