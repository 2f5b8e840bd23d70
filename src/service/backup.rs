//! `portal backup PATH`: a consistent copy of the SQLite database, taken while the portal
//! runs. PostgreSQL has its own tools (`pg_dump`), so its URL is refused with a pointer to
//! them.

use std::{
    fs::OpenOptions,
    io::ErrorKind,
    path::{Path, PathBuf},
    time::Instant,
};

use anyhow::Context as _;

use crate::{config::DatabaseUrl, store};

/// Why no backup was made; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum BackupRefused {
    #[error(
        "PORTAL_DATABASE_URL is a PostgreSQL database: back it up with pg_dump \
         (`pg_dump --format=custom --file=portal.dump \"$PORTAL_DATABASE_URL\"`; see README.md)"
    )]
    Postgres,
    #[error("there is no database at {0} (check PORTAL_DATABASE_URL)")]
    NoDatabase(PathBuf),
    #[error("{0} exists already; a backup never overwrites a file: name a new one")]
    TargetExists(PathBuf),
    #[error("{0}: the backup's path must be valid UTF-8")]
    TargetNotUtf8(PathBuf),
}

/// What was copied.
#[derive(Debug)]
pub struct BackupReport {
    pub source: PathBuf,
    pub bytes: u64,
    pub seconds: f64,
}

/// Copies the database at `url` to `target`, a file that must not exist yet. The copy is
/// consistent (one read transaction), flushed to disk, and the portal may keep serving and
/// writing meanwhile. A failed copy leaves no file behind.
pub fn backup(
    url: &DatabaseUrl,
    target: &Path,
) -> anyhow::Result<Result<BackupReport, BackupRefused>> {
    let started = Instant::now();
    let source = match url {
        DatabaseUrl::Postgres(_) => return Ok(Err(BackupRefused::Postgres)),
        DatabaseUrl::Sqlite(path) if !path.is_file() => {
            return Ok(Err(BackupRefused::NoDatabase(path.clone())));
        }
        DatabaseUrl::Sqlite(path) => path,
    };
    let Some(target_text) = target.to_str() else {
        return Ok(Err(BackupRefused::TargetNotUtf8(target.to_owned())));
    };
    // Claiming the name first (create_new) makes "never overwrite" hold even against a file
    // that appears meanwhile; SQLite then writes into the empty file.
    let claimed = match OpenOptions::new().write(true).create_new(true).open(target) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Ok(Err(BackupRefused::TargetExists(target.to_owned())));
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", target.display())),
    };
    drop(claimed);
    let copied = store::backup::vacuum_into(source, target_text)
        .with_context(|| format!("cannot copy {}", source.display()))
        .and_then(|()| {
            let copy = std::fs::File::open(target)?;
            copy.sync_all()?;
            Ok(copy.metadata()?.len())
        });
    match copied {
        Ok(bytes) => Ok(Ok(BackupReport {
            source: source.clone(),
            bytes,
            seconds: started.elapsed().as_secs_f64(),
        })),
        Err(e) => {
            // The name was claimed by this call: a half-written copy must not pass for one.
            let _ = std::fs::remove_file(target);
            Err(e)
        }
    }
}
