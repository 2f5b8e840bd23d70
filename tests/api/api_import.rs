//! `POST /api/v1/claims/import`: the page's CSV import over the API — every draft made or
//! none, each problem named by line and column, a retried request acting once, and only a
//! partner's read-and-write token.

use crate::{
    api_client::Api,
    api_tokens::make_token,
    bulk_claims::{HEADER, row},
    helpers::*,
    wizard::NORTHWIND_TENANT,
};

const IMPORT: &str = "/api/v1/claims/import";

#[actix_web::test]
async fn a_partner_imports_drafts_from_csv_all_or_nothing_and_once_per_key() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let token = make_token(&partner, "CRM", "write", "30").await;
    let api = Api::new(&app, Some(&token), "en");

    let bad = format!(
        "{HEADER}\n{}\n{}\n",
        row("Teams rollout", NORTHWIND_TENANT, "teams"),
        row("Bad tenant", "not-a-guid", "teams"),
    );
    let refused = api.post(IMPORT, &bad, None).await;
    refused.assert_problem(422, "invalid");
    let messages: Vec<String> = refused.field_errors().into_iter().map(|(_, m)| m).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Line 3, column tenant_id:")),
        "{messages:?}"
    );
    assert_eq!(
        api.get("/api/v1/claims?status=draft").await.body["items"],
        serde_json::json!([])
    );

    let good = format!(
        "{HEADER}\n{}\n{}\n",
        row("Teams rollout", NORTHWIND_TENANT, "teams"),
        row("Mail move", NORTHWIND_TENANT, "exchange-online"),
    );
    let made = api.post(IMPORT, &good, Some("import-1")).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let claims = made.body["claims"].as_array().unwrap().clone();
    assert_eq!(claims.len(), 2);
    let first = api.get(claims[0]["url"].as_str().unwrap()).await;
    assert_eq!(first.body["name"], "Teams rollout");
    assert_eq!(first.body["status"], "draft");

    // The same request retried with its key gets the first answer and makes nothing more.
    let again = api.post(IMPORT, &good, Some("import-1")).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    let drafts = api.get("/api/v1/claims?status=draft").await;
    assert_eq!(drafts.body["items"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn only_a_partners_read_and_write_token_imports() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reader = make_token(&partner, "Reports", "read", "30").await;
    let csv = format!(
        "{HEADER}\n{}\n",
        row("Teams rollout", NORTHWIND_TENANT, "teams")
    );
    Api::new(&app, Some(&reader), "en")
        .post(IMPORT, &csv, None)
        .await
        .assert_problem(403, "read_only");
    let reviewer = app.signed_in(REVIEWER).await;
    let staff = make_token(&reviewer, "Queue", "write", "30").await;
    Api::new(&app, Some(&staff), "en")
        .post(IMPORT, &csv, None)
        .await
        .assert_problem(403, "forbidden");
    Api::new(&app, None, "en")
        .post(IMPORT, &csv, None)
        .await
        .assert_problem(401, "unauthorized");
}
