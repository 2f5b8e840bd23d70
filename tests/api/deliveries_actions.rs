//! `/admin/deliveries`: **Send now** makes a pending email due at once and **Retry** puts a
//! failed one back in the queue; each is recorded in the administrators' changes, and the
//! dispatcher's next pass (`run_once`) delivers. Only administrators may.

use chrono::Duration;
use diesel::RunQueryDsl;
use portal::clock::Clock;
use scraper::Selector;

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, submitted_claims},
    smtp_sink::SmtpSink,
};

const PAGE: &str = "/admin/deliveries";

/// (id, state, attempts) of each listed delivery, oldest first.
fn deliveries(page: &Response) -> Vec<(String, String, String)> {
    let rows = Selector::parse("[data-testid=deliveries] tbody tr").unwrap();
    let state = Selector::parse(".delivery-state").unwrap();
    let attempts = Selector::parse(".delivery-attempts").unwrap();
    let text = |e: scraper::ElementRef<'_>| e.text().collect::<String>().trim().to_owned();
    page.html()
        .select(&rows)
        .map(|row| {
            (
                row.value().attr("data-delivery").unwrap().to_owned(),
                text(row.select(&state).next().unwrap()),
                text(row.select(&attempts).next().unwrap()),
            )
        })
        .collect()
}

/// The buttons of the row of delivery `id`.
fn buttons_of(page: &Response, id: &str) -> Vec<String> {
    page.texts(&format!("tr[data-delivery='{id}'] button[data-testid]"))
}

#[actix_web::test]
async fn send_now_and_retry_make_emails_due_and_the_next_pass_delivers_them() {
    let sink = SmtpSink::reserve();
    let settings = sink.settings();
    let mut overrides: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // One email per claim: no reminder to the customer among them.
    overrides.push(("PORTAL_OPT_OUT_REMINDER_DAYS", "0"));
    let app = spawn_app_with_configured_mail(&overrides).await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let admin = app.signed_in(ADMIN).await;
    let now = app.clock.now();

    // The mail server is down: the first email fails ten times and is given up.
    // Two claims on one key of one partner: both made complete before either is submitted.
    let [first, second] =
        &submitted_claims(&partner, SEATTLE, &["Northwind one", "Northwind two"]).await[..]
    else {
        unreachable!()
    };
    let (first, second) = (first.clone(), second.clone());
    assert_eq!(decide(&reviewer, &first, "validate", &[]).await.status, 303);
    for day in 0..10 {
        app.jobs.run_once(now + Duration::days(day)).unwrap();
    }
    let page = admin.get(PAGE).await;
    let [(failed, state, _)] = &deliveries(&page)[..] else {
        panic!("one delivery: {:?}", deliveries(&page));
    };
    assert_eq!(state, "Failed");
    assert_eq!(
        buttons_of(&page, failed),
        ["Retry now ana.silva@northwind.example"]
    );

    // The second fails once and backs off.
    assert_eq!(
        decide(&reviewer, &second, "validate", &[]).await.status,
        303
    );
    assert_eq!(app.jobs.run_once(now).unwrap().mail.retrying, 1);
    let page = admin.get(PAGE).await;
    let rows = deliveries(&page);
    let (pending, state, attempts) = rows.iter().find(|r| &r.0 != failed).unwrap().clone();
    assert_eq!((state.as_str(), attempts.as_str()), ("Retrying", "1"));
    assert_eq!(
        buttons_of(&page, &pending),
        ["Send now ana.silva@northwind.example"]
    );

    // The server is back, but nothing is due yet.
    sink.start();
    assert_eq!(app.jobs.run_once(now).unwrap().mail.sent, 0);

    // Neither a reviewer nor a partner may nudge an email.
    for (visitor, own_page) in [(&reviewer, "/review"), (&partner, "/associations")] {
        let res = visitor
            .submit_form(
                own_page,
                &format!("/admin/deliveries/{pending}/send-now"),
                &[],
            )
            .await;
        assert_eq!(res.status, 403);
    }
    // Each button applies to its own state only; the other changes nothing and says so.
    for wrong in [
        format!("/admin/deliveries/{failed}/send-now"),
        format!("/admin/deliveries/{pending}/retry"),
    ] {
        let res = admin.submit_form(PAGE, &wrong, &[]).await;
        assert_eq!((res.status, res.location()), (303, Some(PAGE)), "{wrong}");
        let page = admin.get(PAGE).await;
        assert_eq!(
            page.text("[role=status]"),
            "That email was not changed: it is being sent or was sent since the page was shown. The list shows where it stands now."
        );
        assert_eq!(page.count("tr[data-delivery]"), 2);
    }
    // A row a dispatcher holds is being sent: Send now leaves it alone.
    diesel::sql_query(format!(
        "UPDATE outbox SET leased_until = '2099-01-01 00:00:00', lease_token = 'held' WHERE id = '{pending}'"
    ))
    .execute(&mut **app.pool.get().unwrap())
    .unwrap();
    let res = admin
        .submit_form(PAGE, &format!("/admin/deliveries/{pending}/send-now"), &[])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        admin.get(PAGE).await.text("[role=status]"),
        "That email was not changed: it is being sent or was sent since the page was shown. The list shows where it stands now."
    );
    diesel::sql_query(format!(
        "UPDATE outbox SET leased_until = NULL, lease_token = NULL WHERE id = '{pending}'"
    ))
    .execute(&mut **app.pool.get().unwrap())
    .unwrap();

    let res = admin
        .submit_form(PAGE, &format!("/admin/deliveries/{pending}/send-now"), &[])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some(PAGE));
    let page = admin.get(PAGE).await;
    assert_eq!(
        page.text("[role=status]"),
        "The email will be sent with the next delivery run."
    );
    // Send now keeps the attempts so far.
    assert!(deliveries(&page).contains(&(pending.clone(), "Retrying".into(), "1".into())));

    let res = admin
        .submit_form(PAGE, &format!("/admin/deliveries/{failed}/retry"), &[])
        .await;
    assert_eq!(res.status, 303);
    let page = admin.get(PAGE).await;
    assert_eq!(page.text("[role=status]"), "The email will be sent again.");
    // Retry starts a fresh series of attempts.
    assert!(deliveries(&page).contains(&(failed.clone(), "Pending".into(), "0".into())));

    let pass = app.jobs.run_once(now).unwrap();
    assert_eq!(pass.mail.sent, 2);
    assert_eq!(sink.received().len(), 2);
    assert_eq!(
        admin
            .get(PAGE)
            .await
            .count("[data-testid=deliveries-empty]"),
        1
    );

    // Both are recorded among the administrators' changes.
    let overview = admin.get("/admin").await;
    let changes = overview.texts("[data-testid=admin-changes] .change-what");
    let recorded = |what: String| changes.iter().any(|c| c.starts_with(&what));
    assert!(
        recorded(format!("Email sent now: {pending}")),
        "{changes:?}"
    );
    assert!(
        recorded(format!("Failed email retried: {failed}")),
        "{changes:?}"
    );
    assert_eq!(
        overview.texts("[data-testid=admin-changes] .change-who")[0],
        overview.texts("[data-testid=admin-changes] .change-who")[1]
    );
}
