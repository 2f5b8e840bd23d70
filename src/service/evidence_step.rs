//! Step 6: proof-of-execution files — add (from a staged upload), remove, list, download.

use std::{fs::File, path::Path};

use chrono::{DateTime, Utc};

use super::claim_record::Claim;
use crate::{
    domain::{
        access::{self, Viewer},
        claim::Section,
        evidence::{EvidenceKind, stored_display_name},
        ids::OrganisationId,
    },
    store::{
        AnyConnection, claims, db_time, from_db_time, new_id,
        poe_files::{self, NewPoeFile, PoeFileRow},
        write_transaction,
    },
};

use super::{
    auth::SessionUser,
    draft_edit::{EditDenied, editable_claim},
};

pub struct FilesForm {
    pub claim: Claim,
    pub files: Vec<ListedFile>,
}

/// One of the claim's files, as the files step lists it.
pub struct ListedFile {
    pub id: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub uploaded_by_name: String,
    pub uploaded_at: DateTime<Utc>,
}

impl From<PoeFileRow> for ListedFile {
    fn from(row: PoeFileRow) -> Self {
        ListedFile {
            id: row.id,
            file_name: stored_display_name(&row.file_name, &row.content_type),
            size_bytes: row.size_bytes,
            uploaded_by_name: row.uploaded_by_name,
            uploaded_at: from_db_time(row.uploaded_at),
        }
    }
}

/// An upload received in full into a temporary file, checked, not yet stored.
pub struct StagedUpload<'a> {
    pub path: &'a Path,
    pub display_name: &'a str,
    pub kind: EvidenceKind,
    pub size_bytes: u64,
    pub sha256: &'a str,
}

pub fn load(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
) -> anyhow::Result<Result<FilesForm, EditDenied>> {
    let claim = match editable_claim(conn, viewer, claim_id, Section::ProofOfExecution)? {
        Ok(claim) => claim,
        Err(denied) => return Ok(Err(denied)),
    };
    let files = poe_files::list(conn, claim_id)?
        .into_iter()
        .map(ListedFile::from)
        .collect();
    Ok(Ok(FilesForm { claim, files }))
}

/// Stores staged uploads as the claim's files, each whole in its own transaction. The
/// caller has checked every file of the request first, so a refused request stores none;
/// one transaction per file keeps the database's writer for one file's copy at a time, not
/// for a whole request's (20 files at the limit are 400 MB). A claim that stops taking
/// files part-way keeps the ones before.
pub fn add_all(
    conn: &mut AnyConnection,
    user: &SessionUser,
    claim_id: &str,
    uploads: &[StagedUpload<'_>],
    now: DateTime<Utc>,
) -> anyhow::Result<Result<(), EditDenied>> {
    let viewer = user.viewer();
    for upload in uploads {
        let stored = write_transaction(conn, |c| -> anyhow::Result<_> {
            if let Err(denied) = editable_claim(c, &viewer, claim_id, Section::ProofOfExecution)? {
                return Ok(Err(denied));
            }
            store_file(c, &user.user_id, claim_id, upload, now)?;
            claims::touch(c, claim_id, db_time(now))?;
            Ok(Ok(()))
        })?;
        if let Err(denied) = stored {
            return Ok(Err(denied));
        }
        tracing::info!(
            claim_id,
            size_bytes = upload.size_bytes,
            "proof of execution stored"
        );
    }
    Ok(Ok(()))
}

/// Stores a staged upload as one of the claim's files, inside the caller's transaction
/// (the caller has checked that the user may add it).
pub fn store_file(
    c: &mut AnyConnection,
    user_id: &str,
    claim_id: &str,
    upload: &StagedUpload<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let id = new_id();
    let mut content = File::open(upload.path)?;
    let file = NewPoeFile {
        id: &id,
        claim_id,
        file_name: upload.display_name,
        content_type: upload.kind.media_type(),
        size_bytes: i64::try_from(upload.size_bytes)?,
        sha256: upload.sha256,
        uploaded_by: user_id,
        uploaded_at: db_time(now),
    };
    poe_files::insert(c, &file, &mut content)?;
    Ok(id)
}

pub fn remove(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    file_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<bool, EditDenied>> {
    if let Err(denied) = editable_claim(conn, viewer, claim_id, Section::ProofOfExecution)? {
        return Ok(Err(denied));
    }
    let removed = write_transaction(conn, |c| -> anyhow::Result<bool> {
        let removed = poe_files::delete(c, claim_id, file_id)?;
        if removed {
            claims::touch(c, claim_id, db_time(now))?;
        }
        Ok(removed)
    })?;
    Ok(Ok(removed))
}

/// What a download needs to know of a stored file before its content.
pub struct StoredFile {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// The file, when it belongs to this claim and the viewer may see the claim.
pub fn for_download(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    file_id: &str,
) -> anyhow::Result<Option<StoredFile>> {
    let Some(claim) = claims::find(conn, claim_id)? else {
        return Ok(None);
    };
    if !access::can_view_claim(viewer, &OrganisationId::new(&claim.organisation_id)) {
        return Ok(None);
    }
    Ok(poe_files::find(conn, file_id)?
        .filter(|f| f.claim_id == claim_id)
        .map(|f| StoredFile {
            file_name: stored_display_name(&f.file_name, &f.content_type),
            id: f.id,
            content_type: f.content_type,
            size_bytes: f.size_bytes,
        }))
}

/// Piece `seq` (from 0) of a file's content; `None` after the last.
pub fn chunk(conn: &mut AnyConnection, file_id: &str, seq: i32) -> anyhow::Result<Option<Vec<u8>>> {
    Ok(poe_files::chunk(conn, file_id, seq)?)
}
