//! The only code that speaks SQL.

pub mod audit;
pub mod catalogue;
pub mod claims;
pub mod connection;
pub mod migrate;
pub mod organisations;
pub mod registry;
pub mod schema;
pub mod sessions;
pub mod sign_in_failures;
pub mod users;

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

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
