//! Importing claims from a file in Chromium: from the list by its link, the template's
//! columns explained, a file with a bad row refused with its line and column in the error
//! summary, then a good file making the drafts; axe-core on each page.

use crate::{
    browser::{
        Chromedriver, assert_accessible, click_link, keep_screenshot, labelled, press, sign_in_as,
        text_of,
    },
    bulk_claims::HEADER,
    helpers::*,
    review_flow::SEATTLE,
    wizard::NORTHWIND_TENANT,
};

/// A CSV file on disk for the file input, with one row per (name, tenant).
fn csv_file(rows: &[(&str, &str)]) -> std::path::PathBuf {
    let mut text = format!("{HEADER}\r\n");
    for (name, tenant) in rows {
        text.push_str(&format!(
            "{SEATTLE},{tenant},northwind.example,microsoft_365,usage,{name},teams,Ana Silva,IT Director,ana.silva@northwind.example,en,,,,Chris Partner,chris@contoso-consulting.example,,,,\r\n"
        ));
    }
    let path = std::env::temp_dir().join(format!(
        "portal-claims-{}.csv",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::write(&path, text).unwrap();
    path
}

#[actix_web::test]
async fn a_partner_imports_claims_from_a_file_and_corrects_a_bad_row() {
    let app = spawn_app().await;
    let driver = Chromedriver::start();
    let browser = driver.client().await;
    sign_in_as(&browser, &app, PARTNER, "/associations").await;

    click_link(&browser, "Import claims from a file").await;
    assert_accessible(&browser, "import").await;

    let bad = csv_file(&[("Teams rollout", "not-a-guid")]);
    labelled(&browser, "CSV file")
        .await
        .send_keys(&bad.display().to_string())
        .await
        .unwrap();
    press(&browser, "Check and create drafts").await;
    let summary = text_of(&browser, ".error-summary-list").await;
    assert!(summary.contains("Line 2, column tenant_id:"), "{summary}");
    assert_accessible(&browser, "import refused").await;
    keep_screenshot(&browser, "import-refused").await;

    let good = csv_file(&[("Teams rollout", NORTHWIND_TENANT)]);
    labelled(&browser, "CSV file")
        .await
        .send_keys(&good.display().to_string())
        .await
        .unwrap();
    press(&browser, "Check and create drafts").await;
    assert_eq!(text_of(&browser, "td.claim-name a").await, "Teams rollout");
    assert_accessible(&browser, "drafts imported").await;
    let _ = std::fs::remove_file(bad);
    let _ = std::fs::remove_file(good);
}
