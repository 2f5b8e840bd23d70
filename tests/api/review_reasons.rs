//! The rejection reasons a reviewer is offered and may send.

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, review_path, submitted_claim},
};

#[actix_web::test]
async fn a_reviewer_is_not_offered_and_cannot_send_no_partner_response() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;

    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(case.count("input[name=reason][value=other]"), 1);
    assert_eq!(
        case.count("input[name=reason][value=no_partner_response]"),
        0
    );

    let res = decide(
        &reviewer,
        &claim,
        "reject",
        &[
            ("reason", "no_partner_response"),
            ("reason_text", "They never answered."),
        ],
    )
    .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#reason")
    );
    assert_eq!(
        res.text("#reason-error"),
        "Error: Choose why the claim is rejected"
    );
    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(case.text("[data-testid=claim-status]"), "Submitted");
}

#[actix_web::test]
async fn other_without_an_explanation_is_refused_beside_the_explanation() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;

    let res = decide(&reviewer, &claim, "reject", &[("reason", "other")]).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text("#reason_text-error"),
        "Error: Explain the reason for rejecting the claim"
    );
    assert_eq!(
        res.text(".error-summary a[href='#reason_text']"),
        "Explain the reason for rejecting the claim"
    );
    assert!(
        res.attr("input[name=reason][value=other]", "checked")
            .is_some(),
        "the chosen reason stays chosen"
    );
    let case = reviewer.get(&review_path(&claim)).await;
    assert_eq!(case.text("[data-testid=claim-status]"), "Submitted");
}
