//! Step 4: products and subscriptions.

use crate::{helpers::*, wizard::create_draft};

#[actix_web::test]
async fn step_4_lists_the_areas_products_and_needs_one() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(
        &visitor,
        "business_applications",
        "pre_sales",
        "Northwind OSA",
    )
    .await;
    let claim_page = visitor.get(&claim).await;
    let products_link = claim_page
        .attr("[data-testid=claim-missing] a", "href")
        .unwrap();
    assert_eq!(products_link, format!("{claim}/products"));

    let page = visitor.get(&products_link).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("main h1"), "Which products are you claiming?");
    let names = page.texts(".checkbox-label");
    assert!(names.contains(&"Dynamics 365 Sales".to_owned()));
    assert!(
        !names.contains(&"Exchange Online".to_owned()),
        "Microsoft 365 is another area"
    );

    let res = visitor
        .submit_form(&products_link, &products_link, &[])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a[href='#product_ids']"),
        "Select at least one product"
    );
}

#[actix_web::test]
async fn a_dynamics_product_with_several_subscriptions_needs_one_chosen_and_csp_is_never_offered() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(
        &visitor,
        "business_applications",
        "usage",
        "Northwind usage",
    )
    .await;
    let url = format!("{claim}/products");
    let page = visitor.get(&url).await;
    // Dynamics 365 Sales has a volume-licensing and a web-direct subscription: a choice.
    assert_eq!(
        page.count("#subscriptions-d365-sales option:not([value=''])"),
        2
    );
    // Customer Service's only subscription is CSP: nothing to offer.
    assert_eq!(page.count("#subscriptions-d365-customer-service"), 0);

    let res = visitor
        .submit_form(&url, &url, &[("product_ids", "d365-sales")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a[href='#subscriptions-d365-sales']"),
        "Select the subscription this product is claimed through"
    );
    assert_eq!(
        res.attr("#product_ids", "checked").as_deref(),
        Some(""),
        "the choice is kept"
    );

    let res = visitor
        .submit_form(&url, &url, &[("product_ids", "d365-customer-service")])
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text(".error-summary")
            .contains("cloud solution provider")
    );

    let res = visitor
        .submit_form(
            &url,
            &url,
            &[
                ("product_ids", "d365-sales"),
                (
                    "subscription-d365-sales",
                    "11111111-aaaa-4bbb-8ccc-000000000002",
                ),
                ("product_ids", "power-bi-pro"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let claim_page = visitor.get(&claim).await;
    assert_eq!(claim_page.text("[role=status]"), "The products were saved.");
    let details = claim_page.texts("[data-testid=claim-details] dd");
    assert!(
        details.contains(&"Dynamics 365 Sales, Power BI Pro".to_owned()),
        "{details:?}"
    );
    assert!(
        !claim_page
            .texts("[data-testid=claim-missing] li")
            .contains(&"Products".to_owned())
    );
    // Back on the page, the choices are as saved.
    let again = visitor.get(&url).await;
    assert_eq!(
        again
            .attr("#subscriptions-d365-sales option[selected]", "value")
            .as_deref(),
        Some("11111111-aaaa-4bbb-8ccc-000000000002")
    );
}

#[actix_web::test]
async fn only_the_owning_partner_edits_the_products() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Northwind M365").await;
    let url = format!("{claim}/products");
    let other = app.signed_in(OTHER_PARTNER).await;
    assert_eq!(other.get(&url).await.status, 404);
    let token = other.get("/associations").await.csrf_token();
    let res = other
        .post_form(&url, &[("csrf_token", &token), ("product_ids", "teams")])
        .await;
    assert_eq!(res.status, 404);
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(reviewer.get(&url).await.status, 403);
    // Nothing changed.
    let page = visitor.get(&url).await;
    assert_eq!(page.count(".checkbox-input[checked]"), 0);
}

#[actix_web::test]
async fn a_product_another_partner_holds_officially_cannot_be_chosen_and_says_why() {
    let app = spawn_app().await;
    // Fabrikam's Teams claim for Northwind is official (set directly: review comes later).
    {
        use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
        use portal::store::{claims, organisations, schema, users};
        let mut conn = app.pool.get().unwrap();
        let user = users::find_by_email(&mut conn, OTHER_PARTNER)
            .unwrap()
            .unwrap();
        let organisation = user.organisation_id.clone().unwrap();
        let (location, _) = organisations::locations_with_programmes(&mut conn, &organisation)
            .unwrap()
            .remove(0);
        let at = chrono::NaiveDate::from_ymd_opt(2026, 10, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        claims::insert_draft(
            &mut conn,
            &claims::NewDraft {
                id: "fabrikam-official",
                organisation_id: &organisation,
                location_id: &location.id,
                created_by: &user.id,
                tenant_id: crate::wizard::NORTHWIND_TENANT,
                customer_domain: "northwind.example",
                solution_area: "microsoft_365",
                activity: "usage",
                programme: "osu_m365",
                name: "Fabrikam Teams",
                status: "official",
                partner_language: "en",
                created_at: at,
                updated_at: at,
            },
        )
        .unwrap();
        claims::replace_products(
            &mut conn,
            "fabrikam-official",
            &[("teams".to_owned(), None)],
        )
        .unwrap();
        let official: i64 = schema::claims::table
            .filter(schema::claims::status.eq("official"))
            .count()
            .get_result(&mut **conn)
            .unwrap();
        assert_eq!(official, 1);
    }
    let visitor = app.signed_in(PARTNER).await;
    let claim = create_draft(&visitor, "microsoft_365", "usage", "Contoso Teams").await;
    let url = format!("{claim}/products");
    let page = visitor.get(&url).await;
    // Teams is listed apart, with why it cannot be chosen, and offers no checkbox.
    assert_eq!(
        page.texts("[data-testid=unavailable] #product_ids-teams .product-name"),
        ["Microsoft Teams"]
    );
    assert_eq!(
        page.text("#product_ids-teams .unavailable-reason"),
        "Another partner already has an official association for it with this customer."
    );
    assert_eq!(page.count("input[value=teams]"), 0);
    assert!(
        !page.body.contains("Fabrikam"),
        "the other partner is not named"
    );
    // A form that chooses it anyway gets an error on it, and nothing is saved.
    let res = visitor
        .submit_form(&url, &url, &[("product_ids", "teams")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a[href='#product_ids-teams']"),
        "This product cannot be chosen: another partner already has an official association for it"
    );
    assert!(
        res.text("#product_ids-teams .error-message")
            .contains("another partner")
    );
    assert_eq!(visitor.get(&url).await.count(".checkbox-input[checked]"), 0);
    // For Fabrikam the same product is its own.
    let own = create_draft_for(&app, OTHER_PARTNER).await;
    assert_eq!(
        own.text("#product_ids-teams .unavailable-reason"),
        "Already yours: your organisation holds it for this customer, officially or in an open claim."
    );
}

/// Fabrikam's Munich location is enrolled in OSU Microsoft 365; its products page.
async fn create_draft_for(app: &TestApp, email: &str) -> Response {
    let visitor = app.signed_in(email).await;
    let fields = [
        ("location_mpn_id", "5123456"),
        ("domain_name", "northwind.example"),
        ("tenant_id", crate::wizard::NORTHWIND_TENANT),
        ("claim_type", "customer_association"),
        ("solution_area", "microsoft_365"),
        ("activity", "usage"),
        ("claim_name", "Fabrikam second"),
    ];
    let res = visitor
        .submit_form("/associations/new", "/associations/new/name", &fields)
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    visitor.get(res.location().unwrap()).await
}
