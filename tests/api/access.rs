use crate::helpers::*;

#[actix_web::test]
async fn partners_cannot_reach_staff_pages() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    for path in ["/review", "/admin"] {
        let res = partner.get(path).await;
        assert_eq!(res.status, 403, "{path}");
        assert_eq!(res.text("main h1"), "You do not have access to this page");
        // Rendered inside the layout, still signed in.
        assert_eq!(res.text("[data-testid=signed-in-user]"), "Avery Chen");
    }
}

#[actix_web::test]
async fn reviewers_cannot_administer_and_staff_have_no_partner_home() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(reviewer.get("/admin").await.status, 403);
    assert_eq!(reviewer.get("/associations").await.status, 403);
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(
        admin.get("/review").await.status,
        200,
        "administrators review too"
    );
    let page = admin.get("/admin").await;
    assert_eq!(page.text("[data-testid=count-organisations]"), "2");
    assert_eq!(page.text("[data-testid=count-users]"), "4");
    assert_eq!(page.texts("nav.site-nav a"), ["Review", "Administration"]);
}

#[actix_web::test]
async fn anonymous_visitors_are_sent_to_sign_in() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    for path in ["/associations", "/review", "/admin"] {
        let res = visitor.get(path).await;
        assert_eq!(res.status, 303);
        assert_eq!(
            res.location().unwrap(),
            format!("/sign-in?next=%2F{}", &path[1..])
        );
    }
    assert_eq!(visitor.get("/").await.location(), Some("/sign-in"));
}

#[actix_web::test]
async fn unknown_pages_are_404_inside_the_layout() {
    let app = spawn_app().await;
    let res = app.signed_in(PARTNER).await.get("/no-such-page").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.text("main h1"), "Page not found");
    assert_eq!(res.text("header .site-name"), "Partner incentives");
    assert_eq!(res.count("a.skip-link[href='#main-content']"), 1);
}
