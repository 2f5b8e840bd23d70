//! A stored value no code knows (a damaged row, or one written by a newer version) is an
//! error page with a reference — never shown as a blank or a guess.

use chrono::NaiveDate;
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
use portal::store::{AnyConnection, outbox, schema};

use crate::helpers::*;

const ERROR_HEADING: &str = "Sorry, there is a problem with the service";

#[actix_web::test]
async fn an_email_of_an_unknown_kind_makes_the_deliveries_page_an_error() {
    let app = spawn_app().await;
    let at = NaiveDate::from_ymd_opt(2026, 10, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    outbox::insert(
        &mut app.pool.get().unwrap(),
        &outbox::NewMail {
            id: "mail-of-unknown-kind",
            kind: "carrier_pigeon",
            claim_id: None,
            recipient: "someone@contoso.example",
            subject: "Coo",
            body_text: "Coo",
            body_html: "<p>Coo</p>",
            message_id: "<coo@portal.example>",
            state: outbox::PENDING,
            attempts: 0,
            next_attempt_at: at,
            created_at: at,
        },
    )
    .unwrap();

    let page = app.signed_in(ADMIN).await.get("/admin/deliveries").await;
    assert_eq!(page.status, 500);
    assert_eq!(page.text("main h1"), ERROR_HEADING);
    assert!(!page.body.contains("carrier_pigeon"));
}

#[actix_web::test]
async fn an_unknown_weekend_day_makes_the_calendar_page_an_error() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(admin.get("/admin/calendar").await.status, 200);
    let mut pooled = app.pool.get().unwrap();
    let conn: &mut AnyConnection = &mut pooled;
    diesel::update(schema::calendar_settings::table.find(1))
        .set(schema::calendar_settings::weekend_days.eq("sat,caturday"))
        .execute(conn)
        .unwrap();
    drop(pooled);

    let page = admin.get("/admin/calendar").await;
    assert_eq!(page.status, 500);
    assert_eq!(page.text("main h1"), ERROR_HEADING);
}
