//! Proof-of-execution files: which kinds are accepted, recognised by their content (a
//! renamed executable is refused whatever its name), how many and how much one request may
//! bring, and the name shown for them.

use super::{
    errors::{Message, code_enum},
    values::{is_invisible_filler, is_invisible_formatting},
};

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

    /// The kind stored with this media type.
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|kind| kind.media_type() == media_type)
    }

    /// The extensions (lower case) a file of this kind is named with; the first is given
    /// to a name that has none of them.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            EvidenceKind::Pdf => &["pdf"],
            EvidenceKind::Png => &["png"],
            EvidenceKind::Jpeg => &["jpg", "jpeg"],
            EvidenceKind::Docx => &["docx"],
            EvidenceKind::Xlsx => &["xlsx"],
            EvidenceKind::Text => &["txt"],
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

/// The most one request with files may bring, in bytes, for files of at most
/// `file_limit` bytes: the most files, each at the limit, and their form's other fields
/// and part headers. A request declaring more is refused before it is read.
pub fn request_limit(file_limit: u64) -> u64 {
    const FORM_OVERHEAD: u64 = 1024 * 1024;
    (MAX_FILES_PER_UPLOAD as u64)
        .saturating_mul(file_limit)
        .saturating_add(FORM_OVERHEAD)
}

/// The files of one request, counted as they arrive: the first beyond
/// [`MAX_FILES_PER_UPLOAD`] is refused (and with it the whole request).
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
    let extension = cleaned_name(file_name)
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

/// The longest name given to a file, in bytes (file systems allow 255).
pub const MAX_NAME_BYTES: usize = 200;

/// The name a file of `kind` is stored, shown and downloaded under, from the name the
/// browser sent: its last path component, without control characters or invisible
/// formatting (a direction override would show `statement\u{202E}fdp.bat` as
/// "statementtab.pdf"), at most [`MAX_NAME_BYTES`], and ending in an extension of its
/// kind. A name that claims another kind has that extension replaced — PDF content named
/// `invoice.exe` is `invoice.pdf` — so the reviewer's computer opens it as what it is.
/// Applying it again changes nothing.
pub fn display_name(client_name: &str, kind: EvidenceKind) -> String {
    let cleaned = cleaned_name(client_name);
    let (stem, extension) = match split_extension(&cleaned) {
        (stem, Some(ext)) if is_extension_of(ext, kind) => (stem, ext),
        // `invoice.pdf.exe`: the name without the false extension already fits.
        (stem, Some(_)) => match split_extension(stem) {
            (inner, Some(ext)) if is_extension_of(ext, kind) => (inner, ext),
            _ => (stem, kind.extensions()[0]),
        },
        (stem, None) => (stem, kind.extensions()[0]),
    };
    let stem = bounded_stem(stem, MAX_NAME_BYTES - 1 - extension.len());
    format!("{stem}.{extension}")
}

/// The name a stored file is shown under: [`display_name`] for its stored media type, so
/// names stored before that rule are shown by it too.
pub fn stored_display_name(stored_name: &str, media_type: &str) -> String {
    match EvidenceKind::from_media_type(media_type) {
        Some(kind) => display_name(stored_name, kind),
        None => bounded_stem(&cleaned_name(stored_name), MAX_NAME_BYTES).to_owned(),
    }
}

/// The last path component, without control characters and invisible formatting,
/// whitespace of any kind as a space.
fn cleaned_name(client_name: &str) -> String {
    let last = client_name.rsplit(['/', '\\']).next().unwrap_or("");
    last.chars()
        .filter(|&c| !is_hidden_in_name(c))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// Characters that show nothing, or change how the rest is shown: control characters,
/// the invisible formatting refused in typed text, and the invisible fillers.
fn is_hidden_in_name(c: char) -> bool {
    c.is_control() || is_invisible_formatting(c) || is_invisible_filler(c)
}

/// `name` split at its last dot when what follows looks like an extension: 1 to 10 ASCII
/// letters and digits, at least one a letter (`v1.2` has none).
fn split_extension(name: &str) -> (&str, Option<&str>) {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if (1..=10).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic()) =>
        {
            (stem, Some(ext))
        }
        _ => (name, None),
    }
}

fn is_extension_of(extension: &str, kind: EvidenceKind) -> bool {
    kind.extensions()
        .iter()
        .any(|known| known.eq_ignore_ascii_case(extension))
}

/// The stem without surrounding spaces and dots (a leading dot hides a file, trailing ones
/// are dropped by Windows), cut to at most `max` bytes on a character boundary; `file`
/// when nothing is left.
fn bounded_stem(stem: &str, max: usize) -> &str {
    let stem = stem.trim_matches([' ', '.']);
    let mut end = stem.len().min(max);
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    let cut = stem[..end].trim_end_matches([' ', '.']);
    if cut.is_empty() { "file" } else { cut }
}
