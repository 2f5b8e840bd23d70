//! Which dispatchers are alive. Each process holds a lock of its own for as long as it
//! lives, and the lock is freed when the process ends, however it ends (kill -9 too): by
//! the database server, which ends the session of a closed connection, or by the operating
//! system, which drops the file locks of a dead process. Another process that can take the
//! lock knows at once that the holder is gone, without waiting for a lease to run out.
//!
//! PostgreSQL: a session advisory lock on a connection of the holder's own. SQLite (one
//! machine by nature): an exclusive lock on the file `<database>-runners/<id>.lock`.

use std::{
    fs::{self, File, TryLockError},
    io::ErrorKind,
    path::{Path, PathBuf},
    sync::{Mutex, PoisonError},
};

use diesel::{
    connection::SimpleConnection, prelude::*, sql_types::Bool, sql_types::Integer, sql_types::Text,
};

use super::{AnyConnection, connection::Manager, new_id};
use crate::config::DatabaseUrl;

/// The advisory lock class of dispatchers (other classes: `sign_in_failures`).
const CLASS: i32 = 18_007;

/// This process's lock; dropped, it is given back.
pub struct Alive {
    id: String,
    hold: Mutex<Hold>,
}

enum Hold {
    Postgres {
        manager: Manager,
        conn: AnyConnection,
    },
    Sqlite {
        dir: PathBuf,
        _file: File,
    },
}

#[derive(QueryableByName)]
struct Taken {
    #[diesel(sql_type = Bool)]
    taken: bool,
}

impl Alive {
    /// Takes a new id's lock.
    pub fn hold(url: &DatabaseUrl) -> anyhow::Result<Self> {
        let id = new_id();
        let hold = match url {
            DatabaseUrl::Postgres(_) => {
                let manager = Manager::new(url.clone());
                let mut conn = manager.connect()?;
                anyhow::ensure!(lock_session(&mut conn, &id)?, "runner id {id} is taken");
                Hold::Postgres { manager, conn }
            }
            DatabaseUrl::Sqlite(path) => {
                let dir = runners_dir(path);
                fs::create_dir_all(&dir)?;
                sweep(&dir);
                // Locked under a name no sweep reads, then named: never seen unlocked.
                let fresh = dir.join(format!("{id}.new"));
                let file = File::create(&fresh)?;
                file.try_lock()?;
                fs::rename(&fresh, lock_path(&dir, &id))?;
                Hold::Sqlite { dir, _file: file }
            }
        };
        Ok(Alive {
            id,
            hold: Mutex::new(hold),
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Takes the lock again on a new connection if the server dropped the one that held it
    /// (a restarted server); a no-op on SQLite.
    pub fn confirm(&self) -> anyhow::Result<()> {
        let mut hold = self.hold.lock().unwrap_or_else(PoisonError::into_inner);
        if let Hold::Postgres { manager, conn } = &mut *hold
            && conn.batch_execute("SELECT 1").is_err()
        {
            let mut fresh = manager.connect()?;
            anyhow::ensure!(
                lock_session(&mut fresh, &self.id)?,
                "runner lock {} was taken over",
                self.id
            );
            *conn = fresh;
        }
        Ok(())
    }

    /// Whether the dispatcher `other` is gone. On PostgreSQL call it in a transaction: its
    /// lock stays taken until the transaction ends.
    pub fn is_gone(&self, conn: &mut AnyConnection, other: &str) -> QueryResult<bool> {
        let hold = self.hold.lock().unwrap_or_else(PoisonError::into_inner);
        match (&*hold, conn) {
            (Hold::Sqlite { dir, .. }, _) => {
                Ok(!is_plain_id(other) || is_free(&lock_path(dir, other)))
            }
            (Hold::Postgres { .. }, conn) => {
                let taken: Taken = diesel::sql_query(
                    "SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS taken",
                )
                .bind::<Integer, _>(CLASS)
                .bind::<Text, _>(other)
                .get_result(conn)?;
                Ok(taken.taken)
            }
        }
    }

    /// Removes what is left of the dispatcher `other`, gone.
    pub fn forget(&self, other: &str) {
        let hold = self.hold.lock().unwrap_or_else(PoisonError::into_inner);
        if let Hold::Sqlite { dir, .. } = &*hold
            && is_plain_id(other)
        {
            let _ = fs::remove_file(lock_path(dir, other));
        }
    }
}

impl Drop for Alive {
    fn drop(&mut self) {
        let hold = self.hold.get_mut().unwrap_or_else(PoisonError::into_inner);
        if let Hold::Sqlite { dir, .. } = hold {
            let _ = fs::remove_file(lock_path(dir, &self.id));
        }
    }
}

fn lock_session(conn: &mut AnyConnection, id: &str) -> QueryResult<bool> {
    let taken: Taken = diesel::sql_query("SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken")
        .bind::<Integer, _>(CLASS)
        .bind::<Text, _>(id)
        .get_result(conn)?;
    Ok(taken.taken)
}

fn runners_dir(database: &Path) -> PathBuf {
    let mut name = database.file_name().unwrap_or_default().to_owned();
    name.push("-runners");
    database.with_file_name(name)
}

fn lock_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.lock"))
}

/// Ids are ours (UUIDs); anything else in a lease is no live dispatcher's.
fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Whether nobody holds the lock file (or it is gone).
fn is_free(path: &Path) -> bool {
    match File::open(path) {
        Err(e) => e.kind() == ErrorKind::NotFound,
        Ok(file) => match file.try_lock() {
            Ok(()) => true,
            Err(TryLockError::WouldBlock) => false,
            Err(TryLockError::Error(_)) => false,
        },
    }
}

/// Removes the lock files of processes that ended without removing theirs.
fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.extension().is_some_and(|e| e == "lock") && is_free(&path) {
            let _ = fs::remove_file(path);
        }
    }
}
