//! What the development mail transport caught, shown at `/dev/mailbox`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::dev_mailbox};

#[derive(Debug, Clone, Insertable, Queryable, Selectable)]
#[diesel(table_name = dev_mailbox)]
pub struct CaughtMail {
    pub id: String,
    pub message_id: String,
    pub sender: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub delivered_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, mail: &CaughtMail) -> QueryResult<()> {
    diesel::insert_into(dev_mailbox::table)
        .values(mail)
        .execute(conn)
        .map(drop)
}

/// The newest messages first.
pub fn latest(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<CaughtMail>> {
    dev_mailbox::table
        .order((dev_mailbox::delivered_at.desc(), dev_mailbox::id.desc()))
        .select(CaughtMail::as_select())
        .limit(limit)
        .load(conn)
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<CaughtMail>> {
    dev_mailbox::table
        .find(id)
        .select(CaughtMail::as_select())
        .first(conn)
        .optional()
}
