use crate::helpers::*;

#[actix_web::test]
async fn each_demo_role_lands_on_its_home() {
    let app = spawn_app().await;
    for (email, home, heading, name) in [
        (
            PARTNER,
            "/associations",
            "Customer associations",
            "Avery Chen",
        ),
        (
            OTHER_PARTNER,
            "/associations",
            "Customer associations",
            "Jonas Weber",
        ),
        (REVIEWER, "/review", "Review", "Riley Morgan"),
        (ADMIN, "/admin", "Administration", "Sam Patel"),
    ] {
        let visitor = app.visitor();
        let res = visitor.sign_in(email, DEMO_PASSWORD).await;
        assert_eq!(res.status, 303);
        assert_eq!(res.location(), Some(home), "{email}");
        let page = visitor.get(home).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.text("main h1"), heading);
        assert_eq!(page.text("[data-testid=signed-in-user]"), name);
        // `/` sends each role to the same home.
        assert_eq!(visitor.get("/").await.location(), Some(home));
    }
}

#[actix_web::test]
async fn partner_home_names_the_organisation() {
    let app = spawn_app().await;
    let page = app
        .signed_in(OTHER_PARTNER)
        .await
        .get("/associations")
        .await;
    assert_eq!(page.text("main .caption"), "Fabrikam Partners");
    assert_eq!(
        page.text("nav a[aria-current=page]"),
        "Customer associations"
    );
}

#[actix_web::test]
async fn wrong_password_shows_one_message_and_keeps_the_email() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    let res = visitor
        .sign_in("Partner@Contoso.example", "not-the-password")
        .await;
    assert_eq!(res.status, 422);
    let message = "The email address or password is not correct";
    assert_eq!(res.text(".error-summary h2"), "There is a problem");
    assert_eq!(res.text(".error-summary a[href='#email']"), message);
    assert_eq!(res.text("#email-error"), format!("Error: {message}"));
    assert_eq!(
        res.attr("#email", "value").as_deref(),
        Some("Partner@Contoso.example")
    );
    assert_eq!(
        res.attr("#email", "aria-describedby").as_deref(),
        Some("email-error")
    );
    assert_eq!(
        res.attr("#password", "value").as_deref(),
        Some(""),
        "the password is never echoed"
    );
    assert!(res.text("title").starts_with("Error: "));

    // An unknown account gets exactly the same answer.
    let unknown = visitor.sign_in("nobody@contoso.example", "whatever").await;
    assert_eq!(unknown.status, 422);
    assert_eq!(unknown.text(".error-summary a"), message);
}

#[actix_web::test]
async fn empty_fields_are_named() {
    let app = spawn_app().await;
    let res = app.visitor().sign_in("", "").await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.texts(".error-summary a"),
        ["Enter your email address", "Enter your password"]
    );
    assert_eq!(
        res.attr(".error-summary li:first-child a", "href")
            .as_deref(),
        Some("#email")
    );
    assert_eq!(res.text("#password-error"), "Error: Enter your password");
}

#[actix_web::test]
async fn email_is_matched_without_regard_to_case() {
    let app = spawn_app().await;
    let res = app
        .visitor()
        .sign_in("  REVIEWER@Portal.Example ", DEMO_PASSWORD)
        .await;
    assert_eq!(res.location(), Some("/review"));
}

#[actix_web::test]
async fn sign_out_ends_the_session_for_good() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let old_cookie = visitor.cookie("portal_session").expect("session cookie");
    let page = visitor.get("/associations").await;
    let res = visitor
        .post_form("/sign-out", &[("csrf_token", &page.csrf_token())])
        .await;
    assert_eq!(res.location(), Some("/sign-in"));
    assert_eq!(
        visitor.cookie("portal_session"),
        None,
        "the cookie is removed"
    );
    assert_eq!(
        visitor.get("/sign-in").await.text("[role=status]"),
        "You have signed out."
    );

    // Replaying the old cookie does not bring the session back.
    let replay = app.visitor();
    replay.set_cookie("portal_session", &old_cookie);
    let res = replay.get("/associations").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/sign-in?next=%2Fassociations"));
}

#[actix_web::test]
async fn the_session_id_changes_at_sign_in() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let first = visitor.cookie("portal_session").unwrap();
    // Signing in again (e.g. as someone else) from the same browser replaces the session.
    let token = visitor.get("/associations").await.csrf_token();
    let res = visitor
        .post_form(
            "/sign-in",
            &[
                ("csrf_token", &token),
                ("email", REVIEWER),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let second = visitor.cookie("portal_session").unwrap();
    assert_ne!(first, second);
    let stale = app.visitor();
    stale.set_cookie("portal_session", &first);
    assert_eq!(
        stale.get("/associations").await.status,
        303,
        "the replaced session is gone"
    );

    // A session id planted before sign-in is never adopted.
    let planted = app.visitor();
    planted.set_cookie("portal_session", "attacker-chosen-value");
    planted.sign_in(PARTNER, DEMO_PASSWORD).await;
    assert_ne!(
        planted.cookie("portal_session").as_deref(),
        Some("attacker-chosen-value")
    );
}

#[actix_web::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let res = app.visitor().sign_in(PARTNER, DEMO_PASSWORD).await;
    let cookie = res
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("portal_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http in development");

    let secure_app = spawn_app_with(&[("PORTAL_COOKIE_SECURE", "true")]).await;
    let res = secure_app.visitor().sign_in(PARTNER, DEMO_PASSWORD).await;
    assert!(
        res.headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Secure")
    );
}

#[actix_web::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    for _ in 0..5 {
        assert_eq!(visitor.sign_in(PARTNER, "wrong").await.status, 422);
    }
    // Even the right password is refused now, with a clear message.
    let res = visitor.sign_in(PARTNER, DEMO_PASSWORD).await;
    assert_eq!(res.status, 429);
    assert_eq!(
        res.text(".error-summary a"),
        "Too many failed attempts to sign in. Wait 15 minutes, then try again."
    );
    assert_eq!(res.attr("#email", "value").as_deref(), Some(PARTNER));
    // Other accounts are not affected by this account's lock.
    assert_eq!(
        app.visitor().sign_in(REVIEWER, DEMO_PASSWORD).await.status,
        303
    );

    app.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(visitor.sign_in(PARTNER, DEMO_PASSWORD).await.status, 303);
}

#[actix_web::test]
async fn many_failures_from_one_address_are_throttled() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    for n in 0..20 {
        let res = visitor
            .sign_in(&format!("guess{n}@contoso.example"), "wrong")
            .await;
        assert_eq!(res.status, 422);
    }
    let res = visitor.sign_in(ADMIN, DEMO_PASSWORD).await;
    assert_eq!(res.status, 429);
}

#[actix_web::test]
async fn an_anonymous_visitor_comes_back_where_they_were_going() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    let res = visitor.get("/review").await;
    assert_eq!(res.location(), Some("/sign-in?next=%2Freview"));
    let form = visitor.get("/sign-in?next=%2Freview").await;
    assert_eq!(
        form.attr("main input[name=next]", "value").as_deref(),
        Some("/review")
    );
    let res = visitor
        .post_form(
            "/sign-in",
            &[
                ("csrf_token", &form.csrf_token()),
                ("email", REVIEWER),
                ("password", DEMO_PASSWORD),
                ("next", "/review"),
            ],
        )
        .await;
    assert_eq!(res.location(), Some("/review"));
}

#[actix_web::test]
async fn next_only_follows_paths_on_this_site() {
    let app = spawn_app().await;
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "review",
    ] {
        let visitor = app.visitor();
        let form = visitor.get("/sign-in").await;
        let res = visitor
            .post_form(
                "/sign-in",
                &[
                    ("csrf_token", &form.csrf_token()),
                    ("email", PARTNER),
                    ("password", DEMO_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(res.location(), Some("/associations"), "next={next}");
    }
}

#[actix_web::test]
async fn parallel_wrong_passwords_are_checked_no_more_often_than_the_limit() {
    // Ten blocking threads (one per pooled connection), so the attempts really overlap.
    let app = spawn_app_with(&[("PORTAL_DATABASE_POOL_SIZE", "10")]).await;
    let visitors: Vec<Visitor> = (0..30).map(|_| app.visitor()).collect();
    let mut tokens = Vec::new();
    for visitor in &visitors {
        tokens.push(visitor.get("/sign-in").await.csrf_token());
    }
    let answers = futures_util::future::join_all(visitors.iter().zip(&tokens).map(
        |(visitor, token)| async move {
            let fields = [
                ("csrf_token", token.as_str()),
                ("email", PARTNER),
                ("password", "wrong"),
            ];
            visitor.post_form("/sign-in", &fields).await
        },
    ))
    .await;
    let verified = answers
        .iter()
        .filter(|res| {
            res.status == 422
                && res.text(".error-summary a") == "The email address or password is not correct"
        })
        .count();
    let throttled = answers.iter().filter(|res| res.status == 429).count();
    assert_eq!(
        (verified, throttled),
        (5, 25),
        "as many passwords checked as the limit allows, the rest refused unchecked"
    );
    assert_eq!(
        app.visitor().sign_in(PARTNER, DEMO_PASSWORD).await.status,
        429
    );
}
