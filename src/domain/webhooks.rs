//! Webhooks: the event a claim's status change sends, what an endpoint may be (its address,
//! description and events as asked for), where a delivery may go, and the Standard Webhooks
//! signature (<https://www.standardwebhooks.com/>): `v1,` + base64 of
//! HMAC-SHA256(secret bytes, "{id}.{timestamp}.{body}").

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::Duration;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::claim::{Status, Transition};
use super::errors::{Message, code_enum};
use super::values::{has_hidden_characters, looks_blank};

code_enum! {
    /// What a receiver is told: one event per status change.
    pub enum WebhookEvent: "webhooks.event" {
        Submitted => "claim.submitted",
        ActionRequired => "claim.action_required",
        Validated => "claim.validated",
        Rejected => "claim.rejected",
        Disputed => "claim.disputed",
        Official => "claim.official",
        OptedOut => "claim.opted_out",
        Expired => "claim.expired",
        Withdrawn => "claim.withdrawn",
    }
}

/// The event a transition sends: [`event_entering`] its new status.
pub fn event_of(transition: &Transition) -> Option<WebhookEvent> {
    event_entering(transition.to)
}

/// The event of entering `status` (a resubmission is submitted again, a dispute decided for
/// the partner is validated again); `None` for a return to draft.
pub fn event_entering(status: Status) -> Option<WebhookEvent> {
    Some(match status {
        Status::Draft => return None,
        Status::Submitted => WebhookEvent::Submitted,
        Status::ActionRequired => WebhookEvent::ActionRequired,
        Status::PendingCustomer => WebhookEvent::Validated,
        Status::Rejected => WebhookEvent::Rejected,
        Status::Disputed => WebhookEvent::Disputed,
        Status::Official => WebhookEvent::Official,
        Status::OptedOut => WebhookEvent::OptedOut,
        Status::Expired => WebhookEvent::Expired,
        Status::Withdrawn => WebhookEvent::Withdrawn,
    })
}

/// An endpoint's events as stored: their codes, space-separated, in display order.
pub fn events_text(events: &[WebhookEvent]) -> String {
    let mut sorted = events.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The stored events (unknown codes are skipped).
pub fn events_of(text: &str) -> Vec<WebhookEvent> {
    text.split_whitespace()
        .filter_map(WebhookEvent::parse)
        .collect()
}

/// Longest endpoint address, in characters.
pub const MAX_URL_CHARS: usize = 2000;
/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 200;
/// How long the previous secret still signs after a rotation.
pub const ROTATION_GRACE: Duration = Duration::hours(24);
/// Secrets are `whsec_` + base64 of this many random bytes (the spec allows 24 to 64).
pub const SECRET_BYTES: usize = 32;
pub const SECRET_PREFIX: &str = "whsec_";

/// What is wrong with an endpoint as asked for, by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointError {
    UrlRequired,
    UrlTooLong,
    UrlNotHttps,
    UrlInvalid,
    UrlPrivate,
    DescriptionTooLong,
    DescriptionHiddenCharacters,
    EventsRequired,
}

impl EndpointError {
    /// The form field the message belongs next to.
    pub fn field(self) -> &'static str {
        match self {
            EndpointError::UrlRequired
            | EndpointError::UrlTooLong
            | EndpointError::UrlNotHttps
            | EndpointError::UrlInvalid
            | EndpointError::UrlPrivate => "url",
            EndpointError::DescriptionTooLong | EndpointError::DescriptionHiddenCharacters => {
                "description"
            }
            EndpointError::EventsRequired => "events",
        }
    }
}

impl Message for EndpointError {
    fn key(&self) -> &'static str {
        match self {
            EndpointError::UrlRequired => "webhooks.error.url_required",
            EndpointError::UrlTooLong => "webhooks.error.url_too_long",
            EndpointError::UrlNotHttps => "webhooks.error.url_not_https",
            EndpointError::UrlInvalid => "webhooks.error.url_invalid",
            EndpointError::UrlPrivate => "webhooks.error.url_private",
            EndpointError::DescriptionTooLong => "webhooks.error.description_too_long",
            EndpointError::DescriptionHiddenCharacters => "value.text.control_characters",
            EndpointError::EventsRequired => "webhooks.error.events_required",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            EndpointError::UrlTooLong => vec![("max", MAX_URL_CHARS.to_string())],
            EndpointError::DescriptionTooLong => vec![("max", MAX_DESCRIPTION_CHARS.to_string())],
            _ => Vec::new(),
        }
    }
}

/// An endpoint as asked for, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointInput {
    pub url: String,
    pub description: String,
    pub events: Vec<WebhookEvent>,
}

/// Checks an endpoint's address, description and events: every problem, each once, in the
/// form's order. `allow_private` admits http:// and private addresses (development).
pub fn parse_endpoint(
    url: &str,
    description: &str,
    events: &[String],
    allow_private: bool,
) -> Result<EndpointInput, Vec<EndpointError>> {
    let mut errors = Vec::new();
    let url = url.trim();
    if let Err(e) = check_url(url, allow_private) {
        errors.push(e);
    }
    let description = description.trim();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        errors.push(EndpointError::DescriptionTooLong);
    } else if has_hidden_characters(description) {
        errors.push(EndpointError::DescriptionHiddenCharacters);
    }
    let events = parse_events(events);
    if let Err(e) = &events {
        errors.push(*e);
    }
    match events {
        Ok(events) if errors.is_empty() => Ok(EndpointInput {
            url: url.to_owned(),
            description: description.to_owned(),
            events,
        }),
        _ => Err(errors),
    }
}

/// The ticked events; at least one known one.
pub fn parse_events(ticked: &[String]) -> Result<Vec<WebhookEvent>, EndpointError> {
    let mut events: Vec<WebhookEvent> = ticked
        .iter()
        .filter_map(|code| WebhookEvent::parse(code))
        .collect();
    events.sort();
    events.dedup();
    if events.is_empty() {
        Err(EndpointError::EventsRequired)
    } else {
        Ok(events)
    }
}

/// Whether an address may receive webhooks: https (or http when `allow_private`), a host,
/// no credentials, and not a literal private address or `localhost`.
pub fn check_url(url: &str, allow_private: bool) -> Result<(), EndpointError> {
    if looks_blank(url) {
        return Err(EndpointError::UrlRequired);
    }
    if url.chars().count() > MAX_URL_CHARS {
        return Err(EndpointError::UrlTooLong);
    }
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        if !allow_private {
            return Err(EndpointError::UrlNotHttps);
        }
        rest
    } else if lower.contains("://") {
        return Err(EndpointError::UrlNotHttps);
    } else {
        return Err(EndpointError::UrlInvalid);
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(EndpointError::UrlInvalid);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let Some(host) = host_of(authority) else {
        return Err(EndpointError::UrlInvalid);
    };
    if !allow_private && host_is_private(host) {
        return Err(EndpointError::UrlPrivate);
    }
    Ok(())
}

/// The host of `host[:port]` or `[v6][:port]`; `None` when malformed or with credentials.
fn host_of(authority: &str) -> Option<&str> {
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if let Some(port) = port
        && (port.is_empty() || port.parse::<u16>().is_err())
    {
        return None;
    }
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    valid.then_some(host)
}

/// A literal address (or `localhost`) that must not receive webhooks.
fn host_is_private(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    host.parse::<IpAddr>().is_ok_and(is_forbidden_address)
}

/// Loopback, private, link-local, unspecified, shared (CGNAT), benchmarking, IETF protocol
/// (192.0.0.0/24), reserved (240.0.0.0/4, the broadcast address with it) or multicast; in
/// IPv6 also site-local, Teredo, IPv4-compatible, local-use NAT64, and a 6to4 or NAT64
/// address whose embedded IPv4 is one of those: where a delivery must not go (a webhook
/// must not reach the portal's own network).
pub fn is_forbidden_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4_forbidden(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4_forbidden(v4),
            None => v6_forbidden(v6),
        },
    }
}

fn v4_forbidden(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && ip.octets()[2] == 0)
        || (a == 198 && (b & 0xfe) == 18)
        || a >= 240
}

fn v6_forbidden(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let embedded = |high: u16, low: u16| {
        let [h1, h2] = high.to_be_bytes();
        let [l1, l2] = low.to_be_bytes();
        v4_forbidden(Ipv4Addr::new(h1, h2, l1, l2))
    };
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00
        || (s[0] & 0xffc0) == 0xfe80
        // Site-local (deprecated, still routed inside some networks).
        || (s[0] & 0xffc0) == 0xfec0
        // IPv4-compatible ::a.b.c.d (deprecated).
        || s[..6] == [0; 6]
        // NAT64, well-known prefix 64:ff9b::/96: the IPv4 it reaches.
        || (s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] && embedded(s[6], s[7]))
        // NAT64, local-use prefix 64:ff9b:1::/48: a translator of one's own network.
        || (s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1)
        // 6to4 2002::/16: the IPv4 in its second and third groups.
        || (s[0] == 0x2002 && embedded(s[1], s[2]))
        // Teredo 2001::/32: tunnels through NAT, the server and client hidden.
        || (s[0] == 0x2001 && s[1] == 0)
}

/// The secret's key bytes: the base64 after `whsec_`; none when it does not decode or is
/// empty (nothing is ever signed with an empty key).
fn key_of(secret: &str) -> Option<Vec<u8>> {
    STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret))
        .ok()
        .filter(|key| !key.is_empty())
}

/// A secret from random bytes.
pub fn secret_from(bytes: &[u8]) -> String {
    format!("{SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

/// `v1,<base64 signature>` of one message under one secret; none when the secret is not a
/// key (it does not decode, or is empty).
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = key_of(secret)?;
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body.as_bytes());
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The `webhook-signature` header: one signature per secret, space-separated (the current
/// secret's first; during a rotation the previous one's too, so a receiver that has not
/// switched yet still verifies). A secret that is not a key signs nothing; none when no
/// secret is one (the message must not go out).
pub fn signature_header(secrets: &[&str], id: &str, timestamp: i64, body: &str) -> Option<String> {
    let signatures: Vec<String> = secrets
        .iter()
        .filter_map(|secret| signature(secret, id, timestamp, body))
        .collect();
    (!signatures.is_empty()).then(|| signatures.join(" "))
}

/// Whether an endpoint failing since `failing_since` (its first failure after its last
/// success) has failed for `days` and is to be disabled.
pub fn failing_too_long(
    failing_since: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    days: u32,
) -> bool {
    now - failing_since >= Duration::days(i64::from(days))
}

/// The longest error the delivery log shows.
pub const SHOWN_ERROR_CHARS: usize = 80;

/// A failed attempt's error as the delivery log shows it: its first line, addresses and
/// anything like a secret left out, at most [`SHOWN_ERROR_CHARS`] characters.
pub fn shown_error(error: &str) -> String {
    let line = error.lines().next().unwrap_or("");
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            let hidden = ["http://", "https://", "whsec_", "://"]
                .iter()
                .any(|mark| lower.contains(mark));
            if hidden { "…" } else { word }
        })
        .collect();
    let text = words.join(" ");
    match text.char_indices().nth(SHOWN_ERROR_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}
