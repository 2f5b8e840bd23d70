//! Proof-of-execution files are recognised by content, not by name.

use portal::domain::evidence::{EvidenceError, EvidenceKind, SNIFF_BYTES, display_name, recognise};

/// The first bytes of a minimal Office package whose first entry is `name`.
fn zip_with_first_entry(name: &str) -> Vec<u8> {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(&[0u8; 22]);
    bytes.extend_from_slice(&(name.len() as u16).to_le_bytes());
    bytes.extend_from_slice(&[0, 0]);
    bytes.extend_from_slice(name.as_bytes());
    bytes
}

#[test]
fn accepted_kinds_are_recognised_by_their_bytes() {
    assert_eq!(
        recognise(b"%PDF-1.7\n...", "sow.pdf"),
        Ok(EvidenceKind::Pdf)
    );
    assert_eq!(
        recognise(b"%PDF-1.4", "scan.PNG"),
        Ok(EvidenceKind::Pdf),
        "the content decides"
    );
    assert_eq!(
        recognise(b"\x89PNG\r\n\x1a\n....", "x.png"),
        Ok(EvidenceKind::Png)
    );
    assert_eq!(
        recognise(&[0xFF, 0xD8, 0xFF, 0xE0], "photo.jpg"),
        Ok(EvidenceKind::Jpeg)
    );
    let docx = zip_with_first_entry("[Content_Types].xml");
    assert_eq!(
        recognise(&docx, "Statement of work.DOCX"),
        Ok(EvidenceKind::Docx)
    );
    assert_eq!(recognise(&docx, "usage.xlsx"), Ok(EvidenceKind::Xlsx));
    assert_eq!(
        recognise("Signed by the customer on 1 Dec — ✓".as_bytes(), "note.txt"),
        Ok(EvidenceKind::Text)
    );
}

#[test]
fn executables_archives_and_impostors_are_refused() {
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00";
    for name in ["sow.pdf", "sow.docx", "sow.txt", "sow.exe"] {
        assert_eq!(
            recognise(exe, name),
            Err(EvidenceError::UnsupportedType),
            "{name}"
        );
    }
    let plain_zip = zip_with_first_entry("payload.exe");
    assert_eq!(
        recognise(&plain_zip, "sow.docx"),
        Err(EvidenceError::UnsupportedType)
    );
    let docx = zip_with_first_entry("word/document.xml");
    assert_eq!(
        recognise(&docx, "sow.zip"),
        Err(EvidenceError::UnsupportedType)
    );
    assert_eq!(
        recognise(b"text with a \0 byte", "x.txt"),
        Err(EvidenceError::UnsupportedType)
    );
    assert_eq!(
        recognise(b"plain text", "x.html"),
        Err(EvidenceError::UnsupportedType)
    );
    assert_eq!(
        recognise(&[0xC3], "x.txt"),
        Err(EvidenceError::UnsupportedType),
        "broken UTF-8"
    );
    assert_eq!(recognise(b"", "x.pdf"), Err(EvidenceError::Empty));
    // A text sample cut in the middle of a character is still text.
    let long = format!("a{}", "é".repeat(SNIFF_BYTES / 2)).into_bytes();
    let sample = &long[..SNIFF_BYTES];
    assert_eq!(
        sample.last(),
        Some(&0xC3),
        "the sample ends inside a character"
    );
    assert_eq!(recognise(sample, "long.txt"), Ok(EvidenceKind::Text));
    // Truncated headers never panic.
    assert_eq!(
        recognise(b"PK\x03\x04", "a.docx"),
        Err(EvidenceError::UnsupportedType)
    );
}

#[test]
fn the_display_name_is_never_a_path() {
    assert_eq!(
        display_name("C:\\Users\\ana\\SOW signed.pdf"),
        "SOW signed.pdf"
    );
    assert_eq!(display_name("../../etc/passwd"), "passwd");
    assert_eq!(display_name("a\u{0}b\nc.pdf"), "abc.pdf");
    assert_eq!(display_name(".."), "file");
    assert_eq!(display_name(""), "file");
    assert_eq!(display_name(&"x".repeat(500)).chars().count(), 200);
}

#[test]
fn one_request_brings_at_most_twenty_files_and_the_step_at_least_one() {
    use portal::domain::evidence::{FileCount, MAX_FILES_PER_UPLOAD};
    assert_eq!(MAX_FILES_PER_UPLOAD, 20);
    let mut count = FileCount::default();
    assert_eq!(count.require_some(), Err(EvidenceError::NoFile));
    for n in 1..=MAX_FILES_PER_UPLOAD {
        assert_eq!(count.admit(), Ok(()), "file {n}");
        assert_eq!(count.admitted(), n);
    }
    assert_eq!(
        count.admit(),
        Err(EvidenceError::TooManyFiles { max: 20 }),
        "the 21st is refused"
    );
    assert_eq!(count.admitted(), 20, "the refused file is not counted");
    assert_eq!(count.admit(), Err(EvidenceError::TooManyFiles { max: 20 }));
    assert_eq!(count.require_some(), Ok(()));
}
