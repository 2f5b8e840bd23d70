//! Webhooks in the domain: the Standard Webhooks signature (the specification's own example),
//! the event of each status, and which addresses may receive deliveries.

use std::{collections::BTreeSet, net::IpAddr};

use portal::domain::{
    claim::Status,
    redacted::Redacted,
    webhooks::{
        EndpointError, WebhookEvent, check_url, event_entering, events_of, events_text,
        is_forbidden_address, parse_endpoint, shown_error, signature, signature_header,
    },
};

#[test]
fn the_signature_is_the_standard_webhooks_example() {
    // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    let body = r#"{"test": 2432232314}"#;
    assert_eq!(
        signature(secret, id, 1614265330, body).unwrap(),
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    );
    let other = "whsec_9nDSkVNzpA7DHjzjECGCTzeHyHAe7wXY";
    let both = signature_header(&[secret, other], id, 1614265330, body).unwrap();
    let parts: Vec<&str> = both.split(' ').collect();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0], "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    assert_eq!(parts[1], signature(other, id, 1614265330, body).unwrap());
}

#[test]
fn a_secret_that_is_not_a_key_signs_nothing() {
    let (id, body) = ("msg_p5jXN8AQM9LWM0D4loKWxJek", "{}");
    for broken in ["whsec_", "", "whsec_not base64!", "not base64 at all"] {
        assert_eq!(signature(broken, id, 1614265330, body), None, "{broken:?}");
        assert_eq!(signature_header(&[broken], id, 1614265330, body), None);
    }
    // A broken previous secret leaves the current one's signature alone.
    let good = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    assert_eq!(
        signature_header(&[good, "whsec_"], id, 1614265330, body),
        signature(good, id, 1614265330, body)
    );
}

#[test]
fn a_redacted_value_is_not_in_its_debug_text() {
    let secret = Redacted::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_owned());
    assert_eq!(format!("{secret:?}"), "<redacted>");
    assert_eq!(secret.expose(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
}

#[test]
fn every_status_but_draft_has_its_event() {
    let events: BTreeSet<_> = Status::ALL
        .iter()
        .filter_map(|s| event_entering(*s))
        .collect();
    assert_eq!(events, WebhookEvent::ALL.iter().copied().collect());
    assert_eq!(event_entering(Status::Draft), None);
    assert_eq!(
        event_entering(Status::PendingCustomer),
        Some(WebhookEvent::Validated)
    );
    let stored = events_text(&[WebhookEvent::Official, WebhookEvent::Submitted]);
    assert_eq!(stored, "claim.submitted claim.official");
    assert_eq!(
        events_of(&stored),
        [WebhookEvent::Submitted, WebhookEvent::Official]
    );
}

#[test]
fn only_public_https_addresses_receive_webhooks() {
    for ok in [
        "https://crm.example.com/hooks",
        "https://crm.example.com:8443/hooks?token=a",
        "https://203.0.113.9/hooks",
        "HTTPS://CRM.EXAMPLE.COM/",
    ] {
        assert_eq!(check_url(ok, false), Ok(()), "{ok}");
    }
    for (bad, error) in [
        ("", EndpointError::UrlRequired),
        ("http://crm.example.com/", EndpointError::UrlNotHttps),
        ("ftp://crm.example.com/", EndpointError::UrlNotHttps),
        ("crm.example.com/hooks", EndpointError::UrlInvalid),
        (
            "https://user:pw@crm.example.com/",
            EndpointError::UrlInvalid,
        ),
        ("https://crm.example.com:99999/", EndpointError::UrlInvalid),
        ("https://crm example.com/", EndpointError::UrlInvalid),
        ("https:///hooks", EndpointError::UrlInvalid),
        ("https://localhost/", EndpointError::UrlPrivate),
        ("https://api.localhost/", EndpointError::UrlPrivate),
        ("https://127.0.0.1/", EndpointError::UrlPrivate),
        ("https://10.1.2.3/", EndpointError::UrlPrivate),
        ("https://192.168.0.10/", EndpointError::UrlPrivate),
        (
            "https://169.254.169.254/latest/meta-data",
            EndpointError::UrlPrivate,
        ),
        ("https://[::1]/", EndpointError::UrlPrivate),
        ("https://[fd00::1]/", EndpointError::UrlPrivate),
        ("https://0.0.0.0/", EndpointError::UrlPrivate),
    ] {
        assert_eq!(check_url(bad, false), Err(error), "{bad}");
    }
    // Development may use plain http and its own machine.
    assert_eq!(check_url("http://127.0.0.1:9000/", true), Ok(()));
    for ip in [
        "100.64.0.1",
        "::ffff:10.0.0.1",
        "fe80::1",
        "224.0.0.1",
        "172.16.5.4",
        // NAT64 (well-known prefix) to a private or loopback IPv4, and the local-use prefix.
        "64:ff9b::10.0.0.1",
        "64:ff9b::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::8.8.8.8",
        "64:ff9b:1:ffff::1",
        // IPv4-compatible.
        "::10.0.0.1",
        "::8.8.8.8",
        // 6to4 with a private or loopback IPv4 inside.
        "2002:0a00:0001::1",
        "2002:7f00:0001::",
        "2002:c0a8:0101:1::1",
        // Teredo.
        "2001::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        // Site-local.
        "fec0::1",
        "feff::1",
        // IETF protocol assignments, benchmarking, reserved, broadcast.
        "192.0.0.1",
        "192.0.0.170",
        "198.18.0.1",
        "198.19.255.255",
        "240.0.0.1",
        "250.1.2.3",
        "255.255.255.255",
        "::ffff:198.18.0.1",
    ] {
        assert!(is_forbidden_address(ip.parse::<IpAddr>().unwrap()), "{ip}");
    }
    for ip in [
        "8.8.8.8",
        "2001:4860:4860::8888",
        "172.32.0.1",
        "64:ff9b::8.8.8.8",
        "2002:0808:0808::1",
        "192.0.1.1",
        "198.17.0.1",
        "198.20.0.1",
    ] {
        assert!(!is_forbidden_address(ip.parse::<IpAddr>().unwrap()), "{ip}");
    }
}

#[test]
fn an_endpoint_needs_an_address_and_an_event_and_keeps_a_short_description() {
    let events = vec!["claim.official".to_owned(), "claim.bogus".to_owned()];
    let input = parse_endpoint(" https://crm.example.com/h ", " CRM ", &events, false).unwrap();
    assert_eq!(input.url, "https://crm.example.com/h");
    assert_eq!(input.description, "CRM");
    assert_eq!(input.events, [WebhookEvent::Official]);
    assert_eq!(
        parse_endpoint("http://x.example/", &"d".repeat(201), &[], false),
        Err(vec![
            EndpointError::UrlNotHttps,
            EndpointError::DescriptionTooLong,
            EndpointError::EventsRequired
        ])
    );
}

#[test]
fn the_log_shows_an_error_short_and_without_addresses_or_secrets() {
    assert_eq!(shown_error("HTTP 500"), "HTTP 500");
    let shown = shown_error(
        "error sending request for url (https://crm.example.com/h?token=abc): connection refused\nmore",
    );
    assert_eq!(shown, "error sending request for url … connection refused");
    assert!(!shown_error("key whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw bad").contains("MfKQ9"));
    let long = shown_error(&"timeout ".repeat(40));
    assert_eq!(long.chars().count(), 81);
    assert!(long.ends_with('…'));
}
