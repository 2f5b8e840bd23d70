//! `/admin/organisations`: partner organisations and their locations, and what a location's
//! programmes mean in the wizard.

use crate::helpers::*;

#[actix_web::test]
async fn an_administrator_adds_an_organisation_and_a_location_enrolled_in_programmes() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let index = "/admin/organisations";
    let list = admin.get(index).await;
    assert_eq!(
        list.texts(".organisation-name"),
        ["Contoso Consulting", "Fabrikam Partners"]
    );

    let res = admin.submit_form(index, index, &[("name", " ")]).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#name")
    );
    let res = admin
        .submit_form(index, index, &[("name", "Litware Advisors")])
        .await;
    assert_eq!(res.status, 303);
    let page_url = res.location().unwrap().to_owned();
    let page = admin.get(&page_url).await;
    assert_eq!(
        page.text("[data-testid=organisation-name]"),
        "Litware Advisors"
    );
    assert_eq!(page.count("[data-testid=no-locations]"), 1);

    // Every problem at once; an MPN ID another location has is refused.
    let add = format!("{page_url}/locations");
    let res = admin
        .submit_form(
            &page_url,
            &add,
            &[
                ("mpn_id", "12ab"),
                ("location_name", "Litware – Oslo"),
                ("country", "Norway"),
                ("programmes", "osa"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.texts(".error-summary li").len(),
        2,
        "{:?}",
        res.texts(".error-summary li")
    );
    assert_eq!(
        res.attr("#location_name", "value").as_deref(),
        Some("Litware – Oslo")
    );
    assert_eq!(
        res.attr("#programmes", "checked").as_deref(),
        Some(""),
        "osa stays checked"
    );
    let res = admin
        .submit_form(
            &page_url,
            &add,
            &[
                ("mpn_id", "4651234"),
                ("location_name", "Litware – Oslo"),
                ("country", "NO"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.text(".error-summary a[href='#mpn_id']"),
        "Another location has this MPN ID"
    );
    let res = admin
        .submit_form(
            &page_url,
            &add,
            &[
                ("mpn_id", "7700001"),
                ("location_name", "Litware – Oslo"),
                ("country", "no"),
                ("programmes", "osu_m365"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = admin.get(&page_url).await;
    assert_eq!(
        page.texts("[data-testid=locations] .location-programmes"),
        ["Online Services Usage for Microsoft 365"]
    );

    // Change the location: enrol it in OSA as well.
    let location = page
        .attr("[data-testid=locations] .location-mpn a", "href")
        .unwrap();
    let form = admin.get(&location).await;
    assert_eq!(form.attr("#country", "value").as_deref(), Some("NO"));
    let res = admin
        .submit_form(
            &location,
            &location,
            &[
                ("mpn_id", "7700001"),
                ("location_name", "Litware – Oslo"),
                ("country", "NO"),
                ("programmes", "osa"),
                ("programmes", "osu_m365"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = admin.get(&page_url).await;
    assert_eq!(
        page.text("[data-testid=locations] .location-programmes"),
        "Online Services Advisory (OSA), Online Services Usage for Microsoft 365"
    );
    let overview = admin.get("/admin").await;
    assert_eq!(
        overview
            .texts("[data-testid=admin-changes] .change-what")
            .len(),
        3
    );
}

#[actix_web::test]
async fn only_administrators_keep_partner_organisations() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    assert_eq!(partner.get("/admin/organisations").await.status, 403);
    let token = partner.get("/associations").await.csrf_token();
    let res = partner
        .post_form(
            "/admin/organisations",
            &[("csrf_token", &token), ("name", "Mine")],
        )
        .await;
    assert_eq!(res.status, 403);
    let admin = app.signed_in(ADMIN).await;
    let list = admin.get("/admin/organisations").await;
    assert_eq!(list.count(".organisation-name"), 2, "nothing was added");
    let contoso = list.attr(".organisation-name a", "href").unwrap();
    let res = partner
        .post_form(
            &format!("{contoso}/locations"),
            &[
                ("csrf_token", &token),
                ("mpn_id", "7700002"),
                ("location_name", "x"),
                ("country", "US"),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        admin.get("/admin/organisations/no-such-id").await.status,
        404
    );
}
