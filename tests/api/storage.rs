use diesel::{RunQueryDsl, connection::SimpleConnection};
use portal::{
    config::DatabaseUrl,
    store::connection::{ConnectError, Manager},
};

use crate::helpers::*;

#[actix_web::test]
async fn foreign_keys_are_enforced_on_pooled_connections() {
    let app = spawn_app().await;
    // Every connection of the pool, not just the first one.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = app.pool.get().unwrap();
        let orphan = diesel::sql_query(
            "INSERT INTO partner_locations (id, organisation_id, mpn_id, name, country, created_at) \
             VALUES ('loc-x', 'no-such-organisation', '999999', 'Orphan', 'US', '2026-11-25 09:00:00')",
        )
        .execute(&mut **conn);
        assert!(orphan.is_err(), "an orphan location must be refused");
        held.push(conn);
    }
}

#[test]
fn a_postgresql_that_is_down_is_reported_as_such() {
    let dir =
        std::env::temp_dir().join(format!("portal-pg-down-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let before = std::env::current_dir().unwrap();
    let url = DatabaseUrl::parse("postgres://portal:secret-pw@127.0.0.1:1/portal").unwrap();
    let err = match Manager::new(url).connect() {
        Err(e) => e,
        Ok(_) => panic!("nothing listens on port 1"),
    };
    assert!(matches!(err, ConnectError::Postgres { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message
            .contains("cannot connect to PostgreSQL at postgres://portal:***@127.0.0.1:1/portal"),
        "{message}"
    );
    assert!(
        message.to_lowercase().contains("refused") || message.contains("connect"),
        "{message}"
    );
    assert!(
        !message.contains("secret-pw"),
        "the password never appears: {message}"
    );
    assert!(!message.contains("nvalid connection url"), "{message}");
    // No SQLite file was made out of the URL.
    assert!(!before.join("postgres:").exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_wrong_postgresql_password_is_reported_as_such() {
    let Some(admin_url) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        return; // Only meaningful against a real server (CI runs the suite against one).
    };
    let (scheme_user, rest) = admin_url.split_once("://").unwrap();
    let (userinfo, host) = rest
        .split_once('@')
        .expect("TEST_DATABASE_URL has user:password@");
    let user = userinfo.split(':').next().unwrap();
    let wrong = format!("{scheme_user}://{user}:definitely-wrong@{host}");
    let err = match Manager::new(DatabaseUrl::parse(&wrong).unwrap()).connect() {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a wrong password must not connect"),
    };
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("definitely-wrong"), "{err}");
}

#[actix_web::test]
async fn sqlite_runs_in_wal_mode() {
    let app = spawn_app().await;
    if app.database.is_postgres() {
        return;
    }
    #[derive(diesel::QueryableByName)]
    struct Mode {
        #[diesel(sql_type = diesel::sql_types::Text)]
        journal_mode: String,
    }
    let mut conn = app.pool.get().unwrap();
    let mode: Mode = diesel::sql_query("PRAGMA journal_mode")
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(mode.journal_mode, "wal");
    conn.batch_execute("SELECT 1").unwrap();
}

/// A PostgreSQL connection plans each statement once, generically, and starts no parallel
/// workers for a page's few index ranges.
#[actix_web::test]
async fn postgresql_connections_plan_generically_without_parallel_workers() {
    let app = spawn_app().await;
    if !app.database.is_postgres() {
        return;
    }
    #[derive(diesel::QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        setting: String,
    }
    let mut conn = app.pool.get().unwrap();
    let mut show = |name: &str| -> String {
        diesel::sql_query(format!("SELECT current_setting('{name}') AS setting"))
            .get_result::<Setting>(&mut **conn)
            .unwrap()
            .setting
    };
    assert_eq!(show("plan_cache_mode"), "force_generic_plan");
    assert_eq!(show("max_parallel_workers_per_gather"), "0");
}
