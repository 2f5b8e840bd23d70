//! The reads and writes of a batch of claims changed together by the jobs (closing opt-out
//! windows): each kind of row read for the whole batch in one query and written in one
//! multi-row statement, so a batch of a few hundred claims costs a dozen statements.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::{
    pg::Pg,
    prelude::*,
    sql_types::{Nullable, Text, Timestamp},
    sqlite::Sqlite,
};

use super::{
    AnyConnection,
    audit::NewAuditEntry,
    officials::NewOfficial,
    outbox::{self, NewMail},
    registry::SubscriptionRow,
    schema::{
        audit_entries, claims, official_associations, outbox as outbox_table, subscriptions, users,
        webhook_deliveries, webhook_endpoints,
    },
    users::UserRow,
    webhook_deliveries::NewDelivery,
    webhooks::EndpointRow,
};

/// The `ids` still in `status`, which nobody else may now change until the transaction
/// ends: on PostgreSQL their rows are locked (rows another instance holds are skipped: that
/// instance is changing them); on SQLite the write transaction already excludes every other
/// writer.
pub fn lock_in_status(
    conn: &mut AnyConnection,
    ids: &[&str],
    status: &str,
) -> QueryResult<HashSet<String>> {
    let query = claims::table
        .filter(claims::id.eq_any(ids))
        .filter(claims::status.eq(status))
        .select(claims::id);
    let found: Vec<String> = match conn {
        AnyConnection::Postgresql(c) => query.for_update().skip_locked().load(c)?,
        AnyConnection::Sqlite(c) => query.load(c)?,
    };
    Ok(found.into_iter().collect())
}

/// Those of `ids` whose customer email is not delivered yet (their window waits for it).
pub fn undelivered_customer_notices(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> QueryResult<HashSet<String>> {
    let found: Vec<Option<String>> = outbox_table::table
        .filter(outbox_table::claim_id.eq_any(ids))
        .filter(outbox_table::kind.eq(outbox::CUSTOMER_NOTICE))
        .filter(outbox_table::state.ne(outbox::SENT))
        .select(outbox_table::claim_id)
        .distinct()
        .load(conn)?;
    Ok(found.into_iter().flatten().collect())
}

/// The subscriptions of all `tenant_ids`, in each tenant's usual order.
pub fn subscriptions_of(
    conn: &mut AnyConnection,
    tenant_ids: &[&str],
) -> QueryResult<Vec<SubscriptionRow>> {
    subscriptions::table
        .filter(subscriptions::tenant_id.eq_any(tenant_ids))
        .order((
            subscriptions::tenant_id,
            subscriptions::product_id,
            subscriptions::starts_on,
            subscriptions::id,
        ))
        .select(SubscriptionRow::as_select())
        .load(conn)
}

/// The users with any of `ids` or any of `emails`.
pub fn users_by_id_or_email(
    conn: &mut AnyConnection,
    ids: &[&str],
    emails: &[&str],
) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::id.eq_any(ids).or(users::email.eq_any(emails)))
        .select(UserRow::as_select())
        .load(conn)
}

/// The working endpoints that hear about claims of any of `organisation_ids`, and the
/// administrators' (no organisation).
pub fn endpoints_listening(
    conn: &mut AnyConnection,
    organisation_ids: &[&str],
) -> QueryResult<Vec<EndpointRow>> {
    webhook_endpoints::table
        .filter(webhook_endpoints::enabled.eq(true))
        .filter(
            webhook_endpoints::organisation_id
                .eq_any(organisation_ids)
                .or(webhook_endpoints::organisation_id.is_null()),
        )
        .select(EndpointRow::as_select())
        .load(conn)
}

/// A claim whose window closed, as its row changes.
pub struct Closed<'a> {
    pub id: &'a str,
    /// `true`: official (with `ends_at`); `false`: rejected.
    pub official: bool,
    pub ends_at: Option<NaiveDateTime>,
}

/// Moves `closed` out of `from` at `at`: the officials with their ends, the rejected with
/// their rejection time; both clear the request deadline as a single change does. Returns
/// how many rows changed (all of them, as the batch holds them: see [`lock_in_status`]).
pub fn close(
    conn: &mut AnyConnection,
    from: &str,
    official: &str,
    rejected: &str,
    closed: &[Closed<'_>],
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let (officials, rejections): (Vec<&Closed<'_>>, Vec<&Closed<'_>>) =
        closed.iter().partition(|c| c.official);
    let mut changed = 0;
    if !rejections.is_empty() {
        let ids: Vec<&str> = rejections.iter().map(|c| c.id).collect();
        changed += diesel::update(
            claims::table
                .filter(claims::id.eq_any(&ids))
                .filter(claims::status.eq(from)),
        )
        .set((
            claims::status.eq(rejected),
            claims::updated_at.eq(at),
            claims::rejected_at.eq(at),
            claims::action_required_due.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    }
    if !officials.is_empty() {
        changed += close_as_official(conn, from, official, &officials, at)?;
    }
    Ok(changed)
}

/// One `UPDATE` for all the officials: each row's end by a `CASE` on its id.
fn close_as_official(
    conn: &mut AnyConnection,
    from: &str,
    official: &str,
    closed: &[&Closed<'_>],
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let cases = "WHEN ? THEN ? ".repeat(closed.len());
    let list = vec!["?"; closed.len()].join(", ");
    let sql = format!(
        "UPDATE claims SET status = ?, updated_at = ?, action_required_due = NULL, \
         ends_at = CASE id {cases}ELSE ends_at END WHERE status = ? AND id IN ({list})"
    );
    macro_rules! run {
        ($backend:ty, $c:expr, $sql:expr) => {{
            let mut query = diesel::sql_query($sql)
                .into_boxed::<$backend>()
                .bind::<Text, _>(official.to_owned())
                .bind::<Timestamp, _>(at);
            for row in closed {
                query = query
                    .bind::<Text, _>(row.id.to_owned())
                    .bind::<Nullable<Timestamp>, _>(row.ends_at);
            }
            query = query.bind::<Text, _>(from.to_owned());
            for row in closed {
                query = query.bind::<Text, _>(row.id.to_owned());
            }
            query.execute($c)
        }};
    }
    match conn {
        // PostgreSQL numbers its parameters.
        AnyConnection::Postgresql(c) => run!(Pg, c, numbered(&sql)),
        AnyConnection::Sqlite(c) => run!(Sqlite, c, sql),
    }
}

/// `?` placeholders as PostgreSQL's `$1, $2 …`.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() * 2);
    let mut n = 0;
    for ch in sql.chars() {
        if ch == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Inserts `rows` into `table` in multi-row statements on the backend's own connection
/// (through `AnyConnection` a multi-row insert does not compile), `chunk` rows each.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr, $chunk:expr) => {{
        let mut written = 0;
        for rows in $rows.chunks($chunk) {
            written += match $conn {
                AnyConnection::Postgresql(c) => diesel::insert_into($table).values(rows).execute(c),
                AnyConnection::Sqlite(c) => diesel::insert_into($table).values(rows).execute(c),
            }?;
        }
        QueryResult::Ok(written)
    }};
}

/// Rows per insert: well under SQLite's 32,766 bound values for the widest row here.
const ROWS_PER_INSERT: usize = 500;

pub fn insert_audit(conn: &mut AnyConnection, rows: &[NewAuditEntry<'_>]) -> QueryResult<usize> {
    insert_all!(conn, audit_entries::table, rows, ROWS_PER_INSERT)
}

pub fn insert_mails(conn: &mut AnyConnection, rows: &[NewMail<'_>]) -> QueryResult<usize> {
    insert_all!(conn, outbox_table::table, rows, ROWS_PER_INSERT)
}

pub fn insert_deliveries(conn: &mut AnyConnection, rows: &[NewDelivery<'_>]) -> QueryResult<usize> {
    insert_all!(conn, webhook_deliveries::table, rows, ROWS_PER_INSERT)
}

/// The official associations; a key another claim took meanwhile breaks the unique index,
/// and the whole statement (and the caller's batch) fails.
pub fn insert_officials(conn: &mut AnyConnection, rows: &[NewOfficial<'_>]) -> QueryResult<usize> {
    insert_all!(conn, official_associations::table, rows, ROWS_PER_INSERT)
}
