//! Opt-out links: only the token's hash is stored, with the instant it stops working.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::opt_out_tokens};

pub fn insert(
    conn: &mut AnyConnection,
    token_hash: &str,
    claim_id: &str,
    expires_at: NaiveDateTime,
    created_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(opt_out_tokens::table)
        .values((
            opt_out_tokens::token_hash.eq(token_hash),
            opt_out_tokens::claim_id.eq(claim_id),
            opt_out_tokens::expires_at.eq(expires_at),
            opt_out_tokens::created_at.eq(created_at),
        ))
        .execute(conn)
        .map(drop)
}

/// The claim a token hash belongs to, and when the token stops working.
pub fn find(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> QueryResult<Option<(String, NaiveDateTime)>> {
    opt_out_tokens::table
        .find(token_hash)
        .select((opt_out_tokens::claim_id, opt_out_tokens::expires_at))
        .first(conn)
        .optional()
}
