//! `/account/tokens`: a user makes a token (shown once, stored hashed), sees it listed with
//! its last use, and revokes it; a token stands for its user only while it is neither
//! revoked nor expired and the user is active.

use chrono::Duration;
use portal::{clock::Clock, service::api_tokens::authenticate};

use crate::{helpers::*, proof_world::one_number};

const PAGE: &str = "/account/tokens";

/// Makes a token on the page; returns the token as the page shows it once.
pub async fn make_token(visitor: &Visitor, name: &str, scope: &str, lifetime: &str) -> String {
    let res = visitor
        .submit_form(
            PAGE,
            PAGE,
            &[("name", name), ("scope", scope), ("lifetime", lifetime)],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(
        res.text("[data-testid=new-token] h2"),
        format!("Token \"{name}\" created")
    );
    res.attr("#new-token-value", "value")
        .expect("the token, once")
}

/// Who the token stands for now, as the API would see it (its user's email and the scope).
fn caller_of(app: &TestApp, token: &str) -> Option<(String, &'static str)> {
    let mut conn = app.pool.get().unwrap();
    authenticate(&mut conn, token, app.clock.now())
        .unwrap()
        .map(|caller| (caller.user.email, caller.scope.as_str()))
}

#[actix_web::test]
async fn a_token_is_shown_once_stored_hashed_listed_with_its_last_use_and_revocable() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;

    let account = partner.get("/account").await;
    assert_eq!(
        account
            .attr("main a[href='/account/tokens']", "href")
            .as_deref(),
        Some(PAGE)
    );
    let empty = partner.get(PAGE).await;
    assert_eq!(
        empty.text("[data-testid=no-tokens]"),
        "You have no API tokens."
    );
    // Read only and 90 days unless the user chooses otherwise.
    assert_eq!(
        empty.attr("input[name=scope][checked]", "value").as_deref(),
        Some("read")
    );
    assert_eq!(
        empty
            .attr("input[name=lifetime][checked]", "value")
            .as_deref(),
        Some("90")
    );

    let token = make_token(&partner, "Dynamics 365 sync", "write", "30").await;
    assert!(token.starts_with("cpor_") && token.len() == 69, "{token}");
    // Only its hash is stored.
    let stored = format!(
        "SELECT COUNT(*) AS n FROM api_tokens WHERE token_hash = '{}'",
        portal::tokens::hash_token(&token)
    );
    assert_eq!(one_number(&app, &stored), 1);
    assert_eq!(
        one_number(
            &app,
            &format!("SELECT COUNT(*) AS n FROM api_tokens WHERE token_hash = '{token}'")
        ),
        0
    );

    // The list never shows it again.
    let list = partner.get(PAGE).await;
    assert_eq!(list.count("[data-testid=new-token]"), 0);
    assert!(!list.body.contains(&token));
    assert_eq!(
        list.texts("[data-testid=tokens] .token-name"),
        ["Dynamics 365 sync"]
    );
    assert_eq!(
        list.text("[data-testid=tokens] .token-last-used"),
        "Never used"
    );
    assert_eq!(list.text("[data-testid=tokens] .token-state"), "Active");

    // A use is recorded, and the token acts as its user with its scope.
    assert_eq!(caller_of(&app, &token), Some((PARTNER.to_owned(), "write")));
    let list = partner.get(PAGE).await;
    assert_ne!(
        list.text("[data-testid=tokens] .token-last-used"),
        "Never used"
    );

    // Revoked: it no longer stands for anyone.
    let id = list
        .attr("[data-testid=tokens] tr[data-token]", "data-token")
        .unwrap();
    let res = partner
        .submit_form(PAGE, &format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!((res.status, res.location()), (303, Some(PAGE)));
    let list = partner.get(PAGE).await;
    assert_eq!(
        list.text("[role=status]"),
        "The token was revoked. Programs using it can no longer sign in with it."
    );
    assert_eq!(list.text("[data-testid=tokens] .token-state"), "Revoked");
    assert_eq!(list.count("[data-testid=tokens] button"), 0);
    assert_eq!(caller_of(&app, &token), None);
    // Both changes are recorded with who made them.
    assert_eq!(
        one_number(
            &app,
            "SELECT COUNT(*) AS n FROM admin_audit WHERE action IN ('api_token.created', 'api_token.revoked')"
        ),
        2
    );
}

#[actix_web::test]
async fn another_users_token_cannot_be_revoked_and_a_token_ends_with_its_expiry_or_its_user() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let token = make_token(&partner, "Nightly export", "read", "7").await;
    let id = partner
        .get(PAGE)
        .await
        .attr("[data-testid=tokens] tr[data-token]", "data-token")
        .unwrap();

    // Someone else's token is not theirs to see or revoke.
    let other = app.signed_in(OTHER_PARTNER).await;
    assert_eq!(other.get(PAGE).await.count("[data-testid=tokens]"), 0);
    let res = other
        .submit_form(PAGE, &format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(caller_of(&app, &token), Some((PARTNER.to_owned(), "read")));

    // Malformed and unknown tokens stand for nobody.
    for presented in [
        "",
        "cpor_",
        "not a token",
        &token.to_uppercase(),
        &format!("{token}0"),
    ] {
        assert_eq!(caller_of(&app, presented), None, "{presented}");
    }

    // Seven days on, it has expired.
    app.clock.advance(Duration::days(7));
    assert_eq!(caller_of(&app, &token), None);
    // (A week idle ends the page session too.)
    let partner = app.signed_in(PARTNER).await;
    let list = partner.get(PAGE).await;
    assert_eq!(list.text("[data-testid=tokens] .token-state"), "Expired");

    // A working token ends with its user's deactivation.
    let token = make_token(&partner, "CRM", "read", "365").await;
    assert!(caller_of(&app, &token).is_some());
    let admin = app.signed_in(ADMIN).await;
    let users = admin.get(&format!("/admin/users?q={PARTNER}")).await;
    let user_page = users
        .attr("[data-testid=users] .user-name a", "href")
        .unwrap();
    let res = admin
        .submit_form(
            &user_page,
            &format!("{user_page}/active"),
            &[("active", "false")],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(caller_of(&app, &token), None);
    // Ended for good: reactivation does not bring it back.
    let active = format!("{user_page}/active");
    let res = admin
        .submit_form(&user_page, &active, &[("active", "true")])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(caller_of(&app, &token), None);

    // Nor does a token carry its user's access over to a new role.
    let partner = app.signed_in(PARTNER).await;
    let token = make_token(&partner, "CRM again", "read", "365").await;
    assert!(caller_of(&app, &token).is_some());
    let role = format!("{user_page}/role");
    let res = admin
        .submit_form(&user_page, &role, &[("role", "reviewer")])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(caller_of(&app, &token), None);
}

#[actix_web::test]
async fn a_bad_request_for_a_token_names_each_field_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    let res = reviewer
        .submit_form(
            PAGE,
            PAGE,
            &[("name", "   "), ("scope", "admin"), ("lifetime", "forever")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text("title").starts_with("Error:"));
    assert_eq!(
        res.texts(".error-summary-list a"),
        [
            "Enter a token name",
            "Select what the token may do",
            "Select how long the token should work"
        ]
    );
    assert_eq!(res.text("#name-error"), "Error: Enter a token name");
    assert_eq!(res.count("input[name=scope][checked]"), 0);

    let long = "x".repeat(81);
    let res = reviewer
        .submit_form(
            PAGE,
            PAGE,
            &[("name", &long), ("scope", "read"), ("lifetime", "30")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.attr("#name", "value").as_deref(), Some(long.as_str()));
    assert_eq!(
        res.texts(".error-summary-list a"),
        ["Token name must be 80 characters or fewer"]
    );
    assert_eq!(
        res.attr("input[name=lifetime][checked]", "value")
            .as_deref(),
        Some("30")
    );
    assert_eq!(one_number(&app, "SELECT COUNT(*) AS n FROM api_tokens"), 0);

    // Twenty working tokens at most.
    for n in 0..20 {
        make_token(&reviewer, &format!("Token {n}"), "read", "7").await;
    }
    let res = reviewer
        .submit_form(
            PAGE,
            PAGE,
            &[("name", "One more"), ("scope", "read"), ("lifetime", "7")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.texts(".error-summary-list a"),
        ["You have 20 active tokens already. Revoke one you no longer use first"]
    );
    assert_eq!(one_number(&app, "SELECT COUNT(*) AS n FROM api_tokens"), 20);
}

#[actix_web::test]
async fn sending_the_same_form_again_makes_no_second_token_and_says_why() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let form = partner.get(PAGE).await;
    let (csrf, request) = (
        form.csrf_token(),
        form.attr("input[name=request]", "value").unwrap(),
    );
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("request", request.as_str()),
        ("name", "CRM"),
        ("scope", "read"),
        ("lifetime", "30"),
    ];
    let first = partner.post_form(PAGE, &fields).await;
    assert_eq!(first.status, 200);
    assert!(first.attr("#new-token-value", "value").is_some());
    let fresh = first.attr("input[name=request]", "value").unwrap();
    assert_ne!(fresh, request, "the next form is a new one");

    // A reload sends the same form again.
    let again = partner.post_form(PAGE, &fields).await;
    assert_eq!(again.status, 422);
    assert!(again.attr("#new-token-value", "value").is_none());
    assert!(
        again
            .text("#name-error")
            .contains("This form was already sent")
    );
    assert_eq!(again.attr("#name", "value").as_deref(), Some("CRM"));
    assert_eq!(again.count("table tbody tr"), 1, "one token listed");
    // The form shown now is a new one: sending it makes a token.
    let next = again.attr("input[name=request]", "value").unwrap();
    assert_ne!(next, request);
    let mut retry = fields;
    retry[1] = ("request", next.as_str());
    assert!(
        partner
            .post_form(PAGE, &retry)
            .await
            .attr("#new-token-value", "value")
            .is_some()
    );
}
