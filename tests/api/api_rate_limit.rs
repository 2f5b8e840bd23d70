//! Each API token has its allowance of requests per minute: over it, 429 problem details in
//! the caller's language with Retry-After; another token is not affected, and the allowance
//! comes back with time.

use chrono::Duration;
use serde_json::Value;

use crate::{api_contract::check, api_tokens::make_token, helpers::*};

/// GET `/api/v1/claims` with `token`: status, Retry-After and the body.
async fn list(app: &TestApp, token: &str) -> (u16, Option<String>, Value) {
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/claims", app.address))
        .header("Authorization", format!("Bearer {token}"))
        .header("Accept-Language", "ja")
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (retry_after, content_type) = (header("retry-after"), header("content-type"));
    let body: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    check(
        "GET",
        "/api/v1/claims",
        status,
        &content_type.unwrap_or_default(),
        &body,
    );
    (status, retry_after, body)
}

#[actix_web::test]
async fn a_token_over_its_allowance_waits_and_other_tokens_do_not() {
    let app = spawn_app_with(&[("PORTAL_API_RATE_LIMIT", "3")]).await;
    let partner = app.signed_in(PARTNER).await;
    let busy = make_token(&partner, "Busy sync", "read", "30").await;
    let quiet = make_token(&partner, "Quiet sync", "read", "30").await;

    for _ in 0..3 {
        assert_eq!(list(&app, &busy).await.0, 200);
    }
    let (status, retry_after, body) = list(&app, &busy).await;
    assert_eq!(status, 429, "{body}");
    // Three a minute: the next is allowed 20 seconds on.
    assert_eq!(retry_after.as_deref(), Some("20"));
    assert_eq!(body["type"], "/api/v1/problems/rate_limited");
    assert_eq!(body["title"], "このトークンからのリクエストが多すぎます。");
    assert!(body["detail"].as_str().unwrap().starts_with("20 秒後"));

    assert_eq!(
        list(&app, &quiet).await.0,
        200,
        "another token keeps its own allowance"
    );

    app.clock.advance(Duration::seconds(19));
    assert_eq!(list(&app, &busy).await.0, 429);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(list(&app, &busy).await.0, 200);
}

#[test]
fn an_allowance_of_nothing_or_past_the_bound_stops_start_up() {
    for bad in ["0", "100001", "many"] {
        let error = portal::config::Settings::from_lookup(|name| {
            (name == "PORTAL_API_RATE_LIMIT").then(|| bad.to_owned())
        })
        .expect_err(bad);
        assert!(
            error.to_string().contains("PORTAL_API_RATE_LIMIT"),
            "{error}"
        );
    }
}
