//! `/admin/users` and `/set-password/{token}`: invitations through the outbox, one-time
//! links, roles, deactivation, and the last administrator.

use chrono::Duration;
use portal::clock::Clock;

use crate::helpers::*;

const NEW: &str = "/admin/users/new";

fn link_path(text: &str) -> String {
    let start = text
        .find("/set-password/")
        .expect("the email has a set-password link");
    text[start..].split_whitespace().next().unwrap().to_owned()
}

#[actix_web::test]
async fn an_invited_partner_user_sets_a_password_once_and_signs_in() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let form = admin.get(NEW).await;
    let contoso = form
        .attr("#organisation option:nth-child(2)", "value")
        .unwrap();

    let res = admin
        .submit_form(
            NEW,
            NEW,
            &[
                ("email", "dana@contoso"),
                ("display_name", "Dana Ruiz"),
                ("role", "partner"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    let links = res.summary_links();
    assert_eq!(links, ["#email", "#organisation"]);
    assert_eq!(
        res.attr("#display_name", "value").as_deref(),
        Some("Dana Ruiz")
    );
    let res = admin
        .submit_form(
            NEW,
            NEW,
            &[
                ("email", "partner@contoso.example"),
                ("display_name", "Dup"),
                ("role", "reviewer"),
            ],
        )
        .await;
    assert_eq!(
        res.text(".error-summary a[href='#email']"),
        "A user with this email address exists already"
    );

    let res = admin
        .submit_form(
            NEW,
            NEW,
            &[
                ("email", "Dana@Contoso.example"),
                ("display_name", "Dana Ruiz"),
                ("role", "partner"),
                ("organisation", &contoso),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let user_page = admin.get(res.location().unwrap()).await;
    assert_eq!(
        user_page.text("[data-testid=user-state]"),
        "Invited (no password yet)"
    );

    // The invitation goes through the outbox.
    assert!(app.mailbox.messages().is_empty());
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(mail.to, "Dana@contoso.example".to_lowercase());
    assert_eq!(
        mail.subject,
        "You are invited to the customer associations portal"
    );
    let link = link_path(&mail.text);

    let visitor = app.visitor();
    let page = visitor.get(&link).await;
    assert_eq!(page.count("[data-testid=set-password-valid]"), 1);
    let token = page.csrf_token();
    let res = visitor
        .post_form(
            &link,
            &[
                ("csrf_token", &token),
                ("password", "short"),
                ("password_again", "short"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#password")
    );
    let res = visitor
        .post_form(
            &link,
            &[
                ("csrf_token", &token),
                ("password", "a garden of tomatoes"),
                ("password_again", "a garden of potatoes"),
            ],
        )
        .await;
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#password_again")
    );
    let res = visitor
        .post_form(
            &link,
            &[
                ("csrf_token", &token),
                ("password", "a garden of tomatoes"),
                ("password_again", "a garden of tomatoes"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/sign-in"));

    // Used once: the link is spent.
    let again = visitor.get(&link).await;
    assert_eq!(again.status, 410);
    assert_eq!(again.count("[data-testid=set-password-spent]"), 1);
    let res = visitor
        .post_form(
            &link,
            &[
                ("csrf_token", &token),
                ("password", "another long password"),
                ("password_again", "another long password"),
            ],
        )
        .await;
    assert_eq!(res.status, 410);

    let dana = app.visitor();
    let res = dana
        .sign_in("dana@contoso.example", "a garden of tomatoes")
        .await;
    assert_eq!(res.location(), Some("/associations"));
    assert_eq!(
        dana.get("/associations").await.text("main h1"),
        "Customer associations"
    );
}

#[actix_web::test]
async fn an_expired_link_is_refused_and_a_new_one_replaces_it() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let res = admin
        .submit_form(
            NEW,
            NEW,
            &[
                ("email", "rae@portal.example"),
                ("display_name", "Rae Kim"),
                ("role", "reviewer"),
            ],
        )
        .await;
    let user = res.location().unwrap().to_owned();
    app.jobs.dispatch(app.clock.now()).unwrap();
    let first = link_path(&app.mailbox.messages().pop().unwrap().text);

    app.clock.advance(Duration::hours(73));
    assert_eq!(
        app.visitor().get(&first).await.status,
        410,
        "expired after 72 hours"
    );
    let admin = app.signed_in(ADMIN).await;
    let listed = admin.get("/admin/users?q=rae").await;
    assert_eq!(
        listed.texts(".user-state"),
        ["Invited, link expired: send a new password link"]
    );
    assert_eq!(
        admin
            .submit_form(&user, &format!("{user}/password-link"), &[])
            .await
            .status,
        303
    );
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(
        mail.subject,
        "Choose a new password for the customer associations portal"
    );
    let second = link_path(&mail.text);
    let listed = admin.get("/admin/users?q=rae").await;
    assert_eq!(listed.texts(".user-state"), ["Invited (no password yet)"]);
    assert_eq!(
        app.visitor()
            .get(&second)
            .await
            .count("[data-testid=set-password-valid]"),
        1
    );
    assert_eq!(
        app.visitor().get("/set-password/nonsense").await.status,
        404
    );
}

#[actix_web::test]
async fn deactivation_ends_sessions_at_once_and_the_last_administrator_stays() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let users = admin.get("/admin/users").await;
    let rows = users.texts("[data-testid=users] .user-email");
    assert!(rows.contains(&"partner@fabrikam.example".to_owned()));

    // The partner is signed in; deactivating signs them out everywhere.
    let jonas = app.signed_in(OTHER_PARTNER).await;
    assert_eq!(jonas.get("/associations").await.status, 200);
    let list = admin.get("/admin/users").await;
    let hrefs: Vec<String> = list
        .html()
        .select(&scraper::Selector::parse("[data-testid=users] .user-name a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    let emails = list.texts("[data-testid=users] .user-email");
    let href_of = |email: &str| hrefs[emails.iter().position(|e| e == email).unwrap()].clone();
    let jonas_page = href_of("partner@fabrikam.example");
    let res = admin
        .submit_form(
            &jonas_page,
            &format!("{jonas_page}/active"),
            &[("active", "false")],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        jonas.get("/associations").await.status,
        303,
        "signed out at once"
    );
    assert_eq!(
        app.visitor()
            .sign_in(OTHER_PARTNER, DEMO_PASSWORD)
            .await
            .status,
        422,
        "cannot sign in"
    );
    assert_eq!(
        admin
            .get(&jonas_page)
            .await
            .text("[data-testid=user-state]"),
        "Deactivated"
    );

    // The only administrator can be neither demoted nor deactivated.
    let me = href_of(ADMIN);
    let res = admin
        .submit_form(&me, &format!("{me}/role"), &[("role", "reviewer")])
        .await;
    assert_eq!(res.status, 409);
    assert!(
        res.text(".error-summary")
            .contains("last active administrator")
    );
    let res = admin
        .submit_form(&me, &format!("{me}/active"), &[("active", "false")])
        .await;
    assert_eq!(res.status, 409);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#access")
    );
    // Make the reviewer an administrator; then the demotion is allowed.
    let riley = href_of(REVIEWER);
    assert_eq!(
        admin
            .submit_form(
                &riley,
                &format!("{riley}/role"),
                &[("role", "administrator")]
            )
            .await
            .status,
        303
    );
    assert_eq!(
        admin
            .submit_form(&me, &format!("{me}/role"), &[("role", "reviewer")])
            .await
            .status,
        303
    );
    // A partner user made a reviewer: the organisation still selected is dropped.
    let riley_admin = app.signed_in(REVIEWER).await;
    let avery = href_of(PARTNER);
    let contoso = riley_admin
        .get(&avery)
        .await
        .attr("#organisation option[selected]", "value")
        .expect("Avery's organisation is selected");
    let res = riley_admin
        .submit_form(
            &avery,
            &format!("{avery}/role"),
            &[("role", "reviewer"), ("organisation", &contoso)],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = riley_admin.get(&avery).await;
    assert_eq!(page.text("[data-testid=user-role]"), "Reviewer");
    assert_eq!(page.attr("#organisation option[selected]", "value"), None);
}

#[actix_web::test]
async fn only_administrators_manage_users() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    for path in ["/admin/users", NEW] {
        assert_eq!(reviewer.get(path).await.status, 403, "{path}");
    }
    let token = reviewer.get("/review").await.csrf_token();
    let res = reviewer
        .post_form(
            NEW,
            &[
                ("csrf_token", &token),
                ("email", "x@portal.example"),
                ("display_name", "X"),
                ("role", "administrator"),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    let admin = app.signed_in(ADMIN).await;
    assert!(
        !admin
            .get("/admin/users")
            .await
            .texts(".user-email")
            .contains(&"x@portal.example".to_owned())
    );
}

#[actix_web::test]
async fn the_user_list_is_searched_filtered_and_paged() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    for n in 0..52 {
        let email = format!("reviewer{n:02}@portal.example");
        let name = format!("Reviewer {n:02}");
        let res = admin
            .submit_form(
                NEW,
                NEW,
                &[
                    ("email", email.as_str()),
                    ("display_name", name.as_str()),
                    ("role", "reviewer"),
                ],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    let first = admin.get("/admin/users?role=reviewer").await;
    let names = first.texts(".user-name");
    assert_eq!(names.len(), 50);
    assert_eq!(
        (names[0].as_str(), names[49].as_str()),
        ("Reviewer 00", "Reviewer 49")
    );
    let next = first.attr("a[rel=next]", "href").expect("a next page");
    let second = admin.get(&next).await;
    assert_eq!(
        second.texts(".user-name"),
        ["Reviewer 50", "Reviewer 51", "Riley Morgan"]
    );
    assert_eq!(second.count("a[rel=next]"), 0);
    assert_eq!(
        second.attr("#role option[selected]", "value").as_deref(),
        Some("reviewer")
    );

    let found = admin.get("/admin/users?q=CONTOSO").await;
    assert_eq!(found.texts(".user-email"), ["partner@contoso.example"]);
    let found = admin.get("/admin/users?q=sam").await;
    assert_eq!(found.texts(".user-name"), ["Sam Patel"]);
    let none = admin.get("/admin/users?q=100%25").await;
    assert_eq!(none.count("[data-testid=no-users]"), 1);
}
