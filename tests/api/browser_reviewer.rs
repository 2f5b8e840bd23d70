//! The reviewer in Chromium: the queue searched for a partner, its row marked as competing,
//! and the case page with the competing claims before the decisions; axe-core finds nothing
//! on either page. The case page is kept as `target/screenshots/review-case-competing.png`.
//!
//! axe-core is read from `AXE_CORE_JS` (the path of `axe.min.js`; `.ci/run` fetches it
//! and sets it).

use fantoccini::Locator;

use crate::{
    browser::{Chromedriver, assert_accessible, click, press, sign_in_as, text_of, type_into},
    helpers::*,
    review_competing::{NORTHWIND, submitted_on},
    review_flow::{MUNICH, SEATTLE},
};

#[actix_web::test]
async fn a_reviewer_searches_the_queue_and_sees_the_competing_claims_before_deciding() {
    let app = spawn_app().await;
    let contoso = app.signed_in(PARTNER).await;
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    submitted_on(&contoso, SEATTLE, "Contoso Teams", NORTHWIND, &["teams"]).await;
    submitted_on(
        &fabrikam,
        MUNICH,
        "Fabrikam Teams and Exchange",
        NORTHWIND,
        &["teams", "exchange-online"],
    )
    .await;

    let driver = Chromedriver::start();
    let browser = driver.client().await;
    sign_in_as(&browser, &app, REVIEWER, "/review").await;

    type_into(&browser, "Search", "contoso").await;
    press(&browser, "Apply filters").await;
    browser
        .wait()
        .for_element(Locator::Css("input#q[value=contoso]"))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, "[data-testid=review-queue] tbody .claim-name").await,
        "Contoso Teams Competing claim"
    );
    assert_accessible(&browser, "review-queue-searched").await;

    click(&browser, "[data-testid=review-queue] .claim-name a").await;
    assert_eq!(
        text_of(&browser, "[data-testid=competing-claims] .competing-claim").await,
        "Fabrikam Teams and Exchange"
    );
    assert_accessible(&browser, "review-case-competing").await;
    // The status panel points to the competing claims; the screenshot shows them.
    click(&browser, "[data-testid=competing-summary] a").await;
    browser.close().await.unwrap();
}
