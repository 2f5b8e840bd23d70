//! Whose link reaches the whole tenant: the partner types the customer contact's address, so
//! only a link sent to an address at one of the tenant's registered domains shows (and acts
//! on) other partners' associations. A link a partner sent to an address of its own reaches
//! its own claim only, and can never end a competitor's association.

use crate::{
    customer_world::{claim_id, northwind, run_sql},
    helpers::*,
    proof_world::one_number,
};

#[actix_web::test]
async fn a_link_sent_outside_the_tenants_domains_reaches_its_own_claim_only() {
    let app = spawn_app().await;
    let world = northwind(&app).await;
    // Contoso's claim as if Contoso had given an address of its own as the customer's.
    let contoso_id = claim_id(&world.contoso);
    run_sql(
        &app,
        &format!(
            "UPDATE claims SET customer_contact_email = 'ana@contoso-lookalike.test' WHERE id = '{contoso_id}'"
        ),
    );
    run_sql(
        &app,
        &format!(
            "UPDATE opt_out_tokens SET sent_to = 'ana@contoso-lookalike.test' WHERE claim_id = '{contoso_id}'"
        ),
    );

    let customer = app.visitor();
    let view = customer.get(&format!("{}/associations", world.link)).await;
    assert_eq!(view.status, 200);
    assert_eq!(
        view.texts("[data-testid=tenant-associations] tbody tr")
            .len(),
        1
    );
    assert_eq!(view.count(&format!("tr[data-claim='{contoso_id}']")), 1);
    assert!(!view.body.contains("Fabrikam"));
    assert!(
        view.text("[data-testid=own-claim-only]")
            .starts_with("This link was sent to an address outside")
    );

    // Fabrikam's pending claim cannot be reached, shown or ended through it.
    let end = format!(
        "{}/associations/{}/end",
        world.link,
        claim_id(&world.fabrikam)
    );
    assert_eq!(customer.get(&end).await.status, 404);
    let res = customer
        .post_form(
            &end,
            &[
                ("csrf_token", &view.csrf_token()),
                ("reason", "Not wanted."),
            ],
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(
        one_number(
            &app,
            &format!(
                "SELECT COUNT(*) AS n FROM claims WHERE id = '{}' AND status = 'pending_customer'",
                claim_id(&world.fabrikam)
            )
        ),
        1
    );

    // The customer's own link (sent to the tenant's domain) still reaches both.
    let tenant_wide = customer
        .get(&format!("{}/associations", world.pending_link))
        .await;
    assert_eq!(tenant_wide.count("[data-testid=own-claim-only]"), 0);
    assert_eq!(
        tenant_wide.count(&format!("tr[data-claim='{contoso_id}']")),
        1
    );
}

#[actix_web::test]
async fn a_pending_claim_whose_window_has_closed_offers_nothing_and_a_late_request_is_told_so() {
    let app = spawn_app().await;
    let world = northwind(&app).await;
    let customer = app.visitor();
    let list = format!("{}/associations", world.link);
    let fabrikam = claim_id(&world.fabrikam);
    let row_link = format!("tr[data-claim='{fabrikam}'] a[data-testid=opt_out]");
    let view = customer.get(&list).await;
    let opt_out = view
        .attr(&row_link, "href")
        .expect("open: the opt-out is offered");
    let form = customer.get(&opt_out).await;

    // Two weeks on, the window has closed; the job that makes it official has not run yet.
    app.clock.advance(chrono::Duration::days(14));
    let view = customer.get(&list).await;
    assert_eq!(view.count(&row_link), 0);
    let res = customer
        .post_form(
            &opt_out,
            &[("csrf_token", &form.csrf_token()), ("reason", "Too late?")],
        )
        .await;
    assert_eq!(
        (res.status, res.location()),
        (303, Some(format!("{list}?unchanged={fabrikam}").as_str()))
    );
    let told = customer.get(res.location().unwrap()).await;
    assert!(told.text("[data-testid=unchanged]").starts_with(
        "Your request about the association with Fabrikam Partners could not be carried out"
    ));
    assert_eq!(
        one_number(
            &app,
            &format!(
                "SELECT COUNT(*) AS n FROM claims WHERE id = '{fabrikam}' AND status = 'pending_customer'"
            )
        ),
        1
    );
}
