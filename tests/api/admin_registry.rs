//! `/admin/registry`: browsing the tenant registry and importing it from CSV — all or
//! nothing, every bad line named.

use crate::helpers::*;

const PAGE: &str = "/admin/registry";

async fn import(admin: &Visitor, kind: &str, file: &[u8]) -> Response {
    let action = admin
        .get(PAGE)
        .await
        .attr("form[enctype='multipart/form-data']", "action")
        .unwrap();
    admin
        .post_multipart(
            &action,
            &[("kind", kind)],
            &[("file", "registry.csv", file.to_vec())],
        )
        .await
}

#[actix_web::test]
async fn a_valid_file_imports_and_a_file_with_bad_rows_imports_nothing() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let (status, headers, example) = admin.get_bytes("/admin/registry/example/tenants.csv").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        String::from_utf8(example)
            .unwrap()
            .starts_with("tenant_id,name\n")
    );

    let tenants = "tenant_id,name\n0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b,Litware Inc\n1c2d3e4f-5061-4b72-8c83-0d1e2f3a4b5c,Proseware\n";
    let res = import(&admin, "tenants", tenants.as_bytes()).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let summary = res.text("[data-testid=import-summary]");
    assert!(
        summary.starts_with("Imported 2 rows (Tenants) in"),
        "{summary}"
    );
    let found = admin.get("/admin/registry?q=litware").await;
    assert_eq!(
        found.texts("[data-testid=tenants] .tenant-name"),
        ["Litware Inc"]
    );

    // Three bad lines: each is named, and the good line is not imported either.
    let domains = "domain,tenant_id\nlitware.example,0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b\nnot a domain,0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b\nnorthwind.example,1c2d3e4f-5061-4b72-8c83-0d1e2f3a4b5c\nlitware.example,0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b\n";
    let res = import(&admin, "domains", domains.as_bytes()).await;
    assert_eq!(res.status, 422);
    let problems = res.texts("[data-testid=import-problems] li");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems[0].contains("Line 3: The domain field is not valid"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("Line 4: The domain belongs to another tenant"),
        "{problems:?}"
    );
    assert!(
        problems[2].contains("Line 5: This row repeats an earlier one"),
        "{problems:?}"
    );
    assert_eq!(
        res.attr("#kind-domains", "checked").as_deref(),
        Some(""),
        "the choice is kept"
    );
    assert_eq!(
        admin
            .get("/admin/registry?q=litware.ex")
            .await
            .count("[data-testid=no-tenants]"),
        1
    );

    let good = "domain,tenant_id\nlitware.example,0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b\n";
    assert_eq!(import(&admin, "domains", good.as_bytes()).await.status, 200);
    assert_eq!(
        admin
            .get("/admin/registry?q=litware.ex")
            .await
            .texts(".tenant-name"),
        ["Litware Inc"]
    );

    let subscriptions = "subscription_id,tenant_id,product_id,channel,starts_on,ends_on,seats\n5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b,0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b,teams,web_direct,2026-01-01,,40\n";
    assert_eq!(
        import(&admin, "subscriptions", subscriptions.as_bytes())
            .await
            .status,
        200
    );
    let usage = "tenant_id,product_id,month,monthly_active_users,paid_units\n0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b,teams,2026-10,31,40\n0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b,no-such-product,2026-10,1,1\n";
    let res = import(&admin, "usage", usage.as_bytes()).await;
    assert_eq!(res.texts("[data-testid=import-problems] li").len(), 1);
    assert!(
        res.text("[data-testid=import-problems]")
            .contains("Line 3: The product is not in the catalogue")
    );
}

#[actix_web::test]
async fn binary_files_huge_fields_and_wrong_headers_get_a_clear_answer() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let res = import(&admin, "tenants", b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary").await;
    assert_eq!(res.status, 422);
    assert!(
        res.text("[data-testid=import-problems]")
            .contains("This is not a UTF-8 text (CSV) file")
    );

    let huge = format!(
        "tenant_id,name\n0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b,{}\n",
        "x".repeat(300)
    );
    let res = import(&admin, "tenants", huge.as_bytes()).await;
    assert!(
        res.text("[data-testid=import-problems]")
            .contains("Line 2: The name field is longer than 200 characters")
    );

    let res = import(&admin, "subscriptions", b"tenant_id,name\n").await;
    assert!(
        res.text("[data-testid=import-problems]")
            .contains("Line 1: The first line must be the documented header")
    );

    let res = import(&admin, "", b"tenant_id,name\n").await;
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#kind")
    );

    let many: String = std::iter::once("tenant_id,name\n".to_owned())
        .chain((0..150).map(|n| format!("not-a-guid-{n},Name\n")))
        .collect();
    let res = import(&admin, "tenants", many.as_bytes()).await;
    assert_eq!(res.count("[data-testid=import-problems] li"), 100);
    assert!(res.text("[data-testid=more-problems]").contains("50 more"));
}

#[actix_web::test]
async fn only_administrators_see_and_import_the_registry() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(reviewer.get(PAGE).await.status, 403);
    assert_eq!(
        reviewer
            .get("/admin/registry/example/tenants.csv")
            .await
            .status,
        403
    );
    let token = reviewer.get("/review").await.csrf_token();
    let res = reviewer
        .post_multipart(
            &format!("/admin/registry/import?csrf_token={token}"),
            &[("kind", "tenants")],
            &[(
                "file",
                "t.csv",
                b"tenant_id,name\n0b1c2d3e-4f50-4a61-8b72-9c0d1e2f3a4b,X\n".to_vec(),
            )],
        )
        .await;
    assert_eq!(res.status, 403);
    let admin = app.signed_in(ADMIN).await;
    let res = admin
        .post_multipart(
            "/admin/registry/import",
            &[("kind", "tenants")],
            &[("file", "t.csv", b"tenant_id,name\n".to_vec())],
        )
        .await;
    assert_eq!(res.status, 403, "no CSRF token");
}
