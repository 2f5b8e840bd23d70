//! The customer's reminder two business days before their opt-out window closes: written to
//! the outbox by the jobs' `run_once`, once per window whatever the number of passes, in the
//! customer's language, with a working link and the about page; none when turned off or
//! once the customer has opted out.

use chrono::{Duration, TimeZone, Utc};
use portal::clock::Clock;

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, opt_out_path, submitted_claim},
    submit_step::complete_draft_in,
};

/// A claim validated at the test clock's start (Wed 25 Nov 2026 09:00 UTC): its window
/// closes at the end of Wednesday 2 December; two business days before is Tuesday 1 Dec.
async fn validated(app: &TestApp) -> String {
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(decide(&reviewer, &claim, "validate", &[]).await.status, 303);
    claim
}

fn reminders(app: &TestApp) -> Vec<portal::mail::transport::OutgoingMail> {
    app.mailbox
        .messages()
        .into_iter()
        .filter(|m| m.subject.starts_with("Reminder") || m.subject.starts_with("リマインダー"))
        .collect()
}

#[actix_web::test]
async fn the_customer_is_reminded_once_two_business_days_before_the_window_closes() {
    let app = spawn_app().await;
    validated(&app).await;
    // Not yet: the day before the reminder is due.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 30, 23, 59, 0).unwrap());
    let report = app.jobs.run_once(app.clock.now()).unwrap();
    assert_eq!(report.reminded, 0);
    assert!(reminders(&app).is_empty());

    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap());
    let report = app.jobs.run_once(app.clock.now()).unwrap();
    assert_eq!(report.reminded, 1);
    // A second pass (or a second instance) sends nothing more.
    app.clock.advance(Duration::hours(3));
    assert_eq!(app.jobs.run_once(app.clock.now()).unwrap().reminded, 0);
    let sent = reminders(&app);
    assert_eq!(sent.len(), 1, "one reminder per window");
    let mail = &sent[0];
    assert_eq!(mail.to, "ana.silva@northwind.example");
    assert_eq!(
        mail.subject,
        "Reminder: Contoso Consulting asks to be recorded as your partner for Online Services Usage for Microsoft 365"
    );
    assert!(
        mail.text.contains(
            "You can still opt out until the end of Wednesday 2 December 2026 (23:59 UTC)."
        ),
        "{}",
        mail.text
    );
    assert!(
        mail.text
            .contains(&format!("{}/customer/about", app.address)),
        "{}",
        mail.text
    );
    assert_eq!(
        portal_rows(&app, "SELECT COUNT(*) AS n FROM opt_out_reminders"),
        1
    );
    // The reminder's own link works.
    let link = opt_out_path(&mail.text);
    let page = app.visitor().get(&link).await;
    assert_eq!(page.count("[data-testid=opt-out-open]"), 1);
    assert_eq!(
        page.text("[data-testid=closes-at]"),
        "the end of Wednesday 2 December 2026 (23:59 UTC)"
    );
}

fn portal_rows(app: &TestApp, sql: &str) -> i64 {
    crate::proof_world::one_number(app, sql)
}

#[actix_web::test]
async fn no_reminder_when_turned_off() {
    let app = spawn_app_with(&[("PORTAL_OPT_OUT_REMINDER_DAYS", "0")]).await;
    validated(&app).await;
    for day in [1, 2] {
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 12, day, 8, 0, 0).unwrap());
        assert_eq!(app.jobs.run_once(app.clock.now()).unwrap().reminded, 0);
    }
    assert!(reminders(&app).is_empty());
}

#[actix_web::test]
async fn no_reminder_after_the_customer_opted_out() {
    let app = spawn_app().await;
    validated(&app).await;
    app.jobs.dispatch(app.clock.now()).unwrap();
    let link = opt_out_path(&app.mailbox.messages()[0].text);
    let customer = app.visitor();
    let token = customer.get(&link).await.csrf_token();
    let res = customer
        .post_form(&link, &[("csrf_token", &token), ("reason", "No thanks.")])
        .await;
    assert_eq!(res.status, 303);
    // After opting out the page no longer says until when one can opt out.
    let done = customer.get(&link).await;
    assert_eq!(done.count("[data-testid=closes-at]"), 0);
    assert!(!done.body.contains("You can opt out until"));

    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    assert_eq!(app.jobs.run_once(app.clock.now()).unwrap().reminded, 0);
    assert!(reminders(&app).is_empty());
}

#[actix_web::test]
async fn the_reminder_speaks_the_customers_language() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = complete_draft_in(&partner, SEATTLE, "Northwind Teams usage", "ja").await;
    let submit = format!("{claim}/submit");
    assert_eq!(partner.submit_form(&submit, &submit, &[]).await.status, 303);
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(decide(&reviewer, &claim, "validate", &[]).await.status, 303);
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    app.jobs.run_once(app.clock.now()).unwrap();
    let sent = reminders(&app);
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0]
            .subject
            .starts_with("リマインダー: Contoso Consulting")
    );
    assert!(
        sent[0].text.contains("2026年12月2日(水) 23:59 UTC まで"),
        "{}",
        sent[0].text
    );
    assert!(sent[0].text.contains("顧客の関連付けとは"));
}

#[actix_web::test]
async fn several_instances_at_once_write_one_reminder() {
    let app = spawn_app().await;
    validated(&app).await;
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let passes = 3;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(passes));
    let handles: Vec<_> = (0..passes)
        .map(|_| {
            let (pool, ctx) = (app.jobs.pool.clone(), app.jobs.context.clone());
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                portal::service::opt_out_reminders::run_once(&pool, &ctx, now).unwrap()
            })
        })
        .collect();
    let written: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(written, 1);
    assert_eq!(
        portal_rows(
            &app,
            "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'customer_reminder'"
        ),
        1
    );
}
