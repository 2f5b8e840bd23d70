//! Email through a real SMTP server: delivered by lettre; while the server is down the
//! dispatcher retries with backoff and loses nothing; once it is back every message
//! arrives exactly once.

use chrono::Duration;
use portal::clock::Clock;

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, submitted_claims},
    smtp_sink::SmtpSink,
};

#[actix_web::test]
async fn an_smtp_outage_delays_mail_but_loses_none_and_sends_none_twice() {
    let sink = SmtpSink::reserve();
    let settings = sink.settings();
    let overrides: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = spawn_app_with_configured_mail(&overrides).await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let names = ["Northwind one", "Northwind two", "Northwind three"];
    for claim in submitted_claims(&partner, SEATTLE, &names).await {
        assert_eq!(decide(&reviewer, &claim, "validate", &[]).await.status, 303);
    }
    let now = app.clock.now();

    // The server is down: every attempt fails and is put off, nothing is lost.
    let first = app.jobs.dispatch(now).unwrap();
    assert_eq!((first.sent, first.retrying, first.failed), (0, 3, 0));
    let admin = app.signed_in(ADMIN).await;
    let deliveries = admin.get("/admin/deliveries").await;
    assert_eq!(
        deliveries.texts(".delivery-state"),
        ["Retrying", "Retrying", "Retrying"]
    );
    assert_eq!(deliveries.texts(".delivery-attempts"), ["1", "1", "1"]);
    assert!(!deliveries.text(".delivery-error").is_empty());
    assert_eq!(partner.get("/admin/deliveries").await.status, 403);
    // Backing off: not due again straight away.
    assert_eq!(app.jobs.dispatch(now).unwrap(), Default::default());

    sink.start();
    assert_eq!(
        app.jobs.dispatch(now + Duration::seconds(30)).unwrap().sent,
        0,
        "still backing off"
    );
    let later = app.jobs.dispatch(now + Duration::minutes(2)).unwrap();
    assert_eq!((later.sent, later.retrying), (3, 0));
    assert_eq!(
        app.jobs.dispatch(now + Duration::hours(1)).unwrap(),
        Default::default()
    );

    let received = sink.received();
    assert_eq!(received.len(), 3, "each message exactly once");
    let mut ids: Vec<String> = received
        .iter()
        .filter_map(|m| m.header("Message-ID"))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "a stable, distinct Message-ID per message");
    for message in &received {
        assert_eq!(message.to, ["ana.silva@northwind.example"]);
        assert!(message.raw.contains("multipart/alternative"));
        assert!(message.raw.contains("/customer/opt-out/"));
    }
    assert_eq!(
        admin
            .get("/admin/deliveries")
            .await
            .count("[data-testid=deliveries-empty]"),
        1
    );
}
