//! Imports of draft claims from a file, by the form each came from.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::claim_imports};

/// Records that `user_id`'s form `request_id` imported `claims` drafts. A unique violation
/// means that form was imported already (perhaps a moment ago, by a second click): the
/// caller's transaction must then write nothing.
pub fn record(
    conn: &mut AnyConnection,
    user_id: &str,
    request_id: &str,
    claims: usize,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(claim_imports::table)
        .values((
            claim_imports::user_id.eq(user_id),
            claim_imports::request_id.eq(request_id),
            claim_imports::claims.eq(i32::try_from(claims).unwrap_or(i32::MAX)),
            claim_imports::imported_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}
