//! Northwind as its customer's tenant view sees it: two partners' claims (one official, one
//! waiting for the customer) and another tenant's claim, made the way partners make them.

use chrono::Duration;
use portal::{clock::Clock, store::claims};

use crate::{
    helpers::*,
    review_flow::{MUNICH, SEATTLE, decide, opt_out_path},
    submit_step::{choose_products, fill_contacts, upload_poe},
    wizard::create_draft_at,
};

const TAILSPIN_TENANT: &str = "a2b3c4d5-e6f7-4a8b-9c0d-1e2f3a4b5c6d";

/// A complete draft on Northwind of `area` with `products`, submitted; returns its path.
pub async fn submitted_with(
    partner: &Visitor,
    mpn: &str,
    area: &str,
    products: &[&str],
    name: &str,
) -> String {
    let claim = create_draft_at(partner, mpn, area, "usage", name).await;
    choose_products(partner, &claim, products).await;
    fill_contacts(partner, &claim, "en").await;
    upload_poe(partner, &claim).await;
    let submit = format!("{claim}/submit");
    let res = partner.submit_form(&submit, &submit, &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    claim
}

/// Northwind with Contoso official on Teams and Exchange (validated at the clock's start,
/// its window closed), Fabrikam waiting for the customer on Power BI, and one official claim
/// on another tenant. Returns the tenant view's path of the link in Contoso's email, and the
/// claims' paths.
pub struct Northwind {
    pub link: String,
    /// The link in the email about Fabrikam's claim (its window open).
    pub pending_link: String,
    pub contoso: String,
    pub fabrikam: String,
    pub tailspin_id: String,
}

pub async fn northwind(app: &TestApp) -> Northwind {
    let contoso = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let contoso_claim = submitted_with(
        &contoso,
        SEATTLE,
        "microsoft_365",
        &["teams", "exchange-online"],
        "Northwind Teams usage",
    )
    .await;
    assert_eq!(
        decide(&reviewer, &contoso_claim, "validate", &[])
            .await
            .status,
        303
    );
    app.jobs.dispatch(app.clock.now()).unwrap();
    let link = opt_out_path(&app.mailbox.messages()[0].text);
    // The window closes; the association becomes official.
    app.clock.advance(Duration::days(8));
    app.jobs.run_once(app.clock.now()).unwrap();
    // Sessions do not last a week: sign in again.
    let (contoso, reviewer) = (app.signed_in(PARTNER).await, app.signed_in(REVIEWER).await);
    assert_eq!(
        contoso
            .get(&contoso_claim)
            .await
            .text("[data-testid=claim-status]"),
        "Official"
    );
    let fabrikam = app.signed_in(OTHER_PARTNER).await;
    let fabrikam_claim = submitted_with(
        &fabrikam,
        MUNICH,
        "business_applications",
        &["power-bi-pro"],
        "Northwind Power BI",
    )
    .await;
    assert_eq!(
        decide(&reviewer, &fabrikam_claim, "validate", &[])
            .await
            .status,
        303
    );
    app.jobs.dispatch(app.clock.now()).unwrap();
    let pending_link = opt_out_path(&app.mailbox.messages().last().unwrap().text);
    Northwind {
        link,
        pending_link,
        contoso: contoso_claim,
        fabrikam: fabrikam_claim,
        tailspin_id: other_tenants_claim(app),
    }
}

/// An official claim of Contoso's on Tailspin Toys, written straight to the store.
fn other_tenants_claim(app: &TestApp) -> String {
    let mut conn = app.pool.get().unwrap();
    let any = portal::store::users::find_by_email(&mut conn, PARTNER)
        .unwrap()
        .unwrap();
    let organisation = any.organisation_id.clone().unwrap();
    let (location, _) =
        portal::store::organisations::locations_with_programmes(&mut conn, &organisation)
            .unwrap()
            .remove(0);
    let id = uuid::Uuid::new_v4().to_string();
    let at = app.clock.now().naive_utc();
    claims::insert_draft(
        &mut conn,
        &claims::NewDraft {
            id: &id,
            organisation_id: &organisation,
            location_id: &location.id,
            created_by: &any.id,
            tenant_id: TAILSPIN_TENANT,
            customer_domain: "tailspintoys.example",
            solution_area: "microsoft_365",
            activity: "usage",
            programme: "osu_m365",
            name: "Tailspin SharePoint",
            status: "official",
            partner_language: "en",
            created_at: at,
            updated_at: at,
        },
    )
    .unwrap();
    id
}

pub fn run_sql(app: &TestApp, sql: &str) {
    let mut conn = app.pool.get().unwrap();
    diesel::RunQueryDsl::execute(diesel::sql_query(sql), &mut **conn).unwrap();
}

pub fn claim_id(path: &str) -> &str {
    path.trim_start_matches("/associations/")
}
