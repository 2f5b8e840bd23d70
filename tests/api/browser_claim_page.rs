//! The partner's claim page in Chromium, where it explains itself: a rejected claim, a claim
//! lost to another partner and an official claim with its usage chart. axe-core finds
//! nothing on them; screenshots are kept in `target/screenshots/claim-*.png`.
//!
//! axe-core is read from `AXE_CORE_JS` (the path of `axe.min.js`).

use fantoccini::{Client, Locator};

use crate::{
    browser::{Chromedriver, assert_accessible, sign_in_as},
    claim_page_reasons::{made_official, submitted_sales_claim},
    helpers::*,
    review_flow::{MUNICH, SEATTLE, decide, submitted_claims},
};

async fn open(browser: &Client, app: &TestApp, path: &str, expect: &str) {
    browser
        .goto(&format!("{}{path}", app.address))
        .await
        .unwrap();
    browser
        .wait()
        .for_element(Locator::Css(expect))
        .await
        .unwrap_or_else(|_| panic!("{path} shows `{expect}`"));
}

#[actix_web::test]
async fn the_claim_page_explains_rejections_conflicts_and_usage_without_accessibility_faults() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let contoso = app.signed_in(PARTNER).await;

    // One partner's two claims on the same products: both complete before either is submitted.
    let claims = submitted_claims(
        &contoso,
        SEATTLE,
        &["Northwind Teams usage", "Northwind SharePoint workshop"],
    )
    .await;
    let (official, rejected) = (&claims[0], &claims[1]);
    made_official(&app, &reviewer, official).await;
    let held = submitted_sales_claim(&fabrikam, MUNICH, "Fabrikam Sales").await;
    // Submitted while the subscription was free (the products step offers no other way).
    let lost = submitted_sales_claim(&contoso, SEATTLE, "Northwind Sales usage").await;
    made_official(&app, &reviewer, &held).await;
    assert_eq!(decide(&reviewer, &lost, "validate", &[]).await.status, 303);
    let res = decide(
        &reviewer,
        rejected,
        "reject",
        &[
            ("reason", "insufficient_proof_of_execution"),
            (
                "reason_text",
                "The statement of work is not signed by the customer.",
            ),
        ],
    )
    .await;
    assert_eq!(res.status, 303);

    let driver = Chromedriver::start();
    let browser = driver.client().await;
    browser.set_window_size(1024, 1400).await.unwrap();
    sign_in_as(&browser, &app, PARTNER, "/associations").await;

    open(&browser, &app, rejected, "[data-testid=rejection-text]").await;
    assert_accessible(&browser, "claim-rejected").await;
    open(&browser, &app, &lost, "[data-testid=taken-key]").await;
    assert_accessible(&browser, "claim-lost-to-conflict").await;
    open(&browser, &app, official, "[data-testid=usage-chart] svg").await;
    // Scrolled to the chart, so the screenshot shows it.
    browser
        .execute(
            "document.getElementById('usage-heading').scrollIntoView(); return true;",
            vec![],
        )
        .await
        .unwrap();
    assert_accessible(&browser, "claim-official-chart").await;
    browser.close().await.unwrap();
}
