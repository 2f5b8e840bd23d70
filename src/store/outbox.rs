//! The outbox: every email as a row written with the change that causes it. The dispatcher
//! leases due rows in a short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's
//! single writer serialises the lease), marks each row `sending_since` just before handing it
//! to the mail server, sends with no transaction open, then marks the row. A lease names its
//! dispatcher (`lease_token`), so the leases of one that is gone are released at once (see
//! [`release`]).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, leases::leased_rows, schema::outbox, write_transaction};

leased_rows!(outbox);

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
/// The kind of the customer's email (see `mail::MailKind::CustomerValidated`).
pub const CUSTOMER_NOTICE: &str = "customer_validated";

/// `None` is written as NULL (these columns have no other default): with no DEFAULT in
/// them, many rows go in one `INSERT` on SQLite too.
#[derive(Debug, Insertable)]
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
pub struct NewMail<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub claim_id: Option<&'a str>,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub message_id: &'a str,
    pub state: &'a str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, mail: &NewMail<'_>) -> QueryResult<()> {
    diesel::insert_into(outbox::table)
        .values(mail)
        .execute(conn)
        .map(drop)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct MailRow {
    pub id: String,
    pub kind: String,
    pub claim_id: Option<String>,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub message_id: String,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub sending_since: Option<NaiveDateTime>,
    pub interrupted_sends: i32,
}

/// Leases up to `limit` due rows to `lease_token` until `leased_until` and returns them.
/// A row whose lease ran out (its dispatcher died mid-send) is due again.
pub fn lease_due(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    leased_until: NaiveDateTime,
    lease_token: &str,
    limit: i64,
) -> QueryResult<Vec<MailRow>> {
    write_transaction(conn, |c| {
        let due = outbox::table
            .filter(outbox::state.eq(PENDING))
            .filter(outbox::next_attempt_at.le(now))
            .filter(
                outbox::leased_until
                    .is_null()
                    .or(outbox::leased_until.le(now)),
            )
            .order((outbox::next_attempt_at, outbox::id))
            .select(outbox::id)
            .limit(limit);
        let ids: Vec<String> = match c {
            AnyConnection::Postgresql(pg) => due.for_update().skip_locked().load(pg)?,
            AnyConnection::Sqlite(_) => due.load(c)?,
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        take_leases(c, &ids, leased_until, lease_token)?;
        outbox::table
            .filter(outbox::id.eq_any(&ids))
            .order((outbox::next_attempt_at, outbox::id))
            .select(MailRow::as_select())
            .load(c)
    })
}

/// Marks a leased row sent; false when the lease was lost (another dispatcher owns it now).
/// The bodies are cleared: a customer's email carries a live opt-out link, which must not
/// stay readable in the database (only its hash is kept, with the claim).
pub fn mark_sent(
    conn: &mut AnyConnection,
    id: &str,
    lease_token: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(under_lease(id, lease_token))
        .set((
            outbox::state.eq(SENT),
            outbox::sent_at.eq(at),
            outbox::sending_since.eq(None::<NaiveDateTime>),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::leased_until.eq(None::<NaiveDateTime>),
            outbox::lease_token.eq(None::<String>),
            outbox::last_error.eq(None::<String>),
            outbox::body_text.eq(""),
            outbox::body_html.eq(""),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Whether the claim has an email to the customer that has not been delivered yet.
pub fn customer_notice_undelivered(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<bool> {
    let undelivered: i64 = outbox::table
        .filter(outbox::claim_id.eq(claim_id))
        .filter(outbox::kind.eq(CUSTOMER_NOTICE))
        .filter(outbox::state.ne(SENT))
        .count()
        .get_result(conn)?;
    Ok(undelivered > 0)
}

/// Records a failed attempt: retried at `next_attempt_at`, or `gave_up` marks it failed.
pub fn mark_attempt_failed(
    conn: &mut AnyConnection,
    id: &str,
    lease_token: &str,
    error: &str,
    next_attempt_at: NaiveDateTime,
    gave_up: bool,
) -> QueryResult<bool> {
    let updated = diesel::update(under_lease(id, lease_token))
        .set((
            outbox::state.eq(if gave_up { FAILED } else { PENDING }),
            outbox::sending_since.eq(None::<NaiveDateTime>),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::last_error.eq(error),
            outbox::leased_until.eq(None::<NaiveDateTime>),
            outbox::lease_token.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Rows not yet delivered (pending, retrying or failed), oldest first, for administrators.
pub fn undelivered(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<MailRow>> {
    outbox::table
        .filter(outbox::state.ne(SENT))
        .order((outbox::created_at, outbox::id))
        .select(MailRow::as_select())
        .limit(limit)
        .load(conn)
}

/// Puts a failed row back in the queue, due now.
pub fn retry_now(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::state.eq(FAILED)),
    )
    .set((
        outbox::state.eq(PENDING),
        outbox::next_attempt_at.eq(now),
        // A fresh series of attempts, not one last try.
        outbox::attempts.eq(0),
        outbox::leased_until.eq(None::<NaiveDateTime>),
        outbox::lease_token.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Makes a pending row (never tried, or retrying) due now; its attempts are kept. A row a
/// dispatcher holds now is left alone: that pass is sending it already, and its outcome (a
/// failure's backoff) would overwrite this anyway.
pub fn send_now(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::state.eq(PENDING))
            .filter(
                outbox::leased_until
                    .is_null()
                    .or(outbox::leased_until.le(now)),
            ),
    )
    .set(outbox::next_attempt_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Whom a row is addressed to.
pub fn recipient_of(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<String>> {
    outbox::table
        .find(id)
        .select(outbox::recipient)
        .first(conn)
        .optional()
}

/// The claim's emails, newest first.
pub fn for_claim(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<Vec<MailRow>> {
    outbox::table
        .filter(outbox::claim_id.eq(claim_id))
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .select(MailRow::as_select())
        .load(conn)
}
