//! `Idempotency-Key` on the API's POSTs: a retried request is answered from the stored
//! answer without acting again; the key with another request is 422; while its first
//! request runs, 409; a key abandoned mid-request frees itself after its lease; keys expire
//! after 24 hours; a POST without a key acts as sent.

use chrono::Duration;
use serde_json::json;

use crate::{
    api_client::Api,
    api_tokens::make_token,
    api_writes::{complete_draft, new_draft, sow},
    helpers::*,
    proof_world::one_number,
};

fn count(app: &TestApp, sql: &str) -> i64 {
    one_number(app, &format!("SELECT COUNT(*) AS n FROM {sql}"))
}

async fn partner_api(app: &TestApp) -> Api {
    let partner = app.signed_in(PARTNER).await;
    Api::new(
        app,
        Some(&make_token(&partner, "CRM", "write", "30").await),
        "en",
    )
}

#[actix_web::test]
async fn a_retried_request_acts_once_and_gets_the_same_answer() {
    let app = spawn_app().await;
    let api = partner_api(&app).await;
    let body = new_draft("Northwind").to_string();
    let first = api.post("/api/v1/claims", &body, Some("create-1")).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.header("idempotent-replayed"), None);
    let retry = api.post("/api/v1/claims", &body, Some("create-1")).await;
    assert_eq!(retry.status, 201);
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(retry.header("location"), first.header("location"));
    assert_eq!(retry.body, first.body);
    assert_eq!(count(&app, "claims"), 1);
    assert_eq!(count(&app, "audit_entries"), 1);

    // A submission retried: one status change, one History line, one set of emails.
    let id = complete_draft(&api, "Second").await;
    let submit = format!("/api/v1/claims/{id}/submit");
    let outbox = format!("outbox WHERE claim_id = '{id}'");
    let audit = format!("audit_entries WHERE claim_id = '{id}'");
    let done = api.post(&submit, "", Some("submit-1")).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let (mails, lines) = (count(&app, &outbox), count(&app, &audit));
    assert_eq!(lines, 2);
    let replayed = api.post(&submit, "", Some("submit-1")).await;
    assert_eq!(replayed.status, 200);
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
    assert_eq!(replayed.body["status"], "submitted");
    assert_eq!((count(&app, &outbox), count(&app, &audit)), (mails, lines));
    // Without the key, the same request acts (and is refused by the claim's rules).
    let unkeyed = api.post(&submit, "", None).await;
    unkeyed.assert_problem(409, "conflict");

    // An upload retried stores its file once.
    let third = api.post_json("/api/v1/claims", &new_draft("Third")).await;
    let files = format!(
        "/api/v1/claims/{}/files",
        third.body["id"].as_str().unwrap()
    );
    let stored = api.post_files(&files, &sow(), Some("upload-1")).await;
    assert_eq!(stored.status, 201, "{}", stored.body);
    let again = api.post_files(&files, &sow(), Some("upload-1")).await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body["files"].as_array().unwrap().len(), 1);
    let other = vec![("files", "sow-2.pdf", b"%PDF-1.7 other".to_vec())];
    let reused = api.post_files(&files, &other, Some("upload-1")).await;
    reused.assert_problem(422, "idempotency_key_reused");
}

#[actix_web::test]
async fn a_key_is_the_callers_own_and_for_one_request_only() {
    let app = spawn_app().await;
    let api = partner_api(&app).await;
    let first = api
        .post("/api/v1/claims", &new_draft("One").to_string(), Some("k"))
        .await;
    assert_eq!(first.status, 201);
    let other_body = api
        .post("/api/v1/claims", &new_draft("Two").to_string(), Some("k"))
        .await;
    other_body.assert_problem(422, "idempotency_key_reused");
    let other_path = api
        .post(
            "/api/v1/claims?x=1",
            &new_draft("One").to_string(),
            Some("k"),
        )
        .await;
    other_path.assert_problem(422, "idempotency_key_reused");
    assert_eq!(count(&app, "claims"), 1);

    // Another user's same key is theirs.
    let other = app.signed_in(OTHER_PARTNER).await;
    let theirs = Api::new(
        &app,
        Some(&make_token(&other, "T", "write", "30").await),
        "en",
    );
    let mut draft = new_draft("Theirs");
    draft["location_mpn_id"] = json!("");
    let refused = theirs
        .post("/api/v1/claims", &draft.to_string(), Some("k"))
        .await;
    refused.assert_problem(422, "invalid");
    // A refusal is an answer too: replayed, not re-checked.
    let replayed = theirs
        .post("/api/v1/claims", &draft.to_string(), Some("k"))
        .await;
    assert_eq!(replayed.status, 422);
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));

    for bad in ["", &"k".repeat(256)] {
        let res = api.post("/api/v1/claims", "{}", Some(bad)).await;
        res.assert_problem(400, "idempotency_key");
    }

    // After 24 hours the key is forgotten (and its row removed).
    app.clock.advance(Duration::hours(24));
    let later = api
        .post("/api/v1/claims", &new_draft("Two").to_string(), Some("k"))
        .await;
    assert_eq!(later.status, 201, "{}", later.body);
    // Both users' old keys were removed when the new one was taken.
    assert_eq!(count(&app, "api_idempotency_keys"), 1);
}

#[actix_web::test]
async fn a_running_key_is_409_until_its_lease_ends() {
    let app = spawn_app().await;
    let api = partner_api(&app).await;
    let body = new_draft("One").to_string();
    assert_eq!(
        api.post("/api/v1/claims", &body, Some("run")).await.status,
        201
    );
    // As if the first request were still running (or its process had died before storing
    // its answer).
    let mut conn = app.pool.get().unwrap();
    diesel::RunQueryDsl::execute(
        diesel::sql_query("UPDATE api_idempotency_keys SET status_code = NULL, body = NULL"),
        &mut **conn,
    )
    .unwrap();
    drop(conn);
    let running = api.post("/api/v1/claims", &body, Some("run")).await;
    running.assert_problem(409, "idempotency_key_running");
    assert_eq!(count(&app, "claims"), 1);

    // Abandoned: after the lease the key is taken again, and the request acts.
    app.clock.advance(Duration::minutes(6));
    let retried = api.post("/api/v1/claims", &body, Some("run")).await;
    assert_eq!(retried.status, 201, "{}", retried.body);
    assert_eq!(retried.header("idempotent-replayed"), None);
    assert_eq!(count(&app, "claims"), 2);
}
