//! A webhook receiver in the test process: a plain HTTP/1.1 server on 127.0.0.1:0, on its
//! own thread (the portal's deliveries block the test's thread), that records each request
//! and answers with the statuses it is told (then 204). And the signature check a receiver
//! makes, computed here independently of the portal's code.

use std::{
    collections::{BTreeMap, VecDeque},
    io::{BufRead, BufReader, Read, Write},
    net::TcpListener,
    sync::{Arc, Mutex},
};

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::helpers::*;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("the body is JSON")
    }

    pub fn event(&self) -> String {
        self.json()["type"].as_str().unwrap_or_default().to_owned()
    }

    pub fn claim_id(&self) -> String {
        self.json()["data"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

#[derive(Clone, Default)]
pub struct Receiver {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Receiver {
    pub fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let receiver = Receiver {
            port: listener.local_addr().unwrap().port(),
            ..Receiver::default()
        };
        let serving = receiver.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                serving.answer(stream);
            }
        });
        receiver
    }

    /// The receiver's address for `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The next requests are answered with these statuses, in order.
    pub fn answer_with(&self, statuses: &[u16]) {
        self.answers.lock().unwrap().extend(statuses);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    fn answer(&self, mut stream: std::net::TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
        let mut headers = BTreeMap::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
        }
        let length: usize = headers
            .get("content-length")
            .and_then(|l| l.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        let status = self.answers.lock().unwrap().pop_front().unwrap_or(204);
        self.received.lock().unwrap().push(Received {
            path,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        let _ = write!(
            stream,
            "HTTP/1.1 {status} Answer\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        );
    }
}

/// The `v1,` signature a receiver expects for a request under `secret`.
pub fn expected_signature(secret: &str, request: &Received) -> String {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("a whsec_ secret"))
        .expect("base64 secret");
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
    let signed = format!(
        "{}.{}.{}",
        request.header("webhook-id"),
        request.header("webhook-timestamp"),
        request.body
    );
    mac.update(signed.as_bytes());
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// Whether one of the request's signatures is `secret`'s.
pub fn signed_with(secret: &str, request: &Received) -> bool {
    let expected = expected_signature(secret, request);
    request
        .header("webhook-signature")
        .split(' ')
        .any(|s| s == expected)
}

/// A portal whose webhooks may go to the test's receiver on 127.0.0.1 over plain http.
pub async fn spawn_webhook_app() -> TestApp {
    spawn_app_with(&[("PORTAL_WEBHOOKS_ALLOW_PRIVATE", "true")]).await
}

/// Adds an endpoint on `base` (`/webhooks` or `/admin/webhooks`) for `events`; its page and
/// its secret.
pub async fn add_endpoint(
    visitor: &Visitor,
    base: &str,
    url: &str,
    events: &[&str],
) -> (String, String) {
    let mut fields = vec![("url", url), ("description", "CRM sync")];
    fields.extend(events.iter().map(|e| ("events", *e)));
    let res = visitor.submit_form(base, base, &fields).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let secret = res
        .attr("#new-secret-value", "value")
        .expect("the new secret is shown");
    let page = res
        .attr("[data-testid=new-endpoint]", "href")
        .expect("a link to the endpoint");
    (page, secret)
}

/// Every event.
pub const ALL_EVENTS: [&str; 9] = [
    "claim.submitted",
    "claim.action_required",
    "claim.validated",
    "claim.rejected",
    "claim.disputed",
    "claim.official",
    "claim.opted_out",
    "claim.expired",
    "claim.withdrawn",
];

/// A portal with a receiver, and Contoso's partner signed in with an endpoint there for every
/// event.
pub struct Hooked {
    pub app: TestApp,
    pub receiver: Receiver,
    pub partner: Visitor,
    /// The endpoint's page.
    pub endpoint: String,
    pub secret: String,
}

pub async fn hooked() -> Hooked {
    let app = spawn_webhook_app().await;
    let receiver = Receiver::start();
    let partner = app.signed_in(PARTNER).await;
    let (endpoint, secret) =
        add_endpoint(&partner, "/webhooks", &receiver.url("/"), &ALL_EVENTS).await;
    Hooked {
        app,
        receiver,
        partner,
        endpoint,
        secret,
    }
}

/// Runs the webhook step with the test's clock set to `at` (the step reads the clock).
pub fn deliver_at(
    app: &TestApp,
    at: chrono::DateTime<chrono::Utc>,
) -> portal::service::webhook_delivery::Report {
    app.clock.set(at);
    app.jobs.deliver_webhooks().unwrap()
}
