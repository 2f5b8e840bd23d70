//! Step 5: contacts, with the technical contact for Dynamics 365 and revenue association's
//! own fields.

use crate::{helpers::*, wizard::create_draft};

const CUSTOMER: [(&str, &str); 4] = [
    ("customer_contact_name", "Ana Silva"),
    ("customer_contact_job_title", "IT Director"),
    ("customer_contact_email", "ana.silva@northwind.example"),
    ("customer_language", "en"),
];

async fn choose_dynamics_sales(visitor: &Visitor, claim: &str) {
    let url = format!("{claim}/products");
    let res = visitor
        .submit_form(
            &url,
            &url,
            &[
                ("product_ids", "d365-sales"),
                (
                    "subscription-d365-sales",
                    "11111111-aaaa-4bbb-8ccc-000000000001",
                ),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
}

#[actix_web::test]
async fn a_dynamics_claim_asks_for_every_contact_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(
        &visitor,
        "business_applications",
        "usage",
        "Northwind Sales usage",
    )
    .await;
    choose_dynamics_sales(&visitor, &claim).await;
    let url = format!("{claim}/contacts");
    let page = visitor.get(&url).await;
    assert_eq!(
        page.texts("fieldset legend"),
        [
            "Customer contact",
            "Which language does the customer contact read?",
            "Customer technical contact",
            "Your company contact"
        ]
    );

    let res = visitor.submit_form(&url, &url, &[]).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.count(".error-summary li"), 9);

    let res = visitor
        .submit_form(
            &url,
            &url,
            &[
                CUSTOMER[0],
                CUSTOMER[1],
                ("customer_contact_email", "ana.silva@"),
                CUSTOMER[3],
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(!res.text("#customer_contact_email-error").is_empty());
    assert_eq!(
        res.attr("#customer_contact_name", "value").as_deref(),
        Some("Ana Silva")
    );
    assert_eq!(
        res.attr("#customer_contact_email", "value").as_deref(),
        Some("ana.silva@")
    );
    assert_eq!(
        res.count(".error-summary li"),
        6,
        "the three technical and two company fields, and the email"
    );

    let mut fields = CUSTOMER.to_vec();
    fields.extend([
        ("technical_contact_name", "Ben Ito"),
        ("technical_contact_job_title", "Solution architect"),
        ("technical_contact_email", "ben.ito@northwind.example"),
        ("company_contact_name", "Chris Partner"),
        ("company_contact_email", "chris@contoso-consulting.example"),
    ]);
    let res = visitor.submit_form(&url, &url, &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let claim_page = visitor.get(&claim).await;
    let details = claim_page.texts("[data-testid=claim-details] dd");
    assert!(
        details.contains(&"Ana Silva, IT Director, ana.silva@northwind.example".to_owned()),
        "{details:?}"
    );
    assert!(details.contains(&"Ben Ito, Solution architect, ben.ito@northwind.example".to_owned()));
    let missing = claim_page.texts("[data-testid=claim-missing] li");
    assert_eq!(missing, ["Proof of execution"]);
}

#[actix_web::test]
async fn a_microsoft_365_claim_has_no_technical_contact() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Teams").await;
    let page = visitor.get(&format!("{claim}/contacts")).await;
    assert_eq!(
        page.texts("fieldset legend"),
        [
            "Customer contact",
            "Which language does the customer contact read?",
            "Your company contact"
        ]
    );
    let res = visitor
        .submit_form(
            &format!("{claim}/contacts"),
            &format!("{claim}/contacts"),
            &[],
        )
        .await;
    assert_eq!(res.count(".error-summary li"), 6);
}

#[actix_web::test]
async fn revenue_association_asks_for_its_own_details() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(
        &visitor,
        "business_applications",
        "revenue_association",
        "Northwind ISV",
    )
    .await;
    let url = format!("{claim}/contacts");
    let page = visitor.get(&url).await;
    assert_eq!(
        page.texts("fieldset legend"),
        [
            "Customer contact",
            "Which language does the customer contact read?",
            "Revenue association"
        ]
    );
    let mut fields = CUSTOMER.to_vec();
    fields.extend([
        ("seller_name", "Contoso Dynamics Practice"),
        ("customer_name", "Northwind Traders"),
        ("solution_name", "Northwind Field Add-in"),
    ]);
    let res = visitor.submit_form(&url, &url, &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let details = visitor
        .get(&claim)
        .await
        .texts("[data-testid=claim-details] dd");
    assert!(
        details.contains(
            &"Contoso Dynamics Practice, Northwind Traders, Northwind Field Add-in".to_owned()
        ),
        "{details:?}"
    );
}

#[actix_web::test]
async fn contacts_are_the_owning_partners_to_edit() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind Intune").await;
    let url = format!("{claim}/contacts");
    let other = app.signed_in(OTHER_PARTNER).await;
    assert_eq!(other.get(&url).await.status, 404);
    let token = other.get("/associations").await.csrf_token();
    assert_eq!(
        other
            .post_form(&url, &[("csrf_token", &token), CUSTOMER[0]])
            .await
            .status,
        404
    );
    assert_eq!(app.signed_in(ADMIN).await.get(&url).await.status, 403);
}
