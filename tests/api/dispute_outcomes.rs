//! A dispute that was accepted, then lost anyway: the claim went back to the customer's
//! window but another partner's association had become official on its subscription, so it
//! was rejected again. Its page must not say the dispute was declined.

use crate::{
    claim_page_reasons::{made_official, submitted_sales_claim},
    helpers::*,
    review_flow::{MUNICH, SEATTLE, decide, dispute, reject_unsigned},
};

#[actix_web::test]
async fn an_accepted_dispute_rejected_again_for_a_conflict_is_not_called_declined() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    let contoso = app.signed_in(PARTNER).await;
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    // Both on the same subscription while it is free.
    let claim = submitted_sales_claim(&contoso, SEATTLE, "Contoso Sales").await;
    let other = submitted_sales_claim(&fabrikam, MUNICH, "Fabrikam Sales").await;
    reject_unsigned(&reviewer, &claim).await;
    dispute(&contoso, &claim, "It is signed now.").await;

    // Meanwhile Fabrikam's association becomes official; then the dispute is accepted.
    made_official(&app, &reviewer, &other).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let res = decide(&reviewer, &claim, "dispute", &[("decision", "accept")]).await;
    assert_eq!(res.status, 303);

    let contoso = app.signed_in(PARTNER).await;
    let page = contoso.get(&claim).await;
    assert_eq!(page.text("[data-testid=claim-status]"), "Rejected");
    assert_eq!(
        page.text("[data-testid=claim-next]"),
        "The claim was rejected again after your dispute, and a claim can be disputed only once, so the rejection is final."
    );
    assert_eq!(page.count("[data-testid=final-decision]"), 0);
    assert_eq!(page.count("[data-testid=dispute]"), 0);
    assert_eq!(page.count("[data-testid=taken-key]"), 1);
}
