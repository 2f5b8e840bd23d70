//! `/dev/mailbox`: what the development mail transport caught, with clickable links, so a
//! newcomer can follow the customer's opt-out link. Only exists with that transport.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use chrono_tz::Tz;

use crate::{
    i18n::Catalogue,
    service::dev_mailbox::{self, CaughtMessage},
};

use super::{
    error::AppError, format, layout::Layout, render::page, session::Visitor, state::AppState,
};

pub struct MailLine {
    pub href: String,
    pub to: String,
    pub subject: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "dev/mailbox.html")]
struct MailboxPage {
    layout: Layout,
    mails: Vec<MailLine>,
}

impl MailboxPage {
    fn new(visitor: &Visitor, messages: Vec<CaughtMessage>, zone: Tz) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        Self {
            layout: Layout::new(visitor, "mailbox.title"),
            mails: messages
                .into_iter()
                .map(|m| MailLine {
                    href: format!("/dev/mailbox/{}", m.id),
                    to: m.to,
                    subject: m.subject,
                    at: format::instant(m.delivered_at, zone, t),
                })
                .collect(),
        }
    }
}

/// A piece of a message body: plain text, or a link to show as one.
pub enum Segment {
    Text(String),
    Link(String),
}

#[derive(Template)]
#[template(path = "dev/message.html")]
struct MessagePage {
    layout: Layout,
    from: String,
    to: String,
    subject: String,
    message_id: String,
    at: String,
    body: Vec<Segment>,
}

impl MessagePage {
    fn new(visitor: &Visitor, message: CaughtMessage, zone: Tz) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        Self {
            layout: Layout::new(visitor, "mailbox.message_title"),
            at: format::instant(message.delivered_at, zone, t),
            body: segments(&message.body_text),
            from: message.from,
            to: message.to,
            subject: message.subject,
            message_id: message.message_id,
        }
    }
}

/// Only with the development transport, and only on a loopback address unless opened
/// explicitly: the mailbox shows every email, customers' opt-out links included.
fn enabled(state: &AppState) -> Result<(), AppError> {
    let settings = &state.settings;
    if state.mail.is_dev_mailbox()
        && (settings.bind.ip().is_loopback() || settings.dev_mailbox_open)
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn index(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    enabled(&state)?;
    let messages = state.db(dev_mailbox::latest).await?;
    let zone = state.settings.calendar_time_zone;
    page(StatusCode::OK, &MailboxPage::new(&visitor, messages, zone))
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    enabled(&state)?;
    let id = id.into_inner();
    let message = state
        .db(move |conn| dev_mailbox::message(conn, &id))
        .await?
        .ok_or(AppError::NotFound)?;
    let zone = state.settings.calendar_time_zone;
    page(StatusCode::OK, &MessagePage::new(&visitor, message, zone))
}

/// Splits text into plain runs and `http(s)://` links (a link ends at whitespace).
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        if start > 0 {
            out.push(Segment::Text(rest[..start].to_owned()));
        }
        let tail = &rest[start..];
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        out.push(Segment::Link(tail[..end].to_owned()));
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest.to_owned()));
    }
    out
}
