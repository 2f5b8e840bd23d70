//! SQLite's checkpoints — copying the write-ahead log back into the database file, with its
//! fsync — on a thread of their own.
//!
//! Left to SQLite, the commit that grows the log past `wal_autocheckpoint` pages runs the
//! checkpoint itself while it still holds this process's writer lock, so every other writer
//! waits for a copy of thousands of pages (submits under load: one such pause about every
//! half second). A pool's connections leave that to this thread instead, which runs the
//! same kind of checkpoint (PASSIVE: it neither waits for nor blocks readers and writers)
//! every [`EVERY`], for as long as the pool lives.

use std::{
    path::Path,
    sync::{Arc, Weak},
    thread,
    time::Duration,
};

use diesel::{connection::SimpleConnection, prelude::*};

/// How often the log is copied back: about as many pages as `wal_autocheckpoint`'s default
/// would let through at the busiest write rate measured.
const EVERY: Duration = Duration::from_millis(250);

/// Keeps the checkpoint thread of one database running; it stops within [`EVERY`] of the
/// last clone being dropped.
#[derive(Clone)]
pub struct Running {
    _alive: Arc<()>,
}

/// Starts checkpointing the database at `path` in the background.
pub fn start(path: &Path) -> ConnectionResult<Running> {
    let mut conn = SqliteConnection::establish(&path.display().to_string())?;
    let running = Arc::new(());
    let alive = Arc::downgrade(&running);
    thread::Builder::new()
        .name("sqlite-checkpoints".into())
        .spawn(move || checkpoint_while_alive(&mut conn, &alive))
        .map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
    Ok(Running { _alive: running })
}

fn checkpoint_while_alive(conn: &mut SqliteConnection, alive: &Weak<()>) {
    let mut failing = false;
    loop {
        thread::sleep(EVERY);
        if alive.strong_count() == 0 {
            return;
        }
        // A failure is reported once, not every quarter of a second, and retried.
        match conn.batch_execute("PRAGMA wal_checkpoint(PASSIVE)") {
            Ok(()) => failing = false,
            Err(e) if !failing => {
                failing = true;
                tracing::warn!(error = %e, "SQLite checkpoint failed; retrying");
            }
            Err(_) => {}
        }
    }
}
