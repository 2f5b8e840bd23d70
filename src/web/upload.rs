//! Receiving an uploaded file: streamed to a temporary file in bounded pieces (never whole
//! in memory), hashed and size-checked on the way, so it can then be stored in one short
//! database transaction.

use std::{fs::File, io::Write, path::PathBuf};

use actix_multipart::Field;
use actix_web::web;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use crate::domain::evidence::{EvidenceError, SNIFF_BYTES};

use super::error::AppError;

/// Written to disk whenever this much has arrived.
const WRITE_BYTES: usize = 1024 * 1024;

/// A received file on local disk; removed when dropped.
pub struct Staged {
    pub path: PathBuf,
    pub size_bytes: u64,
    pub sha256: String,
    /// The first bytes, to recognise the kind of file.
    pub head: Vec<u8>,
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
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
        std::env::temp_dir().join(format!("portal-upload-{}", crate::tokens::random_token()));
    let staged_path = path.clone();
    let file = web::block(move || File::create(&staged_path))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("upload staging: {e}")))?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("upload staging: {e}")))?;
    let mut staged = Staged {
        path,
        size_bytes: 0,
        sha256: String::new(),
        head: Vec::new(),
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

/// Reads and discards up to `budget` more bytes of the field.
async fn drain(field: &mut Field, budget: u64) {
    let mut seen = 0u64;
    while let Some(Ok(chunk)) = field.next().await {
        seen += chunk.len() as u64;
        if seen > budget {
            break;
        }
    }
}
