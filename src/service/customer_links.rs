//! The customer's link: made when a claim waits for them (and again for a reminder), stored
//! as a hash only.

use chrono::{DateTime, Utc};

use crate::{
    store::{AnyConnection, db_time, opt_out_tokens},
    tokens,
};

use super::context::Context;

/// Stores a new customer link for `claim_id` (sent to `sent_to`) and returns the token.
pub fn issue(
    c: &mut AnyConnection,
    ctx: &Context,
    claim_id: &str,
    sent_to: Option<&str>,
    closes_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> diesel::QueryResult<String> {
    let view_until = now + chrono::Duration::days(i64::from(ctx.customer_link_days));
    let token = tokens::random_token();
    opt_out_tokens::insert(
        c,
        &opt_out_tokens::NewLink {
            token_hash: &tokens::hash_token(&token),
            claim_id,
            expires_at: db_time(closes_at),
            created_at: db_time(now),
            sent_to,
            view_expires_at: Some(db_time(view_until.max(closes_at))),
        },
    )?;
    Ok(token)
}
