//! Proof-of-execution files: which kinds are accepted, recognised by their content (a
//! renamed executable is refused whatever its name), and the name shown for them.

use super::errors::{Message, code_enum};

code_enum! {
    /// The accepted kinds of file.
    pub enum EvidenceKind: "evidence_kind" {
        Pdf => "pdf",
        Png => "png",
        Jpeg => "jpeg",
        Docx => "docx",
        Xlsx => "xlsx",
        Text => "text",
    }
}

impl EvidenceKind {
    pub fn media_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            EvidenceKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            EvidenceKind::Text => "text/plain; charset=utf-8",
        }
    }
}

/// How many leading bytes [`recognise`] looks at.
pub const SNIFF_BYTES: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    #[error("not an accepted kind of file")]
    UnsupportedType,
    #[error("empty file")]
    Empty,
    #[error("larger than the limit")]
    TooLarge { limit_mb: u64 },
    #[error("no file chosen")]
    NoFile,
    #[error("too many files at once")]
    TooManyFiles { max: usize },
}

/// Most files one upload may carry (a form with thousands of parts is not a person's).
pub const MAX_FILES_PER_UPLOAD: usize = 20;

/// The files of one request, counted as they arrive: the first beyond
/// [`MAX_FILES_PER_UPLOAD`] is refused, and the ones before it stand.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FileCount(usize);

impl FileCount {
    /// Counts one more file, or refuses it when the request has brought the most it may.
    pub fn admit(&mut self) -> Result<(), EvidenceError> {
        if self.0 >= MAX_FILES_PER_UPLOAD {
            return Err(EvidenceError::TooManyFiles {
                max: MAX_FILES_PER_UPLOAD,
            });
        }
        self.0 += 1;
        Ok(())
    }

    pub fn admitted(self) -> usize {
        self.0
    }

    /// For a request whose point is to bring files (the proof-of-execution step).
    pub fn require_some(self) -> Result<(), EvidenceError> {
        if self.0 == 0 {
            return Err(EvidenceError::NoFile);
        }
        Ok(())
    }
}

impl Message for EvidenceError {
    fn key(&self) -> &'static str {
        match self {
            EvidenceError::UnsupportedType => "evidence.unsupported_type",
            EvidenceError::Empty => "evidence.empty",
            EvidenceError::TooLarge { .. } => "evidence.too_large",
            EvidenceError::NoFile => "evidence.no_file",
            EvidenceError::TooManyFiles { .. } => "evidence.too_many_files",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            EvidenceError::TooLarge { limit_mb } => vec![("limit", limit_mb.to_string())],
            EvidenceError::TooManyFiles { max } => vec![("max", max.to_string())],
            _ => Vec::new(),
        }
    }
}

/// The kind of a file from its first bytes (up to [`SNIFF_BYTES`]) and, for the formats
/// that share a container (Office documents are ZIP files), its name's extension.
pub fn recognise(head: &[u8], file_name: &str) -> Result<EvidenceKind, EvidenceError> {
    if head.is_empty() {
        return Err(EvidenceError::Empty);
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if head.starts_with(b"%PDF-") {
        return Ok(EvidenceKind::Pdf);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(EvidenceKind::Png);
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(EvidenceKind::Jpeg);
    }
    if head.starts_with(b"PK\x03\x04") && is_office_package(head) {
        return match extension.as_str() {
            "docx" => Ok(EvidenceKind::Docx),
            "xlsx" => Ok(EvidenceKind::Xlsx),
            _ => Err(EvidenceError::UnsupportedType),
        };
    }
    if extension == "txt" && is_plain_text(head) {
        return Ok(EvidenceKind::Text);
    }
    Err(EvidenceError::UnsupportedType)
}

/// An Office Open XML package names its parts in the first ZIP entry: `[Content_Types].xml`,
/// `_rels/`, `docProps/`, `word/` or `xl/`.
fn is_office_package(head: &[u8]) -> bool {
    let Some(&[lo, hi]) = head.get(26..28) else {
        return false;
    };
    let name_len = usize::from(u16::from_le_bytes([lo, hi]));
    let Some(name) = head.get(30..30 + name_len) else {
        return false;
    };
    ["[Content_Types].xml", "_rels/", "docProps/", "word/", "xl/"]
        .iter()
        .any(|prefix| name.starts_with(prefix.as_bytes()))
}

/// UTF-8 without NUL bytes; a character cut at the end of the sample is fine.
fn is_plain_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() >= SNIFF_BYTES,
    }
}

/// The name shown for an uploaded file: the last path component of what the browser sent,
/// without control characters, at most 200 characters; never used as a path.
pub fn display_name(client_name: &str) -> String {
    let last = client_name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() || trimmed == "." || trimmed == ".." {
        "file".to_owned()
    } else {
        trimmed.to_owned()
    }
}
