//! `/admin/registry/tenants/…`: one tenant edited by hand — added, renamed, its domains,
//! subscriptions and monthly usage.

use crate::helpers::*;

const NEW: &str = "/admin/registry/tenants/new";
const TAILWIND: &str = "0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b";
const NORTHWIND: &str = "6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40";
const SUBSCRIPTION: &str = "7a7a7a7a-bbbb-4ccc-8ddd-000000000001";

fn tenant_page() -> String {
    format!("/admin/registry/tenants/{TAILWIND}")
}

async fn add_tailwind(admin: &Visitor) {
    let res = admin
        .submit_form(
            NEW,
            NEW,
            &[("tenant_id", TAILWIND), ("name", "Tailwind Traders")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), Some(tenant_page().as_str()));
}

#[actix_web::test]
async fn an_administrator_adds_a_tenant_with_its_domains() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let registry = admin.get("/admin/registry").await;
    assert_eq!(
        registry.attr("[data-testid=add-tenant]", "href").as_deref(),
        Some(NEW)
    );

    let res = admin
        .submit_form(NEW, NEW, &[("tenant_id", "not-a-guid"), ("name", " ")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#tenant_id", "#name"]);
    assert_eq!(
        res.attr("#tenant_id", "value").as_deref(),
        Some("not-a-guid")
    );
    assert!(res.text("#tenant_id-error").contains("correct format"));

    let res = admin
        .submit_form(NEW, NEW, &[("tenant_id", NORTHWIND), ("name", "Again")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a[href='#tenant_id']"),
        "A tenant with this directory ID is already in the registry"
    );

    add_tailwind(&admin).await;
    let page = admin.get(&tenant_page()).await;
    assert_eq!(page.text("[data-testid=tenant-name]"), "Tailwind Traders");
    assert_eq!(page.text(".flash"), "The tenant was saved.");
    assert_eq!(page.count("[data-testid=no-domains]"), 1);

    let domains = format!("{}/domains", tenant_page());
    let res = admin
        .submit_form(
            &tenant_page(),
            &domains,
            &[("domain", "https://tailwind.example/")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#domain"]);
    assert_eq!(
        res.attr("#domain", "value").as_deref(),
        Some("https://tailwind.example/")
    );
    let res = admin
        .submit_form(&tenant_page(), &domains, &[("domain", "northwind.example")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text("#domain-error"),
        "Error: This domain belongs to another tenant"
    );
    for domain in ["tailwind.example", "Tailwind-Traders.example"] {
        let res = admin
            .submit_form(&tenant_page(), &domains, &[("domain", domain)])
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    let page = admin.get(&tenant_page()).await;
    assert_eq!(
        page.texts("[data-testid=domains] .domain"),
        ["tailwind-traders.example", "tailwind.example"]
    );
    let found = admin.get("/admin/registry?q=tailwind-tr").await;
    assert_eq!(found.texts(".tenant-name"), ["Tailwind Traders"]);

    let res = admin
        .submit_form(
            &tenant_page(),
            &format!("{}/domains/remove", tenant_page()),
            &[("domain", "tailwind.example")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = admin.get(&tenant_page()).await;
    assert_eq!(
        page.texts("[data-testid=domains] .domain"),
        ["tailwind-traders.example"]
    );
    assert_eq!(page.text(".flash"), "The domain was removed.");

    let rename = tenant_page();
    let res = admin
        .submit_form(&tenant_page(), &rename, &[("name", "")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#name"]);
    let res = admin
        .submit_form(&tenant_page(), &rename, &[("name", "Tailwind Toys")])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        admin
            .get(&tenant_page())
            .await
            .text("[data-testid=tenant-name]"),
        "Tailwind Toys"
    );

    let overview = admin.get("/admin").await;
    let changes = overview.texts("[data-testid=admin-changes] .change-what");
    assert!(
        changes.contains(&format!("Tenant added: {TAILWIND} (Tailwind Traders)")),
        "{changes:?}"
    );
    assert!(changes.contains(&format!("Domain removed: {TAILWIND} (tailwind.example)")));
}

#[actix_web::test]
async fn subscriptions_are_added_and_changed_with_every_problem_shown() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    add_tailwind(&admin).await;
    let new = format!("{}/subscriptions/new", tenant_page());
    let form = admin.get(&new).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.count("#channel[type=radio]"), 1);

    let res = admin
        .submit_form(
            &new,
            &new,
            &[
                ("subscription_id", "sub-1"),
                ("product", ""),
                ("starts_on", "2026-02-30"),
                ("ends_on", "someday"),
                ("seats", "many"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.summary_links(),
        [
            "#subscription_id",
            "#product",
            "#channel",
            "#starts_on",
            "#ends_on",
            "#seats"
        ]
    );
    assert_eq!(res.attr("#seats", "value").as_deref(), Some("many"));

    let good = [
        ("subscription_id", SUBSCRIPTION),
        ("product", "teams"),
        ("channel", "web_direct"),
        ("starts_on", "2026-01-01"),
        ("ends_on", ""),
        ("seats", "40"),
    ];
    let res = admin.submit_form(&new, &new, &good).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let res = admin.submit_form(&new, &new, &good).await;
    assert_eq!(res.status, 422, "the same id twice");
    assert_eq!(
        res.text("#subscription_id-error"),
        "Error: A subscription with this ID is already in the registry"
    );
    assert_eq!(
        res.attr("#product option[selected]", "value").as_deref(),
        Some("teams")
    );

    let page = admin.get(&tenant_page()).await;
    assert_eq!(
        page.texts("[data-testid=subscriptions] .subscription-product"),
        ["Microsoft Teams"]
    );
    let edit = page
        .attr("[data-testid=subscriptions] a.subscription-id", "href")
        .expect("a link to the subscription");
    let form = admin.get(&edit).await;
    assert_eq!(form.text("[data-testid=subscription-id]"), SUBSCRIPTION);
    assert_eq!(form.attr("#seats", "value").as_deref(), Some("40"));
    assert_eq!(
        form.attr("#channel-web_direct", "checked").as_deref(),
        Some("")
    );

    let changed = [
        ("product", "teams"),
        ("channel", "web_direct"),
        ("starts_on", "2026-01-01"),
        ("ends_on", "2025-12-31"),
        ("seats", "55"),
    ];
    let res = admin.submit_form(&edit, &edit, &changed).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text("#ends_on-error"),
        "Error: The end date must be on or after the start date"
    );
    let mut changed = changed;
    changed[3].1 = "2027-12-31";
    let res = admin.submit_form(&edit, &edit, &changed).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = admin.get(&tenant_page()).await;
    assert_eq!(page.texts(".subscription-seats"), ["55"]);
    assert_eq!(
        page.texts(".subscription-ends"),
        ["Friday 31 December 2027"]
    );

    // A subscription is edited under its own tenant only.
    let elsewhere = format!("/admin/registry/tenants/{NORTHWIND}/subscriptions/{SUBSCRIPTION}");
    assert_eq!(admin.get(&elsewhere).await.status, 404);
}

#[actix_web::test]
async fn a_month_of_usage_is_set_replaced_and_removed() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    add_tailwind(&admin).await;
    let usage = format!("{}/usage", tenant_page());
    let res = admin
        .submit_form(
            &tenant_page(),
            &usage,
            &[
                ("product", "teams"),
                ("month", "October"),
                ("monthly_active_users", "-3"),
                ("paid_units", "40"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#month", "#monthly_active_users"]);
    assert_eq!(res.attr("#month", "value").as_deref(), Some("October"));

    for users in ["31", "35"] {
        let res = admin
            .submit_form(
                &tenant_page(),
                &usage,
                &[
                    ("product", "teams"),
                    ("month", "2026-10"),
                    ("monthly_active_users", users),
                    ("paid_units", "40"),
                ],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    let page = admin.get(&tenant_page()).await;
    assert_eq!(page.texts(".usage-month"), ["2026-10"]);
    assert_eq!(page.texts(".usage-users"), ["35"], "the month was replaced");

    let res = admin
        .submit_form(
            &tenant_page(),
            &format!("{usage}/remove"),
            &[("product", "teams"), ("month", "2026-10")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = admin.get(&tenant_page()).await;
    assert_eq!(page.count("[data-testid=no-usage]"), 1);
}

#[actix_web::test]
async fn only_administrators_edit_tenants_and_every_form_needs_its_token() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    let northwind = format!("/admin/registry/tenants/{NORTHWIND}");
    let subscriptions = format!("{northwind}/subscriptions/new");
    for path in [NEW, northwind.as_str(), subscriptions.as_str()] {
        assert_eq!(reviewer.get(path).await.status, 403, "{path}");
    }
    let token = reviewer.get("/review").await.csrf_token();
    for action in [
        NEW.to_owned(),
        northwind.clone(),
        format!("{northwind}/domains"),
        format!("{northwind}/domains/remove"),
        format!("{northwind}/usage"),
        format!("{northwind}/usage/remove"),
        subscriptions.clone(),
    ] {
        let res = reviewer
            .post_form(
                &action,
                &[
                    ("csrf_token", &token),
                    ("name", "Taken over"),
                    ("domain", "northwind.example"),
                ],
            )
            .await;
        assert_eq!(res.status, 403, "{action}");
    }
    let admin = app.signed_in(ADMIN).await;
    let res = admin.post_form(&northwind, &[("name", "No token")]).await;
    assert_eq!(res.status, 403, "no CSRF token");
    let page = admin.get(&northwind).await;
    assert_eq!(page.text("[data-testid=tenant-name]"), "Northwind Traders");
    assert_eq!(
        page.texts("[data-testid=domains] .domain"),
        ["northwind.example", "northwindtraders.example"]
    );
    assert_eq!(admin.get("/admin/registry/tenants/nope").await.status, 404);
}
