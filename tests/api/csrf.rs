use portal::web::routes::{Group, table};

use crate::{
    helpers::*,
    proof_world::{Audience, World},
};

#[actix_web::test]
async fn a_form_post_without_a_token_is_refused() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    visitor.get("/sign-in").await;
    let res = visitor
        .post_form(
            "/sign-in",
            &[("email", PARTNER), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(res.text("main h1"), "This form has expired");
    assert_eq!(
        visitor.cookie("portal_session"),
        None,
        "no session was opened"
    );
}

#[actix_web::test]
async fn a_wrong_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let res = visitor
        .post_form("/sign-out", &[("csrf_token", "0".repeat(64).as_str())])
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        visitor.get("/associations").await.status,
        200,
        "still signed in"
    );

    // A token from another visitor's page does not work either.
    let other = app.signed_in(OTHER_PARTNER).await;
    let foreign = other.get("/associations").await.csrf_token();
    assert_eq!(
        visitor
            .post_form("/sign-out", &[("csrf_token", &foreign)])
            .await
            .status,
        403
    );
}

#[actix_web::test]
async fn non_form_posts_are_refused() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let token = visitor.get("/associations").await.csrf_token();
    let res = reqwest::Client::new()
        .post(format!("{}/sign-out", app.address))
        .header(
            "cookie",
            format!(
                "portal_session={}",
                visitor.cookie("portal_session").unwrap()
            ),
        )
        .header("content-type", "application/json")
        .body(format!("{{\"csrf_token\":\"{token}\"}}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
}

#[actix_web::test]
async fn the_token_changes_with_the_session() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    let before = visitor.get("/sign-in").await.csrf_token();
    visitor.sign_in(PARTNER, DEMO_PASSWORD).await;
    let after = visitor.get("/associations").await.csrf_token();
    assert_ne!(before, after);
}

/// Every POST of the route table, as someone it is for: without a token, with another
/// session's token and with this browser's token from before it signed in again — each is
/// refused and changes nothing.
#[actix_web::test]
async fn every_post_route_refuses_a_missing_foreign_or_stale_token() {
    let world = World::build().await;
    let mut probes = 0;
    let mut wrong = Vec::new();
    for entry in table().iter().filter(|entry| entry.writes) {
        let path = world
            .concrete(entry.path)
            .expect("named by the proof world");
        let (email, page) = match entry.group {
            Group::Partners | Group::ClaimReaders | Group::SignedIn => {
                (Some(PARTNER), "/associations")
            }
            Group::Staff => (Some(REVIEWER), "/review"),
            Group::Administrators => (Some(ADMIN), "/admin"),
            Group::Public | Group::CustomerLink | Group::Development | Group::Api => {
                (None, "/sign-in")
            }
        };
        // A browser that signed in, out, and (for signed-in routes) in again: the token
        // it held before is stale.
        let browser = world.app.visitor();
        browser
            .sign_in(email.unwrap_or(PARTNER), DEMO_PASSWORD)
            .await;
        let stale = browser.get("/associations").await.csrf_token();
        browser
            .post_form("/sign-out", &[("csrf_token", stale.as_str())])
            .await;
        if let Some(email) = email {
            browser.sign_in(email, DEMO_PASSWORD).await;
        }
        let foreign = world.token_of(Audience::OtherPartner).await;
        // The API takes no form token: a session's cookie is no credential there, so a
        // browser's POST is unauthenticated (401) and changes nothing either.
        let refused = if entry.group == Group::Api { 401 } else { 403 };
        for token in [None, Some(foreign), Some(stale)] {
            probes += 1;
            let before = world.fingerprint();
            let fields: Vec<(&str, &str)> = token
                .iter()
                .map(|token| ("csrf_token", token.as_str()))
                .collect();
            let res = browser.post_form(&path, &fields).await;
            if res.status != refused || world.fingerprint() != before {
                wrong.push(format!("POST {path} with {token:?}: {}", res.status));
            }
            // Uploads carry the token in their address instead.
            probes += 1;
            let query = token
                .as_ref()
                .map_or(String::new(), |t| format!("?csrf_token={t}"));
            let files = [("files", "a.pdf", b"%PDF-1.7 x".to_vec())];
            let res = browser
                .post_multipart(&format!("{path}{query}"), &[], &files)
                .await;
            if res.status != refused || world.fingerprint() != before {
                wrong.push(format!(
                    "multipart POST {path} with {token:?}: {}",
                    res.status
                ));
            }
        }
        assert_eq!(browser.get(page).await.status, 200, "still signed in");
    }
    assert!(
        wrong.is_empty(),
        "{} of {probes}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(probes > 100, "{probes}");
    println!(
        "CSRF: {probes} posts (forms and uploads) with a missing, foreign or stale token, \
         all refused"
    );
}
