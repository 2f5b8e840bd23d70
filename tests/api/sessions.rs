//! Signed-in users are remembered between requests (one database trip per page), yet a
//! change to the user or the session takes effect at the very next page.

use crate::helpers::*;

/// The href of `email`'s page in the administrator's users list.
async fn user_page(admin: &Visitor, email: &str) -> String {
    let list = admin.get(&format!("/admin/users?q={email}")).await;
    list.attr("[data-testid=users] .user-name a", "href")
        .expect("the user is listed")
}

/// Another browser carrying `browser`'s session cookie.
fn same_session(app: &TestApp, browser: &Visitor) -> Visitor {
    let copy = app.visitor();
    copy.set_cookie("portal_session", &browser.cookie("portal_session").unwrap());
    copy
}

/// The administrator deactivates `email` on the user's page.
async fn deactivate(admin: &Visitor, email: &str) {
    let page = user_page(admin, email).await;
    let res = admin
        .submit_form(&page, &format!("{page}/active"), &[("active", "false")])
        .await;
    assert_eq!(res.status, 303);
}

#[actix_web::test]
async fn a_renamed_organisation_shows_at_the_next_page_and_deactivation_signs_out_every_copy() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let partner = app.signed_in(PARTNER).await;
    let list = partner.get("/associations").await;
    assert!(list.text(".account-role").ends_with("Contoso Consulting"));

    let organisations = admin.get("/admin/organisations").await;
    let contoso = organisations.attr(".organisation-name a", "href").unwrap();
    let res = admin
        .submit_form(&contoso, &contoso, &[("name", "Contoso Partners")])
        .await;
    assert_eq!(res.status, 303);
    // The page that was asked for is loaded again, with the user as they are now.
    let res = partner.get("/associations").await;
    assert_eq!((res.status, res.location()), (303, Some("/associations")));
    let list = partner.get("/associations").await;
    assert!(list.text(".account-role").ends_with("Contoso Partners"));

    // A second browser with the same session is signed out with the first.
    let copy = same_session(&app, &partner);
    assert_eq!(copy.get("/associations").await.status, 200);
    deactivate(&admin, PARTNER).await;
    for browser in [&partner, &copy] {
        let res = browser.get("/associations").await;
        assert_eq!(res.status, 303);
        assert_eq!(res.location(), Some("/sign-in?next=%2Fassociations"));
    }
}

#[actix_web::test]
async fn a_new_role_signs_the_user_out_at_their_next_page() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let riley = app.signed_in(REVIEWER).await;
    assert_eq!(riley.get("/review").await.status, 200);
    let page = user_page(&admin, REVIEWER).await;
    let res = admin
        .submit_form(&page, &format!("{page}/role"), &[("role", "administrator")])
        .await;
    assert_eq!(res.status, 303);
    let res = riley.get("/review").await;
    assert_eq!(res.location(), Some("/sign-in?next=%2Freview"));
}

#[actix_web::test]
async fn a_signed_out_session_is_not_remembered_even_by_pages_without_data() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let help = "/help/find-tenant-id";
    assert_eq!(
        partner
            .get(help)
            .await
            .count("[data-testid=signed-in-user]"),
        1
    );
    let copy = same_session(&app, &partner);
    assert_eq!(
        copy.get(help).await.count("[data-testid=signed-in-user]"),
        1
    );

    let page = partner.get("/associations").await;
    let res = partner
        .post_form("/sign-out", &[("csrf_token", &page.csrf_token())])
        .await;
    assert_eq!(res.location(), Some("/sign-in"));
    let replayed = copy.get(help).await;
    assert_eq!(replayed.status, 200);
    assert_eq!(replayed.count("[data-testid=signed-in-user]"), 0);
    assert_eq!(replayed.count(".header-sign-in"), 1);
}

#[actix_web::test]
async fn the_export_is_refused_at_once_after_deactivation_in_every_browser() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let partner = app.signed_in(PARTNER).await;
    let export = partner.get("/associations/export.csv").await;
    assert_eq!(export.status, 200);
    // A second browser with the same session; the first deactivated by an administrator.
    let copy = same_session(&app, &partner);
    assert_eq!(copy.get("/associations/export.csv").await.status, 200);
    deactivate(&admin, PARTNER).await;
    for browser in [&partner, &copy] {
        let res = browser.get("/associations/export.csv").await;
        assert_eq!(res.status, 303, "no file: {}", res.body);
        assert_eq!(
            res.location(),
            Some("/sign-in?next=%2Fassociations%2Fexport.csv")
        );
    }
}
