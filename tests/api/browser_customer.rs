//! The customer in Chromium: from the link in their email to every partner association on
//! their tenant, ending one with a reason by keyboard alone; axe-core finds nothing on the
//! opt-out page, the tenant view, the confirmation page and the about page. The tenant view
//! is kept as `target/screenshots/customer-tenant-view.png`.

use fantoccini::{Client, Locator, key::Key};

use crate::{
    browser::{Chromedriver, assert_accessible, keep_screenshot, text_of},
    customer_world::{claim_id, northwind},
    helpers::*,
};

/// Presses `key` on whatever has the keyboard focus.
async fn press_key(browser: &Client, key: Key) {
    browser
        .active_element()
        .await
        .unwrap()
        .send_keys(&String::from(char::from(key)))
        .await
        .unwrap();
}

#[actix_web::test]
async fn the_customer_ends_an_association_from_their_tenant_view_by_keyboard() {
    let app = spawn_app().await;
    let world = northwind(&app).await;
    let driver = Chromedriver::start();
    let browser = driver.client().await;

    // The link in the email about Fabrikam's claim: the claim, and the way to the rest.
    browser
        .goto(&format!("{}{}", app.address, world.pending_link))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, "[data-testid=partner]").await,
        "Fabrikam Partners"
    );
    assert_accessible(&browser, "customer-opt-out").await;
    let to_view = browser
        .find(Locator::Css("[data-testid=tenant-view-link]"))
        .await
        .unwrap();
    to_view
        .send_keys(&String::from(char::from(Key::Enter)))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, "[data-testid=tenant-associations] caption").await,
        "Partner associations on your tenant"
    );
    assert_accessible(&browser, "customer-tenant-view").await;
    browser.set_window_size(1280, 900).await.unwrap();
    keep_screenshot(&browser, "customer-tenant-view").await;

    // Contoso's official association: its link, then the reason, then the button — keys only.
    let end = browser
        .find(Locator::Css(&format!(
            "tr[data-claim='{}'] a[data-testid=end]",
            claim_id(&world.contoso)
        )))
        .await
        .unwrap();
    end.send_keys(&String::from(char::from(Key::Enter)))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, "main h1").await,
        "End this partner association"
    );
    assert_accessible(&browser, "customer-end-association").await;
    browser
        .find(Locator::Id("reason"))
        .await
        .unwrap()
        .send_keys("We no longer work with Contoso.")
        .await
        .unwrap();
    press_key(&browser, Key::Tab).await;
    let focused = browser.active_element().await.unwrap();
    assert_eq!(focused.text().await.unwrap(), "End association");
    press_key(&browser, Key::Enter).await;
    assert_eq!(text_of(&browser, "[data-testid=ended] h2").await, "Done");
    let status = browser
        .find(Locator::Css(&format!(
            "tr[data-claim='{}'] .status-cell",
            claim_id(&world.contoso)
        )))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(status, "Opted out");

    browser
        .goto(&format!("{}/customer/about", app.address))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, "main h1").await,
        "What is a customer association?"
    );
    assert_accessible(&browser, "customer-about").await;
    browser.close().await.unwrap();
}
