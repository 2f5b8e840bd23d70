//! `/dev/mailbox`: what the development mail transport caught, newest first. Whether the
//! mailbox is shown at all is the web layer's decision (transport and address).

use chrono::{DateTime, Utc};

use crate::store::{
    AnyConnection,
    dev_mailbox::{self, CaughtMail},
    from_db_time,
};

/// The most messages the mailbox lists.
pub const SHOWN: i64 = 100;

/// One caught email.
pub struct CaughtMessage {
    pub id: String,
    pub message_id: String,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub delivered_at: DateTime<Utc>,
}

impl From<CaughtMail> for CaughtMessage {
    fn from(mail: CaughtMail) -> Self {
        Self {
            id: mail.id,
            message_id: mail.message_id,
            from: mail.sender,
            to: mail.recipient,
            subject: mail.subject,
            body_text: mail.body_text,
            delivered_at: from_db_time(mail.delivered_at),
        }
    }
}

/// The newest caught emails.
pub fn latest(conn: &mut AnyConnection) -> anyhow::Result<Vec<CaughtMessage>> {
    Ok(dev_mailbox::latest(conn, SHOWN)?
        .into_iter()
        .map(CaughtMessage::from)
        .collect())
}

pub fn message(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<CaughtMessage>> {
    Ok(dev_mailbox::find(conn, id)?.map(CaughtMessage::from))
}
