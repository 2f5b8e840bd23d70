//! A partner adds a webhook endpoint in Chromium with the keyboard only; the list, the form
//! (with its errors), the endpoint and its delivery log have no axe-core violations.

use fantoccini::Locator;

use crate::{
    browser::{Chromedriver, assert_accessible, sign_in_as, text_of},
    browser_wizard::{activate, key_in},
    helpers::*,
    review_flow::{SEATTLE, submitted_claim},
};

#[actix_web::test]
async fn a_partner_adds_an_endpoint_with_the_keyboard_and_reads_its_delivery_log() {
    let app = spawn_app().await;
    let driver = Chromedriver::start();
    let browser = driver.client().await;
    sign_in_as(&browser, &app, PARTNER, "/associations").await;
    browser
        .goto(&format!("{}/webhooks", app.address))
        .await
        .unwrap();
    assert_accessible(&browser, "webhooks-list").await;

    // Sent empty: the summary names both problems.
    activate(&browser, "Add endpoint").await;
    browser
        .wait()
        .for_element(Locator::Css("[data-error-summary]"))
        .await
        .unwrap();
    assert_accessible(&browser, "webhooks-form-errors").await;

    key_in(&browser, "url", "https://crm.contoso.example/portal-events").await;
    key_in(&browser, "description", "Dynamics 365 sync").await;
    // Checkboxes: Tab reaches each, Space ticks it.
    key_in(&browser, "events", " ").await;
    key_in(&browser, "events-claim-official", " ").await;
    activate(&browser, "Add endpoint").await;
    browser
        .wait()
        .for_element(Locator::Id("new-secret-value"))
        .await
        .unwrap();
    let secret = browser
        .find(Locator::Id("new-secret-value"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(secret.starts_with("whsec_"), "{secret}");
    assert_eq!(
        text_of(&browser, ".endpoint-url").await,
        "https://crm.contoso.example/portal-events"
    );
    assert_eq!(
        text_of(&browser, ".endpoint-events").await,
        "Claim submitted, Association official"
    );
    assert_accessible(&browser, "webhooks-new-secret").await;

    activate(&browser, "Go to the endpoint").await;
    browser
        .wait()
        .for_element(Locator::Css("[data-testid=endpoint-url]"))
        .await
        .unwrap();
    assert_accessible(&browser, "webhook-endpoint").await;

    // A claim submitted meanwhile: its delivery is in the log, waiting.
    let partner = app.signed_in(PARTNER).await;
    submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    activate(&browser, "Delivery log").await;
    browser
        .wait()
        .for_element(Locator::Css("[data-testid=webhook-deliveries]"))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, ".delivery-event").await,
        "Claim submitted"
    );
    assert_accessible(&browser, "webhook-deliveries").await;
    browser.close().await.unwrap();
}
