//! Figures for the staff home pages.

use crate::store::{AnyConnection, organisations, users};

pub struct AdminCounts {
    pub organisations: i64,
    pub users: i64,
}

pub fn admin_counts(conn: &mut AnyConnection) -> anyhow::Result<AdminCounts> {
    Ok(AdminCounts {
        organisations: organisations::count(conn)?,
        users: users::count(conn)?,
    })
}
