//! The partner's claim page says why a claim stands where it does: the rejection's reason,
//! the reviewer's words and the exact instant until which it can be disputed; the
//! customer's opt-out reason; what another partner holds (never who); and where the claim
//! was made from (MPN ID) and through which subscriptions — on the claim page, the
//! check-your-answers page, the reviewer's case page and the CSV export.

use chrono::{DateTime, Duration, TimeZone, Utc};
use portal::clock::Clock;
use scraper::Selector;

use crate::{
    helpers::*,
    review_flow::{
        MUNICH, SEATTLE, decide, dispute, opt_out_path, reject_unsigned, review_path,
        submitted_claim,
    },
    wizard::create_draft_at,
};

pub const SALES_SUBSCRIPTION: &str = "11111111-aaaa-4bbb-8ccc-000000000002";

/// The value of the summary row labelled `label` in the description list `list`.
pub fn row_value(page: &Response, list: &str, label: &str) -> Option<String> {
    let html = page.html();
    let rows = Selector::parse(&format!("{list} .summary-row")).unwrap();
    let dt = Selector::parse("dt").unwrap();
    let dd = Selector::parse("dd").unwrap();
    html.select(&rows).find_map(|row| {
        let name: String = row.select(&dt).next()?.text().collect();
        (name.trim() == label).then(|| {
            let value: String = row.select(&dd).next().unwrap().text().collect();
            value.trim().to_owned()
        })
    })
}

/// A complete Business Applications usage draft of location `mpn` for Dynamics 365 Sales
/// through [`SALES_SUBSCRIPTION`] (ends 31 Jan 2027); returns the claim's path.
pub async fn sales_draft(partner: &Visitor, mpn: &str, name: &str) -> String {
    let claim = create_draft_at(partner, mpn, "business_applications", "usage", name).await;
    let products = format!("{claim}/products");
    let res = partner
        .submit_form(
            &products,
            &products,
            &[
                ("product_ids", "d365-sales"),
                ("subscription-d365-sales", SALES_SUBSCRIPTION),
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
                ("customer_contact_email", "ana.silva@northwind.example"),
                ("customer_language", "en"),
                ("technical_contact_name", "Ben Ito"),
                ("technical_contact_job_title", "Solution architect"),
                ("technical_contact_email", "ben.ito@northwind.example"),
                ("company_contact_name", "Chris Partner"),
                ("company_contact_email", "chris@partner.example"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let files = partner.get(&format!("{claim}/files")).await;
    let upload = files
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    let res = partner
        .post_files(
            &upload,
            &[("files", "sow.pdf", b"%PDF-1.7 signed".to_vec())],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    claim
}

/// [`sales_draft`], submitted.
pub async fn submitted_sales_claim(partner: &Visitor, mpn: &str, name: &str) -> String {
    let claim = sales_draft(partner, mpn, name).await;
    let submit = format!("{claim}/submit");
    let res = partner.submit_form(&submit, &submit, &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    claim
}

/// When the opt-out window of a claim validated at the test clock's start closes.
pub fn closing_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap()
}

/// `claim` validated, the customer emailed and the window closed: official.
pub async fn made_official(app: &TestApp, reviewer: &Visitor, claim: &str) {
    assert_eq!(decide(reviewer, claim, "validate", &[]).await.status, 303);
    app.jobs.dispatch(app.clock.now()).unwrap();
    app.jobs.run_once(closing_instant()).unwrap();
    assert_eq!(
        reviewer
            .get(&review_path(claim))
            .await
            .text("[data-testid=claim-status]"),
        "Official"
    );
}

#[actix_web::test]
async fn a_rejection_shows_its_reason_text_and_the_instant_until_it_can_be_disputed() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    // Rejected at 25 Nov 2026 09:00 UTC: disputable for 30 days, to the minute.
    reject_unsigned(&reviewer, &claim).await;

    let page = partner.get(&claim).await;
    assert_eq!(page.text("[data-testid=claim-status]"), "Rejected");
    assert_eq!(
        page.text("[data-testid=rejection-reason]"),
        "Insufficient proof of execution"
    );
    assert_eq!(
        page.text("[data-testid=rejection-text]"),
        "The SOW is unsigned."
    );
    assert_eq!(
        page.text("[data-testid=claim-next]"),
        "The claim was rejected. You can dispute this rejection until 25 Dec 2026 09:00 UTC."
    );
    assert_eq!(page.count("[data-testid=dispute]"), 1);
    assert_eq!(page.count("[data-testid=taken]"), 0);

    // At the deadline itself it still can be disputed; a minute later it cannot.
    // (A session does not last a month: sign in again.)
    app.clock.advance(Duration::days(30));
    let partner = app.signed_in(PARTNER).await;
    let page = partner.get(&claim).await;
    assert_eq!(page.count("[data-testid=dispute]"), 1);
    app.clock.advance(Duration::minutes(1));
    let page = partner.get(&claim).await;
    assert_eq!(page.count("[data-testid=dispute]"), 0, "the link is gone");
    assert_eq!(
        page.text("[data-testid=claim-next]"),
        "The claim was rejected. The time to dispute it ended at 25 Dec 2026 09:00 UTC, so the rejection is final."
    );
    assert_eq!(
        page.text("[data-testid=rejection-text]"),
        "The SOW is unsigned.",
        "the reason stays"
    );
    assert_eq!(partner.get(&format!("{claim}/dispute")).await.status, 403);
}

#[actix_web::test]
async fn a_declined_dispute_shows_the_final_decision() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    reject_unsigned(&reviewer, &claim).await;
    dispute(&partner, &claim, "It is signed now.").await;
    let res = decide(
        &reviewer,
        &claim,
        "dispute",
        &[
            ("decision", "decline"),
            ("decision_text", "The signature is not the customer's."),
        ],
    )
    .await;
    assert_eq!(res.status, 303);

    let page = partner.get(&claim).await;
    assert_eq!(
        page.text("[data-testid=rejection-reason]"),
        "Insufficient proof of execution"
    );
    assert_eq!(
        page.text("[data-testid=final-decision]"),
        "The signature is not the customer's."
    );
    assert_eq!(
        page.text("[data-testid=claim-next]"),
        "The claim was rejected. Your dispute was declined, so the rejection is final."
    );
    assert_eq!(page.count("[data-testid=dispute]"), 0);
}

#[actix_web::test]
async fn an_opted_out_claim_shows_the_customers_reason() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    assert_eq!(decide(&reviewer, &claim, "validate", &[]).await.status, 303);
    assert_eq!(
        partner
            .get(&claim)
            .await
            .count("[data-testid=opt-out-reason]"),
        0
    );
    app.jobs.dispatch(app.clock.now()).unwrap();
    let link = opt_out_path(&app.mailbox.messages()[0].text);
    let customer = app.visitor();
    let token = customer.get(&link).await.csrf_token();
    let res = customer
        .post_form(
            &link,
            &[
                ("csrf_token", &token),
                ("reason", "We work with our own team."),
            ],
        )
        .await;
    assert_eq!(res.status, 303);

    let page = partner.get(&claim).await;
    assert_eq!(page.text("[data-testid=claim-status]"), "Opted out");
    assert_eq!(
        page.text("[data-testid=opt-out-reason] h3"),
        "The customer's reason"
    );
    assert_eq!(
        page.text("[data-testid=opt-out-reason] p"),
        "We work with our own team."
    );
}

#[actix_web::test]
async fn a_claim_lost_to_another_partner_says_what_was_taken_since_when_and_until_when() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let first = submitted_sales_claim(&fabrikam, MUNICH, "Fabrikam Sales").await;
    // Submitted while the subscription was free: the products step offers no subscription
    // another partner holds officially.
    let contoso = app.signed_in(PARTNER).await;
    let second = submitted_sales_claim(&contoso, SEATTLE, "Contoso Sales").await;
    made_official(&app, &reviewer, &first).await;
    assert_eq!(
        decide(&reviewer, &second, "validate", &[]).await.status,
        303
    );

    let page = contoso.get(&second).await;
    assert_eq!(page.text("[data-testid=claim-status]"), "Rejected");
    assert_eq!(
        page.text("[data-testid=rejection-reason]"),
        "Workload already associated with another partner"
    );
    assert_eq!(page.count("[data-testid=taken-key]"), 1);
    assert_eq!(
        page.text("[data-testid=taken-key] .taken-what"),
        format!("Dynamics 365 Sales (subscription {SALES_SUBSCRIPTION})")
    );
    assert_eq!(
        page.text("[data-testid=taken-key] .taken-since"),
        "3 Dec 2026 00:00 UTC"
    );
    // The subscription runs through 31 Jan 2027: the association ends when that day does.
    assert_eq!(
        page.text("[data-testid=taken-key] .taken-until"),
        "the end of Sunday 31 January 2027 (23:59 UTC)"
    );
    assert!(
        page.text("[data-testid=taken-next]")
            .contains("The customer can end that association"),
    );
    // Neither the other partner's name nor a way to its claim.
    assert!(!page.body.contains("Fabrikam"), "{}", page.body);
    let first_id = first.trim_start_matches("/associations/");
    assert!(!page.body.contains(first_id));

    // Once the other association has ended, the page says the way is free.
    let ended = Utc.with_ymd_and_hms(2027, 2, 1, 0, 0, 0).unwrap();
    app.jobs.run_once(ended).unwrap();
    app.clock.advance(ended - app.clock.now());
    let contoso = app.signed_in(PARTNER).await;
    let page = contoso.get(&second).await;
    assert_eq!(page.count("[data-testid=taken-key]"), 0);
    assert_eq!(
        page.text("[data-testid=taken-freed]"),
        "No other claim holds this claim's workloads or subscriptions officially now. You can make a new claim."
    );
}

#[actix_web::test]
async fn subscription_and_mpn_id_show_on_the_claim_the_summary_the_case_and_the_csv() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = sales_draft(&partner, SEATTLE, "Northwind Sales usage").await;
    let location = "Contoso Consulting – Seattle (MPN ID 4651234)";
    let subscription = format!("{SALES_SUBSCRIPTION} (Dynamics 365 Sales)");

    let page = partner.get(&claim).await;
    let details = "[data-testid=claim-details]";
    assert_eq!(
        row_value(&page, details, "Partner location (MPN ID)").as_deref(),
        Some(location)
    );
    assert_eq!(
        row_value(&page, details, "Subscriptions").as_deref(),
        Some(subscription.as_str())
    );

    let summary = partner.get(&format!("{claim}/submit")).await;
    assert_eq!(
        row_value(
            &summary,
            "[data-testid=summary]",
            "Partner location (MPN ID)"
        )
        .as_deref(),
        Some(location)
    );
    assert_eq!(
        row_value(&summary, "[data-testid=summary]", "Subscriptions").as_deref(),
        Some(subscription.as_str())
    );
    let submit = format!("{claim}/submit");
    assert_eq!(partner.submit_form(&submit, &submit, &[]).await.status, 303);

    let reviewer = app.signed_in(REVIEWER).await;
    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(
        row_value(&case, details, "Partner location (MPN ID)").as_deref(),
        Some(location)
    );
    assert_eq!(
        row_value(&case, details, "Subscriptions").as_deref(),
        Some(subscription.as_str())
    );

    let csv = partner.get("/associations/export.csv").await;
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (subscriptions, mpn) = (column("Subscriptions"), column("MPN ID"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][subscriptions], SALES_SUBSCRIPTION);
    assert_eq!(&rows[0][mpn], "4651234");

    // In Japanese, the header is Japanese too.
    let japanese = app.signed_in_speaking(PARTNER, "ja").await;
    let csv = japanese.get("/associations/export.csv").await;
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert!(
        header.contains(&"サブスクリプション".to_owned()),
        "{header:?}"
    );
    assert!(header.contains(&"MPN ID".to_owned()), "{header:?}");
}

#[actix_web::test]
async fn a_claim_without_subscriptions_shows_no_subscriptions_row() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let page = partner.get(&claim).await;
    let details = "[data-testid=claim-details]";
    assert_eq!(row_value(&page, details, "Subscriptions"), None);
    assert_eq!(
        row_value(&page, details, "Partner location (MPN ID)").as_deref(),
        Some("Contoso Consulting – Seattle (MPN ID 4651234)")
    );
}
