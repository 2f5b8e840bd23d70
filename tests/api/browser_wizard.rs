//! The whole wizard in Chromium, the way a partner user goes through it: with the mouse,
//! and with the keyboard only.

use fantoccini::{
    Client, Locator,
    actions::{InputSource, KeyAction, KeyActions},
    key::Key,
};

use crate::{
    browser::{
        Chromedriver, assert_accessible, axe_violations, click_link, keep_screenshot, labelled,
        press, sign_in_as, text_of, type_into,
    },
    helpers::*,
    saved_views::make_world,
    wizard::NORTHWIND_TENANT,
};

async fn sign_in(browser: &Client, app: &TestApp) {
    sign_in_as(browser, app, PARTNER, "/associations").await;
}

/// A small PDF on disk for the file input.
fn poe_file() -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("portal-poe-{}.pdf", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, b"%PDF-1.7\nsigned statement of work\n").unwrap();
    path
}

#[actix_web::test]
async fn a_partner_completes_the_wizard_and_sees_the_claim_submitted() {
    let app = spawn_app().await;
    let driver = Chromedriver::start();
    let browser = driver.client().await;
    sign_in(&browser, &app).await;

    click_link(&browser, "+ Customer association").await;
    labelled(&browser, "Contoso Consulting – Seattle (MPN ID 4651234)")
        .await
        .click()
        .await
        .unwrap();
    type_into(&browser, "Customer's domain name", "northwind.example").await;
    type_into(
        &browser,
        "Customer's directory (tenant) ID",
        NORTHWIND_TENANT,
    )
    .await;
    press(&browser, "Continue").await;

    labelled(&browser, "Microsoft 365")
        .await
        .click()
        .await
        .unwrap();
    labelled(&browser, "Usage").await.click().await.unwrap();
    press(&browser, "Continue").await;

    type_into(&browser, "Claim name", "Northwind – Teams adoption").await;
    press(&browser, "Create claim").await;
    // The wizard goes on: products, contacts, files, then check and submit (read once the
    // products step has loaded, not the page that is being left).
    browser
        .wait()
        .for_element(Locator::Id("product_ids-teams"))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, ".caption").await,
        "Step 4 of 7 · Northwind – Teams adoption"
    );
    labelled(&browser, "Microsoft Teams")
        .await
        .click()
        .await
        .unwrap();
    press(&browser, "Continue").await;

    browser
        .wait()
        .for_element(Locator::Id("customer_contact_name"))
        .await
        .unwrap();
    let fields = browser.find_all(Locator::Css("input.input")).await.unwrap();
    let values = [
        "Ana Silva",
        "IT Director",
        "ana.silva@northwind.example",
        "Chris Partner",
        "chris@contoso-consulting.example",
    ];
    assert_eq!(fields.len(), values.len());
    for (field, value) in fields.iter().zip(values) {
        field.send_keys(value).await.unwrap();
    }
    press(&browser, "Continue").await;

    browser
        .wait()
        .for_element(Locator::Id("files"))
        .await
        .unwrap();
    let file = poe_file();
    labelled(&browser, "Upload files")
        .await
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    press(&browser, "Upload").await;
    let listed = text_of(&browser, "[data-testid=files] .file-name").await;
    assert!(listed.starts_with("portal-poe-"), "{listed}");
    press(&browser, "Continue").await;

    browser
        .wait()
        .for_element(Locator::Css("[data-testid=submit-claim]"))
        .await
        .unwrap();
    press(&browser, "Submit claim").await;
    assert_eq!(
        text_of(&browser, "[data-testid=claim-status]").await,
        "Submitted"
    );

    click_link(&browser, "History").await;
    browser
        .wait()
        .for_element(Locator::Css("[data-testid=history]"))
        .await
        .unwrap();
    let changes = browser
        .find_all(Locator::Css("[data-testid=history] tbody td:nth-child(3)"))
        .await
        .unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1].text().await.unwrap(), "Draft → Submitted");

    browser
        .goto(&format!("{}/associations", app.address))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, "tbody .claim-name").await,
        "Northwind – Teams adoption"
    );
    assert_eq!(text_of(&browser, "tbody .claim-status").await, "Submitted");
    let _ = std::fs::remove_file(file);
    browser.close().await.unwrap();
}

/// Presses Tab until the element with `id` has focus (at most 60 times), proving it can be
/// reached in the page's focus order.
pub async fn tab_to(browser: &Client, id: &str) {
    tab_until(browser, id, |el_id, _| el_id == id).await;
}

/// Presses Tab until a link or button with exactly this text has focus, then Enter.
pub async fn activate(browser: &Client, text: &str) {
    tab_until(browser, text, |_, el_text| el_text == text).await;
    press_key(browser, Key::Enter).await;
}

/// A key press on whatever has focus, as the keyboard sends it (not typed into an element:
/// typing into a file input would name a file).
pub async fn press_key(browser: &Client, key: Key) {
    let key: char = key.into();
    let press = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    browser.perform_actions(press).await.unwrap();
}

async fn tab_until(browser: &Client, what: &str, found: impl Fn(&str, &str) -> bool) {
    for _ in 0..60 {
        // A page still loading can swap the focused element under us: look again.
        let Ok(active) = browser.active_element().await else {
            continue;
        };
        let (Ok(id), Ok(text)) = (active.attr("id").await, active.text().await) else {
            continue;
        };
        if found(&id.unwrap_or_default(), text.trim()) {
            return;
        }
        press_key(browser, Key::Tab).await;
    }
    panic!("`{what}` is not reachable with Tab");
}

/// Tabs to the element and types into it (or presses keys on it).
pub async fn key_in(browser: &Client, id: &str, keys: &str) {
    tab_to(browser, id).await;
    browser
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

#[actix_web::test]
async fn the_whole_wizard_works_with_the_keyboard_only() {
    let app = spawn_app().await;
    let driver = Chromedriver::start();
    let browser = driver.client().await;
    sign_in(&browser, &app).await;
    browser
        .goto(&format!("{}/associations/new", app.address))
        .await
        .unwrap();

    let enter = Key::Enter.to_string();
    assert_accessible(&browser, "wizard-customer").await;
    // Radios: Tab reaches the group, the arrow keys and Space choose.
    key_in(&browser, "location_mpn_id", " ").await;
    key_in(&browser, "domain_name", "northwind.example").await;
    key_in(&browser, "tenant_id", &format!("{NORTHWIND_TENANT}{enter}")).await;
    browser
        .wait()
        .for_element(Locator::Css("#solution_area"))
        .await
        .unwrap();

    assert_accessible(&browser, "wizard-programme").await;
    key_in(&browser, "claim_type", " ").await;
    key_in(&browser, "solution_area", " ").await;
    key_in(&browser, "activity", &Key::Down.to_string()).await;
    browser
        .active_element()
        .await
        .unwrap()
        .send_keys(&enter)
        .await
        .unwrap();
    browser
        .wait()
        .for_element(Locator::Css("#claim_name"))
        .await
        .unwrap();

    assert_accessible(&browser, "wizard-claim name").await;
    key_in(&browser, "claim_name", &format!("Keyboard claim{enter}")).await;

    // Create claim leads on to the products step, and each Continue to the next step.
    browser
        .wait()
        .for_element(Locator::Id("product_ids-teams"))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, ".caption").await,
        "Step 4 of 7 · Keyboard claim"
    );
    assert_accessible(&browser, "wizard-products").await;
    key_in(&browser, "product_ids-teams", " ").await;
    activate(&browser, "Continue").await;

    browser
        .wait()
        .for_element(Locator::Id("customer_contact_name"))
        .await
        .unwrap();
    assert_accessible(&browser, "wizard-contacts").await;
    key_in(&browser, "customer_contact_name", "Ana Silva").await;
    key_in(&browser, "customer_contact_job_title", "IT Director").await;
    key_in(
        &browser,
        "customer_contact_email",
        "ana.silva@northwind.example",
    )
    .await;
    key_in(&browser, "company_contact_name", "Chris Partner").await;
    key_in(
        &browser,
        "company_contact_email",
        &format!("chris@contoso-consulting.example{enter}"),
    )
    .await;

    browser
        .wait()
        .for_element(Locator::Id("files"))
        .await
        .unwrap();
    assert_accessible(&browser, "wizard-files").await;
    // A file chooser is the operating system's; the keyboard user reaches the input and
    // chooses the file, which WebDriver does by sending its path. Continue uploads it.
    let file = poe_file();
    key_in(&browser, "files", &file.display().to_string()).await;
    activate(&browser, "Continue").await;

    // Submit claim is offered only once nothing is missing: the chosen file was uploaded.
    browser
        .wait()
        .for_element(Locator::Css("[data-testid=submit-claim]"))
        .await
        .unwrap();
    assert_accessible(&browser, "wizard-check and submit").await;
    activate(&browser, "Submit claim").await;
    browser
        .wait()
        .for_element(Locator::Css("[data-testid=claim-next]"))
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, "[data-testid=claim-status]").await,
        "Submitted"
    );
    let _ = std::fs::remove_file(file);
    browser.close().await.unwrap();
}

#[actix_web::test]
async fn the_list_shows_its_saved_views_with_their_counts() {
    let app = spawn_app().await;
    make_world(&app);
    let driver = Chromedriver::start();
    let browser = driver.client().await;
    sign_in(&browser, &app).await;
    click_link(&browser, "Needs your action (3 claims)").await;
    browser
        .wait()
        .for_element(Locator::Css("a[aria-current=page][data-view=needs_action]"))
        .await
        .unwrap();
    let rows = browser
        .find_all(Locator::Css("tbody tr[data-claim]"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    let violations = axe_violations(&browser).await;
    assert!(violations.is_empty(), "{violations:#?}");
    keep_screenshot(&browser, "list-saved-views").await;
    browser.close().await.unwrap();
}
