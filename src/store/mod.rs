//! The only code that speaks SQL.

pub mod admin_audit;
pub mod api_tokens;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod bulk_aside;
mod bulk_copy;
pub mod catalogue;
pub mod claim_imports;
pub mod claim_list;
mod claim_list_search;
pub mod claim_messages;
pub mod claim_page;
pub mod claim_status;
pub mod claims;
pub mod competing;
pub mod connection;
pub mod dev_mailbox;
mod fixed_sql;
pub mod held_products;
pub mod holidays;
pub mod idempotency;
mod leases;
pub mod migrate;
pub mod officials;
pub mod opt_out_reminders;
pub mod opt_out_tokens;
pub mod organisations;
pub mod outbox;
pub mod outbox_depth;
pub mod overview;
pub mod password_tokens;
pub mod poe_files;
pub mod pool_metrics;
pub mod product_names;
pub mod registry;
pub mod review_lists;
mod row_bound;
pub mod runners;
pub mod schema;
pub mod search;
pub mod search_sample;
pub mod sessions;
pub mod sign_in_failures;
pub mod sqlite_plans;
pub mod statements;
pub mod tenant_claims;
pub mod usage;
pub mod users;
pub mod view_counts;
pub mod wal_checkpoints;
pub mod webhook_deliveries;
pub mod webhooks;
pub mod window_batch;

pub use connection::{AnyConnection, DbPool, write_transaction};

/// The current time as stored: UTC without offset, truncated to microseconds so a value
/// read back equals the value written on both backends.
pub fn db_time(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    use chrono::SubsecRound;
    at.trunc_subsecs(6).naive_utc()
}

/// A stored time back as UTC.
pub fn from_db_time(at: chrono::NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    at.and_utc()
}

/// How a keyset position carries a timestamp (microseconds, as stored).
pub fn cursor_time(at: chrono::NaiveDateTime) -> String {
    at.format(CURSOR_TIME).to_string()
}

/// The timestamp of a keyset position; `None` for a value no page wrote.
pub fn parse_cursor_time(value: &str) -> Option<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(value, CURSOR_TIME).ok()
}

const CURSOR_TIME: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// `search` lower-cased with LIKE's wildcards escaped (by a backslash), for a pattern of the caller's
/// making; columns are compared through `lower()` so both backends match alike.
pub fn like_escaped(search: &str) -> String {
    search
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A new row id: a UUIDv7, so ids of one process sort in creation order (a stable
/// tie-break for rows with the same timestamp) and inserts land at the end of indexes.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Whether a failed change broke a unique index (a concurrent insert won): callers turn it
/// into their own "already taken" answer instead of an error page.
pub fn is_unique_violation(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<diesel::result::Error>(),
        Some(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _
        ))
    )
}
