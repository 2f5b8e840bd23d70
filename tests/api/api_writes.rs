//! The API's partner writes over HTTP: a claim created, filled, given its proof of
//! execution and submitted with a token, validated with a reviewer's token, and followed
//! with its History; field errors carry the pages' own messages in the caller's language;
//! refused changes are 409; and each write is refused to those it is not for.

use serde_json::{Value, json};

use crate::{
    api_client::Api, api_tokens::make_token, helpers::*, review_flow::SEATTLE,
    wizard::NORTHWIND_TENANT,
};

/// The first three steps' answers for Northwind from Seattle.
pub fn new_draft(name: &str) -> Value {
    json!({
        "location_mpn_id": SEATTLE,
        "domain_name": "northwind.example",
        "tenant_id": NORTHWIND_TENANT,
        "solution_area": "microsoft_365",
        "activity": "usage",
        "claim_name": name,
    })
}

pub fn contacts() -> Value {
    json!({
        "customer_contact_name": "Ana Silva",
        "customer_contact_job_title": "IT Director",
        "customer_contact_email": "ana.silva@northwind.example",
        "company_contact_name": "Chris Partner",
        "company_contact_email": "chris@contoso-consulting.example",
    })
}

pub fn sow() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    vec![("files", "sow.pdf", b"%PDF-1.7 signed".to_vec())]
}

/// A draft made complete over the API; returns its id.
pub async fn complete_draft(api: &Api, name: &str) -> String {
    let created = api.post_json("/api/v1/claims", &new_draft(name)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let claim = format!("/api/v1/claims/{id}");
    let products = json!({"products": [{"id": "teams"}, {"id": "exchange-online"}]});
    let filled = api.post_json(&format!("{claim}/products"), &products).await;
    assert_eq!(filled.status, 200, "{}", filled.body);
    let filled = api
        .post_json(&format!("{claim}/contacts"), &contacts())
        .await;
    assert_eq!(filled.status, 200, "{}", filled.body);
    let uploaded = api
        .post_files(&format!("{claim}/files"), &sow(), None)
        .await;
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    id
}

fn statuses(history: &Value) -> Vec<(String, String)> {
    history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let from = h["from"].as_str().unwrap_or("").to_owned();
            (from, h["to"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[actix_web::test]
async fn a_partner_creates_fills_submits_and_follows_a_claim_that_a_reviewer_validates() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let api = Api::new(
        &app,
        Some(&make_token(&partner, "CRM", "write", "30").await),
        "en",
    );

    let created = api
        .post_json("/api/v1/claims", &new_draft("Northwind via API"))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let claim = format!("/api/v1/claims/{id}");
    assert_eq!(created.header("location"), Some(claim.as_str()));
    assert_eq!(created.body["status"], "draft");
    assert_eq!(created.body["customer_domain"], "northwind.example");
    assert_eq!(created.body["location"]["mpn_id"], SEATTLE);

    let products = json!({"products": [{"id": "teams"}, {"id": "exchange-online"}]});
    let filled = api.post_json(&format!("{claim}/products"), &products).await;
    assert_eq!(filled.status, 200, "{}", filled.body);
    assert_eq!(filled.body["products"].as_array().unwrap().len(), 2);
    let filled = api
        .post_json(&format!("{claim}/contacts"), &contacts())
        .await;
    assert_eq!(filled.status, 200, "{}", filled.body);
    assert_eq!(filled.body["contacts"]["customer"]["name"], "Ana Silva");
    assert_eq!(filled.body["contacts"]["customer_language"], "en");
    let commented = api
        .post_json(
            &format!("{claim}/comments"),
            &json!({"comments": "Workshop on 12 Nov."}),
        )
        .await;
    assert_eq!(commented.body["comments"], "Workshop on 12 Nov.");

    // Submitting without proof of execution is refused as the submit page refuses it.
    let early = api.post(&format!("{claim}/submit"), "", None).await;
    early.assert_problem(409, "conflict");
    let missing = early.error_of("missing");
    let page = partner.get(&format!("/associations/{id}/submit")).await;
    assert!(
        page.texts("body").iter().any(|t| t.contains(&missing)),
        "{missing}"
    );

    let uploaded = api
        .post_files(&format!("{claim}/files"), &sow(), None)
        .await;
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    assert_eq!(uploaded.body["files"][0]["name"], "sow.pdf");
    let submitted = api.post(&format!("{claim}/submit"), "", None).await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    assert_eq!(submitted.body["status"], "submitted");

    // The reviewer finds it in the queue and validates it.
    let reviewer = app.signed_in(REVIEWER).await;
    let staff = Api::new(
        &app,
        Some(&make_token(&reviewer, "Desk", "write", "7").await),
        "en",
    );
    let queue = staff.get("/api/v1/review/queue").await;
    assert_eq!(queue.status, 200, "{}", queue.body);
    assert_eq!(queue.body["items"][0]["id"], id.as_str());
    assert_eq!(queue.body["items"][0]["name"], "Northwind via API");
    let all = staff.get("/api/v1/review/claims?status=submitted").await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 1);
    let validated = staff
        .post(&format!("/api/v1/review/claims/{id}/validate"), "", None)
        .await;
    assert_eq!(validated.status, 200, "{}", validated.body);
    let again = staff
        .post(&format!("/api/v1/review/claims/{id}/validate"), "", None)
        .await;
    again.assert_problem(409, "conflict");

    // The partner follows it: the History, as the page shows it.
    let followed = api.get(&claim).await;
    let history = statuses(&followed.body["history"]);
    let to: Vec<&str> = history.iter().map(|(_, to)| to.as_str()).collect();
    assert_eq!(to[..2], ["draft", "submitted"]);
    assert_eq!(history[2].0, "submitted");
    assert_eq!(followed.body["status"], history.last().unwrap().1.as_str());
    let page = partner.get(&format!("/associations/{id}/history")).await;
    assert_eq!(page.status, 200);
}

/// The page's message for `field` after sending the wizard's first step `fields`.
async fn page_message(visitor: &Visitor, fields: &[(&str, &str)], field: &str) -> String {
    let res = visitor
        .submit_form("/associations/new", "/associations/new", fields)
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    res.text(&format!(".error-summary a[href='#{field}']"))
}

#[actix_web::test]
async fn field_errors_carry_the_pages_messages_in_the_callers_language() {
    let app = spawn_app().await;
    let maker = app.signed_in(PARTNER).await;
    for language in ["en", "ja"] {
        let partner = app.signed_in_speaking(PARTNER, language).await;
        let token = make_token(&maker, &format!("CRM {language}"), "write", "30").await;
        let api = Api::new(&app, Some(&token), language);
        let mut sent = new_draft("Northwind");
        sent["tenant_id"] = json!("not-a-guid");
        sent["location_mpn_id"] = json!("");
        let refused = api.post_json("/api/v1/claims", &sent).await;
        refused.assert_problem(422, "invalid");
        let typed = [
            ("location_mpn_id", ""),
            ("domain_name", "northwind.example"),
            ("tenant_id", "not-a-guid"),
        ];
        for field in ["location_mpn_id", "tenant_id"] {
            let on_page = page_message(&partner, &typed, field).await;
            assert!(!on_page.is_empty());
            assert_eq!(refused.error_of(field), on_page, "{language} {field}");
            assert_eq!(on_page.is_ascii(), language == "en", "{on_page}");
        }
        // Nothing half-written: no draft.
        assert_eq!(api.get("/api/v1/claims").await.body["items"], json!([]));
    }
    let partner = app.signed_in(PARTNER).await;
    let api = Api::new(
        &app,
        Some(&make_token(&partner, "CRM", "write", "30").await),
        "ja",
    );
    let created = api
        .post_json("/api/v1/claims", &new_draft("Northwind"))
        .await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let mut bad = contacts();
    bad["customer_contact_email"] = json!("ana at northwind");
    let refused = api
        .post_json(&format!("/api/v1/claims/{id}/contacts"), &bad)
        .await;
    refused.assert_problem(422, "invalid");
    let message = refused.error_of("customer_contact_email");
    assert!(!message.is_ascii(), "in Japanese: {message}");
    // The claim's contacts are unchanged.
    let claim = api.get(&format!("/api/v1/claims/{id}")).await;
    assert_eq!(claim.body["contacts"]["customer"]["email"], Value::Null);
}

#[actix_web::test]
async fn malformed_bodies_are_400_problems_and_refused_changes_409() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let api = Api::new(
        &app,
        Some(&make_token(&partner, "CRM", "write", "30").await),
        "en",
    );
    for body in ["{", "[1,2]", "\"text\"", "{\"claim_name\": 5}"] {
        let refused = api.post("/api/v1/claims", body, None).await;
        refused.assert_problem(400, "malformed");
        assert!(refused.body["detail"].as_str().unwrap().contains("line 1"));
    }
    let id = complete_draft(&api, "Northwind").await;
    let claim = format!("/api/v1/claims/{id}");
    let draft_message = json!({"message": "Hello"});
    let refused = api
        .post_json(&format!("{claim}/messages"), &draft_message)
        .await;
    refused.assert_problem(404, "not_found");
    assert_eq!(
        api.post(&format!("{claim}/submit"), "", None).await.status,
        200
    );
    let resubmit = api.post(&format!("{claim}/resubmit"), "", None).await;
    resubmit.assert_problem(409, "conflict");
    assert!(!resubmit.body["detail"].as_str().unwrap().is_empty());
    let withdraw = api
        .post_json(&format!("{claim}/withdraw"), &json!({}))
        .await;
    withdraw.assert_problem(422, "invalid");
    assert!(!withdraw.error_of("reason").is_empty());
    let message = api
        .post_json(
            &format!("{claim}/messages"),
            &json!({"message": "Any news?"}),
        )
        .await;
    assert_eq!(message.status, 201, "{}", message.body);
    assert_eq!(message.body["messages"][0]["body"], "Any news?");
    let withdrawn = api
        .post_json(
            &format!("{claim}/withdraw"),
            &json!({"reason": "Duplicate."}),
        )
        .await;
    assert_eq!(withdrawn.body["status"], "withdrawn", "{}", withdrawn.body);
    let locked = api
        .post_json(&format!("{claim}/comments"), &json!({"comments": "More"}))
        .await;
    locked.assert_problem(409, "conflict");
}

#[actix_web::test]
async fn each_write_is_refused_to_those_it_is_not_for() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let own = Api::new(
        &app,
        Some(&make_token(&partner, "CRM", "write", "30").await),
        "en",
    );
    let id = complete_draft(&own, "Northwind").await;
    let claim = format!("/api/v1/claims/{id}");
    let writes: Vec<(String, Value)> = vec![
        (
            format!("{claim}/products"),
            json!({"products": [{"id": "teams"}]}),
        ),
        (format!("{claim}/contacts"), contacts()),
        (format!("{claim}/comments"), json!({"comments": "x"})),
        (format!("{claim}/submit"), json!({})),
        (format!("{claim}/withdraw"), json!({"reason": "x"})),
    ];
    let other = app.signed_in(OTHER_PARTNER).await;
    let theirs = Api::new(
        &app,
        Some(&make_token(&other, "Theirs", "write", "30").await),
        "en",
    );
    let read_only = Api::new(
        &app,
        Some(&make_token(&partner, "Read", "read", "30").await),
        "en",
    );
    let nobody = Api::new(&app, Some("cpor_0000"), "en");
    for (path, body) in &writes {
        theirs
            .post_json(path, body)
            .await
            .assert_problem(404, "not_found");
        read_only
            .post_json(path, body)
            .await
            .assert_problem(403, "read_only");
        nobody
            .post_json(path, body)
            .await
            .assert_problem(401, "unauthorized");
    }
    let files = theirs
        .post_files(&format!("{claim}/files"), &sow(), None)
        .await;
    files.assert_problem(404, "not_found");
    read_only
        .post_json("/api/v1/claims", &new_draft("x"))
        .await
        .assert_problem(403, "read_only");
    // Staff do not make claims; partners do not review.
    let reviewer = app.signed_in(REVIEWER).await;
    let staff = Api::new(
        &app,
        Some(&make_token(&reviewer, "Desk", "write", "7").await),
        "en",
    );
    staff
        .post_json("/api/v1/claims", &new_draft("x"))
        .await
        .assert_problem(403, "forbidden");
    staff
        .post_json(&format!("{claim}/comments"), &json!({"comments": "x"}))
        .await
        .assert_problem(403, "forbidden");
    for path in [
        "/api/v1/review/queue",
        "/api/v1/review/claims",
        "/api/v1/registry/tenants",
    ] {
        own.get(path).await.assert_problem(403, "forbidden");
    }
    let review = format!("/api/v1/review/claims/{id}");
    for action in ["validate", "request-information", "reject"] {
        let path = format!("{review}/{action}");
        own.post_json(&path, &json!({}))
            .await
            .assert_problem(403, "forbidden");
    }
    // Nothing of it happened: the claim is the draft it was, with one History line.
    let claim_now = own.get(&claim).await;
    assert_eq!(claim_now.body["status"], "draft");
    assert_eq!(claim_now.body["history"].as_array().unwrap().len(), 1);
    assert_eq!(claim_now.body["messages"], json!([]));
}

#[actix_web::test]
async fn an_upload_declared_over_the_limit_is_refused_with_413_before_its_body() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app_with(&[("PORTAL_UPLOAD_MAX_MB", "1")]).await;
    let partner = app.signed_in(PARTNER).await;
    let token = make_token(&partner, "CRM", "write", "30").await;
    let api = Api::new(&app, Some(&token), "en");
    let created = api
        .post_json("/api/v1/claims", &new_draft("Northwind"))
        .await;
    let id = created.body["id"].as_str().unwrap();
    let host = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    // Only the head is sent: an answer proves the body was not waited for.
    let head = format!(
        "POST /api/v1/claims/{id}/files HTTP/1.1\r\nHost: {host}\r\n\
         Authorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 900000000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let reading = stream.read_to_end(&mut received);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(30), reading)
        .await
        .expect("the answer comes before the body");
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("application/problem+json"), "{text}");
    assert!(text.contains("/api/v1/problems/too_large"), "{text}");
    let claim = api.get(&format!("/api/v1/claims/{id}")).await;
    assert_eq!(claim.body["files"], json!([]));
}
