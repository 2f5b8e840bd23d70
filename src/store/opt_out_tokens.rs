//! Opt-out links: only the token's hash is stored, with the instant it stops working for the
//! opt-out, the address it was sent to and how long it opens the customer's tenant view.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::opt_out_tokens};

/// A link as it is issued.
pub struct NewLink<'a> {
    pub token_hash: &'a str,
    pub claim_id: &'a str,
    /// The opt-out window's close.
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    /// The customer contact's address the link is emailed to.
    pub sent_to: Option<&'a str>,
    /// Until when the link opens the tenant view.
    pub view_expires_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut AnyConnection, link: &NewLink<'_>) -> QueryResult<()> {
    diesel::insert_into(opt_out_tokens::table)
        .values((
            opt_out_tokens::token_hash.eq(link.token_hash),
            opt_out_tokens::claim_id.eq(link.claim_id),
            opt_out_tokens::expires_at.eq(link.expires_at),
            opt_out_tokens::created_at.eq(link.created_at),
            opt_out_tokens::sent_to.eq(link.sent_to),
            opt_out_tokens::view_expires_at.eq(link.view_expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// A stored link.
#[derive(Debug, Clone, Queryable)]
pub struct LinkRow {
    pub claim_id: String,
    pub expires_at: NaiveDateTime,
    pub sent_to: Option<String>,
    pub view_expires_at: Option<NaiveDateTime>,
}

/// The link a token hash belongs to.
pub fn find_link(conn: &mut AnyConnection, token_hash: &str) -> QueryResult<Option<LinkRow>> {
    opt_out_tokens::table
        .find(token_hash)
        .select((
            opt_out_tokens::claim_id,
            opt_out_tokens::expires_at,
            opt_out_tokens::sent_to,
            opt_out_tokens::view_expires_at,
        ))
        .first(conn)
        .optional()
}

/// The claim a token hash belongs to, and when the token stops working.
pub fn find(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> QueryResult<Option<(String, NaiveDateTime)>> {
    find_link(conn, token_hash).map(|link| link.map(|l| (l.claim_id, l.expires_at)))
}
