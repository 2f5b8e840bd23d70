//! Steps 1–3 of the wizard, over HTTP, as a partner user goes through them.

use crate::helpers::*;

pub const NORTHWIND_TENANT: &str = "6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40";
const SEATTLE: &str = "4651234";
const LONDON: &str = "4651235";

/// Posts step 1 from its page and returns the response.
async fn step_1(visitor: &Visitor, location: &str, domain: &str, tenant: &str) -> Response {
    visitor
        .submit_form(
            "/associations/new",
            "/associations/new",
            &[
                ("location_mpn_id", location),
                ("domain_name", domain),
                ("tenant_id", tenant),
            ],
        )
        .await
}

fn query_of(location: &str) -> String {
    location
        .split_once('?')
        .map(|(_, q)| q.to_owned())
        .unwrap_or_default()
}

fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

#[actix_web::test]
async fn step_1_offers_only_the_organisations_enrolled_locations() {
    let app = spawn_app().await;
    let page = app.signed_in(PARTNER).await.get("/associations/new").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.text("main h1"),
        "Who is claiming, and for which customer?"
    );
    assert_eq!(
        page.text("fieldset legend"),
        "Which partner location is making this claim?"
    );
    assert_eq!(
        page.texts("fieldset .radio-label"),
        [
            "Contoso Consulting – London (MPN ID 4651235)",
            "Contoso Consulting – Seattle (MPN ID 4651234)"
        ]
    );
    assert_eq!(
        page.attr("label[for=domain_name]", "for").as_deref(),
        Some("domain_name")
    );
    assert_eq!(
        page.attr("a[href='/help/find-tenant-id']", "href")
            .as_deref(),
        Some("/help/find-tenant-id")
    );
    let help = app.visitor().get("/help/find-tenant-id").await;
    assert_eq!(help.status, 200);
    assert_eq!(
        help.text("main h1"),
        "Find a customer's domain name and directory (tenant) ID"
    );
}

#[actix_web::test]
async fn step_1_reports_every_missing_field_at_once_and_keeps_the_input() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let res = step_1(&visitor, "", "", "").await;
    assert_eq!(res.status, 422);
    assert!(res.text("title").starts_with("Error: "));
    let links: Vec<_> = ["location_mpn_id", "domain_name", "tenant_id"]
        .iter()
        .map(|f| res.attr(&format!(".error-summary a[href='#{f}']"), "href"))
        .collect();
    assert!(links.iter().all(Option::is_some), "{links:?}");
    // The first radio carries the group's id, so the summary link lands on it.
    assert_eq!(
        res.attr("#location_mpn_id", "type").as_deref(),
        Some("radio")
    );

    let res = step_1(
        &visitor,
        SEATTLE,
        "https://northwind.example/x",
        "not-a-guid",
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(!res.text("#domain_name-error").is_empty());
    assert!(!res.text("#tenant_id-error").is_empty());
    assert_eq!(
        res.attr("#domain_name", "value").as_deref(),
        Some("https://northwind.example/x")
    );
    assert_eq!(
        res.attr("#tenant_id", "value").as_deref(),
        Some("not-a-guid")
    );
    assert_eq!(
        res.attr("input[value='4651234']", "checked").as_deref(),
        Some(""),
        "the location stays chosen"
    );
}

#[actix_web::test]
async fn step_1_checks_the_pair_against_the_tenant_registry() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let unknown = step_1(
        &visitor,
        SEATTLE,
        "northwind.example",
        "11111111-2222-4333-8444-555555555555",
    )
    .await;
    assert_eq!(unknown.status, 422);
    assert_eq!(
        unknown.text("#tenant_id-error"),
        "Error: We can't find this directory (tenant) ID. Check it and try again"
    );
    let mismatch = step_1(&visitor, SEATTLE, "tailspintoys.example", NORTHWIND_TENANT).await;
    assert_eq!(mismatch.status, 422);
    assert_eq!(
        mismatch.text("#domain_name-error"),
        "Error: This domain name does not belong to that directory (tenant) ID. Check both and try again"
    );
    // Another organisation's MPN ID is not one of this partner's choices.
    let foreign = step_1(&visitor, "5123456", "northwind.example", NORTHWIND_TENANT).await;
    assert_eq!(foreign.status, 422);
    assert!(!foreign.text("#location_mpn_id-error").is_empty());
}

#[actix_web::test]
async fn the_first_three_steps_create_a_draft_that_appears_in_the_list() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let res = step_1(
        &visitor,
        SEATTLE,
        "NorthwindTraders.example",
        &NORTHWIND_TENANT.to_uppercase(),
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let step_2 = res.location().unwrap().to_owned();
    assert!(step_2.starts_with("/associations/new/programme?"));

    let page = visitor.get(&step_2).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("main h1"), "What are you claiming?");
    assert_eq!(
        page.texts("fieldset legend"),
        ["What kind of claim is this?", "Solution area", "Activity"]
    );
    // Back keeps what step 1 had.
    let back = visitor
        .get(&page.attr("a.back-link", "href").unwrap())
        .await;
    assert_eq!(
        back.attr("#domain_name", "value").as_deref(),
        Some("NorthwindTraders.example")
    );

    let mut fields = pairs(&query_of(&step_2));
    fields.extend([
        ("claim_type".to_owned(), "customer_association".to_owned()),
        (
            "solution_area".to_owned(),
            "business_applications".to_owned(),
        ),
        ("activity".to_owned(), "pre_sales".to_owned()),
    ]);
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = visitor
        .submit_form(&step_2, "/associations/new/programme", &refs)
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let step_3 = res.location().unwrap().to_owned();
    assert!(step_3.starts_with("/associations/new/name?"));

    let page = visitor.get(&step_3).await;
    assert_eq!(page.text("main h1"), "Name this claim");
    assert_eq!(
        page.text("[data-testid=so-far] .summary-row:nth-child(3) dd"),
        "Online Services Advisory (OSA)"
    );

    let mut fields = pairs(&query_of(&step_3));
    fields.push(("claim_name".to_owned(), "x".to_owned()));
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let too_short = visitor
        .submit_form(&step_3, "/associations/new/name", &refs)
        .await;
    assert_eq!(too_short.status, 422);
    assert_eq!(too_short.attr("#claim_name", "value").as_deref(), Some("x"));
    assert!(!too_short.text("#claim_name-error").is_empty());

    let last = fields.len() - 1;
    fields[last].1 = "Northwind – Dynamics 365 Sales rollout".to_owned();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let created = visitor
        .submit_form(&step_3, "/associations/new/name", &refs)
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    // The wizard goes on to the products step (4), saying the draft is saved.
    let products_url = created.location().unwrap().to_owned();
    let claim_url = products_url.strip_suffix("/products").unwrap().to_owned();
    assert!(claim_url.starts_with("/associations/"));
    let products = visitor.get(&products_url).await;
    assert_eq!(
        products.text("[role=status]"),
        "Your claim was saved as a draft."
    );
    assert_eq!(
        products.text(".caption"),
        format!("Step 4 of 7 · Northwind – Dynamics 365 Sales rollout")
    );

    let claim = visitor.get(&claim_url).await;
    assert_eq!(
        claim.text("main h1"),
        "Northwind – Dynamics 365 Sales rollout"
    );
    assert_eq!(claim.text("[data-testid=claim-status]"), "Draft");
    assert!(
        claim.texts("[data-testid=claim-missing] li").len() >= 3,
        "products, contacts and PoE are still missing"
    );

    let history = visitor.get(&format!("{claim_url}/history")).await;
    assert_eq!(
        history.texts("[data-testid=history] tbody td:nth-child(2)"),
        ["Avery Chen (Partner)"]
    );
    assert_eq!(
        history.texts("[data-testid=history] tbody td:nth-child(3)"),
        ["Draft"]
    );
    assert_eq!(
        history.texts("[data-testid=history] tbody td:nth-child(4)"),
        ["Draft created"]
    );

    // Another organisation cannot tell the claim exists; staff can see it.
    let other = app.signed_in(OTHER_PARTNER).await;
    assert_eq!(other.get(&claim_url).await.status, 404);
    assert_eq!(other.get(&format!("{claim_url}/history")).await.status, 404);
    assert_eq!(other.get("/associations/no-such-claim").await.status, 404);
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(reviewer.get(&claim_url).await.status, 200);

    let list = visitor.get("/associations").await;
    assert_eq!(
        list.text("table tbody tr .claim-name"),
        "Northwind – Dynamics 365 Sales rollout"
    );
    assert_eq!(
        list.text("table tbody tr .claim-domain"),
        "northwindtraders.example"
    );
    assert_eq!(list.text("table tbody tr .claim-status"), "Draft");
    assert_eq!(
        list.text("table tbody tr .claim-programme"),
        "Online Services Advisory (OSA)"
    );
}

#[actix_web::test]
async fn step_2_applies_the_programme_rules() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let base = [
        ("location_mpn_id", LONDON),
        ("domain_name", "northwind.example"),
        ("tenant_id", NORTHWIND_TENANT),
    ];
    let step_2 = "/associations/new/programme?location_mpn_id=4651235&domain_name=northwind.example&tenant_id=6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40";
    let post = |extra: Vec<(&'static str, &'static str)>| {
        let mut all = base.to_vec();
        all.extend(extra);
        all
    };
    // Microsoft 365 is usage only.
    let res = visitor
        .submit_form(
            step_2,
            "/associations/new/programme",
            &post(vec![
                ("solution_area", "microsoft_365"),
                ("activity", "pre_sales"),
            ]),
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text("#activity-error")
            .contains("Microsoft 365 claims can only be for usage")
    );
    assert_eq!(
        res.attr("#solution_area", "checked").as_deref(),
        Some(""),
        "the choice is kept"
    );
    // London is enrolled in OSU Microsoft 365 only.
    let res = visitor
        .submit_form(
            step_2,
            "/associations/new/programme",
            &post(vec![
                ("solution_area", "business_applications"),
                ("activity", "usage"),
            ]),
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(!res.text("#activity-error").is_empty());
    // Nothing chosen: both questions are named.
    let res = visitor
        .submit_form(step_2, "/associations/new/programme", &post(vec![]))
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.count(".error-summary li"), 2);
    // A co-op programme gets the co-op claims link instead.
    let res = visitor
        .submit_form(
            step_2,
            "/associations/new/programme",
            &post(vec![("claim_type", "surface")]),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.text("main h1"),
        "This claim goes through the co-op claims process"
    );
    assert!(
        res.attr("[data-testid=coop-link]", "href")
            .unwrap()
            .starts_with("https://")
    );
}

#[actix_web::test]
async fn later_steps_send_tampered_or_missing_earlier_values_back() {
    let app = spawn_app().await;
    let visitor = app.signed_in(PARTNER).await;
    let res = visitor.get("/associations/new/name?location_mpn_id=4651234&domain_name=northwind.example&tenant_id=00000000-0000-4000-8000-000000000000&solution_area=microsoft_365&activity=usage").await;
    assert_eq!(res.status, 303);
    assert!(res.location().unwrap().starts_with("/associations/new?"));
    let res = visitor
        .submit_form(
            "/associations/new",
            "/associations/new/name",
            &[
                ("location_mpn_id", SEATTLE),
                ("domain_name", "northwind.example"),
                ("tenant_id", NORTHWIND_TENANT),
                ("claim_name", "Sneaky"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(
        res.location()
            .unwrap()
            .starts_with("/associations/new/programme?")
    );
    let list = visitor.get("/associations").await;
    assert_eq!(list.count("table tbody tr"), 0, "no draft was created");
}

#[actix_web::test]
async fn only_partner_users_run_the_wizard() {
    let app = spawn_app().await;
    for email in [REVIEWER, ADMIN] {
        let staff = app.signed_in(email).await;
        assert_eq!(staff.get("/associations/new").await.status, 403);
        let res = staff
            .submit_form(
                "/review",
                "/associations/new",
                &[("location_mpn_id", SEATTLE)],
            )
            .await;
        assert_eq!(res.status, 403);
    }
    assert_eq!(app.visitor().get("/associations/new").await.status, 303);
}

/// Runs steps 1–3 for the Seattle location and Northwind and returns the new claim's URL.
pub async fn create_draft(visitor: &Visitor, area: &str, activity: &str, name: &str) -> String {
    create_draft_at(visitor, SEATTLE, area, activity, name).await
}

/// [`create_draft`] for the partner location with MPN ID `mpn`.
pub async fn create_draft_at(
    visitor: &Visitor,
    mpn: &str,
    area: &str,
    activity: &str,
    name: &str,
) -> String {
    let res = post_first_steps(visitor, mpn, area, activity, name).await;
    assert_eq!(res.status, 303, "{}", res.body);
    // Create claim goes on to the new claim's products step.
    let next = res.location().unwrap();
    let claim = next.strip_suffix("/products").unwrap_or(next).to_owned();
    assert!(
        !claim.starts_with("/associations/new") && next.ends_with("/products"),
        "sent to {next}"
    );
    claim
}

/// Sends steps 1–3 for Northwind at once, as the name step's form does.
pub async fn post_first_steps(
    visitor: &Visitor,
    mpn: &str,
    area: &str,
    activity: &str,
    name: &str,
) -> Response {
    let fields = [
        ("location_mpn_id", mpn),
        ("domain_name", "northwind.example"),
        ("tenant_id", NORTHWIND_TENANT),
        ("claim_type", "customer_association"),
        ("solution_area", area),
        ("activity", activity),
        ("claim_name", name),
    ];
    visitor
        .submit_form("/associations/new", "/associations/new/name", &fields)
        .await
}
