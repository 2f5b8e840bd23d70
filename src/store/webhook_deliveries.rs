//! Webhook deliveries: one row per (event, endpoint), written with the status change. Leased
//! as the email outbox is ([`super::outbox`]): a short transaction leases due rows to a
//! dispatcher (`FOR UPDATE SKIP LOCKED` on PostgreSQL), `sending_since` marks the one being
//! sent, the request goes out with no transaction open, then the row is marked. The row's id
//! is the message's `webhook-id`: a retry, a resend and a send interrupted by a crash all
//! carry the same one.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{
    AnyConnection,
    leases::leased_rows,
    schema::{claims, webhook_deliveries, webhook_endpoints},
    write_transaction,
};

leased_rows!(webhook_deliveries);

pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

#[derive(Debug, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct NewDelivery<'a> {
    pub id: &'a str,
    pub endpoint_id: &'a str,
    pub event: &'a str,
    pub claim_id: &'a str,
    pub payload: &'a str,
    pub state: &'a str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, delivery: &NewDelivery<'_>) -> QueryResult<()> {
    diesel::insert_into(webhook_deliveries::table)
        .values(delivery)
        .execute(conn)
        .map(drop)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: String,
    pub endpoint_id: String,
    pub event: String,
    pub claim_id: String,
    pub payload: String,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_status: Option<i32>,
    pub created_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
}

/// Leases up to `limit` due rows of working endpoints to `lease_token` until `leased_until`.
/// A row whose lease ran out (its dispatcher died mid-send) is due again.
pub fn lease_due(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    leased_until: NaiveDateTime,
    lease_token: &str,
    limit: i64,
) -> QueryResult<Vec<DeliveryRow>> {
    write_transaction(conn, |c| {
        let working = webhook_endpoints::table
            .filter(webhook_endpoints::enabled.eq(true))
            .select(webhook_endpoints::id);
        let due = webhook_deliveries::table
            .filter(webhook_deliveries::state.eq(PENDING))
            .filter(webhook_deliveries::next_attempt_at.le(now))
            .filter(
                webhook_deliveries::leased_until
                    .is_null()
                    .or(webhook_deliveries::leased_until.le(now)),
            )
            .filter(webhook_deliveries::endpoint_id.eq_any(working))
            .order((webhook_deliveries::next_attempt_at, webhook_deliveries::id))
            .select(webhook_deliveries::id)
            .limit(limit);
        let ids: Vec<String> = match c {
            AnyConnection::Postgresql(pg) => due.for_update().skip_locked().load(pg)?,
            AnyConnection::Sqlite(_) => due.load(c)?,
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        take_leases(c, &ids, leased_until, lease_token)?;
        webhook_deliveries::table
            .filter(webhook_deliveries::id.eq_any(&ids))
            .order((webhook_deliveries::next_attempt_at, webhook_deliveries::id))
            .select(DeliveryRow::as_select())
            .load(c)
    })
}

/// Marks a leased row delivered with the receiver's status; false when the lease was lost.
pub fn mark_delivered(
    conn: &mut AnyConnection,
    id: &str,
    lease_token: &str,
    status: i32,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(under_lease(id, lease_token))
        .set((
            webhook_deliveries::state.eq(DELIVERED),
            webhook_deliveries::delivered_at.eq(at),
            webhook_deliveries::last_status.eq(status),
            webhook_deliveries::last_error.eq(None::<String>),
            webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
            webhook_deliveries::sending_since.eq(None::<NaiveDateTime>),
            webhook_deliveries::leased_until.eq(None::<NaiveDateTime>),
            webhook_deliveries::lease_token.eq(None::<String>),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// A failed attempt: retried at `next_attempt_at`, or `gave_up` marks it failed.
pub struct Failure<'a> {
    pub status: Option<i32>,
    pub error: &'a str,
    pub next_attempt_at: NaiveDateTime,
    pub gave_up: bool,
}

pub fn mark_attempt_failed(
    conn: &mut AnyConnection,
    id: &str,
    lease_token: &str,
    failure: &Failure<'_>,
) -> QueryResult<bool> {
    diesel::update(under_lease(id, lease_token))
        .set((
            webhook_deliveries::state.eq(if failure.gave_up { FAILED } else { PENDING }),
            webhook_deliveries::last_status.eq(failure.status),
            webhook_deliveries::last_error.eq(failure.error),
            webhook_deliveries::next_attempt_at.eq(failure.next_attempt_at),
            webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
            webhook_deliveries::sending_since.eq(None::<NaiveDateTime>),
            webhook_deliveries::leased_until.eq(None::<NaiveDateTime>),
            webhook_deliveries::lease_token.eq(None::<String>),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Whether the endpoint's failing goes on: a delivery still waits (pending), or one gave up
/// with its last retry due after `gave_up_due_after`.
pub fn still_failing(
    conn: &mut AnyConnection,
    endpoint_id: &str,
    gave_up_due_after: NaiveDateTime,
) -> QueryResult<bool> {
    let count: i64 = webhook_deliveries::table
        .filter(webhook_deliveries::endpoint_id.eq(endpoint_id))
        .filter(
            webhook_deliveries::state
                .eq(PENDING)
                .or(webhook_deliveries::state
                    .eq(FAILED)
                    .and(webhook_deliveries::next_attempt_at.gt(gave_up_due_after))),
        )
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// One line of an endpoint's delivery log, with its claim's name.
#[derive(Debug, Clone, Queryable)]
pub struct LogLine {
    pub id: String,
    pub event: String,
    pub claim_id: String,
    pub claim_name: String,
    pub state: String,
    pub attempts: i32,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub next_attempt_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// The endpoint's newest `limit` deliveries, newest first.
pub fn log(conn: &mut AnyConnection, endpoint_id: &str, limit: i64) -> QueryResult<Vec<LogLine>> {
    webhook_deliveries::table
        .inner_join(claims::table.on(claims::id.eq(webhook_deliveries::claim_id)))
        .filter(webhook_deliveries::endpoint_id.eq(endpoint_id))
        .order((
            webhook_deliveries::created_at.desc(),
            webhook_deliveries::id.desc(),
        ))
        .select((
            webhook_deliveries::id,
            webhook_deliveries::event,
            webhook_deliveries::claim_id,
            claims::name,
            webhook_deliveries::state,
            webhook_deliveries::attempts,
            webhook_deliveries::last_status,
            webhook_deliveries::last_error,
            webhook_deliveries::next_attempt_at,
            webhook_deliveries::delivered_at,
            webhook_deliveries::created_at,
        ))
        .limit(limit)
        .load(conn)
}

/// Sends an endpoint's delivery again, due now, as a fresh series of attempts with the same
/// `webhook-id`; a row a dispatcher holds now is left alone. False when there is no such row.
pub fn resend(
    conn: &mut AnyConnection,
    endpoint_id: &str,
    id: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::id.eq(id))
            .filter(webhook_deliveries::endpoint_id.eq(endpoint_id))
            .filter(
                webhook_deliveries::leased_until
                    .is_null()
                    .or(webhook_deliveries::leased_until.le(now)),
            ),
    )
    .set((
        webhook_deliveries::state.eq(PENDING),
        webhook_deliveries::next_attempt_at.eq(now),
        webhook_deliveries::attempts.eq(0),
    ))
    .execute(conn)
    .map(|n| n == 1)
}
