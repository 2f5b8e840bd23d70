//! Step 7, **Submit claim**, the read-only claim after it, and **Withdraw**.

use crate::{
    helpers::*,
    wizard::{create_draft, create_draft_at},
};

/// A Microsoft 365 draft with products, contacts and one PoE file: ready to submit.
pub async fn complete_draft(visitor: &Visitor, name: &str) -> String {
    complete_draft_at(visitor, "4651234", name).await
}

/// [`complete_draft`] for the partner location with MPN ID `mpn`.
pub async fn complete_draft_at(visitor: &Visitor, mpn: &str, name: &str) -> String {
    complete_draft_in(visitor, mpn, name, "en").await
}

/// [`complete_draft_at`] for a customer who reads `language` (`en`, `ja`).
pub async fn complete_draft_in(visitor: &Visitor, mpn: &str, name: &str, language: &str) -> String {
    let claim = create_draft_at(visitor, mpn, "microsoft_365", "usage", name).await;
    choose_products(visitor, &claim, &["teams", "exchange-online"]).await;
    fill_contacts(visitor, &claim, language).await;
    upload_poe(visitor, &claim).await;
    claim
}

/// Step 4: `products` chosen (none needing a subscription).
pub async fn choose_products(visitor: &Visitor, claim: &str, products: &[&str]) {
    let step = format!("{claim}/products");
    let chosen: Vec<(&str, &str)> = products.iter().map(|p| ("product_ids", *p)).collect();
    let res = visitor.submit_form(&step, &step, &chosen).await;
    assert_eq!(res.status, 303, "{}", res.body);
}

/// Step 5: Northwind's customer contact (reading `language`) and the partner's contact.
pub async fn fill_contacts(visitor: &Visitor, claim: &str, language: &str) {
    let step = format!("{claim}/contacts");
    let res = visitor
        .submit_form(
            &step,
            &step,
            &[
                ("customer_contact_name", "Ana Silva"),
                ("customer_contact_job_title", "IT Director"),
                ("customer_contact_email", "ana.silva@northwind.example"),
                ("customer_language", language),
                ("company_contact_name", "Chris Partner"),
                ("company_contact_email", "chris@contoso-consulting.example"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
}

/// Step 6: one signed statement of work uploaded.
pub async fn upload_poe(visitor: &Visitor, claim: &str) {
    let files_page = visitor.get(&format!("{claim}/files")).await;
    let upload = files_page
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    let res = visitor
        .post_files(
            &upload,
            &[("files", "sow.pdf", b"%PDF-1.7 signed".to_vec())],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
}

#[actix_web::test]
async fn a_complete_draft_is_submitted_and_then_read_only() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = complete_draft(&visitor, "Northwind Teams usage").await;
    let step_7 = format!("{claim}/submit");
    let res = visitor
        .submit_form(
            &step_7,
            &format!("{claim}/comments"),
            &[("comments", "Workshop held on 12 Nov.")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = visitor.get(&step_7).await;
    assert_eq!(page.text("[role=status]"), "Your comments were saved.");
    assert_eq!(page.text("#comments"), "Workshop held on 12 Nov.");
    assert!(
        page.texts("[data-testid=summary] dd")
            .contains(&"Exchange Online, Microsoft Teams".to_owned())
    );
    assert_eq!(page.count("[data-testid=claim-missing]"), 0);

    let res = visitor.submit_form(&step_7, &step_7, &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let claim_page = visitor.get(&claim).await;
    assert_eq!(
        claim_page.text("[role=status]"),
        "Your claim was submitted for review."
    );
    assert_eq!(claim_page.text("[data-testid=claim-status]"), "Submitted");
    assert_eq!(
        claim_page.text("[data-testid=claim-next]"),
        "Waiting for review by the programme team."
    );
    assert_eq!(
        claim_page.count(".summary-action"),
        0,
        "no Change links after submit"
    );
    assert_eq!(claim_page.count("[data-testid=check-and-submit]"), 0);

    let history = visitor.get(&format!("{claim}/history")).await;
    assert_eq!(
        history.texts("[data-testid=history] tbody td:nth-child(3)"),
        ["Draft", "Draft → Submitted"]
    );
    assert_eq!(
        visitor
            .get("/associations?status=submitted")
            .await
            .count("tbody tr"),
        1
    );

    // Read-only now: every editing URL refuses, and nothing changes.
    for path in ["products", "contacts", "files", "submit"] {
        assert_eq!(
            visitor.get(&format!("{claim}/{path}")).await.status,
            403,
            "{path}"
        );
    }
    let token = claim_page.csrf_token();
    let res = visitor
        .post_form(
            &format!("{claim}/products"),
            &[("csrf_token", &token), ("product_ids", "intune")],
        )
        .await;
    assert_eq!(res.status, 403);
    let res = visitor.post_form(&step_7, &[("csrf_token", &token)]).await;
    assert_eq!(res.status, 403, "a second submit is refused");
    let res = visitor
        .post_files(
            &format!("{claim}/files?csrf_token={token}"),
            &[("files", "late.pdf", b"%PDF-1.7".to_vec())],
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        visitor
            .get(&claim)
            .await
            .texts("[data-testid=claim-files] a"),
        ["sow.pdf"]
    );
}

#[actix_web::test]
async fn an_incomplete_draft_lists_what_is_missing_and_cannot_be_submitted() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind half done").await;
    let step_7 = format!("{claim}/submit");
    let page = visitor.get(&step_7).await;
    assert_eq!(page.count("[data-testid=submit-claim]"), 0);
    assert_eq!(
        page.texts("[data-testid=claim-missing] li"),
        [
            "Products",
            "Customer contact",
            "Company contact",
            "Proof of execution"
        ]
    );
    assert_eq!(
        page.attr("[data-testid=claim-missing] a", "href").unwrap(),
        format!("{claim}/products")
    );
    let res = visitor
        .post_form(&step_7, &[("csrf_token", &page.csrf_token())])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.count(".error-summary li"), 4);
    assert_eq!(
        visitor.get(&claim).await.text("[data-testid=claim-status]"),
        "Draft"
    );

    let long = "x".repeat(2001);
    let res = visitor
        .submit_form(
            &step_7,
            &format!("{claim}/comments"),
            &[("comments", &long)],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.text("#comments").len(), 2001, "the text is kept");
}

#[actix_web::test]
async fn a_claim_is_withdrawn_with_a_reason_once() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = complete_draft(&visitor, "Northwind to withdraw").await;
    visitor
        .submit_form(&format!("{claim}/submit"), &format!("{claim}/submit"), &[])
        .await;
    let claim_page = visitor.get(&claim).await;
    let confirm_url = claim_page.attr("[data-testid=withdraw]", "href").unwrap();
    let confirm = visitor.get(&confirm_url).await;
    assert_eq!(
        confirm.text("main h1"),
        "Are you sure you want to withdraw this claim?"
    );
    let res = visitor
        .post_form(
            &confirm_url,
            &[("csrf_token", &confirm.csrf_token()), ("reason", " ")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(!res.text("#reason-error").is_empty());
    let res = visitor
        .post_form(
            &confirm_url,
            &[
                ("csrf_token", &confirm.csrf_token()),
                ("reason", "The customer chose another partner"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let claim_page = visitor.get(&claim).await;
    assert_eq!(claim_page.text("[data-testid=claim-status]"), "Withdrawn");
    assert_eq!(claim_page.count("[data-testid=withdraw]"), 0);
    let history = visitor.get(&format!("{claim}/history")).await;
    assert_eq!(
        history.text("[data-testid=history] tbody tr:last-child td:nth-child(3)"),
        "Submitted → Withdrawn"
    );
    assert_eq!(
        history.text("[data-testid=history] tbody tr:last-child td:nth-child(4)"),
        "The customer chose another partner"
    );
    assert_eq!(visitor.get(&confirm_url).await.status, 403);

    // Staff and other partners cannot withdraw a partner's claim.
    let other = complete_draft(&visitor, "Northwind second").await;
    for email in [REVIEWER, OTHER_PARTNER] {
        let someone = app.signed_in(email).await;
        let status = someone.get(&format!("{other}/withdraw")).await.status;
        assert!(status == 403 || status == 404, "{email}: {status}");
    }
}
