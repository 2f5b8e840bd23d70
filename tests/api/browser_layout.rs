//! How pages are laid out, measured in Chromium: content clear of the header bar and the
//! footer, a brand that is not the first navigation link again, description lists whose
//! labels and values stand in aligned columns, and a filter button that reads as a button.

use fantoccini::Client;
use serde::Deserialize;

use crate::{
    browser::{Chromedriver, sign_in_as, url_of},
    helpers::*,
    review_flow::{SEATTLE, submitted_claim},
};

/// The least room, in CSS pixels, between the header bar or the footer and the content.
const CLEARANCE: f64 = 16.0;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Frame {
    header_bottom: f64,
    content_top: f64,
    content_bottom: f64,
    footer_top: f64,
    brand: String,
    first_nav_link: Option<String>,
}

/// Where the page's visible content starts and ends against the header and the footer.
async fn frame_of(browser: &Client) -> Frame {
    let found = browser
        .execute(
            "const visible = [...document.querySelectorAll('main *')]
               .map(e => e.getBoundingClientRect())
               .filter(b => b.width > 1 && b.height > 1);
             const nav = document.querySelector('.site-nav a');
             return {
               headerBottom: document.querySelector('header').getBoundingClientRect().bottom,
               contentTop: Math.min(...visible.map(b => b.top)),
               contentBottom: Math.max(...visible.map(b => b.bottom)),
               footerTop: document.querySelector('footer').getBoundingClientRect().top,
               brand: document.querySelector('.site-name').textContent.trim(),
               firstNavLink: nav ? nav.textContent.trim() : null,
             };",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

fn assert_framed(frame: &Frame, page: &str) {
    assert!(
        frame.content_top - frame.header_bottom >= CLEARANCE,
        "{page}: the content touches the header bar: {frame:?}"
    );
    assert!(
        frame.footer_top - frame.content_bottom >= CLEARANCE,
        "{page}: the content touches the footer: {frame:?}"
    );
    assert_ne!(
        Some(frame.brand.as_str()),
        frame.first_nav_link.as_deref(),
        "{page}: the brand repeats the first navigation link"
    );
}

/// The left edges of each row's label and value in a description list.
async fn column_edges(browser: &Client, list: &str) -> Vec<(f64, f64)> {
    let found = browser
        .execute(
            "return [...document.querySelectorAll(arguments[0] + ' .summary-row')].map(row => [
               row.querySelector('dt').getBoundingClientRect().left,
               row.querySelector('dd').getBoundingClientRect().left,
             ]);",
            vec![serde_json::json!(list)],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// The sign-in page is measured on the way in.
async fn sign_in(browser: &Client, app: &TestApp, email: &str, home: &str) {
    browser
        .goto(&format!("{}/sign-in", app.address))
        .await
        .unwrap();
    assert_framed(&frame_of(browser).await, "sign-in");
    sign_in_as(browser, app, email, home).await;
}

#[actix_web::test]
async fn pages_keep_their_content_clear_of_the_header_and_footer_and_their_columns_aligned() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;

    let driver = Chromedriver::start();
    let browser = driver.client().await;
    sign_in(&browser, &app, PARTNER, "/associations").await;

    let list = frame_of(&browser).await;
    assert_framed(&list, "the list");
    assert_eq!(
        list.first_nav_link.as_deref(),
        Some("Customer associations")
    );
    // On the grey filter panel, "Apply filters" has a face and an edge of its own.
    let found = browser
        .execute(
            "const button = [...document.querySelectorAll('.filters button')]
               .find(b => b.textContent.trim() === 'Apply filters');
             const own = getComputedStyle(button);
             return [own.backgroundColor, getComputedStyle(button.closest('.filters')).backgroundColor,
                     parseFloat(own.borderTopWidth)];",
            vec![],
        )
        .await
        .unwrap();
    let (face, panel, edge): (String, String, f64) = serde_json::from_value(found).unwrap();
    assert_ne!(face, panel, "the button's face is the panel's colour");
    assert!(edge >= 1.0, "the button has no edge");

    browser.goto(url_of(&app, &claim).as_ref()).await.unwrap();
    assert_framed(&frame_of(&browser).await, "the claim");
    let rows = column_edges(&browser, "[data-testid=claim-details]").await;
    assert!(rows.len() >= 5, "{rows:?}");
    let (label_left, value_left) = rows[0];
    for (label, value) in &rows {
        assert!(
            (label - label_left).abs() < 1.0,
            "labels out of line: {rows:?}"
        );
        assert!(
            (value - value_left).abs() < 1.0,
            "values out of line: {rows:?}"
        );
    }
    assert!(
        value_left - label_left >= 100.0,
        "values sit beside their labels, in a column of their own: {rows:?}"
    );
    browser.close().await.unwrap();

    // A reviewer's pages too, whose first link is another one.
    let browser = driver.client().await;
    sign_in(&browser, &app, REVIEWER, "/review").await;
    assert_framed(&frame_of(&browser).await, "the review queue");
    let case = claim.replace("/associations/", "/review/");
    browser.goto(url_of(&app, &case).as_ref()).await.unwrap();
    assert_framed(&frame_of(&browser).await, "the case");
    browser.close().await.unwrap();
}
