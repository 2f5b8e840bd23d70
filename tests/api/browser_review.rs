//! Review and opt-out in Chromium: a reviewer validates, the customer's email shows up in
//! the development mailbox, its link is followed and the customer opts out.

use portal::clock::Clock;

use crate::{
    browser::{Chromedriver, click, press, sign_in_as, text_of, type_into, url_of},
    helpers::*,
    review_flow::{SEATTLE, submitted_claim},
};

#[actix_web::test]
async fn a_reviewer_validates_and_the_customer_opts_out_from_the_emailed_link() {
    let app = spawn_app_with_configured_mail(&[]).await;
    let partner = app.signed_in(PARTNER).await;
    submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;

    let driver = Chromedriver::start();
    let browser = driver.client().await;
    sign_in_as(&browser, &app, REVIEWER, "/review").await;

    click(&browser, "[data-testid=review-queue] .claim-name a").await;
    assert_eq!(
        text_of(&browser, "[data-testid=claim-status]").await,
        "Submitted"
    );
    press(&browser, "Validate").await;
    assert_eq!(
        text_of(&browser, "[role=status]").await,
        "Claim validated. The customer will be emailed."
    );
    assert_eq!(
        text_of(&browser, "[data-testid=claim-status]").await,
        "Pending customer"
    );
    press(&browser, "Sign out").await;
    // Let the sign-out finish before going anywhere else.
    browser
        .wait()
        .for_url(&url_of(&app, "/sign-in"))
        .await
        .unwrap();

    assert_eq!(app.jobs.dispatch(app.clock.now()).unwrap().sent, 1);
    browser
        .goto(&format!("{}/dev/mailbox", app.address))
        .await
        .unwrap();
    click(&browser, "[data-testid=mailbox] .mail-subject a").await;
    click(&browser, "[data-testid=mail-body] a").await;
    assert_eq!(
        text_of(&browser, "[data-testid=partner]").await,
        "Contoso Consulting"
    );
    type_into(
        &browser,
        "Why do you opt out? (optional)",
        "We have our own team.",
    )
    .await;
    press(&browser, "Opt out").await;
    // Wait for the confirmation page itself, not the form page still showing.
    assert_eq!(
        text_of(&browser, "[data-testid=opt-out-opted_out] h1").await,
        "You have opted out"
    );

    let claim_status = partner
        .get("/associations?status=opted_out")
        .await
        .texts("tbody .claim-name");
    assert_eq!(claim_status, ["Northwind Teams usage"]);
    browser.close().await.unwrap();
}
