//! How many of an organisation's claims each saved view of its list holds: one query,
//! conditional sums over the organisation's rows in the statuses the views cover, read
//! through the (organisation_id, status, …) index.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{
    dsl::sql,
    prelude::*,
    sql_types::{BigInt, Timestamp},
};

use crate::domain::{
    claim::Status,
    saved_views::{SavedView, ViewCounts, ViewRule},
};

use super::{AnyConnection, db_time, schema::claims};

/// The counts of [`SavedView::ALL`] for `organisation_id` at `now`.
pub fn counts(
    conn: &mut AnyConnection,
    organisation_id: &str,
    now: DateTime<Utc>,
) -> QueryResult<ViewCounts> {
    let ViewRule::NeedsAction { rejected_since } = SavedView::NeedsAction.rule(now) else {
        unreachable!("needs action has its own rule")
    };
    let ViewRule::EndingBy { ends_by } = SavedView::EndingSoon.rule(now) else {
        unreachable!("ending soon has its own rule")
    };
    let (action, rejected, pending, official) = (
        Status::ActionRequired.as_str(),
        Status::Rejected.as_str(),
        Status::PendingCustomer.as_str(),
        Status::Official.as_str(),
    );
    let needs_action = sql::<BigInt>(&format!(
        "COALESCE(SUM(CASE WHEN claims.status = '{action}' OR (claims.status = '{rejected}' \
         AND NOT claims.dispute_used AND claims.rejected_at >= "
    ))
    .bind::<Timestamp, _>(db_time(rejected_since))
    .sql(") THEN 1 ELSE 0 END), 0)");
    let waiting = sql::<BigInt>(&format!(
        "COALESCE(SUM(CASE WHEN claims.status = '{pending}' THEN 1 ELSE 0 END), 0)"
    ));
    let officials = sql::<BigInt>(&format!(
        "COALESCE(SUM(CASE WHEN claims.status = '{official}' THEN 1 ELSE 0 END), 0)"
    ));
    let ending = sql::<BigInt>(&format!(
        "COALESCE(SUM(CASE WHEN claims.status = '{official}' AND claims.ends_at <= "
    ))
    .bind::<Timestamp, _>(db_time(ends_by))
    .sql(" THEN 1 ELSE 0 END), 0)");
    let (needs_action, waiting_customer, official, ending_soon) = claims::table
        .filter(claims::organisation_id.eq(organisation_id))
        .filter(claims::status.eq_any([action, rejected, pending, official]))
        .select((needs_action, waiting, officials, ending))
        .first::<(i64, i64, i64, i64)>(conn)?;
    Ok(ViewCounts {
        needs_action,
        waiting_customer,
        official,
        ending_soon,
    })
}

/// The organisation's newest claim change: when, which claim, and its status now (a claim
/// that changes twice at one instant still changes this). The newest row comes from the
/// (organisation_id, updated_at, id) index alone and its status by the primary key: asked
/// for the status in the same query, PostgreSQL's generic plan (the limit is a parameter,
/// guessed as a tenth of the rows) read every claim of the organisation through the
/// (organisation_id, status, updated_at, id) index to sort them — 10,000 rows per list
/// page at a million claims, ten times that at ten million.
pub fn latest_change(
    conn: &mut AnyConnection,
    organisation_id: &str,
) -> QueryResult<Option<(NaiveDateTime, String, String)>> {
    let newest: Option<(NaiveDateTime, String)> = claims::table
        .filter(claims::organisation_id.eq(organisation_id))
        .order((claims::updated_at.desc(), claims::id.desc()))
        .select((claims::updated_at, claims::id))
        .first(conn)
        .optional()?;
    let Some((at, id)) = newest else {
        return Ok(None);
    };
    let status: Option<String> = claims::table
        .find(&id)
        .select(claims::status)
        .first(conn)
        .optional()?;
    Ok(status.map(|status| (at, id, status)))
}
