//! `/api/v1` with a personal token: a partner's token lists and reads its organisation's
//! claims (the same claims, statuses and History as the pages), another organisation's
//! token finds nothing, and every refusal is RFC 9457 problem details in the caller's
//! language.

use serde_json::Value;

use crate::{
    api_contract::check,
    api_tokens::make_token,
    helpers::*,
    review_flow::{SEATTLE, decide, submitted_claim},
};

/// An API answer: status, content type, and the body as JSON.
struct Answer {
    status: u16,
    content_type: String,
    authenticate: Option<String>,
    body: Value,
}

async fn call(app: &TestApp, path: &str, token: Option<&str>, language: &str) -> Answer {
    let mut request = reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .header("Accept-Language", language);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let res = request.send().await.unwrap();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (content_type, authenticate) = (header("content-type"), header("www-authenticate"));
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let content_type = content_type.unwrap_or_default();
    check("GET", path, status, &content_type, &body);
    Answer {
        status,
        content_type,
        authenticate,
        body,
    }
}

fn assert_problem(answer: &Answer, status: u16, kind: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.content_type, "application/problem+json");
    assert_eq!(answer.body["status"], status);
    assert_eq!(answer.body["type"], format!("/api/v1/problems/{kind}"));
    assert!(answer.body["title"].as_str().is_some_and(|t| !t.is_empty()));
}

#[actix_web::test]
async fn a_partners_token_lists_and_reads_its_own_claims_and_nothing_else() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let id = claim.trim_start_matches("/associations/").to_owned();
    let token = make_token(&partner, "CRM", "read", "30").await;

    let list = call(&app, "/api/v1/claims", Some(&token), "en").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.content_type, "application/json");
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], id.as_str());
    assert_eq!(items[0]["name"], "Northwind Teams usage");
    assert_eq!(items[0]["status"], "submitted");
    assert_eq!(items[0]["url"], format!("/api/v1/claims/{id}"));
    assert!(list.body.get("next").is_none());

    // The list's search, as on the page: a term that matches nothing, and one too long.
    let none = call(&app, "/api/v1/claims?q=fabrikam", Some(&token), "en").await;
    assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
    let long = format!("/api/v1/claims?q={}", "x".repeat(101));
    let refused = call(&app, &long, Some(&token), "en").await;
    assert_problem(&refused, 400, "bad_request");
    assert!(refused.body["detail"].as_str().unwrap().contains("100"));

    // The claim, whole: what the page shows, and its History.
    let reviewer = app.signed_in(REVIEWER).await;
    let asked = decide(
        &reviewer,
        &claim,
        "ask",
        &[("comment", "Please add the signed statement of work.")],
    )
    .await;
    assert_eq!(asked.status, 303);
    let one = call(&app, &format!("/api/v1/claims/{id}"), Some(&token), "en").await;
    assert_eq!(one.status, 200, "{}", one.body);
    let doc = &one.body;
    assert_eq!(doc["status"], "action_required");
    assert_eq!(doc["location"]["mpn_id"], SEATTLE);
    let products: Vec<&str> = doc["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(products.len(), 2);
    assert!(products.contains(&"teams") && products.contains(&"exchange-online"));
    assert_eq!(
        doc["contacts"]["customer"]["email"],
        "ana.silva@northwind.example"
    );
    assert_eq!(doc["files"].as_array().unwrap().len(), 1);
    assert!(doc["action_required_due"].is_string());
    let history: Vec<(&str, &str)> = doc["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["from"].as_str().unwrap_or(""), h["to"].as_str().unwrap()))
        .collect();
    assert_eq!(
        history,
        [
            ("", "draft"),
            ("draft", "submitted"),
            ("submitted", "action_required")
        ]
    );
    assert_eq!(
        doc["history"][2]["reason_text"],
        "Please add the signed statement of work."
    );

    // Another organisation's token finds nothing of it.
    let other = app.signed_in(OTHER_PARTNER).await;
    let theirs = make_token(&other, "Their CRM", "read", "30").await;
    let list = call(&app, "/api/v1/claims", Some(&theirs), "en").await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
    let missing = call(&app, &format!("/api/v1/claims/{id}"), Some(&theirs), "en").await;
    assert_problem(&missing, 404, "not_found");

    // Staff read any claim, but have no partner list of their own.
    let staff = make_token(&reviewer, "Reporting", "read", "7").await;
    let read = call(&app, &format!("/api/v1/claims/{id}"), Some(&staff), "en").await;
    assert_eq!(read.status, 200);
    assert_problem(
        &call(&app, "/api/v1/claims", Some(&staff), "en").await,
        403,
        "forbidden",
    );
}

#[actix_web::test]
async fn without_a_working_token_the_answer_is_401_in_the_callers_language() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;

    let none = call(&app, "/api/v1/claims", None, "en").await;
    assert_problem(&none, 401, "unauthorized");
    assert_eq!(none.authenticate.as_deref(), Some("Bearer"));
    assert!(
        none.body["title"]
            .as_str()
            .unwrap()
            .starts_with("A valid API token is required")
    );
    let japanese = call(&app, "/api/v1/claims", None, "ja").await;
    assert!(
        japanese.body["title"]
            .as_str()
            .unwrap()
            .starts_with("有効な API トークンが必要です")
    );

    // A page's session cookie is no token.
    let res = partner.get("/api/v1/claims").await;
    assert_eq!(res.status, 401);

    for token in ["cpor_", "not-a-token", &format!("cpor_{}", "0".repeat(64))] {
        assert_problem(
            &call(&app, "/api/v1/claims", Some(token), "en").await,
            401,
            "unauthorized",
        );
    }
    let token = make_token(&partner, "CRM", "read", "30").await;
    assert_eq!(
        call(&app, "/api/v1/claims", Some(&token), "en")
            .await
            .status,
        200
    );
    let list = partner.get("/account/tokens").await;
    let id = list
        .attr("[data-testid=tokens] tr[data-token]", "data-token")
        .unwrap();
    let res = partner
        .submit_form(
            "/account/tokens",
            &format!("/account/tokens/{id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_problem(
        &call(&app, "/api/v1/claims", Some(&token), "en").await,
        401,
        "unauthorized",
    );
}

#[actix_web::test]
async fn failures_before_the_handlers_are_problem_details_too_and_no_cookie_is_set() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let token = make_token(&partner, "CRM", "read", "30").await;
    for path in [
        "/api/v1/nothing-here",
        "/api/v1/claims?q=a&q=b",
        "/api/v1/claims?q=%00",
    ] {
        let answer = call(&app, path, Some(&token), "en").await;
        assert!(answer.status >= 400, "{path}: {}", answer.status);
        assert_eq!(answer.content_type, "application/problem+json", "{path}");
        assert_eq!(answer.body["status"], answer.status, "{path}");
    }
    // A change asked of the API (none is offered yet) is refused as problem details, not as
    // the pages' HTML.
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/claims", app.address))
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error());
    assert_eq!(
        res.headers().get("content-type").unwrap(),
        "application/problem+json"
    );
    // The API keeps no session: no cookie comes back.
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/claims", app.address))
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("set-cookie").is_none());
}
