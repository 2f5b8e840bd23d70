//! Uploads under attack: names that lie about the content or hide their direction, bodies
//! over the limit, more files than allowed, and staging files left by a crashed process.

use std::{
    fs::File,
    path::PathBuf,
    time::{Duration, SystemTime},
};

use scraper::{Html, Selector};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::{
    evidence_step::{has_no_files, pdf, upload_url},
    helpers::*,
    review_flow::review_path,
    submit_step::complete_draft,
    wizard::create_draft,
};

#[actix_web::test]
async fn pdf_content_is_named_and_served_as_a_pdf_whatever_its_name() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let url = upload_url(&visitor, &claim).await;
    let names = [
        "invoice.exe",
        "report.html",
        "../../setup.bat",
        "statement\u{202E}fdp.bat",
        "Relevé\u{200B} signé.PDF",
    ];
    let files: Vec<_> = names.iter().map(|n| ("files", *n, pdf(100))).collect();
    let res = visitor.post_files(&url, &files).await;
    assert_eq!(res.status, 303, "{}", res.body);

    let page = visitor.get(&format!("{claim}/files")).await;
    let shown = page.texts("[data-testid=files] .file-name");
    assert_eq!(
        shown,
        [
            "invoice.pdf",
            "report.pdf",
            "setup.pdf",
            "statementfdp.pdf",
            "Relevé signé.PDF"
        ]
    );
    let links: Vec<String> = link_hrefs(&page.body, "[data-testid=files] .file-name a");
    let (status, headers, _) = visitor.get_bytes(&links[3]).await;
    assert_eq!(status, 200);
    assert_eq!(headers.get("content-type").unwrap(), "application/pdf");
    assert_eq!(
        headers.get("content-disposition").unwrap(),
        "attachment; filename=\"statementfdp.pdf\"; filename*=UTF-8''statementfdp.pdf"
    );
    let (_, headers, _) = visitor.get_bytes(&links[4]).await;
    assert_eq!(
        headers.get("content-disposition").unwrap(),
        "attachment; filename=\"Relev_ sign_.PDF\"; filename*=UTF-8''Relev%C3%A9%20sign%C3%A9.PDF"
    );
}

#[actix_web::test]
async fn a_name_with_a_direction_override_reads_as_uploaded_on_the_reviewers_page() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = complete_draft(&partner, "Northwind Teams usage").await;
    let url = upload_url(&partner, &claim).await;
    let res = partner
        .post_files(&url, &[("files", "statement\u{202E}fdp.bat", pdf(100))])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let submit = format!("{claim}/submit");
    assert_eq!(partner.submit_form(&submit, &submit, &[]).await.status, 303);

    let reviewer = app.signed_in(REVIEWER).await;
    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(case.status, 200);
    let mut names = case.texts("[data-testid=claim-files] a");
    names.sort();
    assert_eq!(names, ["sow.pdf", "statementfdp.pdf"]);
    assert!(
        !case.body.contains('\u{202E}'),
        "no direction override anywhere on the page"
    );
}

#[actix_web::test]
async fn a_request_declared_over_the_limit_is_refused_before_its_body_and_closed() {
    let app = spawn_app_with(&[("PORTAL_UPLOAD_MAX_MB", "1")]).await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let url = upload_url(&visitor, &claim).await;
    // Only the head is sent: an answer proves the body was not waited for.
    let answer = post_raw(
        &app,
        &visitor,
        &url,
        "Content-Length: 900000000\r\n",
        Vec::new(),
    )
    .await;
    assert_eq!(answer.status, 413, "{}", answer.head);
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(answer.header("content-security-policy").is_some());
    assert_eq!(answer.text("h1"), "What you sent is too large");
    assert!(has_no_files(&visitor, &claim).await);
}

#[actix_web::test]
async fn a_client_that_sends_a_whole_over_limit_body_gets_the_answer_and_the_end() {
    let app = spawn_app_with(&[("PORTAL_UPLOAD_MAX_MB", "1")]).await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let body = multipart(&[("huge.pdf", pdf(16 * 1024 * 1024))]);
    for chunked in [true, false] {
        let url = upload_url(&visitor, &claim).await;
        let (framing, sent) = if chunked {
            ("Transfer-Encoding: chunked\r\n".to_owned(), chunk(&body))
        } else {
            (format!("Content-Length: {}\r\n", body.len()), body.clone())
        };
        let answer = post_raw(&app, &visitor, &url, &framing, sent).await;
        assert_eq!(answer.status, 413, "chunked: {chunked}: {}", answer.head);
        assert_eq!(answer.header("connection"), Some("close"));
        assert_eq!(
            answer.text(".error-summary a"),
            "The selected file must be smaller than 1 MB"
        );
    }
}

#[actix_web::test]
async fn a_refused_upload_stores_none_of_its_files() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let names: Vec<String> = (0..21).map(|n| format!("part-{n:02}.pdf")).collect();
    let parts: Vec<(&str, &str, Vec<u8>)> = names
        .iter()
        .map(|n| ("files", n.as_str(), pdf(64)))
        .collect();
    let exe = b"MZ\x90\x00\x03\x00 an executable".to_vec();
    let with_exe = [parts[0].clone(), parts[1].clone(), ("files", "x.pdf", exe)];

    let url = upload_url(&visitor, &claim).await;
    let res = visitor.post_files(&url, &parts).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a"),
        "Upload at most 20 files at a time"
    );
    assert_eq!(res.count("[data-testid=no-files]"), 1, "nothing was stored");

    let url = upload_url(&visitor, &claim).await;
    let res = visitor.post_files(&url, &with_exe).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.count("[data-testid=no-files]"), 1, "nothing was stored");

    let page = visitor.get(&claim).await;
    assert_eq!(page.count("[data-testid=claim-files] li"), 0);

    let url = upload_url(&visitor, &claim).await;
    let res = visitor.post_files(&url, &parts[..20]).await;
    assert_eq!(res.status, 303, "twenty are fine: {}", res.body);
    let page = visitor.get(&format!("{claim}/files")).await;
    assert_eq!(page.count("[data-testid=files] .file-name"), 20);
}

#[actix_web::test]
async fn start_up_removes_staging_files_a_crashed_portal_left_and_no_others() {
    let dir = std::env::temp_dir();
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let plant = |name: &str, modified: SystemTime| -> (PathBuf, File) {
        let path = dir.join(name);
        let file = File::create(&path).unwrap();
        file.set_modified(modified).unwrap();
        (path, file)
    };
    let (crashed, file) = plant(&format!("portal-upload-{tag}-crashed"), hour_ago);
    drop(file);
    // Named, but unlocked: its process is gone, however recent the file.
    let (recent, file) = plant(&format!("portal-upload-{tag}-recent"), SystemTime::now());
    drop(file);
    // Not yet renamed: it may be one just created and not locked yet.
    let (fresh, file) = plant(&format!("portal-upload-{tag}-fresh.new"), SystemTime::now());
    drop(file);
    let (stale, file) = plant(&format!("portal-upload-{tag}-stale.new"), hour_ago);
    drop(file);
    // An old upload that a live portal still writes: it holds the file's lock.
    let (live, live_file) = plant(&format!("portal-upload-{tag}-live"), hour_ago);
    live_file.lock().unwrap();
    let (other, file) = plant(&format!("other-upload-{tag}"), hour_ago);
    drop(file);

    let _app = spawn_app().await;

    assert!(!crashed.exists(), "the crashed upload's file is removed");
    assert!(
        !recent.exists(),
        "a named file without a lock is a dead process's"
    );
    assert!(!stale.exists(), "one never renamed is, once old");
    assert!(fresh.exists(), "a file just created may not be locked yet");
    assert!(live.exists(), "a live upload is left alone");
    assert!(
        other.exists(),
        "only the portal's staging files are touched"
    );
    drop(live_file);
    for path in [fresh, live, other] {
        std::fs::remove_file(path).unwrap();
    }
}

fn link_hrefs(body: &str, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    Html::parse_document(body)
        .select(&selector)
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

const BOUNDARY: &str = "----portal-raw-boundary-51c";

/// A `multipart/form-data` body of files named `name` in the field `files`.
fn multipart(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, content) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// `body` in the chunked transfer coding, 64 KiB a chunk.
fn chunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + body.len() / 1000 + 16);
    for piece in body.chunks(64 * 1024) {
        out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// What a raw HTTP/1.1 client read until the server ended the connection.
struct RawAnswer {
    status: u16,
    head: String,
    body: String,
}

impl RawAnswer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
    }

    fn text(&self, selector: &str) -> String {
        let selector = Selector::parse(selector).unwrap();
        Html::parse_document(&self.body)
            .select(&selector)
            .next()
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .unwrap_or_default()
    }
}

/// Posts a multipart head with `framing` (`Content-Length` or `Transfer-Encoding`), then
/// writes `body` whole, without ever reading while it writes — as a simple client does —
/// and reads the answer until the server closes the connection. A server that keeps the
/// connection open fails the test at the guard's timeout.
async fn post_raw(
    app: &TestApp,
    visitor: &Visitor,
    path: &str,
    framing: &str,
    body: Vec<u8>,
) -> RawAnswer {
    let host = app.address.trim_start_matches("http://");
    let stream = TcpStream::connect(host).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n{framing}\r\n",
        visitor.cookie_header()
    );
    writer.write_all(head.as_bytes()).await.unwrap();
    // The write half stays open after the body (a client waiting for its answer), and a
    // write refused because the server closed is part of the story, not a failure.
    let sending = tokio::spawn(async move {
        let _ = writer.write_all(&body).await;
        writer
    });
    let mut received = Vec::new();
    let reading = async {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(30), reading)
        .await
        .expect("the server ends the connection after its answer");
    drop(sending);
    let text = String::from_utf8_lossy(&received).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP answer: {head:?}"));
    RawAnswer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}
