//! Step 6: proof-of-execution uploads, downloads and removal.

use crate::{helpers::*, wizard::create_draft};

pub fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(size, b'x');
    bytes
}

/// The files page's upload URL, with its CSRF token.
pub async fn upload_url(visitor: &Visitor, claim: &str) -> String {
    let page = visitor.get(&format!("{claim}/files")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.attr("form[enctype='multipart/form-data']", "action")
        .unwrap()
}

#[actix_web::test]
async fn files_are_uploaded_listed_downloaded_and_removed() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let url = upload_url(&visitor, &claim).await;
    let content = pdf(700_000);
    let res = visitor
        .post_files(
            &url,
            &[
                ("files", "SOW signed.pdf", content.clone()),
                ("files", "notes.txt", b"Signed 1 Dec".to_vec()),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);

    let page = visitor.get(&format!("{claim}/files")).await;
    assert_eq!(page.text("[role=status]"), "The files were uploaded.");
    assert_eq!(
        page.texts("[data-testid=files] .file-name"),
        ["SOW signed.pdf", "notes.txt"]
    );
    assert_eq!(
        page.text("[data-testid=files] tbody tr:first-child td:nth-child(2)"),
        "684 KB"
    );
    assert_eq!(
        page.text("[data-testid=files] tbody tr:first-child td:nth-child(3)"),
        "Avery Chen"
    );
    let claim_page = visitor.get(&claim).await;
    assert!(
        !claim_page
            .texts("[data-testid=claim-missing] li")
            .contains(&"Proof of execution".to_owned())
    );

    let href = page
        .attr("[data-testid=files] .file-name a", "href")
        .unwrap();
    let (status, headers, body) = visitor.get_bytes(&href).await;
    assert_eq!(status, 200);
    assert_eq!(body, content, "the same bytes come back");
    assert_eq!(headers.get("content-type").unwrap(), "application/pdf");
    let disposition = headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"SOW signed.pdf\""),
        "{disposition}"
    );

    // Another organisation can neither download nor remove it; staff can download.
    let other = app.signed_in(OTHER_PARTNER).await;
    assert_eq!(other.get_bytes(&href).await.0, 404);
    let token = other.get("/associations").await.csrf_token();
    assert_eq!(
        other
            .post_form(&format!("{href}/remove"), &[("csrf_token", &token)])
            .await
            .status,
        404
    );
    assert_eq!(app.signed_in(REVIEWER).await.get_bytes(&href).await.0, 200);

    let token = page.csrf_token();
    let res = visitor
        .post_form(&format!("{href}/remove"), &[("csrf_token", &token)])
        .await;
    assert_eq!(res.status, 303);
    let page = visitor.get(&format!("{claim}/files")).await;
    assert_eq!(page.texts("[data-testid=files] .file-name"), ["notes.txt"]);
    assert_eq!(visitor.get_bytes(&href).await.0, 404);
}

#[actix_web::test]
async fn a_renamed_executable_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let url = upload_url(&visitor, &claim).await;
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".repeat(100);
    let res = visitor
        .post_files(&url, &[("files", "statement-of-work.pdf", exe)])
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text(".error-summary a[href='#files']")
            .starts_with("The selected file must be a PDF")
    );
    assert!(!res.text("#files-error").is_empty());
    assert_eq!(res.count("[data-testid=no-files]"), 1);

    let nothing = visitor.post_files(&url, &[("files", "", Vec::new())]).await;
    assert_eq!(nothing.status, 422);
    assert_eq!(nothing.text(".error-summary a"), "Select a file");
}

#[actix_web::test]
async fn a_file_over_the_limit_is_refused_and_earlier_files_stay() {
    let app = spawn_app_with(&[("PORTAL_UPLOAD_MAX_MB", "1")]).await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let url = upload_url(&visitor, &claim).await;
    assert_eq!(
        visitor
            .post_files(&url, &[("files", "first.pdf", pdf(10_000))])
            .await
            .status,
        303
    );
    let res = visitor
        .post_files(&url, &[("files", "huge.pdf", pdf(1_500_000))])
        .await;
    assert_eq!(res.status, 413);
    assert_eq!(
        res.text(".error-summary a"),
        "The selected file must be smaller than 1 MB"
    );
    assert_eq!(res.texts("[data-testid=files] .file-name"), ["first.pdf"]);
    assert_eq!(
        visitor.get(&claim).await.text("[data-testid=claim-status]"),
        "Draft"
    );
}

#[actix_web::test]
async fn uploads_need_the_csrf_token_and_the_owner() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let res = visitor
        .post_files(&format!("{claim}/files"), &[("files", "a.pdf", pdf(100))])
        .await;
    assert_eq!(res.status, 403);
    let other = app.signed_in(OTHER_PARTNER).await;
    let token = other.get("/associations").await.csrf_token();
    let res = other
        .post_files(
            &format!("{claim}/files?csrf_token={token}"),
            &[("files", "a.pdf", pdf(100))],
        )
        .await;
    assert_eq!(res.status, 404);
    assert!(has_no_files(&visitor, &claim).await);
}

#[actix_web::test]
async fn the_template_is_a_document_with_the_claims_facts() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let page = visitor.get(&format!("{claim}/files")).await;
    let href = page
        .attr("[data-testid=download-template]", "href")
        .unwrap();
    let (status, headers, body) = visitor.get_bytes(&href).await;
    assert_eq!(status, 200);
    assert_eq!(headers.get("content-type").unwrap(), "application/rtf");
    let text = String::from_utf8(body).unwrap();
    assert!(text.starts_with("{\\rtf1"));
    assert!(text.contains(crate::wizard::NORTHWIND_TENANT));
    assert!(text.contains("Customer acknowledgement"));
    assert!(text.contains("Contoso Consulting"));
    assert_eq!(
        app.signed_in(OTHER_PARTNER).await.get_bytes(&href).await.0,
        404
    );
}

/// Whether the claim's files step lists no file.
pub async fn has_no_files(visitor: &Visitor, claim: &str) -> bool {
    visitor
        .get(&format!("{claim}/files"))
        .await
        .count("[data-testid=no-files]")
        == 1
}
