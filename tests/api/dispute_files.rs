//! The files that come with a dispute follow the upload rules of the files step: at most
//! twenty per request, recognised by their content; a refused one stores nothing.

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, submitted_claim},
};

fn pdf(n: usize) -> (String, Vec<u8>) {
    (format!("part-{n:02}.pdf"), b"%PDF-1.7 signed".to_vec())
}

/// A rejected claim of the partner's and its dispute form's action.
async fn rejected_claim(app: &TestApp, partner: &Visitor) -> (String, String) {
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(partner, SEATTLE, "Northwind Teams usage").await;
    let res = decide(
        &reviewer,
        &claim,
        "reject",
        &[("reason", "insufficient_proof_of_execution")],
    )
    .await;
    assert_eq!(res.status, 303);
    let form = partner.get(&format!("{claim}/dispute")).await;
    let action = form
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    (claim, action)
}

#[actix_web::test]
async fn a_dispute_with_more_than_twenty_files_is_refused_whole() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let (claim, action) = rejected_claim(&app, &partner).await;
    let files: Vec<(String, Vec<u8>)> = (0..21).map(pdf).collect();
    let parts: Vec<(&str, &str, Vec<u8>)> = files
        .iter()
        .map(|(name, content)| ("files", name.as_str(), content.clone()))
        .collect();

    let res = partner
        .post_multipart(
            &action,
            &[("justification", "Signed SOW attached.")],
            &parts,
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a[href='#files']"),
        "Upload at most 20 files at a time"
    );
    assert_eq!(
        res.text("textarea[name=justification]"),
        "Signed SOW attached.",
        "what the partner wrote stays"
    );
    let page = partner.get(&claim).await;
    assert_eq!(page.text("[data-testid=claim-status]"), "Rejected");
    assert_eq!(page.count("[data-testid=claim-files] li"), 1);

    let res = partner
        .post_multipart(
            &action,
            &[("justification", "Signed SOW attached.")],
            &parts[..20],
        )
        .await;
    assert_eq!(res.status, 303, "twenty are fine: {}", res.body);
    let page = partner.get(&claim).await;
    assert_eq!(page.text("[data-testid=claim-status]"), "Disputed");
    assert_eq!(page.count("[data-testid=claim-files] li"), 21);
}

#[actix_web::test]
async fn a_renamed_executable_in_a_dispute_is_refused() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let (claim, action) = rejected_claim(&app, &partner).await;
    let res = partner
        .post_multipart(
            &action,
            &[("justification", "Signed SOW attached.")],
            &[(
                "files",
                "signed-sow.pdf",
                b"MZ\x90\x00 an executable".to_vec(),
            )],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(!res.text("#files-error").is_empty());
    let page = partner.get(&claim).await;
    assert_eq!(page.text("[data-testid=claim-status]"), "Rejected");
}
