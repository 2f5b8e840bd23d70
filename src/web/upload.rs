//! Receiving uploaded files: each streamed to a temporary file in bounded pieces (never
//! whole in memory), hashed and size-checked on the way, so it can then be stored in one
//! short database transaction. [`Upload`] refuses a body declared too large before reading
//! it; [`receive`] reads a whole proof-of-execution form; [`sweep_stale_staging`] removes
//! the temporary files a killed process left.

use std::{
    fs::{File, OpenOptions, TryLockError},
    io::Write,
    os::unix::fs::OpenOptionsExt,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use actix_multipart::{Field, Multipart};
use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use crate::{
    domain::evidence::{
        EvidenceError, EvidenceKind, FileCount, SNIFF_BYTES, display_name, recognise, request_limit,
    },
    service::evidence_step::StagedUpload,
};

use super::{
    error::AppError,
    input_guard::{Lines, is_clean_text},
    state::AppState,
};

/// A multipart body whose declared length (`Content-Length`) is within
/// [`request_limit`]: a larger one is refused with 413 before a byte of it is read.
pub struct Upload(pub Multipart);

impl FromRequest for Upload {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map(|state| request_limit(state.settings.upload_max_bytes));
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        if let (Some(limit), Some(declared)) = (limit, declared)
            && declared > limit
        {
            return std::future::ready(Err(AppError::TooLarge));
        }
        let multipart = Multipart::from_request(req, payload).into_inner();
        std::future::ready(multipart.map(Upload).map_err(|_| AppError::BadRequest))
    }
}

/// The longest text field read from a form with files (the domain's limits are lower).
const MAX_TEXT_BYTES: usize = 16 * 1024;

/// A form with proof-of-execution files, read: the text fields asked for, the files
/// staged and recognised, and the refused file that ended the reading, if one did.
pub struct Received {
    texts: Vec<(String, String)>,
    pub files: Vec<ReceivedFile>,
    pub count: FileCount,
    /// Why the file after the last of `files` was refused; nothing after it was read.
    pub refused: Option<EvidenceError>,
}

pub struct ReceivedFile {
    staged: Staged,
    display_name: String,
    kind: EvidenceKind,
}

impl ReceivedFile {
    pub fn upload(&self) -> StagedUpload<'_> {
        StagedUpload {
            path: &self.staged.path,
            display_name: &self.display_name,
            kind: self.kind,
            size_bytes: self.staged.size_bytes,
            sha256: &self.staged.sha256,
        }
    }
}

impl Received {
    /// A text field's value; empty when the form did not send it.
    pub fn text(&self, name: &str) -> String {
        self.texts
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }
}

/// Reads a multipart form: the fields named in `texts` as text, every other field with a
/// file name as a file of at most `limit` bytes. The first file refused — one too many
/// ([`FileCount`]), too large, empty, or not an accepted kind — ends the reading, and the
/// caller stores none of the files.
pub async fn receive(
    payload: &mut Multipart,
    texts: &[&str],
    limit: u64,
) -> Result<Received, AppError> {
    let mut received = Received {
        texts: Vec::new(),
        files: Vec::new(),
        count: FileCount::default(),
        refused: None,
    };
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadRequest)?;
        if let Some(name) = field.name().filter(|name| texts.contains(name)) {
            // Each text field once: a form repeating one thousands of times is no form.
            if received.texts.iter().any(|(seen, _)| seen == name) {
                return Err(AppError::BadRequest);
            }
            let name = name.to_owned();
            received
                .texts
                .push((name, read_text(&mut field, MAX_TEXT_BYTES).await?));
            continue;
        }
        let client_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        let Some(client_name) = client_name.filter(|n| !n.is_empty()) else {
            continue;
        };
        match receive_file(&mut field, &client_name, &mut received.count, limit).await? {
            Ok(file) => received.files.push(file),
            Err(refused) => {
                received.refused = Some(refused);
                break;
            }
        }
    }
    if received.refused.is_some() {
        // Read (and discard) what the browser still sends, within a budget, so it gets the
        // answer page rather than a reset connection.
        let mut budget = limit.saturating_mul(4);
        while let Some(Ok(mut field)) = payload.next().await {
            budget = budget.saturating_sub(drain(&mut field, budget).await);
            if budget == 0 {
                break;
            }
        }
    }
    Ok(received)
}

async fn receive_file(
    field: &mut Field,
    client_name: &str,
    count: &mut FileCount,
    limit: u64,
) -> Result<Result<ReceivedFile, EvidenceError>, AppError> {
    if let Err(refused) = count.admit() {
        return Ok(Err(refused));
    }
    let staged = match stage(field, limit).await? {
        Ok(staged) => staged,
        Err(refused) => return Ok(Err(refused)),
    };
    Ok(
        recognise(&staged.head, client_name).map(|kind| ReceivedFile {
            display_name: display_name(client_name, kind),
            kind,
            staged,
        }),
    )
}

/// A text field of at most `max` bytes of UTF-8; anything else is a bad request.
pub async fn read_text(field: &mut Field, max: usize) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest)?;
        if bytes.len() + chunk.len() > max {
            return Err(AppError::BadRequest);
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes)
        .ok()
        .filter(|text| is_clean_text(text, Lines::Allowed))
        .ok_or(AppError::BadRequest)
}

/// Written to disk whenever this much has arrived.
const WRITE_BYTES: usize = 1024 * 1024;

/// Staging files are named `portal-upload-…` in the temporary folder.
const STAGING_PREFIX: &str = "portal-upload-";

/// A staging file is created under this ending, locked, and only then renamed to its
/// name: a file with its name that nobody holds locked is certainly a dead process's.
const NOT_YET_LOCKED: &str = ".new";

/// A file still under [`NOT_YET_LOCKED`] nobody holds locked is left by a killed process
/// once it is this old (younger, it may be one just created and not yet locked).
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// A received file on local disk, locked while it lives so that no other portal sharing
/// the temporary folder sweeps it away; removed when dropped.
pub struct Staged {
    pub path: PathBuf,
    pub size_bytes: u64,
    pub sha256: String,
    /// The first bytes, to recognise the kind of file.
    pub head: Vec<u8>,
    /// Holds the lock; closed (and so unlocked) after the file is removed.
    _locked: File,
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Removes the staging files that processes killed mid-upload left in the temporary
/// folder: ours by name and not locked — a live process, this one or another portal
/// sharing the folder, holds the lock of each file it stages (the system releases it when
/// the process dies); one not yet renamed only once older than [`STALE_AFTER`]. Returns
/// how many were removed.
pub fn sweep_stale_staging() -> usize {
    let dir = std::env::temp_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let cutoff = SystemTime::now().checked_sub(STALE_AFTER);
    let removed = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with(STAGING_PREFIX)
        })
        .filter(|entry| {
            if !entry
                .file_name()
                .to_string_lossy()
                .ends_with(NOT_YET_LOCKED)
            {
                return true;
            }
            let modified = entry.metadata().and_then(|m| m.modified()).ok();
            matches!((modified, cutoff), (Some(at), Some(cutoff)) if at < cutoff)
        })
        .filter(|entry| remove_if_unlocked(&entry.path()))
        .count();
    if removed > 0 {
        tracing::info!(removed, dir = %dir.display(), "stale upload staging files removed");
    }
    removed
}

/// Removes the file when no process holds its lock; whether it did.
fn remove_if_unlocked(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => std::fs::remove_file(path).is_ok(),
        Err(TryLockError::WouldBlock | TryLockError::Error(_)) => false,
    }
}

/// Reads one file field to a temporary file. A file over `limit` bytes is refused as soon
/// as the limit is passed (the rest of the field is read and discarded, so the browser gets
/// the answer page rather than a broken connection).
pub async fn stage(
    field: &mut Field,
    limit: u64,
) -> Result<Result<Staged, EvidenceError>, AppError> {
    let path =
        std::env::temp_dir().join(format!("{STAGING_PREFIX}{}", crate::tokens::random_token()));
    let staged_path = path.clone();
    let (file, locked) = web::block(move || -> std::io::Result<(File, File)> {
        let mut unlocked = staged_path.clone().into_os_string();
        unlocked.push(NOT_YET_LOCKED);
        // Readable by this user only, and never through a link someone planted there.
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&unlocked)?;
        file.lock()?;
        std::fs::rename(&unlocked, &staged_path)?;
        Ok((file.try_clone()?, file))
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("upload staging: {e}")))?
    .map_err(|e| AppError::Internal(anyhow::anyhow!("upload staging: {e}")))?;
    let mut staged = Staged {
        path,
        size_bytes: 0,
        sha256: String::new(),
        head: Vec::new(),
        _locked: locked,
    };
    let mut writer = Some((file, Sha256::new()));
    let mut pending: Vec<u8> = Vec::with_capacity(WRITE_BYTES);
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest)?;
        staged.size_bytes += chunk.len() as u64;
        if staged.size_bytes > limit {
            drain(field, limit.saturating_mul(4)).await;
            return Ok(Err(EvidenceError::TooLarge {
                limit_mb: limit / (1024 * 1024),
            }));
        }
        if staged.head.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - staged.head.len()).min(chunk.len());
            staged.head.extend_from_slice(&chunk[..take]);
        }
        pending.extend_from_slice(&chunk);
        if pending.len() >= WRITE_BYTES {
            writer = Some(write(writer.take(), std::mem::take(&mut pending)).await?);
        }
    }
    let (file, hasher) = write(writer.take(), pending).await?;
    drop(file);
    staged.sha256 = crate::tokens::hex(&hasher.finalize());
    Ok(Ok(staged))
}

/// Appends `bytes` to the file and the hash, off the async workers.
async fn write(writer: Option<(File, Sha256)>, bytes: Vec<u8>) -> Result<(File, Sha256), AppError> {
    let (mut file, mut hasher) =
        writer.ok_or_else(|| AppError::Internal(anyhow::anyhow!("upload writer lost")))?;
    web::block(move || -> std::io::Result<(File, Sha256)> {
        file.write_all(&bytes)?;
        hasher.update(&bytes);
        Ok((file, hasher))
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("upload staging: {e}")))?
    .map_err(|e| AppError::Internal(anyhow::anyhow!("upload staging: {e}")))
}

/// Reads and discards the rest of `field`, at most about `budget` bytes; returns how many.
async fn drain(field: &mut Field, budget: u64) -> u64 {
    let mut seen = 0u64;
    while let Some(Ok(chunk)) = field.next().await {
        seen += chunk.len() as u64;
        if seen > budget {
            break;
        }
    }
    seen
}
