use std::sync::Arc;

use portal::{clock::SystemClock, startup::Application, store};

use crate::helpers::*;

#[actix_web::test]
async fn the_first_start_seeds_demo_data_and_the_second_reuses_it() {
    let app = spawn_app().await;
    assert!(app.report.seeded_now);
    assert!(app.report.migrations_applied >= 1);
    let roles: Vec<_> = app
        .report
        .demo_sign_ins
        .iter()
        .map(|s| s.role.as_str())
        .collect();
    assert_eq!(roles, ["partner", "partner", "reviewer", "administrator"]);

    let again = Application::build(
        test_settings(&app.database.url(), &[]),
        Arc::new(SystemClock),
        1,
    )
    .unwrap();
    assert!(!again.report.seeded_now);
    assert_eq!(again.report.migrations_applied, 0);
    assert_eq!(
        again.report.demo_sign_ins.len(),
        4,
        "the existing demo sign-ins are listed again"
    );
    let mut conn = app.pool.get().unwrap();
    assert_eq!(
        store::users::count(&mut conn).unwrap(),
        4,
        "nothing seeded twice"
    );
}

#[actix_web::test]
async fn without_demo_data_the_database_starts_empty() {
    let database = TestDatabase::create();
    let settings = test_settings(&database.url(), &[("PORTAL_DEMO", "false")]);
    let app = Application::build(settings, Arc::new(SystemClock), 1).unwrap();
    assert!(app.report.demo_sign_ins.is_empty());
    let mut conn = app.pool.get().unwrap();
    assert_eq!(store::users::count(&mut conn).unwrap(), 0);
}
