use crate::helpers::*;

#[actix_web::test]
async fn health_is_200_when_the_database_answers() {
    let app = spawn_app().await;
    let res = app.visitor().get("/health").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body, "ok");
}

#[actix_web::test]
async fn health_is_503_and_pages_show_a_reference_when_the_database_does_not_answer() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    // Take every pooled connection: the database is as good as gone for the app.
    let held: Vec<_> = (0..3)
        .map(|_| app.pool.get().expect("connection"))
        .collect();
    let res = visitor.get("/health").await;
    assert_eq!(res.status, 503);

    let page = visitor.get("/associations").await;
    assert_eq!(page.status, 500);
    assert_eq!(
        page.text("main h1"),
        "Sorry, there is a problem with the service"
    );
    let reference = page.text("[data-testid=error-reference]");
    assert_eq!(reference.len(), 10, "an opaque reference: {reference}");
    assert!(
        !page.body.contains("timed out"),
        "the cause stays in the log"
    );
    drop(held);
    assert_eq!(visitor.get("/health").await.status, 200);
}
