use crate::helpers::*;

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
