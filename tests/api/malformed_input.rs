//! Input no browser sends but any client can: NUL bytes and invalid UTF-8 in ids, searches
//! and forms, unbounded search terms, HEAD requests, bodies and requests over the limits.
//! Each is answered with a clear page (never a 500) and changes nothing.

use std::{
    io::{Read, Write},
    net::TcpStream,
};

use crate::{
    helpers::*,
    portal_process::start_portal_with,
    review_flow::SEATTLE,
    wizard::{create_draft, post_first_steps},
};

const BAD_REQUEST: &str = "The request could not be understood";

#[actix_web::test]
async fn a_nul_byte_or_invalid_utf8_in_an_id_or_a_query_is_a_400_page() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = create_draft(&partner, "microsoft_365", "usage", "Clean claim").await;
    for path in [
        "/associations/a%00b".to_owned(),
        "/associations/a%FFb/history".to_owned(),
        format!("{claim}/files/x%00"),
        "/associations?q=%00".to_owned(),
        "/associations?q=caf%E9".to_owned(),
        "/associations?location=a%00".to_owned(),
        "/associations/export.csv?q=%00".to_owned(),
    ] {
        let res = partner.get(&path).await;
        assert_eq!(
            (res.status, res.text("main h1")),
            (400, BAD_REQUEST.into()),
            "{path}"
        );
    }
    let reviewer = app.signed_in(REVIEWER).await;
    for path in ["/review?partner=%00", "/review/a%00b"] {
        assert_eq!(reviewer.get(path).await.status, 400, "{path}");
    }
    let admin = app.signed_in(ADMIN).await;
    for path in [
        "/admin/users?q=%00",
        "/admin/registry?q=%00",
        "/admin/users/%00",
    ] {
        assert_eq!(admin.get(path).await.status, 400, "{path}");
    }
    // The same pages answer as usual without the bad byte.
    assert_eq!(partner.get("/associations?q=claim").await.status, 200);
    assert_eq!(partner.get(&claim).await.status, 200);
}

#[actix_web::test]
async fn a_form_with_a_nul_byte_or_invalid_utf8_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let token = admin.get("/admin/products/new").await.csrf_token();
    for name in ["Bad%FFname", "Bad%00name", "Bad%C3name"] {
        let body = format!(
            "csrf_token={token}&id=bad-product&name={name}&area=microsoft_365&status=active"
        );
        let res = admin
            .post_body(
                "/admin/products/new",
                "application/x-www-form-urlencoded",
                body,
            )
            .await;
        assert_eq!(
            (res.status, res.text("main h1")),
            (400, BAD_REQUEST.into()),
            "{name}"
        );
    }
    let products = admin.get("/admin/products").await;
    assert!(
        !products.body.contains("bad-product"),
        "no product was stored"
    );
    assert_eq!(products.count("[data-testid=products] tbody tr"), 22);
}

#[actix_web::test]
async fn a_search_term_over_the_limit_is_explained_beside_the_search_box() {
    let app = spawn_app().await;
    let long = "a".repeat(55_000);
    let admin = app.signed_in(ADMIN).await;
    let partner = app.signed_in(PARTNER).await;
    create_draft(&partner, "microsoft_365", "usage", "Searchable claim").await;
    for (visitor, page) in [
        (&admin, "/admin/users"),
        (&admin, "/admin/registry"),
        (&partner, "/associations"),
    ] {
        let res = visitor.get(&format!("{page}?q={long}")).await;
        assert_eq!(res.status, 200, "{page}");
        assert_eq!(res.summary_links(), ["#q"], "{page}");
        assert_eq!(
            res.text("#q-error"),
            "Error: Search for 100 characters or fewer",
            "{page}"
        );
        assert_eq!(res.attr("#q", "value").as_deref(), Some(long.as_str()));
        assert_eq!(res.attr("#q", "aria-invalid").as_deref(), Some("true"));
    }
    // The list offers no export of a search it did not apply, and a made-up link gets none.
    let list = partner.get(&format!("/associations?q={long}")).await;
    assert_eq!(list.count("[data-testid=export-csv]"), 0);
    let (status, _, _) = partner
        .get_bytes(&format!("/associations/export.csv?q={long}"))
        .await;
    assert_eq!(status, 400);
    // Up to the limit, the term is searched for.
    let res = partner
        .get(&format!("/associations?q={}", "b".repeat(100)))
        .await;
    assert_eq!(res.summary_links(), Vec::<String>::new());
}

#[actix_web::test]
async fn names_with_hidden_characters_or_nothing_visible_are_refused() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let res = admin
        .submit_form(
            "/admin/products/new",
            "/admin/products/new",
            &[
                ("id", "reversed"),
                ("name", "Teams\u{202E}exe.pdf"),
                ("area", "microsoft_365"),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#name"]);
    let res = admin
        .submit_form(
            "/admin/calendar",
            "/admin/calendar/holidays",
            &[("day", "2026-12-24"), ("name", "Eve\u{200B}")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#name"]);

    let partner = app.signed_in(PARTNER).await;
    let only_fillers = "\u{3164}\u{3164}\u{3164}";
    let res = post_first_steps(&partner, SEATTLE, "microsoft_365", "usage", only_fillers).await;
    assert_eq!(res.status, 422, "{:?}", res.location());
    assert_eq!(res.summary_links(), ["#claim_name"]);
}

#[actix_web::test]
async fn head_is_answered_like_get_without_a_body() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (path, status) in [("/health", 200), ("/sign-in", 200), ("/", 303)] {
        let res = client
            .head(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), status, "{path}");
        assert!(res.headers().contains_key("content-security-policy"));
        assert!(res.bytes().await.unwrap().is_empty(), "{path}");
    }
}

#[actix_web::test]
async fn a_form_over_the_size_limit_gets_the_too_large_page_with_the_security_headers() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    let token = visitor.get("/sign-in").await.csrf_token();
    let body = format!("csrf_token={token}&email={}", "a".repeat(1_000_000));
    let res = visitor
        .post_body("/sign-in", "application/x-www-form-urlencoded", body)
        .await;
    assert_eq!(res.status, 413);
    assert_eq!(res.text("main h1"), "What you sent is too large");
    for header in [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
    ] {
        assert!(res.headers.contains_key(header), "{header}");
    }
}

/// A request actix-http cannot parse never reaches the portal; it must not let any client
/// write ERROR lines to the log either.
#[actix_web::test]
async fn requests_over_the_parser_limits_write_no_error_to_the_log() {
    let database = TestDatabase::create();
    // Even with the log level an operator would set, these lines stay out.
    let portal = start_portal_with(&database.url(), None, &[("RUST_LOG", "info")]);
    let address = portal.wait_until_serving().await;
    let address = address.trim_start_matches("http://");
    let long_uri = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(70_000));
    let many_headers = format!(
        "GET / HTTP/1.1\r\nHost: x\r\n{}\r\n",
        (0..200)
            .map(|n| format!("X-Header-{n}: {}\r\n", "a".repeat(100)))
            .collect::<String>()
    );
    for request in [long_uri, many_headers] {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        // To the end: actix-http logs its error before it closes the connection.
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
    }
    let log = portal.kill_and_read_log();
    assert!(!log.iter().any(|line| line.contains("ERROR")), "{log:?}");
}

#[actix_web::test]
async fn search_wildcards_are_searched_for_as_text() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    for term in ["%25", "_", "%25%25"] {
        let res = admin.get(&format!("/admin/registry?q={term}")).await;
        assert_eq!(res.count("[data-testid=no-tenants]"), 1, "{term}");
    }
    let res = admin.get("/admin/registry?q=northwind").await;
    assert_eq!(res.count("[data-testid=no-tenants]"), 0);
}
