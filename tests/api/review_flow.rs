//! After **Submit claim**: review, the customer's email and opt-out window, the jobs that
//! close windows and time out requests, and the partner's answers — driven over HTTP.

use chrono::{DateTime, Duration, TimeZone, Utc};
use portal::clock::Clock;

use crate::{helpers::*, submit_step::complete_draft_at};

pub const SEATTLE: &str = "4651234";
pub const MUNICH: &str = "5123456";
const CUSTOMER: &str = "ana.silva@northwind.example";
const PARTNER_CONTACT: &str = "chris@contoso-consulting.example";

/// A complete draft of the location `mpn`, submitted; returns the claim's path.
pub async fn submitted_claim(partner: &Visitor, mpn: &str, name: &str) -> String {
    let claim = complete_draft_at(partner, mpn, name).await;
    submit(partner, &claim).await;
    claim
}

/// Several claims of one organisation on the same products, all submitted: each is made
/// complete while the others are drafts (a submitted claim's products are the partner's
/// own, and the products step no longer offers them), then all are submitted.
pub async fn submitted_claims(partner: &Visitor, mpn: &str, names: &[&str]) -> Vec<String> {
    let mut claims = Vec::new();
    for name in names {
        claims.push(complete_draft_at(partner, mpn, name).await);
    }
    for claim in &claims {
        submit(partner, claim).await;
    }
    claims
}

async fn submit(partner: &Visitor, claim: &str) {
    let submit = format!("{claim}/submit");
    let res = partner.submit_form(&submit, &submit, &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
}

/// The reviewer rejects `claim` for an unsigned statement of work.
pub async fn reject_unsigned(reviewer: &Visitor, claim: &str) {
    let res = decide(
        reviewer,
        claim,
        "reject",
        &[
            ("reason", "insufficient_proof_of_execution"),
            ("reason_text", "The SOW is unsigned."),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
}

/// The partner disputes the rejection of `claim` with `justification` (and no file).
pub async fn dispute(partner: &Visitor, claim: &str, justification: &str) {
    let form = partner.get(&format!("{claim}/dispute")).await;
    let action = form
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    let res = partner
        .post_multipart(&action, &[("justification", justification)], &[])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
}

/// The partner withdraws `claim`, giving `reason`.
pub async fn withdraw(partner: &Visitor, claim: &str, reason: &str) {
    let withdraw = format!("{claim}/withdraw");
    let res = partner
        .submit_form(&withdraw, &withdraw, &[("reason", reason)])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
}

pub fn review_path(claim: &str) -> String {
    claim.replacen("/associations/", "/review/", 1)
}

/// Posts one of the review page's decisions (`validate`, `ask`, `reject`, `dispute`).
pub async fn decide(
    reviewer: &Visitor,
    claim: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Response {
    let case = review_path(claim);
    reviewer
        .submit_form(&case, &format!("{case}/{action}"), fields)
        .await
}

/// The path of the opt-out link in an email's text.
pub fn opt_out_path(text: &str) -> String {
    let start = text
        .find("/customer/opt-out/")
        .expect("the email has an opt-out link");
    text[start..].split_whitespace().next().unwrap().to_owned()
}

fn status_of(page: &Response) -> String {
    page.text("[data-testid=claim-status]")
}

/// The opt-out window of a claim validated at the test clock's start (Wed 25 Nov 2026,
/// UTC calendar): 5 business days end with Wed 2 Dec.
pub fn closing_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap()
}

#[actix_web::test]
async fn validation_emails_the_customer_who_opts_out_by_post_only() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;

    let queue = reviewer.get("/review").await;
    assert_eq!(
        queue.texts("[data-testid=review-queue] .claim-name"),
        ["Northwind Teams usage"]
    );
    assert_eq!(
        queue.text("[data-testid=review-queue] .claim-age"),
        "0 business days"
    );
    let case = reviewer.get(&review_path(&claim)).await;
    assert!(
        case.text("[data-testid=tenant-domains]")
            .contains("northwind.example")
    );
    assert_eq!(case.count("[data-testid=conflict]"), 0);

    let res = decide(&reviewer, &claim, "validate", &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        status_of(&reviewer.get(&review_path(&claim)).await),
        "Pending customer"
    );
    assert!(
        app.mailbox.messages().is_empty(),
        "mail leaves only through the dispatcher"
    );

    let sent = app.jobs.dispatch(app.clock.now()).unwrap();
    assert_eq!(sent.sent, 1);
    let mails = app.mailbox.messages();
    let mail = &mails[0];
    assert_eq!(mail.to, CUSTOMER);
    assert!(
        mail.subject.contains("Contoso Consulting"),
        "{}",
        mail.subject
    );
    for expected in [
        "Microsoft Teams",
        "Exchange Online",
        "Online Services Usage for Microsoft 365",
        "the end of Wednesday 2 December 2026 (23:59 UTC)",
        "usage data",
    ] {
        assert!(
            mail.text.contains(expected),
            "the email says {expected}:\n{}",
            mail.text
        );
    }
    let link = opt_out_path(&mail.text);
    assert!(
        mail.html
            .contains(&format!("href=\"{}{link}\"", app.address)),
        "{}",
        mail.html
    );

    // The customer's GET shows the claim and changes nothing (mail scanners follow links).
    let customer = app.visitor();
    let page = customer.get(&link).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.count("[data-testid=opt-out-open]"), 1);
    assert_eq!(page.text("[data-testid=partner]"), "Contoso Consulting");
    assert_eq!(
        page.texts("[data-testid=products] li"),
        ["Exchange Online", "Microsoft Teams"]
    );
    assert_eq!(
        page.text("[data-testid=closes-at]"),
        "the end of Wednesday 2 December 2026 (23:59 UTC)"
    );
    assert_eq!(page.headers.get("cache-control").unwrap(), "no-store");
    assert_eq!(status_of(&partner.get(&claim).await), "Pending customer");

    let token = page.csrf_token();
    let res = customer
        .post_form(
            &link,
            &[
                ("csrf_token", &token),
                ("reason", "We work with another partner."),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some(link.as_str()));
    let done = customer.get(&link).await;
    assert_eq!(done.count("[data-testid=opt-out-opted_out]"), 1);
    assert_eq!(done.text("h1"), "You have opted out");
    // Again: still done, nothing more happens.
    let again = customer.post_form(&link, &[("csrf_token", &token)]).await;
    assert_eq!(again.status, 303);

    let page = partner.get(&claim).await;
    assert_eq!(status_of(&page), "Opted out");
    let history = partner.get(&format!("{claim}/history")).await;
    assert_eq!(
        history.texts("[data-testid=history] tbody td:nth-child(3)"),
        [
            "Draft",
            "Draft → Submitted",
            "Submitted → Pending customer",
            "Pending customer → Opted out"
        ]
    );
    let last_row = history.texts("[data-testid=history] tbody tr:last-child td");
    assert!(last_row[1].starts_with("Customer"), "{last_row:?}");
    assert!(
        last_row[3].contains("We work with another partner."),
        "{last_row:?}"
    );

    assert_eq!(app.jobs.dispatch(app.clock.now()).unwrap().sent, 1);
    let mails = app.mailbox.messages();
    assert_eq!(mails[1].to, PARTNER_CONTACT);
    assert_eq!(
        mails[1].subject,
        "Customer opted out: Northwind Teams usage"
    );
    assert!(mails[1].text.contains("We work with another partner."));
    assert_ne!(mails[0].message_id, mails[1].message_id);
}

#[actix_web::test]
async fn without_an_opt_out_the_window_closes_into_an_official_association() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(decide(&reviewer, &claim, "validate", &[]).await.status, 303);
    app.jobs.dispatch(app.clock.now()).unwrap();
    let link = opt_out_path(&app.mailbox.messages()[0].text);
    let customer = app.visitor();
    let token = customer.get(&link).await.csrf_token();
    assert_eq!(
        partner.get(&claim).await.text("[data-testid=claim-next]"),
        "The customer has been emailed and can opt out until the end of Wednesday 2 December 2026 (23:59 UTC). If they do not, the association becomes official."
    );

    // One second before the closing instant nothing happens.
    let before = app
        .jobs
        .run_once(closing_instant() - Duration::seconds(1))
        .unwrap();
    assert_eq!(before.windows.official, 0);
    let page = partner.get(&claim).await;
    assert_eq!(status_of(&page), "Pending customer");
    assert_eq!(
        page.count("[data-testid=usage]"),
        0,
        "no usage data before official"
    );

    let pass = app.jobs.run_once(closing_instant()).unwrap();
    assert_eq!(pass.windows.official, 1);
    assert_eq!(pass.mail.sent, 1);
    let page = partner.get(&claim).await;
    assert_eq!(status_of(&page), "Official");
    let usage = page.texts("[data-testid=usage] tbody td:nth-child(2)");
    assert!(usage.contains(&"Microsoft Teams".to_owned()), "{usage:?}");
    assert!(usage.contains(&"Exchange Online".to_owned()), "{usage:?}");
    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(mail.subject, "Association official: Northwind Teams usage");

    // The opt-out ended with the window; the link now leads on to the tenant's associations.
    let closed = customer.get(&link).await;
    assert_eq!(closed.status, 200);
    assert_eq!(closed.count("[data-testid=opt-out-closed]"), 1);
    assert_eq!(closed.count("[data-testid=opt-out]"), 0);
    assert_eq!(
        closed.attr("[data-testid=tenant-view-link]", "href"),
        Some(format!("{link}/associations"))
    );
    let res = customer.post_form(&link, &[("csrf_token", &token)]).await;
    assert_eq!(res.status, 410);
    assert_eq!(status_of(&partner.get(&claim).await), "Official");
    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(case.count("[data-testid=tenant-officials] li"), 2);
}

#[actix_web::test]
async fn action_required_reopens_products_contacts_and_files_until_resubmitted() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;

    let res = decide(&reviewer, &claim, "ask", &[("comment", "  ")]).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#comment")
    );
    assert!(res.text("title").starts_with("Error: "));
    let asked = "Please add the signed statement of work.";
    assert_eq!(
        decide(&reviewer, &claim, "ask", &[("comment", asked)])
            .await
            .status,
        303
    );

    let page = partner.get(&claim).await;
    assert_eq!(status_of(&page), "Action required");
    assert!(page.text("[data-testid=reviewer-request]").contains(asked));
    // The answer is due at a midnight: said as the end of the day before, as in the email.
    let next = page.text("[data-testid=claim-next]");
    let due = next
        .split_once("Answer by ")
        .and_then(|(_, rest)| rest.split_once(", or"))
        .map(|(due, _)| due.to_owned())
        .unwrap_or_else(|| panic!("{next}"));
    assert!(
        due.starts_with("the end of ") && due.ends_with("(23:59 UTC)"),
        "{due}"
    );
    for step in ["products", "contacts", "files"] {
        assert_eq!(
            partner.get(&format!("{claim}/{step}")).await.status,
            200,
            "{step}"
        );
    }
    assert_eq!(partner.get(&format!("{claim}/submit")).await.status, 403);
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(mail.subject, "Action required: Northwind Teams usage");
    assert!(mail.text.contains(asked));
    assert!(
        mail.text
            .contains(&format!("resubmit the claim by {due}, or")),
        "{}",
        mail.text
    );

    let res = partner
        .submit_form(&claim, &format!("{claim}/resubmit"), &[])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(status_of(&partner.get(&claim).await), "Submitted");
    assert_eq!(partner.get(&format!("{claim}/files")).await.status, 403);
    let queue = reviewer.get("/review").await;
    assert_eq!(
        queue.texts("[data-testid=review-queue] .claim-name"),
        ["Northwind Teams usage"]
    );
}

#[actix_web::test]
async fn an_unanswered_request_is_rejected_after_five_business_days() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    decide(&reviewer, &claim, "ask", &[("comment", "Which workshop?")]).await;

    let due = closing_instant();
    assert_eq!(
        app.jobs
            .run_once(due - Duration::seconds(1))
            .unwrap()
            .timed_out,
        0
    );
    assert_eq!(status_of(&partner.get(&claim).await), "Action required");
    assert_eq!(app.jobs.run_once(due).unwrap().timed_out, 1);
    assert_eq!(status_of(&partner.get(&claim).await), "Rejected");
    let history = partner.get(&format!("{claim}/history")).await;
    let last = history.texts("[data-testid=history] tbody tr:last-child td");
    assert!(last[3].contains("No response from the partner"), "{last:?}");
    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(mail.subject, "Claim rejected: Northwind Teams usage");
}

#[actix_web::test]
async fn a_rejection_is_disputed_once_with_new_proof_and_not_after_thirty_days() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;

    let res = decide(&reviewer, &claim, "reject", &[("reason", "other")]).await;
    assert_eq!(res.status, 422, "Other needs an explanation");
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#reason_text")
    );
    reject_unsigned(&reviewer, &claim).await;

    let page = partner.get(&claim).await;
    assert_eq!(status_of(&page), "Rejected");
    let dispute = format!("{claim}/dispute");
    let form = partner.get(&dispute).await;
    assert_eq!(form.status, 200);
    let action = form
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    let res = partner
        .post_multipart(&action, &[("justification", "")], &[])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#justification")
    );
    let res = partner
        .post_multipart(
            &action,
            &[("justification", "Signed SOW attached.")],
            &[(
                "files",
                "signed-sow.pdf",
                b"%PDF-1.7 signed by both".to_vec(),
            )],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = partner.get(&claim).await;
    assert_eq!(status_of(&page), "Disputed");
    assert_eq!(page.count("[data-testid=claim-files] li"), 2);

    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(
        case.text("[data-testid=dispute-justification]"),
        "Signed SOW attached."
    );
    let res = decide(
        &reviewer,
        &claim,
        "dispute",
        &[
            ("decision", "decline"),
            ("decision_text", "Still unsigned."),
        ],
    )
    .await;
    assert_eq!(res.status, 303);
    let page = partner.get(&claim).await;
    assert_eq!(status_of(&page), "Rejected");
    assert_eq!(page.count("[data-testid=dispute]"), 0);
    assert_eq!(
        partner.get(&dispute).await.status,
        403,
        "a second dispute is refused"
    );

    // Another rejection, left for 31 days: too late to dispute.
    let late = submitted_claim(&partner, SEATTLE, "Northwind Teams again").await;
    decide(
        &reviewer,
        &late,
        "reject",
        &[("reason", "insufficient_proof_of_execution")],
    )
    .await;
    assert_eq!(partner.get(&format!("{late}/dispute")).await.status, 200);
    app.clock.advance(Duration::days(31));
    let partner = app.signed_in(PARTNER).await;
    assert_eq!(partner.get(&format!("{late}/dispute")).await.status, 403);
    assert_eq!(partner.get(&late).await.count("[data-testid=dispute]"), 0);
}

#[actix_web::test]
async fn an_accepted_dispute_opens_the_customer_window() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    decide(
        &reviewer,
        &claim,
        "reject",
        &[("reason", "customer_declined")],
    )
    .await;
    let action = partner
        .get(&format!("{claim}/dispute"))
        .await
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    partner
        .post_multipart(
            &action,
            &[("justification", "The customer agreed in writing.")],
            &[],
        )
        .await;
    let res = decide(&reviewer, &claim, "dispute", &[]).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#decision")
    );
    assert_eq!(
        decide(&reviewer, &claim, "dispute", &[("decision", "accept")])
            .await
            .status,
        303
    );
    assert_eq!(status_of(&partner.get(&claim).await), "Pending customer");
    app.jobs.dispatch(app.clock.now()).unwrap();
    assert!(app.mailbox.messages().iter().any(|m| m.to == CUSTOMER));
}

#[actix_web::test]
async fn a_claim_pending_the_customer_can_be_withdrawn_and_never_becomes_official() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    decide(&reviewer, &claim, "validate", &[]).await;
    app.jobs.dispatch(app.clock.now()).unwrap();
    let link = opt_out_path(&app.mailbox.messages()[0].text);

    withdraw(&partner, &claim, "Customer changed plans.").await;
    assert_eq!(status_of(&partner.get(&claim).await), "Withdrawn");
    assert_eq!(
        app.visitor()
            .get(&link)
            .await
            .count("[data-testid=opt-out-closed]"),
        1
    );
    assert_eq!(
        app.jobs
            .run_once(closing_instant())
            .unwrap()
            .windows
            .official,
        0
    );
    assert_eq!(status_of(&partner.get(&claim).await), "Withdrawn");
}

#[actix_web::test]
async fn validation_rejects_a_claim_whose_workload_another_partner_holds() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let first = submitted_claim(&fabrikam, MUNICH, "Fabrikam Teams").await;
    // Contoso claims the same workload while Fabrikam's claim is still under review (once
    // it is official, the products step no longer offers it).
    let contoso = app.signed_in(PARTNER).await;
    let second = submitted_claim(&contoso, SEATTLE, "Contoso Teams").await;
    decide(&reviewer, &first, "validate", &[]).await;
    app.jobs.dispatch(app.clock.now()).unwrap();
    app.jobs.run_once(closing_instant()).unwrap();
    assert_eq!(
        status_of(&reviewer.get(&review_path(&first)).await),
        "Official"
    );

    let case = reviewer.get(&review_path(&second)).await;
    assert!(
        case.text("[data-testid=conflict]")
            .contains("workload already associated")
    );
    assert_eq!(
        decide(&reviewer, &second, "validate", &[]).await.status,
        303
    );
    let page = contoso.get(&second).await;
    assert_eq!(status_of(&page), "Rejected");
    let history = contoso.get(&format!("{second}/history")).await;
    let last = history.texts("[data-testid=history] tbody tr:last-child td");
    assert!(
        last[3].contains("already associated with another partner"),
        "{last:?}"
    );
    // The partner is not told who holds it.
    assert!(!page.body.contains("Fabrikam"));
}

#[actix_web::test]
async fn only_staff_review_and_links_that_are_not_ours_get_a_clear_page() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let case = review_path(&claim);
    assert_eq!(partner.get("/review").await.status, 403);
    assert_eq!(partner.get(&case).await.status, 403);
    let token = partner.get(&claim).await.csrf_token();
    for action in ["validate", "ask", "reject", "dispute", "messages"] {
        let res = partner
            .post_form(&format!("{case}/{action}"), &[("csrf_token", &token)])
            .await;
        assert_eq!(res.status, 403, "{action}");
    }
    assert_eq!(
        app.visitor().get(&case).await.status,
        303,
        "anonymous: sign in first"
    );
    let reviewer = app.signed_in(REVIEWER).await;
    let res = reviewer.post_form(&format!("{case}/validate"), &[]).await;
    assert_eq!(res.status, 403, "no CSRF token");
    assert_eq!(status_of(&reviewer.get(&case).await), "Submitted");

    let anyone = app.visitor();
    for link in [
        "/customer/opt-out/abc",
        &format!("/customer/opt-out/{}", "0".repeat(64)),
    ] {
        let page = anyone.get(link).await;
        assert_eq!(page.status, 404);
        assert_eq!(page.text("h1"), "We do not recognise this link");
    }
    assert_eq!(
        anyone.get("/dev/mailbox").await.status,
        404,
        "only with the development transport"
    );
}

#[actix_web::test]
async fn partner_and_reviewer_talk_on_the_claim() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    let case = review_path(&claim);
    let res = reviewer
        .submit_form(&case, &format!("{case}/messages"), &[("message", "")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#message")
    );
    reviewer
        .submit_form(
            &case,
            &format!("{case}/messages"),
            &[("message", "Is the workshop date right?")],
        )
        .await;
    partner
        .submit_form(
            &claim,
            &format!("{claim}/messages"),
            &[("message", "Yes, 12 November.")],
        )
        .await;
    let page = partner.get(&claim).await;
    assert_eq!(
        page.texts("[data-testid=messages] .message-body"),
        ["Is the workshop date right?", "Yes, 12 November."]
    );
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(mail.to, PARTNER_CONTACT);
    assert_eq!(
        mail.subject,
        "New message about your claim: Northwind Teams usage"
    );
    assert!(mail.text.contains("Is the workshop date right?"));
    assert_eq!(
        app.mailbox.messages().len(),
        1,
        "the partner's reply emails nobody"
    );
    let other = app.signed_in(OTHER_PARTNER).await;
    let token = other.get("/associations").await.csrf_token();
    let res = other
        .post_form(
            &format!("{claim}/messages"),
            &[("csrf_token", &token), ("message", "Hi")],
        )
        .await;
    assert_eq!(res.status, 404);
}

#[actix_web::test]
async fn a_reviewer_writes_from_the_claim_page_too() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    let res = reviewer
        .submit_form(
            &claim,
            &format!("{claim}/messages"),
            &[("message", "Which workshop was it?")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        partner
            .get(&claim)
            .await
            .texts("[data-testid=messages] .message-body"),
        ["Which workshop was it?"]
    );
}

#[actix_web::test]
async fn the_development_mailbox_shows_the_customer_email_with_a_working_link() {
    let app = spawn_app_with_configured_mail(&[]).await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    decide(&reviewer, &claim, "validate", &[]).await;
    let anyone = app.visitor();
    assert_eq!(
        anyone
            .get("/dev/mailbox")
            .await
            .count("[data-testid=mailbox-empty]"),
        1
    );
    assert_eq!(app.jobs.dispatch(app.clock.now()).unwrap().sent, 1);

    let mailbox = anyone.get("/dev/mailbox").await;
    assert_eq!(mailbox.texts("[data-testid=mailbox] .mail-to"), [CUSTOMER]);
    let message = mailbox
        .attr("[data-testid=mailbox] .mail-subject a", "href")
        .unwrap();
    let page = anyone.get(&message).await;
    assert!(
        page.text("[data-testid=mail-subject]")
            .starts_with("Contoso Consulting asks")
    );
    let link = page
        .attr(
            "[data-testid=mail-body] a[href*='/customer/opt-out/']",
            "href",
        )
        .expect("the opt-out link is clickable");
    let path = link
        .strip_prefix(&app.address)
        .expect("the link points at this portal");
    assert_eq!(
        anyone.get(path).await.count("[data-testid=opt-out-open]"),
        1
    );
}

/// An OSU Business Applications claim on Northwind's web-direct Dynamics 365 Sales
/// subscription (which ends on 31 Jan 2027), submitted.
pub async fn submitted_dynamics_claim(partner: &Visitor) -> String {
    let claim =
        crate::wizard::create_draft(partner, "business_applications", "usage", "Northwind Sales")
            .await;
    let products = format!("{claim}/products");
    let res = partner
        .submit_form(
            &products,
            &products,
            &[
                ("product_ids", "d365-sales"),
                (
                    "subscription-d365-sales",
                    "11111111-aaaa-4bbb-8ccc-000000000002",
                ),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let contacts = format!("{claim}/contacts");
    let res = partner
        .submit_form(
            &contacts,
            &contacts,
            &[
                ("customer_contact_name", "Ana Silva"),
                ("customer_contact_job_title", "IT Director"),
                ("customer_contact_email", CUSTOMER),
                ("customer_language", "en"),
                ("technical_contact_name", "Ben Ito"),
                ("technical_contact_job_title", "Solution architect"),
                ("technical_contact_email", "ben.ito@northwind.example"),
                ("company_contact_name", "Chris Partner"),
                ("company_contact_email", PARTNER_CONTACT),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let upload = partner
        .get(&format!("{claim}/files"))
        .await
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    partner
        .post_files(
            &upload,
            &[("files", "sow.pdf", b"%PDF-1.7 signed".to_vec())],
        )
        .await;
    let submit = format!("{claim}/submit");
    assert_eq!(partner.submit_form(&submit, &submit, &[]).await.status, 303);
    claim
}

#[actix_web::test]
async fn an_official_association_expires_when_its_subscription_ends() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_dynamics_claim(&partner).await;
    let reviewer = app.signed_in(REVIEWER).await;
    decide(&reviewer, &claim, "validate", &[]).await;
    app.jobs.dispatch(app.clock.now()).unwrap();
    assert_eq!(
        app.jobs
            .run_once(closing_instant())
            .unwrap()
            .windows
            .official,
        1
    );
    assert_eq!(status_of(&partner.get(&claim).await), "Official");

    // The subscription ends on 31 Jan 2027: the association ends with that day.
    let end = Utc.with_ymd_and_hms(2027, 2, 1, 0, 0, 0).unwrap();
    assert_eq!(
        app.jobs
            .run_once(end - Duration::seconds(1))
            .unwrap()
            .expired,
        0
    );
    assert_eq!(status_of(&partner.get(&claim).await), "Official");
    assert_eq!(app.jobs.run_once(end).unwrap().expired, 1);
    let page = partner.get(&claim).await;
    assert_eq!(status_of(&page), "Expired");
    assert_eq!(
        page.count("[data-testid=usage]"),
        0,
        "no usage data after the end"
    );
    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(
        case.count("[data-testid=no-officials]"),
        1,
        "the key is free again"
    );
}

#[actix_web::test]
async fn the_window_waits_for_the_customer_email_to_be_delivered() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    decide(&reviewer, &claim, "validate", &[]).await;
    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(case.count("[data-testid=notice-undelivered]"), 1);

    // Windows are closed before mail goes out in a pass: this one is held, then emailed.
    let first = app.jobs.run_once(closing_instant()).unwrap();
    assert_eq!((first.windows.official, first.mail.sent), (0, 1));
    assert_eq!(status_of(&partner.get(&claim).await), "Pending customer");
    let second = app.jobs.run_once(closing_instant()).unwrap();
    assert_eq!(second.windows.official, 1);
    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(case.count("[data-testid=notice-undelivered]"), 0);
}

#[actix_web::test]
async fn the_development_mailbox_is_not_shown_beyond_loopback_unless_opened() {
    let closed = spawn_app_with_configured_mail(&[("PORTAL_BIND", "0.0.0.0:0")]).await;
    assert_eq!(closed.visitor().get("/dev/mailbox").await.status, 404);
    let open = spawn_app_with_configured_mail(&[
        ("PORTAL_BIND", "0.0.0.0:0"),
        ("PORTAL_DEV_MAILBOX_OPEN", "true"),
    ])
    .await;
    assert_eq!(open.visitor().get("/dev/mailbox").await.status, 200);
}
