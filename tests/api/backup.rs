//! `portal backup PATH`: a consistent copy of the SQLite database, taken while the portal
//! serves and writes, which a portal then serves (restoring is pointing
//! PORTAL_DATABASE_URL at the copy). A PostgreSQL database is sent to `pg_dump`.

use std::process::{Command, Output};

use crate::{helpers::*, wizard::create_draft};

fn portal_backup(database_url: &str, target: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["backup", target])
        .env("PORTAL_DATABASE_URL", database_url)
        .output()
        .expect("the portal binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// On PostgreSQL the command points at pg_dump, exits 2 and writes nothing.
fn assert_sent_to_pg_dump(app: &TestApp) {
    let target = std::env::temp_dir().join(format!("portal-{}.db", uuid::Uuid::new_v4()));
    let output = portal_backup(&app.database.url(), target.to_str().unwrap());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("pg_dump"), "{}", stderr(&output));
    assert!(!target.exists(), "nothing is written");
}

#[actix_web::test]
async fn a_backup_taken_while_the_portal_writes_holds_everything_committed_before_it() {
    let app = spawn_app().await;
    if app.database.is_postgres() {
        return assert_sent_to_pg_dump(&app);
    }
    let partner = app.signed_in(PARTNER).await;
    create_draft(&partner, "microsoft_365", "usage", "Before the backup").await;

    let copy = TestDatabase::create();
    let (source, target) = (app.database.url(), copy.url());
    let backup = actix_web::rt::task::spawn_blocking(move || portal_backup(&source, &target));
    // Claims keep being written while the copy is taken.
    let mut during = 0;
    loop {
        create_draft(
            &partner,
            "microsoft_365",
            "usage",
            &format!("During {during:02}"),
        )
        .await;
        during += 1;
        if backup.is_finished() || during == 20 {
            break;
        }
    }
    let output = backup.await.unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.starts_with("Backed up "), "{said}");
    create_draft(&partner, "microsoft_365", "usage", "After the backup").await;

    let restored = spawn_app_on(copy, &[]).await;
    assert_eq!(
        restored.report.migrations_applied, 0,
        "the copy has the schema"
    );
    let list = restored.signed_in(PARTNER).await.get("/associations").await;
    let names = list.texts("[data-testid=associations] .claim-name");
    assert_eq!(names.last().map(String::as_str), Some("Before the backup"));
    assert!(!names.contains(&"After the backup".to_owned()), "{names:?}");
    // A snapshot: the claims written meanwhile are there up to some point, none after it.
    let copied = names.len() - 1;
    let expected: Vec<String> = (0..copied)
        .rev()
        .map(|n| format!("During {n:02}"))
        .chain(["Before the backup".to_owned()])
        .collect();
    assert_eq!(names, expected, "{during} written while copying");
}

#[actix_web::test]
async fn a_backup_never_overwrites_a_file() {
    let app = spawn_app().await;
    if app.database.is_postgres() {
        return assert_sent_to_pg_dump(&app);
    }
    let copy = TestDatabase::create();
    let first = portal_backup(&app.database.url(), &copy.url());
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = std::fs::read(copy.url()).unwrap();

    let again = portal_backup(&app.database.url(), &copy.url());
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        stderr(&again).trim_end(),
        format!(
            "portal: backup: {} exists already; a backup never overwrites a file: name a new one",
            copy.url()
        )
    );
    assert_eq!(std::fs::read(copy.url()).unwrap(), before, "unchanged");

    let nowhere = copy.url() + ".missing";
    let none = portal_backup(&nowhere, &(copy.url() + ".copy"));
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("there is no database at"));
    assert!(!std::path::Path::new(&nowhere).exists(), "none is created");
    assert!(!std::path::Path::new(&(copy.url() + ".copy")).exists());
}
