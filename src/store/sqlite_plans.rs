//! Stable query plans (and no needless locking) for SQLite connections.
//!
//! Without this, SQLite marks a prepared statement for re-preparation each time a value is
//! bound to a parameter that could change its plan: every `LIMIT ?` (diesel binds limits)
//! and every parameter compared against sampled index statistics. Diesel's statement cache
//! then saves nothing: each request parsed and planned its queries again (about 40% of a
//! signed-in page's CPU, measured with perf). With the query planner stability guarantee
//! (QPSG) a statement keeps the plan it was prepared with, whatever is bound to it.

use std::{
    ffi::{c_char, c_int},
    sync::Once,
};

use libsqlite3_sys as ffi;

/// Makes every SQLite connection opened from now on in this process keep its plans.
/// Call before the first connection opens.
pub fn keep_plans_stable() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // SAFETY: sqlite3_config runs before SQLite initialises (it is refused, harmlessly,
        // if something initialised it first); `enable_qpsg` has the signature SQLite calls
        // auto-extensions with.
        unsafe {
            // Allocation statistics take a process-wide mutex on every malloc inside SQLite;
            // nothing reads them, and under load the connections queued on that lock.
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
            ffi::sqlite3_auto_extension(Some(enable_qpsg));
        }
    });
}

/// Runs inside `sqlite3_open` for each new connection, with its handle.
unsafe extern "C" fn enable_qpsg(
    db: *mut ffi::sqlite3,
    _error_message: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: `db` is the connection being opened; the option takes an int and an optional
    // out-pointer for the previous value.
    unsafe {
        ffi::sqlite3_db_config(
            db,
            ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as c_int,
            std::ptr::null_mut::<c_int>(),
        )
    }
}
