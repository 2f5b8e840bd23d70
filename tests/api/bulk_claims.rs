//! Draft claims from a CSV file: the template, a good file making every draft (with its
//! products, contacts and History), and a file with bad rows making none while naming each
//! problem's line and column; a file that is not the template's is refused whole.

use crate::{helpers::*, review_flow::SEATTLE, wizard::NORTHWIND_TENANT};

const PAGE: &str = "/associations/import";

pub const HEADER: &str = "location_mpn_id,tenant_id,domain_name,solution_area,activity,claim_name,products,customer_contact_name,customer_contact_job_title,customer_contact_email,customer_language,technical_contact_name,technical_contact_job_title,technical_contact_email,company_contact_name,company_contact_email,seller_name,customer_name,solution_name,comments";

/// A Microsoft 365 usage row for Northwind, named `name`, claiming `products`.
pub fn row(name: &str, tenant: &str, products: &str) -> String {
    format!(
        "{SEATTLE},{tenant},northwind.example,microsoft_365,usage,{name},{products},Ana Silva,IT Director,ana.silva@northwind.example,en,,,,Chris Partner,chris@contoso-consulting.example,,,,\"Signed, sealed\""
    )
}

async fn import(partner: &Visitor, csv: String) -> Response {
    let form = partner.get(PAGE).await;
    send(partner, &form, csv).await
}

/// Sends the import `form` (its CSRF token and its own id) with the file `csv`.
async fn send(partner: &Visitor, form: &Response, csv: String) -> Response {
    let request = form.attr("input[name=request]", "value").unwrap();
    partner
        .post_multipart(
            &format!("{PAGE}?csrf_token={}", form.csrf_token()),
            &[("request", &request)],
            &[("file", "claims.csv", csv.into_bytes())],
        )
        .await
}

/// The names in the partner's list of drafts.
async fn draft_names(partner: &Visitor) -> Vec<String> {
    partner
        .get("/associations?status=draft")
        .await
        .texts("td.claim-name a")
}

#[actix_web::test]
async fn the_template_is_the_header_row_and_the_page_explains_each_column() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let list = partner.get("/associations").await;
    assert_eq!(
        list.attr("[data-testid=import-claims]", "href").as_deref(),
        Some(PAGE)
    );
    let page = partner.get(PAGE).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "Import draft claims from a file");
    assert_eq!(page.text("label[for=file]"), "CSV file");
    assert_eq!(page.count("[data-testid=columns] tbody tr"), 20);
    let template = partner.get("/associations/import/template.csv").await;
    assert_eq!(template.status, 200);
    assert!(
        template.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    // A byte-order mark first, so that Excel keeps the file UTF-8 in every locale.
    assert_eq!(
        template.body.strip_prefix('\u{feff}').map(str::trim_end),
        Some(HEADER)
    );
    assert_eq!(
        page.texts("[data-testid=columns] tbody th"),
        HEADER.split(',').collect::<Vec<_>>()
    );
}

#[actix_web::test]
async fn a_good_file_makes_every_draft_with_its_products_contacts_and_history() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let csv = format!(
        "{HEADER}\r\n{}\r\n\r\n{}\r\n",
        row("Teams rollout", NORTHWIND_TENANT, "teams"),
        row("Mail move", NORTHWIND_TENANT, "exchange-online"),
    );
    let res = import(&partner, csv).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), Some("/associations?status=draft"));
    let list = partner.get("/associations?status=draft").await;
    assert!(
        list.text("[role=status]")
            .contains("The drafts were created")
    );
    let mut names = list.texts("td.claim-name a");
    names.sort();
    assert_eq!(names, ["Mail move", "Teams rollout"]);

    let claim = list.attr("td.claim-name a", "href").unwrap();
    let page = partner.get(&claim).await;
    assert_eq!(page.status, 200);
    let details = page.texts("dd");
    assert!(
        details
            .iter()
            .any(|d| d.contains("ana.silva@northwind.example")),
        "{details:?}"
    );
    assert!(
        details.iter().any(|d| d.contains("Signed, sealed")),
        "{details:?}"
    );
    let history = partner.get(&format!("{claim}/history")).await;
    assert_eq!(history.count("tbody tr"), 1, "one History line: created");
    // The proof of execution comes afterwards, on each draft's own page.
    assert_eq!(partner.get(&format!("{claim}/files")).await.status, 200);
}

#[actix_web::test]
async fn a_file_with_bad_rows_makes_nothing_and_names_each_line_and_column() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let bad_tenant = "not-a-guid";
    let csv = format!(
        "{HEADER}\r\n{}\r\n{}\r\n{}\r\n{}\r\n",
        row("Good one", NORTHWIND_TENANT, "teams"),
        row("Bad tenant", bad_tenant, "teams"),
        row("", NORTHWIND_TENANT, "exchange-online"),
        row("Again", NORTHWIND_TENANT, "teams"),
    );
    let res = import(&partner, csv).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.text("title").starts_with("Error:"));
    let problems = res.texts("[data-testid=import-problems] li");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Line 3, column tenant_id:")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Line 4, column claim_name:")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Line 5, column products: Line 2 already claims this product")),
        "{problems:?}"
    );
    assert!(res.count(".error-summary-list a") >= 3);
    assert!(draft_names(&partner).await.is_empty(), "all or nothing");
}

#[actix_web::test]
async fn a_file_that_is_not_the_templates_is_refused_whole() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let res = import(&partner, "name,tenant\nx,y\n".into()).await;
    assert_eq!(res.status, 422);
    assert!(
        res.text("[data-testid=import-problems] li")
            .contains("Line 1: The first line must be the template's header")
    );

    let res = import(&partner, format!("{HEADER}\n")).await;
    assert!(
        res.text("[data-testid=import-problems] li")
            .contains("no claims")
    );

    let res = import(&partner, format!("{HEADER}\na,b,c\nd,e\n")).await;
    let problems = res.texts("[data-testid=import-problems] li");
    assert_eq!(problems.len(), 2, "every short row: {problems:?}");
    assert!(problems[0].contains("Line 2: A row must have 20 values"));
    assert!(problems[1].contains("Line 3: A row must have 20 values"));

    let many: String = (0..1001)
        .map(|n| row(&format!("Claim {n}"), NORTHWIND_TENANT, "teams") + "\n")
        .collect();
    let res = import(&partner, format!("{HEADER}\n{many}")).await;
    assert!(
        res.text("[data-testid=import-problems] li")
            .contains("Line 1002: A file can hold at most 1000 claims")
    );

    let token = partner.get(PAGE).await.csrf_token();
    let res = partner
        .post_multipart(&format!("{PAGE}?csrf_token={token}"), &[], &[])
        .await;
    assert_eq!(
        res.text("#file-error li"),
        "Error: Choose a CSV file to import"
    );
    assert!(draft_names(&partner).await.is_empty());
}

#[actix_web::test]
async fn the_same_form_sent_twice_imports_once() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let csv = format!(
        "{HEADER}\n{}\n",
        row("Teams rollout", NORTHWIND_TENANT, "teams")
    );
    let form = partner.get(PAGE).await;
    assert_eq!(send(&partner, &form, csv.clone()).await.status, 303);
    // A second click, or the browser sending the form again.
    let again = send(&partner, &form, csv.clone()).await;
    assert_eq!(again.location(), Some("/associations?status=draft"));
    let list = partner.get("/associations?status=draft").await;
    assert!(list.text("[role=status]").contains("already imported"));
    assert_eq!(list.texts("td.claim-name a"), ["Teams rollout"]);
    // A new form is a new import.
    assert_eq!(import(&partner, csv).await.status, 303);
    assert_eq!(draft_names(&partner).await.len(), 2);
}
