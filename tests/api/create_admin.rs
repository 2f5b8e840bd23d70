//! `portal create-admin`: a vendor starting from an empty database creates the first
//! administrator from the command line, then signs in with the browser's form.

use std::{
    io::Write,
    process::{Command, Stdio},
};

use crate::helpers::*;

/// Runs `portal create-admin` against `database` with `password` on standard input.
fn create_admin(database: &TestDatabase, args: &[&str], password: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("create-admin")
        .args(args)
        .env("PORTAL_DATABASE_URL", database.url())
        .env("PORTAL_DEMO", "false")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the portal binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[actix_web::test]
async fn the_first_administrator_is_created_from_the_command_line() {
    let database = TestDatabase::create();
    let email = [
        "--email",
        "First.Admin@Vendor.example",
        "--name",
        "Fran Admin",
    ];

    let (ok, said) = create_admin(&database, &email, "short");
    assert!(!ok);
    assert!(said.contains("at least 12 characters"), "{said}");
    let (ok, said) = create_admin(
        &database,
        &["--email", "not-an-email"],
        "a long enough password",
    );
    assert!(!ok, "{said}");
    let (ok, said) = create_admin(&database, &email, "correct horse battery");
    assert!(ok, "{said}");
    assert!(
        said.contains("Administrator First.Admin@vendor.example created")
            || said.contains("first.admin@vendor.example"),
        "{said}"
    );
    let (ok, said) = create_admin(&database, &email, "correct horse battery");
    assert!(!ok);
    assert!(said.contains("exists already"), "{said}");

    let app = spawn_app_on(database, &[("PORTAL_DEMO", "false")]).await;
    assert!(app.report.demo_sign_ins.is_empty());
    let visitor = app.visitor();
    let res = visitor
        .sign_in("first.admin@vendor.example", "correct horse battery")
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), Some("/admin"));
    let admin = visitor.get("/admin").await;
    assert_eq!(admin.text("[data-testid=signed-in-user]"), "Fran Admin");
    assert_eq!(
        admin.text("[data-testid=admin-changes] .change-who"),
        "Command line"
    );
}
