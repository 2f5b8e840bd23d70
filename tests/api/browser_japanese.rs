//! The wizard in Chromium set to Japanese, driven by its Japanese labels and buttons, and the
//! customer opting out on the Japanese page; axe-core finds nothing on these pages.
//!
//! axe-core is read from `AXE_CORE_JS` (the path of `axe.min.js`; `.ci/run` fetches it
//! and sets it).

use fantoccini::{Client, Locator};
use portal::clock::Clock;

use crate::{
    browser::{
        Chromedriver, assert_accessible, click_link, labelled, press, text_of, type_into, url_of,
        wait_for,
    },
    helpers::*,
    review_flow::{decide, opt_out_path},
    wizard::NORTHWIND_TENANT,
};

async fn lang_of(browser: &Client) -> String {
    browser
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap()
        .unwrap_or_default()
}

fn poe_file() -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("portal-poe-{}.pdf", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, b"%PDF-1.7\nsigned statement of work\n").unwrap();
    path
}

/// Steps 1–3 by their Japanese labels; the browser ends on the new claim's products step.
async fn create_claim_in_japanese(browser: &Client, app: &TestApp) {
    browser
        .goto(&format!("{}/sign-in", app.address))
        .await
        .unwrap();
    assert_eq!(lang_of(browser).await, "ja");
    type_into(browser, "メール アドレス", PARTNER).await;
    type_into(browser, "パスワード", DEMO_PASSWORD).await;
    press(browser, "サインイン").await;
    browser
        .wait()
        .for_url(&url_of(app, "/associations"))
        .await
        .unwrap();

    click_link(browser, "+ 顧客の関連付け").await;
    labelled(browser, "Contoso Consulting – Seattle (MPN ID 4651234)")
        .await
        .click()
        .await
        .unwrap();
    type_into(browser, "顧客のドメイン名", "northwind.example").await;
    type_into(
        browser,
        "顧客のディレクトリ (テナント) ID",
        NORTHWIND_TENANT,
    )
    .await;
    press(browser, "続行").await;

    labelled(browser, "Microsoft 365")
        .await
        .click()
        .await
        .unwrap();
    labelled(browser, "使用状況").await.click().await.unwrap();
    press(browser, "続行").await;

    type_into(browser, "要求名", "Northwind – Teams の導入").await;
    press(browser, "要求の作成").await;
    // The wizard goes on to the new claim's products.
    wait_for(browser, "#product_ids").await;
    assert_eq!(
        text_of(browser, "[role=status]").await,
        "要求を下書きとして保存しました。"
    );
}

#[actix_web::test]
async fn a_japanese_partner_and_customer_go_through_the_japanese_pages() {
    let app = spawn_app().await;
    let driver = Chromedriver::start();
    let browser = driver.client_speaking("ja").await;
    create_claim_in_japanese(&browser, &app).await;
    assert_accessible(&browser, "ja-products").await;

    labelled(&browser, "Microsoft Teams")
        .await
        .click()
        .await
        .unwrap();
    press(&browser, "続行").await;

    wait_for(&browser, "#customer_contact_name").await;
    let fields = browser.find_all(Locator::Css("input.input")).await.unwrap();
    let values = [
        "山田 花子",
        "情報システム部長",
        "hanako.yamada@northwind.example",
        "Chris Partner",
        "chris@contoso-consulting.example",
    ];
    assert_eq!(fields.len(), values.len());
    for (field, value) in fields.iter().zip(values) {
        field.send_keys(value).await.unwrap();
    }
    let japanese = labelled(&browser, "日本語").await;
    assert!(
        japanese.is_selected().await.unwrap(),
        "the partner's language"
    );
    assert_accessible(&browser, "ja-contacts").await;
    press(&browser, "続行").await;

    wait_for(&browser, "#files").await;
    assert_accessible(&browser, "ja-files").await;
    let file = poe_file();
    labelled(&browser, "ファイルのアップロード")
        .await
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    // Continue uploads the chosen file and goes on to check and submit.
    press(&browser, "続行").await;
    wait_for(&browser, "[data-testid=submit-claim]").await;
    assert_accessible(&browser, "ja-check-and-submit").await;
    press(&browser, "請求の送信").await;
    wait_for(&browser, "[data-testid=claim-next]").await;
    assert_eq!(
        text_of(&browser, "[data-testid=claim-status]").await,
        "送信済み"
    );
    let _ = std::fs::remove_file(file);

    // Validated: the customer's email links to the Japanese page, where they opt out.
    let claim = browser.current_url().await.unwrap().path().to_owned();
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(decide(&reviewer, &claim, "validate", &[]).await.status, 303);
    app.jobs.dispatch(app.clock.now()).unwrap();
    let link = opt_out_path(&app.mailbox.messages()[0].text);
    browser.delete_all_cookies().await.unwrap();
    browser
        .goto(&format!("{}{link}", app.address))
        .await
        .unwrap();
    assert_eq!(lang_of(&browser).await, "ja");
    assert_eq!(
        text_of(&browser, "main h1").await,
        "パートナーが貴社の担当パートナーとしての登録を求めています"
    );
    assert_accessible(&browser, "ja-opt-out").await;
    type_into(
        &browser,
        "オプトアウトの理由（省略可）",
        "他のパートナーと契約しています。",
    )
    .await;
    press(&browser, "オプトアウト").await;
    wait_for(&browser, "[data-testid=opt-out-opted_out]").await;
    assert_eq!(text_of(&browser, "main h1").await, "オプトアウトしました");
    assert_accessible(&browser, "ja-opted-out").await;
    browser.close().await.unwrap();
}
