//! `spawn_app()`: a portal on port 0 with its own fresh database (a SQLite file, or a new
//! PostgreSQL database when `TEST_DATABASE_URL` is set), and a cookie-keeping HTTP client.

use std::{collections::BTreeMap, path::PathBuf, sync::Arc, sync::Mutex};

use chrono::{TimeZone, Utc};
use diesel::{Connection, PgConnection, connection::SimpleConnection};
use portal::{
    clock::ManualClock,
    config::Settings,
    jobs::Jobs,
    mail::{MemoryMailbox, Transport},
    startup::{Application, StartupReport},
    store::DbPool,
};
use scraper::{Html, Selector};

pub const DEMO_PASSWORD: &str = portal::service::demo::DEMO_PASSWORD;
pub const PARTNER: &str = "partner@contoso.example";
pub const OTHER_PARTNER: &str = "partner@fabrikam.example";
pub const REVIEWER: &str = "reviewer@portal.example";
pub const ADMIN: &str = "admin@portal.example";

pub struct TestApp {
    pub address: String,
    pub pool: DbPool,
    pub clock: Arc<ManualClock>,
    pub report: StartupReport,
    pub database: TestDatabase,
    /// The background jobs, run by calling `run_once` (no loop runs in tests).
    pub jobs: Jobs,
    /// Emails sent, when the app was spawned with the in-memory transport (the default).
    pub mailbox: MemoryMailbox,
}

/// A database that exists for one test only.
pub enum TestDatabase {
    Sqlite {
        dir: PathBuf,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDatabase {
    pub fn create() -> Self {
        let name = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(admin_url) => {
                let mut admin =
                    PgConnection::establish(&admin_url).expect("TEST_DATABASE_URL reachable");
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(base, _)| base);
                let url = format!("{base}/{name}");
                TestDatabase::Postgres {
                    admin_url,
                    name,
                    url,
                }
            }
            None => {
                let dir = std::env::temp_dir().join(name);
                std::fs::create_dir_all(&dir).expect("temp dir");
                TestDatabase::Sqlite { dir }
            }
        }
    }

    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite { dir } => dir.join("portal.db").display().to_string(),
            TestDatabase::Postgres { url, .. } => url.clone(),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDatabase::Postgres { .. })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self {
            TestDatabase::Sqlite { dir } => {
                let _ = std::fs::remove_dir_all(dir);
            }
            TestDatabase::Postgres {
                admin_url, name, ..
            } => {
                if let Ok(mut admin) = PgConnection::establish(admin_url) {
                    let _ = admin
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }
}

/// Settings for a test: port 0, fast password hashing, a fixed session key.
pub fn test_settings(database_url: &str, overrides: &[(&str, &str)]) -> Settings {
    let mut vars: BTreeMap<String, String> = [
        ("PORTAL_DATABASE_URL", database_url),
        ("PORTAL_BIND", "127.0.0.1:0"),
        (
            "PORTAL_SESSION_KEY",
            "test-session-key-0123456789abcdef0123456789",
        ),
        ("PORTAL_DATABASE_POOL_SIZE", "3"),
        ("PORTAL_DATABASE_POOL_TIMEOUT_SECS", "1"),
        ("PORTAL_JOBS_INTERVAL_SECONDS", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    for (k, v) in overrides {
        vars.insert((*k).to_owned(), (*v).to_owned());
    }
    let mut settings =
        Settings::from_lookup(|name| vars.get(name).cloned()).expect("test settings are valid");
    settings.argon2_memory_kib = 1024;
    settings
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

pub async fn spawn_app_with(overrides: &[(&str, &str)]) -> TestApp {
    spawn_app_on(TestDatabase::create(), overrides).await
}

/// The app on a database the test prepared (e.g. with the `portal` command).
pub async fn spawn_app_on(database: TestDatabase, overrides: &[(&str, &str)]) -> TestApp {
    let mailbox = MemoryMailbox::default();
    spawn(
        database,
        overrides,
        Some(Transport::Memory(mailbox.clone())),
        mailbox,
    )
    .await
}

/// The app with the transport its settings choose (the development mailbox by default).
pub async fn spawn_app_with_configured_mail(overrides: &[(&str, &str)]) -> TestApp {
    spawn(
        TestDatabase::create(),
        overrides,
        None,
        MemoryMailbox::default(),
    )
    .await
}

async fn spawn(
    database: TestDatabase,
    overrides: &[(&str, &str)],
    transport: Option<Transport>,
    mailbox: MemoryMailbox,
) -> TestApp {
    let settings = test_settings(&database.url(), overrides);
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap(),
    ));
    let app = Application::build_with_transport(settings, clock.clone(), 1, transport)
        .expect("application builds");
    let jobs = app.jobs.clone();
    let address = format!("http://127.0.0.1:{}", app.port());
    let pool = app.pool.clone();
    let Application { report, .. } = &app;
    let report = StartupReport {
        migrations_applied: report.migrations_applied,
        demo_sign_ins: report.demo_sign_ins.clone(),
        seeded_now: report.seeded_now,
    };
    actix_web::rt::spawn(app.run_until_stopped());
    TestApp {
        address,
        pool,
        clock,
        report,
        database,
        jobs,
        mailbox,
    }
}

impl TestApp {
    /// A new visitor with an empty cookie jar.
    pub fn visitor(&self) -> Visitor {
        visitor_at(&self.address)
    }

    /// A visitor signed in with a demo account.
    pub async fn signed_in(&self, email: &str) -> Visitor {
        let visitor = self.visitor();
        let res = visitor.sign_in(email, DEMO_PASSWORD).await;
        assert_eq!(
            res.status, 303,
            "sign-in of {email} should redirect: {}",
            res.body
        );
        visitor
    }
}

/// A new visitor of the portal at `base` (another process on the same database, say).
pub fn visitor_at(base: &str) -> Visitor {
    speaking_at(base, reqwest::header::HeaderMap::new())
}

impl TestApp {
    /// A new visitor whose browser sends `Accept-Language: {accept_language}`.
    pub fn visitor_speaking(&self, accept_language: &str) -> Visitor {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "accept-language",
            accept_language.parse().expect("a header value"),
        );
        speaking_at(&self.address, headers)
    }

    /// [`TestApp::signed_in`] for a browser that sends `Accept-Language: {accept_language}`.
    pub async fn signed_in_speaking(&self, email: &str, accept_language: &str) -> Visitor {
        let visitor = self.visitor_speaking(accept_language);
        let res = visitor.sign_in(email, DEMO_PASSWORD).await;
        assert_eq!(res.status, 303, "sign-in of {email}: {}", res.body);
        visitor
    }
}

fn speaking_at(base: &str, headers: reqwest::header::HeaderMap) -> Visitor {
    Visitor {
        base: base.to_owned(),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client"),
        cookies: Mutex::new(BTreeMap::new()),
    }
}

pub struct Visitor {
    base: String,
    client: reqwest::Client,
    pub cookies: Mutex<BTreeMap<String, String>>,
}

pub struct Response {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Response {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Texts of the elements matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("valid selector");
        self.html()
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, selector: &str) -> String {
        self.texts(selector)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches `{selector}` in:\n{}", self.body))
    }

    pub fn attr(&self, selector: &str, attribute: &str) -> Option<String> {
        let selector = Selector::parse(selector).expect("valid selector");
        self.html()
            .select(&selector)
            .next()
            .and_then(|e| e.value().attr(attribute).map(str::to_owned))
    }

    pub fn count(&self, selector: &str) -> usize {
        self.texts(selector).len()
    }

    /// Where each link of the error summary points (`#field`), in order.
    pub fn summary_links(&self) -> Vec<String> {
        let selector = Selector::parse(".error-summary a").expect("valid selector");
        self.html()
            .select(&selector)
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect()
    }

    pub fn csrf_token(&self) -> String {
        self.attr("form input[name=csrf_token]", "value")
            .expect("page has a form with a CSRF token")
    }
}

impl Visitor {
    pub async fn get(&self, path: &str) -> Response {
        let req = self.client.get(format!("{}{path}", self.base));
        self.send(req).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.post_body(path, "application/x-www-form-urlencoded", body)
            .await
    }

    /// Posts `body` as it is (bytes a browser would never send, for one).
    pub async fn post_body(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        self.send(req).await
    }

    /// Posts files as `multipart/form-data` (field name, file name, content).
    pub async fn post_files(&self, path: &str, files: &[(&str, &str, Vec<u8>)]) -> Response {
        self.post_multipart(path, &[], files).await
    }

    /// Posts text fields and files as `multipart/form-data`.
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, Vec<u8>)],
    ) -> Response {
        let (content_type, body) = multipart_body(fields, files);
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        self.send(req).await
    }

    /// The raw body of a GET (for downloads).
    pub async fn get_bytes(&self, path: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
        let cookie_header = self.cookie_header();
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", cookie_header)
            .send()
            .await
            .expect("request reaches the app");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        (
            status,
            headers,
            res.bytes().await.unwrap_or_default().to_vec(),
        )
    }

    /// Fetches the form page, then posts `fields` with the page's CSRF token.
    pub async fn submit_form(
        &self,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let token = self.get(form_page).await.csrf_token();
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(action, &all).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Response {
        self.submit_form(
            "/sign-in",
            "/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// The `Cookie` header this visitor sends.
    pub fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .lock()
            .unwrap()
            .insert(name.to_owned(), value.to_owned());
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Response {
        let cookie_header = self.cookie_header();
        let req = if cookie_header.is_empty() {
            req
        } else {
            req.header("cookie", cookie_header)
        };
        let res = req.send().await.expect("request reaches the app");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        for set_cookie in headers.get_all("set-cookie") {
            let raw = set_cookie.to_str().unwrap_or_default();
            let first = raw.split(';').next().unwrap_or_default();
            if let Some((name, value)) = first.split_once('=') {
                let removed = raw.to_ascii_lowercase().contains("max-age=0");
                let mut jar = self.cookies.lock().unwrap();
                if removed {
                    jar.remove(name.trim());
                } else {
                    jar.insert(name.trim().to_owned(), value.trim().to_owned());
                }
            }
        }
        let body = res.text().await.unwrap_or_default();
        Response {
            status,
            headers,
            body,
        }
    }
}

/// A `multipart/form-data` body of text fields and files (field name, file name, content),
/// with its content type.
pub fn multipart_body(
    fields: &[(&str, &str)],
    files: &[(&str, &str, Vec<u8>)],
) -> (String, Vec<u8>) {
    let boundary = "----portal-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (field, file_name, content) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
