//! Headless Chromium through chromedriver (Debian's `chromium` and `chromium-driver`).

use std::{
    net::TcpStream,
    os::unix::process::CommandExt,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::helpers::*;

pub struct Chromedriver {
    child: Child,
    port: u16,
    profile: std::path::PathBuf,
}

impl Chromedriver {
    pub fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let binary =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        // A process group of its own, so dropping it ends the browsers it started too (a
        // test that panics never closes its session, and chromedriver killed leaves them).
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {binary} (install Debian's chromium-driver; .ci/run does): {e}"
                )
            });
        // Readiness, not a timed assertion: wait until chromedriver accepts connections.
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile =
            std::env::temp_dir().join(format!("portal-chromium-{}", uuid::Uuid::new_v4().simple()));
        Chromedriver {
            child,
            port,
            profile,
        }
    }

    pub async fn client(&self) -> fantoccini::Client {
        self.client_speaking("en-US").await
    }

    /// A browser whose language (and so its `Accept-Language`) is `language`.
    pub async fn client_speaking(&self, language: &str) -> fantoccini::Client {
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let options = serde_json::json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", format!("--user-data-dir={}", self.profile.display()),
                format!("--lang={language}"),
            ],
            "prefs": { "intl.accept_languages": language },
        });
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("chromedriver session")
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The input a `<label>` with exactly this text points to.
pub async fn labelled(browser: &fantoccini::Client, label: &str) -> fantoccini::elements::Element {
    // Waits: the label may be on a page that is still loading after a click.
    let label_el = browser
        .wait()
        .for_element(Locator::XPath(&format!(
            "//label[normalize-space()={}]",
            xpath_literal(label)
        )))
        .await
        .unwrap_or_else(|_| panic!("a label `{label}`"));
    let id = label_el.attr("for").await.unwrap().expect("label has for=");
    browser
        .find(Locator::Id(&id))
        .await
        .expect("the labelled input")
}

/// An XPath string literal for `text`, quoted so an apostrophe inside works.
fn xpath_literal(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}

pub async fn type_into(browser: &fantoccini::Client, label: &str, text: &str) {
    labelled(browser, label)
        .await
        .send_keys(text)
        .await
        .unwrap();
}

/// The text of the first element matching `css`, once it is there.
pub async fn text_of(browser: &fantoccini::Client, css: &str) -> String {
    browser
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("an element `{css}`"))
        .text()
        .await
        .unwrap()
}

/// Follows the link whose text is `text`, once it is there.
pub async fn click_link(browser: &fantoccini::Client, text: &str) {
    browser
        .wait()
        .for_element(Locator::LinkText(text))
        .await
        .unwrap_or_else(|_| panic!("a link `{text}`"))
        .click()
        .await
        .unwrap();
}

/// Clicks the first element matching `css`, once it is there.
pub async fn click(browser: &fantoccini::Client, css: &str) {
    browser
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("an element `{css}`"))
        .click()
        .await
        .unwrap();
}

pub async fn press(browser: &fantoccini::Client, button: &str) {
    let xpath = format!("//button[normalize-space()='{button}']");
    browser
        .find(Locator::XPath(&xpath))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[actix_web::test]
async fn a_partner_signs_in_with_the_keyboard_and_sees_their_home() {
    let app = spawn_app().await;
    let driver = Chromedriver::start();
    let browser = driver.client().await;

    browser
        .goto(&format!("{}/associations", app.address))
        .await
        .unwrap();
    assert_eq!(
        browser
            .find(Locator::Css("main h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "Sign in"
    );

    // A wrong password first: the summary takes focus and the email stays.
    type_into(&browser, "Email address", PARTNER).await;
    type_into(&browser, "Password", "wrong-password").await;
    press(&browser, "Sign in").await;
    let summary = browser
        .wait()
        .for_element(Locator::Css("[data-error-summary]"))
        .await
        .unwrap();
    let summary_text = summary.text().await.unwrap();
    assert!(
        summary_text.contains("The email address or password is not correct"),
        "{summary_text}"
    );
    let focused = browser.active_element().await.unwrap();
    assert_eq!(
        focused.attr("data-error-summary").await.unwrap().as_deref(),
        Some("")
    );
    let email = labelled(&browser, "Email address")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(email.as_deref(), Some(PARTNER));

    type_into(&browser, "Password", DEMO_PASSWORD).await;
    press(&browser, "Sign in").await;
    browser
        .wait()
        .for_url(&url_of(&app, "/associations"))
        .await
        .unwrap();
    let heading = browser
        .find(Locator::Css("main h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(heading, "Customer associations");
    let user = browser
        .find(Locator::Css("[data-testid=signed-in-user]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(user, "Avery Chen");
    browser.close().await.unwrap();
}

/// Signs `email` in on the sign-in page, as a person would, and waits for their `home`.
pub async fn sign_in_as(browser: &Client, app: &TestApp, email: &str, home: &str) {
    browser
        .goto(&format!("{}/sign-in", app.address))
        .await
        .unwrap();
    type_into(browser, "Email address", email).await;
    type_into(browser, "Password", DEMO_PASSWORD).await;
    press(browser, "Sign in").await;
    browser.wait().for_url(&url_of(app, home)).await.unwrap();
}

pub fn url_of(app: &TestApp, path: &str) -> url::Url {
    url::Url::parse(&format!("{}{path}", app.address)).unwrap()
}

pub async fn wait_for(browser: &Client, css: &str) {
    browser
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("an element `{css}`"));
}

/// axe-core's violations on the page shown (rule id and the elements), none expected; the
/// page is then kept as a screenshot named `page`.
///
/// axe-core is read from `AXE_CORE_JS` (the path of `axe.min.js`; `.ci/run` fetches it).
pub async fn assert_accessible(browser: &Client, page: &str) {
    let violations = axe_violations(browser).await;
    assert!(violations.is_empty(), "{page}: {violations:#?}");
    keep_screenshot(browser, page).await;
}

/// axe-core's violations on the page shown: each rule id with the elements it found.
pub async fn axe_violations(browser: &Client) -> Vec<String> {
    let path = std::env::var("AXE_CORE_JS")
        .expect("AXE_CORE_JS names axe.min.js (bash .ci/run fetches it)");
    let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    browser
        .execute(&format!("{axe}\nreturn true;"), vec![])
        .await
        .unwrap();
    let found = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document).then(
               r => done(r.violations.map(v => v.id + ': ' +
                 v.nodes.map(n => n.target.join(' ')).join(', '))),
               e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// The page as shown, kept as `target/screenshots/<page>.png` for a reader to look at (how a
/// page looks, and how Japanese text is set, is not for a test to judge).
pub async fn keep_screenshot(browser: &Client, page: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let png = browser.screenshot().await.unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{}.png", page.replace(' ', "-"))), png).unwrap();
}
