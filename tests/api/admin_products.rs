//! `/admin/products`: the catalogue the wizard offers, kept by administrators.

use crate::{helpers::*, submit_step::complete_draft, wizard::create_draft};

const NEW: &str = "/admin/products/new";

#[actix_web::test]
async fn an_administrator_adds_a_product_and_the_wizard_offers_it() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let list = admin.get("/admin/products").await;
    assert_eq!(list.count("[data-testid=products] tbody tr"), 22);

    // Every problem at once, next to its field, with what was typed kept.
    let res = admin
        .submit_form(
            NEW,
            NEW,
            &[
                ("id", "Viva Insights"),
                ("name", ""),
                ("area", "microsoft_365"),
                ("is_dynamics365", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    let links = res.summary_links();
    assert_eq!(links, ["#id", "#name", "#is_dynamics365", "#status"]);
    assert_eq!(res.attr("#id", "value").as_deref(), Some("Viva Insights"));
    assert_eq!(res.attr("#area", "checked").as_deref(), Some(""));

    let res = admin
        .submit_form(
            NEW,
            NEW,
            &[
                ("id", "teams"),
                ("name", "Teams again"),
                ("area", "microsoft_365"),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a[href='#id']"),
        "Another product has this id"
    );

    let res = admin
        .submit_form(
            NEW,
            NEW,
            &[
                ("id", "viva-insights"),
                ("name", "Viva Insights"),
                ("area", "microsoft_365"),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let list = admin.get("/admin/products").await;
    assert!(
        list.texts(".product-name")
            .contains(&"Viva Insights".to_owned())
    );

    let partner = app.signed_in(PARTNER).await;
    let claim = create_draft(&partner, "microsoft_365", "usage", "Northwind Viva").await;
    let page = partner.get(&format!("{claim}/products")).await;
    // Listed with the programme's products; Northwind has no subscription for it yet, so
    // the page says why it cannot be chosen.
    assert_eq!(
        page.texts("#product_ids-viva-insights .product-name"),
        ["Viva Insights"]
    );
    assert_eq!(
        page.text("#product_ids-viva-insights .unavailable-reason"),
        "This customer's tenant has no subscription for it."
    );
}

#[actix_web::test]
async fn a_retired_product_is_no_longer_offered_but_claims_keep_it() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let existing = complete_draft(&partner, "Northwind Teams usage").await;

    let admin = app.signed_in(ADMIN).await;
    let edit = "/admin/products/teams";
    let page = admin.get(edit).await;
    assert_eq!(page.text("[data-testid=product-id]"), "teams");
    assert_eq!(
        page.attr("#name", "value").as_deref(),
        Some("Microsoft Teams")
    );
    let res = admin
        .submit_form(
            edit,
            edit,
            &[
                ("name", "Microsoft Teams"),
                ("area", "microsoft_365"),
                ("status", "retired"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let row = admin.get("/admin/products").await;
    assert_eq!(row.text("[data-product=teams] .product-status"), "Retired");

    let claim = create_draft(&partner, "microsoft_365", "usage", "Northwind later").await;
    let offered = partner
        .get(&format!("{claim}/products"))
        .await
        .texts(".checkbox-label");
    assert!(
        !offered.contains(&"Microsoft Teams".to_owned()),
        "{offered:?}"
    );
    let kept = partner
        .get(&existing)
        .await
        .texts("[data-testid=claim-details] dd");
    assert!(
        kept.contains(&"Exchange Online, Microsoft Teams".to_owned()),
        "{kept:?}"
    );
    let overview = admin.get("/admin").await;
    assert_eq!(
        overview.text("[data-testid=admin-changes] .change-what"),
        "Product changed: teams (retired)"
    );
}

#[actix_web::test]
async fn a_renamed_product_shows_its_new_name_on_the_claims_that_have_it() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    complete_draft(&partner, "Northwind Teams usage").await;
    let listed = partner.get("/associations").await;
    assert_eq!(
        listed.texts("tbody .claim-products"),
        ["Exchange Online, Microsoft Teams"]
    );

    let admin = app.signed_in(ADMIN).await;
    let edit = "/admin/products/teams";
    let res = admin
        .submit_form(
            edit,
            edit,
            &[
                ("name", "Microsoft Teams Premium"),
                ("area", "microsoft_365"),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);

    let listed = partner.get("/associations").await;
    assert_eq!(
        listed.texts("tbody .claim-products"),
        ["Exchange Online, Microsoft Teams Premium"]
    );
    let csv = partner.get("/associations/export.csv").await;
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let products = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Products");
    let products = products.expect("a Products column");
    let rows: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[products].to_owned())
        .collect();
    assert_eq!(rows, ["Exchange Online; Microsoft Teams Premium"]);
}

#[actix_web::test]
async fn only_administrators_keep_the_catalogue() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(reviewer.get("/admin/products").await.status, 403);
    assert_eq!(reviewer.get(NEW).await.status, 403);
    assert_eq!(reviewer.get("/admin/products/teams").await.status, 403);
    let token = reviewer.get("/review").await.csrf_token();
    let fields = [
        ("csrf_token", token.as_str()),
        ("id", "x-product"),
        ("name", "X"),
        ("area", "microsoft_365"),
        ("status", "active"),
    ];
    assert_eq!(reviewer.post_form(NEW, &fields).await.status, 403);
    assert_eq!(
        reviewer
            .post_form("/admin/products/teams", &fields)
            .await
            .status,
        403
    );
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(
        admin.post_form(NEW, &fields[1..]).await.status,
        403,
        "no CSRF token"
    );
    assert_eq!(
        admin.get("/admin/products/no-such-product").await.status,
        404
    );
}
