//! Proof-of-execution files are recognised by content, not by name.

use portal::domain::evidence::{
    EvidenceError, EvidenceKind, MAX_NAME_BYTES, SNIFF_BYTES, display_name, recognise,
    request_limit, stored_display_name,
};
use proptest::prelude::*;

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
    let pdf = EvidenceKind::Pdf;
    assert_eq!(
        display_name("C:\\Users\\ana\\SOW signed.pdf", pdf),
        "SOW signed.pdf"
    );
    assert_eq!(display_name("../../etc/passwd", pdf), "passwd.pdf");
    assert_eq!(display_name("a\u{0}b\nc.pdf", pdf), "abc.pdf");
    assert_eq!(display_name("..", pdf), "file.pdf");
    assert_eq!(display_name("", pdf), "file.pdf");
    assert_eq!(display_name(".pdf", pdf), "file.pdf");
    assert_eq!(display_name(".hidden.pdf", pdf), "hidden.pdf");
    let long = display_name(&format!("{}.pdf", "x".repeat(500)), pdf);
    assert_eq!(long.len(), MAX_NAME_BYTES);
    assert!(long.ends_with("x.pdf"));
    let wide = display_name(&"é".repeat(500), pdf);
    assert!(
        wide.len() <= MAX_NAME_BYTES && wide.ends_with("é.pdf"),
        "{wide}"
    );
}

#[test]
fn the_display_name_ends_in_an_extension_of_the_content() {
    let pdf = EvidenceKind::Pdf;
    assert_eq!(display_name("invoice.exe", pdf), "invoice.pdf");
    assert_eq!(display_name("report.html", pdf), "report.pdf");
    assert_eq!(display_name("setup.bat", pdf), "setup.pdf");
    assert_eq!(display_name("invoice.pdf.exe", pdf), "invoice.pdf");
    assert_eq!(
        display_name("Scan.PDF", pdf),
        "Scan.PDF",
        "the case is kept"
    );
    assert_eq!(display_name("contract v1.2", pdf), "contract v1.2.pdf");
    assert_eq!(display_name("README", pdf), "README.pdf");
    assert_eq!(display_name("photo.jpeg", EvidenceKind::Jpeg), "photo.jpeg");
    assert_eq!(display_name("photo.png", EvidenceKind::Jpeg), "photo.jpg");
    assert_eq!(display_name("notes.txt", EvidenceKind::Text), "notes.txt");
    assert_eq!(display_name("usage.XLSX", EvidenceKind::Xlsx), "usage.XLSX");
}

#[test]
fn the_display_name_has_no_hidden_characters() {
    let pdf = EvidenceKind::Pdf;
    // Shown as "statementtab.pdf" with the override, it reads as it is without it.
    assert_eq!(
        display_name("statement\u{202E}fdp.bat", pdf),
        "statementfdp.pdf"
    );
    assert_eq!(
        display_name("a\u{2066}b\u{2069}\u{200E}\u{200F}.pdf", pdf),
        "ab.pdf"
    );
    assert_eq!(
        display_name("in\u{200B}voi\u{200D}ce\u{FEFF}.pdf", pdf),
        "invoice.pdf"
    );
    assert_eq!(display_name("\u{3164}\u{3164}.pdf", pdf), "file.pdf");
    assert_eq!(display_name("tab\there.pdf", pdf), "tabhere.pdf");
    assert_eq!(display_name("wide\u{3000}space.pdf", pdf), "wide space.pdf");
    assert_eq!(
        recognise(b"PK\x03\x04", "sow.docx\u{200B}"),
        recognise(b"PK\x03\x04", "sow.docx"),
        "the kind is read from the cleaned name"
    );
}

#[test]
fn a_stored_name_is_shown_by_the_same_rule() {
    assert_eq!(
        stored_display_name("statement\u{202E}fdp.bat", "application/pdf"),
        "statementfdp.pdf"
    );
    assert_eq!(
        stored_display_name("notes.txt", "text/plain; charset=utf-8"),
        "notes.txt"
    );
    assert_eq!(
        stored_display_name("odd\u{202E}.bin", "application/x-odd"),
        "odd.bin"
    );
}

#[test]
fn a_request_may_bring_the_most_files_at_the_limit_and_its_form() {
    let mb = 1024 * 1024;
    assert_eq!(request_limit(10 * mb), 201 * mb);
    assert_eq!(request_limit(u64::MAX), u64::MAX);
}

/// Characters a hostile name is made of: hidden ones, separators, dots, spaces, text.
fn hostile_name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("\u{202E}".to_owned()),
        Just("\u{2066}".to_owned()),
        Just("\u{200B}".to_owned()),
        Just("\u{3164}".to_owned()),
        Just(".".to_owned()),
        Just(" ".to_owned()),
        Just("/".to_owned()),
        Just("\\".to_owned()),
        Just(".pdf".to_owned()),
        Just(".exe".to_owned()),
        Just("é".to_owned()),
        "[a-zA-Z0-9]{1,12}",
    ];
    prop_oneof![
        prop::collection::vec(piece, 0..40).prop_map(|p| p.concat()),
        any::<String>(),
        (any::<char>(), 0usize..400).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// Control characters, direction marks, overrides and isolates, zero-width characters,
/// the byte-order mark and the Hangul filler.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{3164}'
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_name_becomes_a_safe_name_of_its_kind(
        name in hostile_name(),
        kind in prop::sample::select(EvidenceKind::ALL),
    ) {
        let shown = display_name(&name, kind);
        prop_assert!(!shown.is_empty() && shown.len() <= MAX_NAME_BYTES, "{:?}", shown);
        prop_assert!(!shown.contains(['/', '\\']));
        prop_assert!(!shown.starts_with(['.', ' ']) && !shown.ends_with(' '));
        prop_assert!(!shown.chars().any(hidden), "{:?}", shown);
        let (stem, extension) = shown.rsplit_once('.').unwrap();
        prop_assert!(!stem.is_empty());
        prop_assert!(kind.extensions().contains(&extension.to_ascii_lowercase().as_str()));
        prop_assert_eq!(display_name(&shown, kind), shown.clone(), "applying it again changes nothing");
        prop_assert_eq!(stored_display_name(&shown, kind.media_type()), shown);
    }
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
