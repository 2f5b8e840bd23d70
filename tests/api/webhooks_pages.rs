//! The webhook pages: who may reach whose endpoints (another organisation's is a 404), the
//! form's validation with its error summary and nothing typed lost, and an audit row for
//! every change.

use crate::{helpers::*, proof_world::one_number, webhooks_receiver::*};

#[actix_web::test]
async fn another_organisations_endpoint_is_not_found_by_any_of_its_routes() {
    let app = spawn_webhook_app().await;
    let partner = app.signed_in(PARTNER).await;
    let (endpoint, _) = add_endpoint(
        &partner,
        "/webhooks",
        "https://crm.contoso.example/hooks",
        &["claim.submitted"],
    )
    .await;
    let other = app.signed_in(OTHER_PARTNER).await;
    assert_eq!(other.get(&endpoint).await.status, 404);
    assert_eq!(
        other.get(&format!("{endpoint}/deliveries")).await.status,
        404
    );
    let token = other.get("/webhooks").await.csrf_token();
    for action in ["", "/enabled", "/rotate", "/delete"] {
        let res = other
            .post_form(
                &format!("{endpoint}{action}"),
                &[("csrf_token", &token), ("events", "claim.official")],
            )
            .await;
        assert_eq!(res.status, 404, "POST {endpoint}{action}");
    }
    assert_eq!(
        other
            .get("/webhooks")
            .await
            .count("[data-testid=endpoints]"),
        0
    );
    // The administrators' pages do not show it either (theirs are the portal's own).
    let admin = app.signed_in(ADMIN).await;
    let id = endpoint.rsplit('/').next().unwrap();
    assert_eq!(
        admin.get(&format!("/admin/webhooks/{id}")).await.status,
        404
    );
    // And it is unchanged: still on, still for one event.
    let page = partner.get(&endpoint).await;
    assert_eq!(page.text("[data-testid=endpoint-state]"), "On");
    assert_eq!(page.count("input[name=events][checked]"), 1);
    assert_eq!(
        one_number(&app, "SELECT COUNT(*) AS n FROM webhook_endpoints"),
        1
    );
    // A reviewer manages no endpoints.
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(reviewer.get("/webhooks").await.status, 403);
    assert_eq!(reviewer.get("/admin/webhooks").await.status, 403);
}

#[actix_web::test]
async fn a_plain_http_address_and_no_events_are_refused_by_their_fields() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let res = partner
        .submit_form(
            "/webhooks",
            "/webhooks",
            &[
                ("url", "http://crm.contoso.example/hooks"),
                ("description", "Dynamics sync"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text("title").starts_with("Error: "));
    assert_eq!(res.summary_links(), ["#url", "#events"]);
    assert_eq!(
        res.text("#url-error"),
        "Error: The endpoint URL must start with https://"
    );
    assert_eq!(
        res.text("#events-error"),
        "Error: Select at least one event"
    );
    assert_eq!(
        res.attr("#url", "value").unwrap(),
        "http://crm.contoso.example/hooks"
    );
    assert_eq!(res.attr("#description", "value").unwrap(), "Dynamics sync");
    assert_eq!(res.attr("#url", "aria-invalid").unwrap(), "true");
    assert_eq!(res.count("#new-secret-value"), 0);

    for (url, message) in [
        ("", "Error: Enter the endpoint URL"),
        (
            "https://127.0.0.1/hooks",
            "Error: The endpoint URL must be a public address, not a local or private network one",
        ),
        (
            "https://localhost:8443/hooks",
            "Error: The endpoint URL must be a public address, not a local or private network one",
        ),
        (
            "https://[::1]/hooks",
            "Error: The endpoint URL must be a public address, not a local or private network one",
        ),
        (
            "crm.contoso.example",
            "Error: Enter the endpoint URL as a full address, like https://crm.example.com/portal-events",
        ),
    ] {
        let res = partner
            .submit_form(
                "/webhooks",
                "/webhooks",
                &[("url", url), ("events", "claim.official")],
            )
            .await;
        assert_eq!(res.status, 422, "{url}");
        assert_eq!(res.text("#url-error"), message, "{url}");
        assert_eq!(
            res.count("input[name=events][checked]"),
            1,
            "the ticked box stays"
        );
    }
    assert_eq!(
        one_number(&app, "SELECT COUNT(*) AS n FROM webhook_endpoints"),
        0
    );

    // Changing the events: none ticked is refused the same way.
    let (endpoint, _) = add_endpoint(
        &partner,
        "/webhooks",
        "https://crm.contoso.example/hooks",
        &["claim.official"],
    )
    .await;
    let res = partner
        .submit_form(&endpoint, &endpoint, &[("description", "Kept")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#events"]);
    assert_eq!(res.attr("#description", "value").unwrap(), "Kept");
}

#[actix_web::test]
async fn every_change_to_an_endpoint_is_an_audit_row() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let (endpoint, _) = add_endpoint(
        &admin,
        "/admin/webhooks",
        "https://events.vendor.example/portal",
        &["claim.official"],
    )
    .await;
    let res = admin
        .submit_form(
            &endpoint,
            &endpoint,
            &[
                ("description", "Vendor events"),
                ("events", "claim.official"),
                ("events", "claim.expired"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = admin.get(&endpoint).await;
    assert_eq!(page.count("input[name=events][checked]"), 2);
    let token = page.csrf_token();
    for (action, fields) in [
        ("/enabled", vec![("enabled", "false")]),
        ("/enabled", vec![("enabled", "true")]),
        ("/rotate", vec![]),
        ("/delete", vec![]),
    ] {
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend(fields);
        let res = admin.post_form(&format!("{endpoint}{action}"), &all).await;
        assert!(matches!(res.status, 200 | 303), "{action}: {}", res.status);
    }
    assert_eq!(admin.get(&endpoint).await.status, 404);
    assert_eq!(
        one_number(
            &app,
            "SELECT COUNT(*) AS n FROM admin_audit WHERE action LIKE 'webhook.%'"
        ),
        6
    );
}
