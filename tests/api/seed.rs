//! `portal seed`: generated data for measuring the portal at scale, which the portal then
//! serves like any other — claims in every status, with history, in the reviewer's queue.

use std::process::Command;

use crate::helpers::*;

pub fn seed(database: &TestDatabase, claims: &str) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["seed", "--claims", claims, "--organisations", "3"])
        .args(["--ready-drafts", "4"])
        .env("PORTAL_DATABASE_URL", database.url())
        .output()
        .expect("the portal binary runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[actix_web::test]
async fn seeded_claims_are_served_in_every_status_with_their_history() {
    let database = TestDatabase::create();
    let (ok, seeded) = seed(&database, "960");
    assert!(ok, "{seeded}");
    assert!(
        seeded.contains("Seeded 960 claims, 3 organisations, 120 tenants"),
        "{seeded}"
    );
    let (ok, said) = seed(&database, "10");
    assert!(!ok, "a second seed is refused");
    assert!(said.contains("seeded already"), "{said}");

    let app = spawn_app_on(database, &[]).await;
    let partner = app.signed_in("partner@org0.seed.example").await;
    let list = partner.get("/associations").await;
    assert_eq!(list.count("[data-testid=associations] tbody tr"), 25);
    let statuses = [
        ("draft", "Draft"),
        ("submitted", "Submitted"),
        ("action_required", "Action required"),
        ("pending_customer", "Pending customer"),
        ("official", "Official"),
        ("rejected", "Rejected"),
        ("disputed", "Disputed"),
        ("opted_out", "Opted out"),
        ("expired", "Expired"),
        ("withdrawn", "Withdrawn"),
    ];
    for (code, label) in statuses {
        let page = partner.get(&format!("/associations?status={code}")).await;
        let shown = page.texts("[data-testid=associations] .claim-status .status");
        assert!(!shown.is_empty(), "{code}");
        assert!(shown.iter().all(|s| s == label), "{code}: {shown:?}");
    }

    let official = partner.get("/associations?status=official").await;
    let claim = official
        .attr("[data-testid=associations] .claim-name a", "href")
        .unwrap();
    let history = partner.get(&format!("{claim}/history")).await;
    assert_eq!(history.count("[data-testid=history] tbody tr"), 4);

    // The ready drafts have an organisation of their own, and are complete: one submits.
    assert!(
        seeded.contains("4 drafts ready to submit belong to partner@org3.seed.example"),
        "{seeded}"
    );
    let drafts = app.signed_in("partner@org3.seed.example").await;
    let list = drafts.get("/associations").await;
    assert_eq!(
        list.texts("[data-testid=associations] .claim-status .status"),
        ["Draft"; 4]
    );
    let draft = list
        .attr("[data-testid=associations] .claim-name a", "href")
        .unwrap();
    let submit = format!("{draft}/submit");
    assert_eq!(drafts.submit_form(&submit, &submit, &[]).await.status, 303);
    assert_eq!(
        drafts.get(&draft).await.text("[data-testid=claim-status]"),
        "Submitted"
    );
    let seeded_draft = partner.get("/associations?status=draft").await;
    let draft = seeded_draft
        .attr("[data-testid=associations] .claim-name a", "href")
        .unwrap();
    assert_eq!(
        partner
            .get(&format!("{draft}/submit"))
            .await
            .count(".error-summary"),
        0,
        "a seeded draft is complete too"
    );

    // The trigram index, filled after the load, finds what the claims' text holds: a
    // partner's search for one claim's name (few matches: read from the index at once)
    // lists that claim.
    let name = official
        .texts("[data-testid=associations] .claim-name a")
        .remove(0);
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &name)
        .finish();
    let found = partner.get(&format!("/associations?{query}")).await;
    let names = found.texts("[data-testid=associations] .claim-name a");
    assert!(names.contains(&name), "{name}: {names:?}");
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = app.pool.get().unwrap();
    let mut count = |sql: &str| {
        diesel::RunQueryDsl::get_result::<Count>(diesel::sql_query(sql), &mut **conn)
            .unwrap()
            .n
    };
    let (indexed, stored) = if app.database.is_postgres() {
        (
            "SELECT count(*) AS n FROM claim_search_texts WHERE search_text LIKE '%claim 9%'",
            "SELECT count(*) AS n FROM claims WHERE strpos(search_text, 'claim 9') > 0",
        )
    } else {
        (
            "SELECT count(*) AS n FROM claims_search WHERE claims_search MATCH '\"claim 9\"'",
            "SELECT count(*) AS n FROM claims WHERE instr(search_text, 'claim 9') > 0",
        )
    };
    let stored = count(stored);
    assert!(stored > 0);
    assert_eq!(count(indexed), stored);
    drop(conn);

    let reviewer = app.signed_in("reviewer@portal.example").await;
    let queue = reviewer.get("/review").await;
    assert!(
        queue.status == 200 && queue.count("tbody tr") > 0,
        "{}",
        queue.body
    );
}

#[derive(diesel::QueryableByName, Debug, PartialEq)]
struct SchemaObject {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    definition: String,
}

/// The database's indexes, constraints and triggers with their definitions.
fn schema_objects(app: &TestApp) -> Vec<SchemaObject> {
    let query = if app.database.is_postgres() {
        "SELECT indexname::text AS name, indexdef AS definition FROM pg_indexes \
         WHERE schemaname = current_schema() \
         UNION ALL \
         SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
         WHERE connamespace = current_schema()::regnamespace \
         UNION ALL \
         SELECT tgname::text, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal \
         ORDER BY name, definition"
    } else {
        "SELECT name, coalesce(sql, '') AS definition FROM sqlite_master \
         WHERE type IN ('index', 'trigger') ORDER BY name"
    };
    let mut conn = app.pool.get().unwrap();
    diesel::RunQueryDsl::load(diesel::sql_query(query), &mut **conn).unwrap()
}

#[actix_web::test]
async fn a_seed_gives_back_every_index_and_foreign_key_it_set_aside_for_the_load() {
    let database = TestDatabase::create();
    let (ok, seeded) = seed(&database, "40");
    assert!(ok, "{seeded}");
    let seeded = spawn_app_on(database, &[]).await;
    let migrated = spawn_app().await;

    let after_seed = schema_objects(&seeded);
    assert!(
        after_seed.iter().any(|o| o.name == "audit_entries_claim"),
        "{after_seed:?}"
    );
    if seeded.database.is_postgres() {
        assert!(
            after_seed
                .iter()
                .any(|o| o.definition.starts_with("FOREIGN KEY")),
            "{after_seed:?}"
        );
        assert!(
            after_seed
                .iter()
                .any(|o| o.name == "claims_search_texts_copy"),
            "{after_seed:?}"
        );
    }
    let migrated = schema_objects(&migrated);
    let missing: Vec<_> = migrated
        .iter()
        .filter(|o| !after_seed.contains(o))
        .collect();
    let extra: Vec<_> = after_seed
        .iter()
        .filter(|o| !migrated.contains(o))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing after the seed: {missing:?}; not made by the migrations: {extra:?}"
    );
    assert_eq!(after_seed, migrated);
}
