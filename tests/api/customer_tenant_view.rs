//! The customer's own view, from the link in their email: every partner association on their
//! tenant (not another tenant's), ending an official one or opting out of a pending one with
//! a reason, the link's stated lifetime and its refusals, the page that explains customer
//! associations, and deadlines that cannot be misread — over HTTP.

use chrono::{TimeZone, Utc};
use portal::{
    clock::Clock,
    i18n::{Catalogue, Locale, format},
};

use crate::{
    customer_world::{claim_id, northwind, run_sql, submitted_with},
    helpers::*,
    proof_world::one_number,
    review_flow::{SEATTLE, decide},
};

fn row_of(page: &Response, claim: &str, part: &str) -> String {
    page.text(&format!("tr[data-claim='{}'] {part}", claim_id(claim)))
}

#[actix_web::test]
async fn the_tenant_view_lists_both_partners_associations_and_no_other_tenants() {
    let app = spawn_app().await;
    let world = northwind(&app).await;
    let customer = app.visitor();

    // From the claim in the email to the tenant view.
    let claim_page = customer.get(&world.link).await;
    assert_eq!(
        claim_page.count(".header-sign-in"),
        0,
        "no account to sign in to"
    );
    let href = claim_page
        .attr("[data-testid=tenant-view-link]", "href")
        .expect("the claim page leads to the tenant view");
    assert_eq!(href, format!("{}/associations", world.link));
    assert_eq!(
        claim_page
            .attr("[data-testid=about-link]", "href")
            .as_deref(),
        Some("/customer/about")
    );

    let view = customer.get(&href).await;
    assert_eq!(view.status, 200, "{}", view.body);
    assert_eq!(view.headers.get("cache-control").unwrap(), "no-store");
    assert_eq!(view.count(".header-sign-in"), 0);
    assert_eq!(
        view.text("[data-testid=tenant-associations] caption"),
        "Partner associations on your tenant"
    );
    let mut partners = view.texts("[data-testid=tenant-associations] tbody .partner");
    partners.sort();
    assert_eq!(partners, ["Contoso Consulting", "Fabrikam Partners"]);
    assert!(!view.body.contains("Tailspin"), "another tenant's claim");

    assert_eq!(row_of(&view, &world.contoso, ".status-cell"), "Official");
    assert_eq!(
        view.texts(&format!(
            "tr[data-claim='{}'] .products li",
            claim_id(&world.contoso)
        )),
        ["Exchange Online", "Microsoft Teams"]
    );
    assert_eq!(
        row_of(&view, &world.contoso, ".since"),
        "Thursday 3 December 2026"
    );
    assert_eq!(row_of(&view, &world.contoso, ".until"), "No end date");
    assert_eq!(
        row_of(&view, &world.contoso, ".action"),
        "End association with Contoso Consulting"
    );
    assert_eq!(
        row_of(&view, &world.fabrikam, ".status-cell"),
        "Pending customer"
    );
    assert_eq!(
        row_of(&view, &world.fabrikam, ".products"),
        "Power BI Pro (subscription 11111111-aaaa-4bbb-8ccc-000000000004)"
    );
    // Validated on Thursday 3 Dec: 5 business days end with Thursday 10 Dec.
    assert_eq!(
        row_of(&view, &world.fabrikam, ".until"),
        "the end of Thursday 10 December 2026 (23:59 UTC)"
    );
    assert_eq!(
        row_of(&view, &world.fabrikam, ".action"),
        "Opt out of the claim by Fabrikam Partners"
    );
    // The link's lifetime: 30 days after the email of Wed 25 Nov.
    assert_eq!(
        view.text("[data-testid=link-lifetime]"),
        "This link works until 25 Dec 2026 09:00 UTC."
    );
    assert_eq!(
        view.attr("[data-testid=about-link]", "href").as_deref(),
        Some("/customer/about")
    );

    // In Japanese (the language switch), the same deadline as naturally.
    let japanese = app.visitor();
    japanese.set_cookie("portal_language", "ja");
    let view = japanese.get(&href).await;
    assert_eq!(view.text("h1"), "貴社テナントのパートナー関連付け");
    assert_eq!(
        row_of(&view, &world.fabrikam, ".until"),
        "2026年12月10日(木) 23:59 UTC"
    );
    assert_eq!(
        view.text("[data-testid=link-lifetime]"),
        "このリンクの有効期限は 2026年12月25日(金) 9:00 UTC までです。"
    );

    // GET changes nothing.
    assert_eq!(
        one_number(
            &app,
            "SELECT COUNT(*) AS n FROM claims WHERE status = 'opted_out'"
        ),
        0
    );
}

#[actix_web::test]
async fn ending_an_official_association_frees_its_key_records_the_reason_and_tells_the_partner() {
    let app = spawn_app().await;
    let world = northwind(&app).await;
    // The partner made the claim in Japanese; the customer reads English.
    run_sql(
        &app,
        &format!(
            "UPDATE claims SET partner_language = 'ja' WHERE id = '{}'",
            claim_id(&world.contoso)
        ),
    );
    let sent_before = app.mailbox.messages().len();
    let customer = app.visitor();
    let view = customer.get(&format!("{}/associations", world.link)).await;
    let end = view
        .attr(
            &format!(
                "tr[data-claim='{}'] a[data-testid=end]",
                claim_id(&world.contoso)
            ),
            "href",
        )
        .unwrap();
    let page = customer.get(&end).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "End this partner association");
    assert_eq!(page.text("[data-testid=partner]"), "Contoso Consulting");

    // Without a reason: the message next to the field and in the summary; nothing changes.
    let token = page.csrf_token();
    let res = customer
        .post_form(&end, &[("csrf_token", &token), ("reason", "  ")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#reason"]);
    assert_eq!(
        res.text("#reason-error"),
        "Error: Enter why you end this association"
    );
    // Without the form's token: refused.
    let res = customer
        .post_form(&end, &[("reason", "We no longer work with them.")])
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        one_number(
            &app,
            "SELECT COUNT(*) AS n FROM claims WHERE status = 'opted_out'"
        ),
        0
    );

    let res = customer
        .post_form(
            &end,
            &[
                ("csrf_token", &token),
                ("reason", "We no longer work with them."),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let after = customer.get(res.location().unwrap()).await;
    assert_eq!(
        after.text("[data-testid=ended] p"),
        "Contoso Consulting is no longer associated with your organisation for these workloads. They have been told."
    );
    assert_eq!(row_of(&after, &world.contoso, ".status-cell"), "Opted out");
    assert_eq!(row_of(&after, &world.contoso, ".action"), "");

    // The partner's history says who ended it and why.
    let partner = app.signed_in(PARTNER).await;
    let history = partner.get(&format!("{}/history", world.contoso)).await;
    let last = history.texts("[data-testid=history] tbody tr:last-child td");
    assert_eq!(last[2], "Official → Opted out", "{last:?}");
    assert!(last[1].starts_with("Customer"), "{last:?}");
    assert!(
        last[3].contains("Ended by the customer")
            && last[3].contains("We no longer work with them."),
        "{last:?}"
    );
    // The key is free: no active official association left.
    assert_eq!(
        one_number(
            &app,
            "SELECT COUNT(*) AS n FROM official_associations WHERE ended_at IS NULL"
        ),
        0
    );
    // The partner is emailed, in their language.
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mails = app.mailbox.messages();
    let told = &mails[sent_before..];
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].to, "chris@contoso-consulting.example");
    assert_eq!(
        told[0].subject,
        "顧客が関連付けを終了しました: Northwind Teams usage"
    );
    assert!(told[0].text.contains("We no longer work with them."));

    // A new claim on the same workload is validated, not rejected as taken.
    let reviewer = app.signed_in(REVIEWER).await;
    let again = submitted_with(
        &partner,
        SEATTLE,
        "microsoft_365",
        &["teams"],
        "Northwind Teams again",
    )
    .await;
    assert_eq!(decide(&reviewer, &again, "validate", &[]).await.status, 303);
    assert_eq!(
        partner.get(&again).await.text("[data-testid=claim-status]"),
        "Pending customer"
    );
}

#[actix_web::test]
async fn the_customer_opts_out_of_the_other_partners_pending_claim() {
    let app = spawn_app().await;
    let world = northwind(&app).await;
    let sent_before = app.mailbox.messages().len();
    let customer = app.visitor();
    let view = customer.get(&format!("{}/associations", world.link)).await;
    let opt_out = view
        .attr(
            &format!(
                "tr[data-claim='{}'] a[data-testid=opt_out]",
                claim_id(&world.fabrikam)
            ),
            "href",
        )
        .unwrap();
    let page = customer.get(&opt_out).await;
    assert_eq!(page.text("h1"), "Opt out of this claim");
    let res = customer
        .post_form(
            &opt_out,
            &[
                ("csrf_token", &page.csrf_token()),
                ("reason", "Contoso is our partner."),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let after = customer.get(res.location().unwrap()).await;
    assert_eq!(row_of(&after, &world.fabrikam, ".status-cell"), "Opted out");
    assert_eq!(row_of(&after, &world.contoso, ".status-cell"), "Official");
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mails = app.mailbox.messages();
    let told = &mails[sent_before..];
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].subject, "Customer opted out: Northwind Power BI");
    assert!(told[0].text.contains("Contoso is our partner."));
}

#[actix_web::test]
async fn the_link_never_reaches_another_tenant_and_is_refused_once_the_contact_changed() {
    let app = spawn_app().await;
    let world = northwind(&app).await;
    let customer = app.visitor();
    let view = customer.get(&format!("{}/associations", world.link)).await;
    let token = view.csrf_token();

    // Another tenant's claim through this link: not found, and nothing happens.
    let foreign = format!("{}/associations/{}/end", world.link, world.tailspin_id);
    assert_eq!(customer.get(&foreign).await.status, 404);
    let res = customer
        .post_form(&foreign, &[("csrf_token", &token), ("reason", "Not ours.")])
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(
        one_number(
            &app,
            "SELECT COUNT(*) AS n FROM claims WHERE status = 'opted_out'"
        ),
        0
    );
    // A made-up link is not found.
    let unknown = format!("/customer/opt-out/{}/associations", "ab".repeat(32));
    assert_eq!(customer.get(&unknown).await.status, 404);

    // The partner's claim now names another customer contact: the link shows nothing more.
    run_sql(
        &app,
        &format!(
            "UPDATE claims SET customer_contact_email = 'it@northwind.example' WHERE id = '{}'",
            claim_id(&world.contoso)
        ),
    );
    let refused = customer.get(&format!("{}/associations", world.link)).await;
    assert_eq!(refused.status, 410);
    assert_eq!(
        refused.text("h1"),
        "This link no longer shows your partner associations"
    );
    assert_eq!(refused.count("[data-testid=tenant-associations]"), 0);
    assert!(!refused.body.contains("Fabrikam"));
    let end = format!(
        "{}/associations/{}/end",
        world.link,
        claim_id(&world.fabrikam)
    );
    let res = customer
        .post_form(&end, &[("csrf_token", &token), ("reason", "No.")])
        .await;
    assert_eq!(res.status, 410);
    assert_eq!(
        customer
            .get(&world.link)
            .await
            .count("[data-testid=tenant-view-link]"),
        0
    );
}

#[actix_web::test]
async fn the_link_stops_opening_the_view_after_its_lifetime() {
    let app = spawn_app().await;
    let world = northwind(&app).await;
    let customer = app.visitor();
    assert_eq!(
        customer
            .get(&format!("{}/associations", world.link))
            .await
            .status,
        200
    );
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 25, 9, 0, 0).unwrap());
    assert_eq!(
        customer
            .get(&format!("{}/associations", world.link))
            .await
            .status,
        410
    );
}

#[actix_web::test]
async fn the_about_page_is_linked_from_the_customers_email_and_says_what_the_partner_gets() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_with(
        &partner,
        SEATTLE,
        "microsoft_365",
        &["teams"],
        "Northwind Teams usage",
    )
    .await;
    decide(&reviewer, &claim, "validate", &[]).await;
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = &app.mailbox.messages()[0];
    let about = format!("{}/customer/about", app.address);
    assert!(mail.text.contains(&about), "{}", mail.text);
    assert!(
        mail.html.contains(&format!("href=\"{about}\"")),
        "{}",
        mail.html
    );
    let page = app.visitor().get("/customer/about").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "What is a customer association?");
    assert_eq!(page.count(".header-sign-in"), 0);
    assert_eq!(
        page.texts("[data-testid=partner-gets] li"),
        ["monthly active users;", "paid units (seats)."]
    );
    let japanese = app.visitor_speaking("ja").get("/customer/about").await;
    assert_eq!(japanese.text("h1"), "顧客の関連付けとは");
}

#[test]
fn a_window_that_closes_at_midnight_reads_as_the_end_of_the_day_before_in_both_languages() {
    let closes = Utc.with_ymd_and_hms(2026, 12, 10, 0, 0, 0).unwrap();
    let en = Catalogue::for_locale(Locale::En);
    let ja = Catalogue::for_locale(Locale::Ja);
    assert_eq!(
        format::deadline(closes, chrono_tz::UTC, en),
        "the end of Wednesday 9 December 2026 (23:59 UTC)"
    );
    assert_eq!(
        format::deadline(closes, chrono_tz::UTC, ja),
        "2026年12月9日(水) 23:59 UTC"
    );
    // Midnight in Berlin is 23:00 UTC the day before.
    let berlin = Utc.with_ymd_and_hms(2026, 12, 9, 23, 0, 0).unwrap();
    assert_eq!(
        format::deadline(berlin, chrono_tz::Europe::Berlin, en),
        "the end of Wednesday 9 December 2026 (23:59 CET)"
    );
    // Any other instant reads as itself.
    let noon = Utc.with_ymd_and_hms(2026, 12, 9, 12, 0, 0).unwrap();
    assert_eq!(
        format::deadline(noon, chrono_tz::UTC, en),
        "9 Dec 2026 12:00 UTC"
    );
}
