//! The reviewers' API: decisions with the case page's rules and messages (in English and
//! Japanese), the partner's answers to them (resubmit, dispute), the registry read for
//! administrators, and an official association's usage.

use serde_json::json;

use crate::{
    api_client::Api, api_tokens::make_token, api_writes::complete_draft,
    claim_page_reasons::made_official, helpers::*, review_flow::decide, wizard::NORTHWIND_TENANT,
};

/// A partner's and a reviewer's write tokens, and a submitted claim's id.
async fn submitted(app: &TestApp, language: &str) -> (Api, Api, String) {
    let partner = app.signed_in(PARTNER).await;
    let own = Api::new(
        app,
        Some(&make_token(&partner, "CRM", "write", "30").await),
        "en",
    );
    let id = complete_draft(&own, "Northwind").await;
    let submitted = own
        .post(&format!("/api/v1/claims/{id}/submit"), "", None)
        .await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let reviewer = app.signed_in(REVIEWER).await;
    let token = make_token(&reviewer, "Desk", "write", "7").await;
    (own, Api::new(app, Some(&token), language), id)
}

#[actix_web::test]
async fn decisions_follow_the_case_pages_rules_and_words_in_both_languages() {
    let app = spawn_app().await;
    let (_, _, id) = submitted(&app, "en").await;
    let maker = app.signed_in(REVIEWER).await;
    for language in ["en", "ja"] {
        let reviewer = app.signed_in_speaking(REVIEWER, language).await;
        let token = make_token(&maker, &format!("Case {language}"), "write", "7").await;
        let staff = Api::new(&app, Some(&token), language);
        let review = format!("/api/v1/review/claims/{id}");
        let claim = format!("/associations/{id}");

        let no_reason = staff
            .post_json(&format!("{review}/reject"), &json!({}))
            .await;
        no_reason.assert_problem(422, "invalid");
        let page = decide(&reviewer, &claim, "reject", &[]).await;
        let on_page = page.text(".error-summary a[href='#reason']");
        assert_eq!(no_reason.error_of("reason"), on_page);
        assert_eq!(on_page.is_ascii(), language == "en", "{on_page}");

        let other = json!({"reason": "other"});
        let unexplained = staff.post_json(&format!("{review}/reject"), &other).await;
        unexplained.assert_problem(422, "invalid");
        let page = decide(&reviewer, &claim, "reject", &[("reason", "other")]).await;
        assert_eq!(
            unexplained.error_of("reason_text"),
            page.text(".error-summary a[href='#reason_text']")
        );

        let empty = staff
            .post_json(&format!("{review}/request-information"), &json!({}))
            .await;
        empty.assert_problem(422, "invalid");
        let page = decide(&reviewer, &claim, "ask", &[("comment", "")]).await;
        assert_eq!(
            empty.error_of("comment"),
            page.text(".error-summary a[href='#comment']")
        );
    }
    let reviewer = app.signed_in(REVIEWER).await;
    let staff = Api::new(
        &app,
        Some(&make_token(&reviewer, "D", "write", "7").await),
        "en",
    );
    let history = staff.get(&format!("/api/v1/claims/{id}")).await.body["history"].clone();
    assert_eq!(history.as_array().unwrap().len(), 2, "nothing was decided");
}

#[actix_web::test]
async fn the_partner_answers_a_request_for_information_and_disputes_a_rejection() {
    let app = spawn_app().await;
    let (own, staff, id) = submitted(&app, "en").await;
    let review = format!("/api/v1/review/claims/{id}");
    let claim = format!("/api/v1/claims/{id}");
    let asked = staff
        .post_json(
            &format!("{review}/request-information"),
            &json!({"comment": "Please add the signed statement of work."}),
        )
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert_eq!(asked.body["status"], "action_required");
    let resubmitted = own.post(&format!("{claim}/resubmit"), "", None).await;
    assert_eq!(
        resubmitted.body["status"], "submitted",
        "{}",
        resubmitted.body
    );

    let reason = json!({
        "reason": "insufficient_proof_of_execution",
        "reason_text": "The SOW is unsigned.",
    });
    let rejected = staff.post_json(&format!("{review}/reject"), &reason).await;
    assert_eq!(rejected.body["status"], "rejected", "{}", rejected.body);
    assert!(rejected.body["dispute_until"].is_string());
    let empty = own.post_json(&format!("{claim}/dispute"), &json!({})).await;
    empty.assert_problem(422, "invalid");
    let dispute = format!("{claim}/dispute");
    let unreadable = vec![("files", "sow.exe", b"MZ\x90\x00".to_vec())];
    let fields = [("justification", "The signed SOW is attached.")];
    let refused = own
        .post_multipart(&dispute, &fields, &unreadable, None)
        .await;
    refused.assert_problem(422, "invalid");
    assert!(!refused.error_of("files").is_empty());
    let signed = vec![("files", "signed-sow.pdf", b"%PDF-1.7 signed".to_vec())];
    let disputed = own
        .post_multipart(&dispute, &fields, &signed, Some("dispute-1"))
        .await;
    assert_eq!(disputed.body["status"], "disputed", "{}", disputed.body);
    let files: Vec<&str> = disputed.body["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["sow.pdf", "signed-sow.pdf"]);
    let retried = own
        .post_multipart(&dispute, &fields, &signed, Some("dispute-1"))
        .await;
    assert_eq!(retried.header("idempotent-replayed"), Some("true"));
    let twice = own
        .post_json(
            &format!("{claim}/dispute"),
            &json!({"justification": "Again."}),
        )
        .await;
    twice.assert_problem(409, "conflict");
    let to: Vec<String> = own.get(&claim).await.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        to,
        [
            "draft",
            "submitted",
            "action_required",
            "submitted",
            "rejected",
            "disputed"
        ]
    );
}

#[actix_web::test]
async fn administrators_read_the_registry_and_partners_the_usage_of_official_claims() {
    let app = spawn_app().await;
    let (own, staff, id) = submitted(&app, "en").await;
    staff
        .get("/api/v1/registry/tenants")
        .await
        .assert_problem(403, "forbidden");
    let admin = app.signed_in(ADMIN).await;
    let registry = Api::new(
        &app,
        Some(&make_token(&admin, "Reg", "read", "7").await),
        "en",
    );
    let tenants = registry.get("/api/v1/registry/tenants?q=northwind").await;
    assert_eq!(tenants.status, 200, "{}", tenants.body);
    assert_eq!(tenants.body["items"][0]["id"], NORTHWIND_TENANT);
    let tenant = registry
        .get(&format!("/api/v1/registry/tenants/{NORTHWIND_TENANT}"))
        .await;
    assert_eq!(tenant.status, 200, "{}", tenant.body);
    assert!(
        tenant.body["domains"]
            .as_array()
            .unwrap()
            .contains(&json!("northwind.example"))
    );
    registry
        .get("/api/v1/registry/tenants/00000000-0000-4000-8000-000000000000")
        .await
        .assert_problem(404, "not_found");

    let usage = format!("/api/v1/claims/{id}/usage");
    let before = own.get(&usage).await;
    assert_eq!(before.status, 200, "{}", before.body);
    assert_eq!(before.body["months"], json!([]));
    let reviewer = app.signed_in(REVIEWER).await;
    made_official(&app, &reviewer, &format!("/associations/{id}")).await;
    let official = own.get(&usage).await;
    assert_eq!(official.body["status"], "official");
    let months = official.body["months"].as_array().unwrap();
    assert!(!months.is_empty());
    assert!(months[0]["monthly_active_users"].is_number());
    let page = own.get("/api/v1/claims?status=official").await;
    assert_eq!(page.body["items"][0]["id"], id.as_str());
    let other = app.signed_in(OTHER_PARTNER).await;
    let theirs = Api::new(
        &app,
        Some(&make_token(&other, "T", "read", "30").await),
        "en",
    );
    theirs.get(&usage).await.assert_problem(404, "not_found");
}
