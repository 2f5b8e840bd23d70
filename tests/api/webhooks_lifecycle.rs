//! The events a claim's whole life sends: each status change once, in order, written with
//! the change (submitted → validated → official → expired; rejected → disputed; withdrawn;
//! opted out; action required).

use chrono::{Duration, TimeZone, Utc};
use portal::clock::Clock;

use crate::{
    claim_page_reasons::closing_instant,
    helpers::*,
    review_flow::{
        SEATTLE, decide, dispute, opt_out_path, reject_unsigned, submitted_claim, submitted_claims,
        submitted_dynamics_claim, withdraw,
    },
    webhooks_receiver::*,
};

/// The events the receiver got for `claim`, in order.
fn events_of(receiver: &Receiver, claim: &str) -> Vec<String> {
    let id = claim.rsplit('/').next().unwrap();
    receiver
        .received()
        .iter()
        .filter(|r| r.claim_id() == id)
        .map(Received::event)
        .collect()
}

#[actix_web::test]
async fn a_claim_sends_one_event_per_status_change_through_its_whole_life() {
    let Hooked {
        app,
        receiver,
        partner,
        secret,
        ..
    } = hooked().await;
    let reviewer = app.signed_in(REVIEWER).await;
    let deliver = |at| deliver_at(&app, at);
    let start = app.clock.now();

    // Submitted → validated → official → expired.
    let official = submitted_dynamics_claim(&partner).await;
    decide(&reviewer, &official, "validate", &[]).await;
    deliver(app.clock.now());
    app.jobs.dispatch(app.clock.now()).unwrap();
    app.clock.set(closing_instant());
    app.jobs.run_once(closing_instant()).unwrap();
    let end = Utc.with_ymd_and_hms(2027, 2, 1, 0, 0, 0).unwrap();
    app.clock.set(end);
    assert_eq!(app.jobs.run_once(end).unwrap().expired, 1);
    assert_eq!(
        events_of(&receiver, &official),
        [
            "claim.submitted",
            "claim.validated",
            "claim.official",
            "claim.expired"
        ]
    );

    // Rejected → disputed; asked for information (back at the start: the sessions hold).
    app.clock.set(start);
    let claims = submitted_claims(&partner, SEATTLE, &["Rejected claim", "Asked claim"]).await;
    let (rejected, asked) = (&claims[0], &claims[1]);
    reject_unsigned(&reviewer, rejected).await;
    dispute(&partner, rejected, "The SOW was signed on 2 November.").await;
    let res = decide(&reviewer, asked, "ask", &[("comment", "Which workload?")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    deliver(start + Duration::minutes(1));
    assert_eq!(
        events_of(&receiver, rejected),
        ["claim.submitted", "claim.rejected", "claim.disputed"]
    );
    assert_eq!(
        events_of(&receiver, asked),
        ["claim.submitted", "claim.action_required"]
    );
    assert!(receiver.received().iter().all(|r| signed_with(&secret, r)));
}

#[actix_web::test]
async fn withdrawing_and_opting_out_send_their_events() {
    let Hooked {
        app,
        receiver,
        partner,
        ..
    } = hooked().await;
    let reviewer = app.signed_in(REVIEWER).await;

    let claims = submitted_claims(&partner, SEATTLE, &["Withdrawn claim", "Opted-out claim"]).await;
    let (withdrawn, opted_out) = (&claims[0], &claims[1]);
    withdraw(&partner, withdrawn, "Customer changed plans.").await;

    decide(&reviewer, opted_out, "validate", &[]).await;
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app
        .mailbox
        .messages()
        .into_iter()
        .find(|m| m.text.contains("/customer/opt-out/"))
        .expect("the customer's email");
    let link = opt_out_path(&mail.text);
    let customer = app.visitor();
    let res = customer
        .submit_form(&link, &link, &[("reason", "We work with another partner.")])
        .await;
    assert_eq!(res.status, 303);

    app.jobs.deliver_webhooks().unwrap();
    assert_eq!(
        events_of(&receiver, withdrawn),
        ["claim.submitted", "claim.withdrawn"]
    );
    assert_eq!(
        events_of(&receiver, opted_out),
        ["claim.submitted", "claim.validated", "claim.opted_out"]
    );
}

#[actix_web::test]
async fn an_endpoint_hears_only_the_events_it_chose() {
    let app = spawn_webhook_app().await;
    let receiver = Receiver::start();
    let partner = app.signed_in(PARTNER).await;
    add_endpoint(
        &partner,
        "/webhooks",
        &receiver.url("/"),
        &["claim.validated"],
    )
    .await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    decide(&reviewer, &claim, "validate", &[]).await;
    app.jobs.deliver_webhooks().unwrap();
    assert_eq!(events_of(&receiver, &claim), ["claim.validated"]);
}
