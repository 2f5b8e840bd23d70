//! One webhook request: POST the body, signed, to the endpoint, with no redirect followed,
//! connect 5 s and 10 s in all, and at most a little of the answer read. Unless private
//! addresses are allowed (development), a host whose name resolves to a loopback, private,
//! link-local or unspecified address is refused after resolution, and the connection goes
//! to the very addresses checked (no second lookup a DNS rebinding could change).

use std::time::Duration;

use ureq::{
    Agent, Error,
    config::Config,
    http::Uri,
    unversioned::{
        resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver},
        transport::{DefaultConnector, NextTimeout},
    },
};

use crate::domain::webhooks::is_forbidden_address;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(10);
/// The most of a receiver's answer read (its status is what counts).
const ANSWER_BYTES: u64 = 16 * 1024;

/// What a request came to: the receiver's status, or why there was none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Status(u16),
    NoAnswer(String),
}

/// The headers and body of one message.
pub struct Signed<'a> {
    pub id: &'a str,
    pub timestamp: i64,
    pub signature: &'a str,
    pub body: &'a str,
}

/// Sends webhook requests; one per jobs pass, reused for its deliveries.
pub struct Sender {
    agent: Agent,
}

impl Sender {
    pub fn new(allow_private: bool) -> Self {
        let config = Config::builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(TOTAL_TIMEOUT))
            .max_redirects(0)
            .max_redirects_will_error(false)
            .http_status_as_error(false)
            .https_only(!allow_private)
            // Straight to the endpoint: through a proxy, the address checked would be the
            // proxy's, not the endpoint's.
            .proxy(None)
            .user_agent("cpor-portal-webhooks/1")
            .build();
        let resolver = Guarded {
            inner: DefaultResolver::default(),
            allow_private,
        };
        Sender {
            agent: Agent::with_parts(config, DefaultConnector::new(), resolver),
        }
    }

    pub fn send(&self, url: &str, message: &Signed<'_>) -> Answer {
        let sent = self
            .agent
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", message.id)
            .header("webhook-timestamp", message.timestamp.to_string())
            .header("webhook-signature", message.signature)
            .send(message.body);
        match sent {
            Ok(mut response) => {
                // Read a little so the connection ends cleanly; the content does not matter.
                let _ = response
                    .body_mut()
                    .with_config()
                    .limit(ANSWER_BYTES)
                    .read_to_vec();
                Answer::Status(response.status().as_u16())
            }
            Err(error) => Answer::NoAnswer(describe(&error)),
        }
    }
}

/// The error without the URL's query (which might carry a receiver's token).
fn describe(error: &Error) -> String {
    let text = error.to_string();
    text.split('?')
        .next()
        .unwrap_or("")
        .chars()
        .take(300)
        .collect()
}

/// The system resolver, refusing private addresses unless they are allowed.
#[derive(Debug)]
struct Guarded {
    inner: DefaultResolver,
    allow_private: bool,
}

impl Resolver for Guarded {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, Error> {
        let addresses = self.inner.resolve(uri, config, timeout)?;
        if !self.allow_private && addresses.iter().any(|a| is_forbidden_address(a.ip())) {
            return Err(Error::Other(Box::new(PrivateAddress)));
        }
        Ok(addresses)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the endpoint's host resolves to a private address")]
struct PrivateAddress;
