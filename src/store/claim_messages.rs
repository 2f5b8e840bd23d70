//! The conversation on a claim between the partner and reviewers.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{claim_messages, users},
};

#[derive(Debug, Insertable)]
#[diesel(table_name = claim_messages)]
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub claim_id: &'a str,
    pub author_id: &'a str,
    pub author_kind: &'a str,
    pub body: &'a str,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, message: &NewMessage<'_>) -> QueryResult<()> {
    diesel::insert_into(claim_messages::table)
        .values(message)
        .execute(conn)
        .map(drop)
}

#[derive(Debug, Clone, Queryable)]
pub struct MessageRow {
    pub author_name: String,
    pub author_kind: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// Oldest first, as a conversation reads.
pub fn for_claim(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<Vec<MessageRow>> {
    claim_messages::table
        .inner_join(users::table)
        .filter(claim_messages::claim_id.eq(claim_id))
        .order((claim_messages::created_at, claim_messages::id))
        .select((
            users::display_name,
            claim_messages::author_kind,
            claim_messages::body,
            claim_messages::created_at,
        ))
        .load(conn)
}
