//! The wizard going on after **Create claim**: products (the tenant's, with why one cannot
//! be chosen), contacts (the summary naming the contact), files (a chosen file is never
//! dropped) and the check-and-submit page, with the claim page reachable from each step.

use crate::{
    helpers::*,
    review_flow::submitted_claim,
    wizard::{NORTHWIND_TENANT, create_draft, post_first_steps},
};

const CONTACTS: [(&str, &str); 6] = [
    ("customer_contact_name", "Ana Silva"),
    ("customer_contact_job_title", "IT Director"),
    ("customer_contact_email", "ana.silva@northwind.example"),
    ("customer_language", "en"),
    ("company_contact_name", "Chris Partner"),
    ("company_contact_email", "chris@contoso-consulting.example"),
];

#[actix_web::test]
async fn each_continue_leads_to_the_next_step_and_the_claim_stays_in_reach() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let created = post_first_steps(&partner, "4651234", "microsoft_365", "usage", "Flow").await;
    assert_eq!(created.status, 303, "{}", created.body);
    let products = created.location().unwrap().to_owned();
    let claim = products.strip_suffix("/products").unwrap().to_owned();

    // Step 4.
    let page = partner.get(&products).await;
    assert_eq!(page.text(".caption"), "Step 4 of 7 · Flow");
    assert_eq!(
        page.attr(".back-link", "href").as_deref(),
        Some(claim.as_str())
    );
    assert_eq!(
        page.attr("[data-testid=return-to-claim]", "formaction"),
        Some(format!("{claim}/products?then=claim"))
    );
    let res = partner
        .submit_form(&products, &products, &[("product_ids", "teams")])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let contacts = format!("{claim}/contacts");
    assert_eq!(res.location(), Some(contacts.as_str()));

    // Step 5.
    let page = partner.get(&contacts).await;
    assert_eq!(page.text("[role=status]"), "The products were saved.");
    assert_eq!(page.text(".caption"), "Step 5 of 7 · Flow");
    let res = partner.submit_form(&contacts, &contacts, &CONTACTS).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let files = format!("{claim}/files");
    assert_eq!(res.location(), Some(files.as_str()));

    // Step 6: Continue with a file chosen uploads it, then goes on.
    let page = partner.get(&files).await;
    assert_eq!(page.text(".caption"), "Step 6 of 7 · Flow");
    let go_on = page
        .attr("button[data-testid=continue]", "formaction")
        .unwrap();
    assert!(go_on.ends_with("&then=next"), "{go_on}");
    let res = partner
        .post_files(&go_on, &[("files", "sow.pdf", b"%PDF-1.7 signed".to_vec())])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let submit = format!("{claim}/submit");
    assert_eq!(res.location(), Some(submit.as_str()));

    // Step 7: the file is there and the claim is ready.
    let page = partner.get(&submit).await;
    assert_eq!(page.text("[role=status]"), "The files were uploaded.");
    assert_eq!(page.text(".caption"), "Step 7 of 7 · Flow");
    assert_eq!(page.count("[data-testid=submit-claim]"), 1, "{}", page.body);
    let claim_page = partner.get(&claim).await;
    assert!(claim_page.body.contains("sow.pdf"));

    // "Save and return to the claim" saves and leads to the claim page.
    let back = format!("{products}?then=claim");
    let res = partner
        .submit_form(&products, &back, &[("product_ids", "exchange-online")])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), Some(claim.as_str()));
    let page = partner.get(&files).await;
    let back = page
        .attr("button[data-testid=return-to-claim]", "formaction")
        .unwrap();
    let res = partner.post_files(&back, &[]).await;
    assert_eq!(res.location(), Some(claim.as_str()));
}

#[actix_web::test]
async fn continue_on_the_files_step_never_drops_a_chosen_file_nor_needs_one() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = create_draft(&partner, "microsoft_365", "usage", "Files flow").await;
    let files = format!("{claim}/files");
    let page = partner.get(&files).await;
    // One form: Upload and Continue both send the file input.
    assert_eq!(page.count("form[enctype='multipart/form-data'] #files"), 1);
    assert_eq!(
        page.count("form[enctype='multipart/form-data'] button[data-testid=continue]"),
        1
    );
    assert_eq!(page.count("a.button"), 0, "Continue is no longer a link");
    // The drag-and-drop hint is for when the script runs (it unhides it).
    assert_eq!(
        page.attr("[data-testid=drag-hint]", "hidden").as_deref(),
        Some("")
    );
    assert!(!page.text("#files-hint").is_empty());

    // Continue with nothing chosen goes on; nothing is stored.
    let go_on = page
        .attr("button[data-testid=continue]", "formaction")
        .unwrap();
    let res = partner.post_files(&go_on, &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), Some(format!("{claim}/submit").as_str()));
    assert_eq!(partner.get(&files).await.count("[data-testid=no-files]"), 1);

    // A refused file keeps the partner on the step with its message, storing nothing.
    let res = partner
        .post_files(&go_on, &[("files", "notes.exe", b"MZ\x90\x00".to_vec())])
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(res.summary_links(), ["#files"]);
    assert_eq!(partner.get(&files).await.count("[data-testid=no-files]"), 1);

    // Upload alone still stays on the step.
    let upload = page
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    let res = partner
        .post_files(
            &upload,
            &[("files", "sow.pdf", b"%PDF-1.7 signed".to_vec())],
        )
        .await;
    assert_eq!(res.location(), Some(files.as_str()));
}

#[actix_web::test]
async fn the_products_step_offers_the_tenants_products_and_says_why_others_cannot_be_chosen() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = create_draft(&partner, "business_applications", "usage", "BizApps").await;
    let url = format!("{claim}/products");
    let page = partner.get(&url).await;
    let offered = page.texts(".checkbox-label");
    assert!(
        offered.contains(&"Dynamics 365 Sales".to_owned()),
        "{offered:?}"
    );
    assert!(offered.contains(&"Power BI Pro".to_owned()), "{offered:?}");
    // Customer Service was bought through CSP; Field Service has no subscription.
    assert_eq!(
        page.text("#product_ids-d365-customer-service .unavailable-reason"),
        "Bought through a cloud solution provider (CSP): claim it through co-op claims instead."
    );
    assert_eq!(
        page.text("#product_ids-d365-field-service .unavailable-reason"),
        "This customer's tenant has no subscription for it."
    );
    assert_eq!(page.count("input[value=d365-customer-service]"), 0);
    assert_eq!(
        page.text("#unavailable-heading"),
        "Products you cannot choose for this customer"
    );

    // Forged: each gets its own error, linked from the summary; the rest are checked too.
    let res = partner
        .submit_form(
            &url,
            &url,
            &[
                ("product_ids", "d365-customer-service"),
                ("product_ids", "d365-field-service"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.summary_links(),
        [
            "#product_ids-d365-customer-service",
            "#product_ids-d365-field-service"
        ]
    );
    assert_eq!(
        res.text(".error-summary a[href='#product_ids-d365-field-service']"),
        "This product cannot be chosen: the customer's tenant has no subscription for it"
    );
    assert!(
        res.text("#product_ids-d365-customer-service .error-message")
            .contains("cloud solution provider")
    );
}

#[actix_web::test]
async fn a_product_in_the_partners_own_open_claim_is_already_theirs() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    // Teams and Exchange Online, submitted.
    submitted_claim(&partner, "4651234", "First").await;
    let claim = create_draft(&partner, "microsoft_365", "usage", "Second").await;
    let url = format!("{claim}/products");
    let page = partner.get(&url).await;
    let reason = "Already yours: your organisation holds it for this customer, officially or in an open claim.";
    assert_eq!(page.text("#product_ids-teams .unavailable-reason"), reason);
    assert_eq!(
        page.text("#product_ids-exchange-online .unavailable-reason"),
        reason
    );
    let res = partner
        .submit_form(&url, &url, &[("product_ids", "teams")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a"),
        "This product cannot be chosen: your organisation already holds it for this customer"
    );
    // Another partner is not held back by Contoso's open claim (only an official one).
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let fields = [
        ("location_mpn_id", "5123456"),
        ("domain_name", "northwind.example"),
        ("tenant_id", NORTHWIND_TENANT),
        ("claim_type", "customer_association"),
        ("solution_area", "microsoft_365"),
        ("activity", "usage"),
        ("claim_name", "Fabrikam Teams"),
    ];
    let res = fabrikam
        .submit_form("/associations/new", "/associations/new/name", &fields)
        .await;
    let theirs = fabrikam.get(res.location().unwrap()).await;
    assert_eq!(theirs.count("input[value=teams]"), 1);
}

#[actix_web::test]
async fn the_contacts_summary_names_the_contact_of_each_message() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = create_draft(&partner, "business_applications", "usage", "Contacts").await;
    // A Dynamics 365 product: the technical contact is asked for too.
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
                ("customer_contact_job_title", "IT Director"),
                ("customer_contact_email", "ana.silva@northwind.example"),
                ("customer_language", "en"),
                ("technical_contact_name", "Sam Tech"),
                ("technical_contact_job_title", "Engineer"),
                ("company_contact_name", "Chris Partner"),
                ("company_contact_email", "chris@contoso-consulting.example"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.texts(".error-summary a"),
        [
            "Customer contact: enter a name",
            "Technical contact: enter an email address"
        ]
    );
    assert_eq!(
        res.summary_links(),
        ["#customer_contact_name", "#technical_contact_email"]
    );
    // Beside the field the message stays short.
    assert!(
        res.text("#customer_contact_name-error")
            .ends_with("Enter a name")
    );
    let res = partner
        .submit_form(&contacts, &contacts, &[("customer_language", "en")])
        .await;
    let summary = res.texts(".error-summary a");
    assert!(
        summary.contains(&"Company contact: enter an email address".to_owned()),
        "{summary:?}"
    );

    // In Japanese.
    let japanese = app.signed_in_speaking(PARTNER, "ja").await;
    let res = japanese
        .submit_form(&contacts, &contacts, &[("customer_language", "ja")])
        .await;
    assert_eq!(res.status, 422);
    let first = res.texts(".error-summary a").remove(0);
    assert!(first.starts_with("顧客の連絡先: "), "{first}");
}

#[actix_web::test]
async fn a_subscription_another_partner_holds_is_not_offered_and_a_forged_choice_is_refused() {
    let app = spawn_app().await;
    // Fabrikam holds Dynamics 365 Sales' volume-licensing subscription officially.
    {
        use portal::store::{claims, organisations, users};
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
                id: "fabrikam-sales",
                organisation_id: &organisation,
                location_id: &location.id,
                created_by: &user.id,
                tenant_id: NORTHWIND_TENANT,
                customer_domain: "northwind.example",
                solution_area: "business_applications",
                activity: "usage",
                programme: "osu_bizapps",
                name: "Fabrikam Sales",
                status: "official",
                partner_language: "en",
                created_at: at,
                updated_at: at,
            },
        )
        .unwrap();
        claims::replace_products(
            &mut conn,
            "fabrikam-sales",
            &[(
                "d365-sales".to_owned(),
                Some("11111111-aaaa-4bbb-8ccc-000000000001".to_owned()),
            )],
        )
        .unwrap();
    }
    let partner = app.signed_in(PARTNER).await;
    let claim = create_draft(&partner, "business_applications", "usage", "Sales").await;
    let url = format!("{claim}/products");
    let page = partner.get(&url).await;
    // Sales can still be chosen, through its other subscription only (no choice left).
    assert_eq!(page.count("input[value=d365-sales]"), 1);
    assert_eq!(page.count("#subscriptions-d365-sales"), 0);
    let res = partner
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
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a[href='#subscriptions-d365-sales']"),
        "This product cannot be chosen: another partner already has an official association for it"
    );
    let res = partner
        .submit_form(&url, &url, &[("product_ids", "d365-sales")])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let again = partner.get(&url).await;
    assert_eq!(
        again.attr("#product_ids", "checked").as_deref(),
        Some(""),
        "saved with the free subscription"
    );
}
