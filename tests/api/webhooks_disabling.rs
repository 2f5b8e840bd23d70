//! An endpoint whose deliveries fail for days: turned off, its owners emailed (in their own
//! language), and sending again once turned on.

use chrono::Duration;
use portal::clock::Clock;

use crate::{
    customer_world::run_sql,
    helpers::*,
    proof_world::one_number,
    review_flow::{SEATTLE, submitted_claim},
    webhooks_receiver::*,
};

#[actix_web::test]
async fn an_endpoint_failing_for_days_is_turned_off_and_its_owners_emailed() {
    let Hooked {
        app,
        receiver,
        partner,
        endpoint,
        ..
    } = hooked().await;
    receiver.answer_with(&[500, 500, 500]);
    submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let start = app.clock.now();
    deliver_at(&app, start);
    let page = partner.get(&endpoint).await;
    assert_eq!(
        page.text("[data-testid=failing-since]"),
        "25 Nov 2026 09:00 UTC"
    );

    // Still failing 4 days later: still on.
    let report = deliver_at(&app, start + Duration::days(4));
    assert_eq!((report.retrying, report.disabled), (1, 0));
    // Five days after the first failure: off, and the organisation's partners told.
    let report = deliver_at(&app, start + Duration::days(5));
    assert_eq!(report.disabled, 1);
    // Signed in again: the clock moved past the session's end.
    let partner = app.signed_in(PARTNER).await;
    let page = partner.get(&endpoint).await;
    assert_eq!(
        page.text("[data-testid=endpoint-state]"),
        "Off after failing"
    );
    let sent = receiver.received().len();
    deliver_at(&app, start + Duration::days(6));
    assert_eq!(
        receiver.received().len(),
        sent,
        "nothing goes to an endpoint that is off"
    );

    app.jobs.dispatch(start + Duration::days(5)).unwrap();
    let mails: Vec<_> = app
        .mailbox
        .messages()
        .into_iter()
        .filter(|m| m.subject == "A webhook endpoint was turned off")
        .collect();
    assert!(!mails.is_empty());
    assert!(mails.iter().any(|m| m.to.contains(PARTNER)), "{mails:?}");
    assert!(!mails.iter().any(|m| m.to.contains(OTHER_PARTNER)));
    assert!(mails[0].text.contains(&receiver.url("/")));
    assert!(
        mails[0].text.contains("failed for 5 days")
            && mails[0]
                .text
                .contains("neither sent to it nor recorded for it")
            && !mails[0].text.contains("resent from its delivery log"),
        "{}",
        mails[0].text
    );
    assert_eq!(
        one_number(
            &app,
            "SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'webhook.disabled_for_failures'"
        ),
        1
    );

    // While it is off, Resend is refused with a message, and nothing is queued.
    let partner = app.signed_in(PARTNER).await;
    let log = format!("{endpoint}/deliveries");
    let page = partner.get(&log).await;
    let resend = page.attr("form[action$='/resend']", "action").unwrap();
    let res = partner
        .post_form(&resend, &[("csrf_token", &page.csrf_token())])
        .await;
    assert_eq!((res.status, res.location()), (303, Some(log.as_str())));
    assert_eq!(
        partner.get(&log).await.text(".flash"),
        "Nothing was resent: the endpoint is off. Turn it on first."
    );
    assert_eq!(
        one_number(
            &app,
            "SELECT COUNT(*) AS n FROM admin_audit WHERE action = 'webhook.resent'"
        ),
        0
    );

    // Turned on again, the pending delivery goes out.
    let token = partner.get(&endpoint).await.csrf_token();
    let res = partner
        .post_form(
            &format!("{endpoint}/enabled"),
            &[("csrf_token", &token), ("enabled", "true")],
        )
        .await;
    assert_eq!(res.status, 303);
    let report = deliver_at(&app, start + Duration::days(6));
    assert_eq!(report.delivered, 1);
    assert_eq!(
        partner
            .get(&endpoint)
            .await
            .text("[data-testid=endpoint-state]"),
        "On"
    );
}

#[actix_web::test]
async fn the_owners_of_an_endpoint_turned_off_are_told_in_their_own_language() {
    let app = spawn_webhook_app().await;
    let receiver = Receiver::start();
    receiver.answer_with(&[500, 500]);
    let admin = app.signed_in(ADMIN).await;
    let chosen = admin
        .submit_form("/account", "/account", &[("language", "ja")])
        .await;
    assert_eq!(chosen.status, 303);
    add_endpoint(&admin, "/admin/webhooks", &receiver.url("/"), &ALL_EVENTS).await;
    let partner = app.signed_in(PARTNER).await;
    submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let start = app.clock.now();
    deliver_at(&app, start);
    let later = start + Duration::days(5);
    assert_eq!(deliver_at(&app, later).disabled, 1);

    app.jobs.dispatch(later).unwrap();
    let told: Vec<_> = app
        .mailbox
        .messages()
        .into_iter()
        .filter(|m| m.subject.contains("Webhook"))
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].to.contains(ADMIN));
    assert_eq!(told[0].subject, "Webhook エンドポイントがオフになりました");
    assert!(told[0].text.contains("5 日間"), "{}", told[0].text);
    assert!(told[0].text.contains("送信も記録もされません"));
    assert!(
        told[0]
            .text
            .contains(&format!("{}/admin/webhooks/", app.address))
    );
}

#[actix_web::test]
async fn an_endpoint_quiet_since_its_last_failure_more_than_a_day_ago_stays_on() {
    let Hooked {
        app,
        receiver,
        partner,
        ..
    } = hooked().await;
    receiver.answer_with(&[500]);
    submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let start = app.clock.now();
    deliver_at(&app, start);
    // The delivery gave up on day 2 (its last retry was due 6 hours after that attempt);
    // the receiver was fixed on day 3 and no event came since.
    run_sql(
        &app,
        "UPDATE webhook_deliveries SET state = 'failed', attempts = 15, \
         next_attempt_at = '2026-11-27 09:00:00'",
    );
    let report = deliver_at(&app, start + Duration::days(5));
    assert_eq!(
        report.disabled, 0,
        "failing since day 0, but quiet for days"
    );

    // Had it given up within the last day, it would be turned off.
    run_sql(
        &app,
        "UPDATE webhook_deliveries SET next_attempt_at = '2026-11-30 08:00:00'",
    );
    let report = deliver_at(&app, start + Duration::days(5) + Duration::minutes(1));
    assert_eq!(report.disabled, 1);
}
