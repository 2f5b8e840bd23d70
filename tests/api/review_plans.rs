//! The reviewers' queue reads one index range in its own order (`claims_waiting`), never every
//! waiting claim sorted: at a million claims that sort took a second per page. It and the
//! queue's competing markers keep their statements prepared, whatever the page's claims.

use std::sync::{Arc, Mutex};

use diesel::connection::{Connection, InstrumentationEvent};
use portal::{
    service::competing,
    store::{AnyConnection, review_lists},
};

use crate::{
    helpers::*,
    search::insert_claims,
    search_plans::{plan, statements},
};

#[actix_web::test]
async fn the_queue_reads_the_waiting_claims_index_in_its_order() {
    let app = spawn_app().await;
    let rows: Vec<(String, String)> = (0..60)
        .map(|i| (format!("Claim {i:04}"), format!("customer{i}.example")))
        .collect();
    insert_claims(&app, PARTNER, "submitted", &rows);
    let mut conn = app.pool.get().unwrap();
    for newest_first in [false, true] {
        let sent = statements(&mut conn, |c| {
            let queued = review_lists::queue(c, None, newest_first, 25).unwrap();
            assert_eq!(queued.len(), 25);
        });
        assert_eq!(sent.len(), 1, "one query: {sent:#?}");
        let lines = plan(&mut conn, &sent[0]).join("\n");
        assert!(lines.contains("claims_waiting"), "{lines}");
        if !app.database.is_postgres() {
            assert!(!lines.contains("TEMP B-TREE"), "{lines}");
        }
    }
}

/// How many statements `run` started, and how many of them were prepared and kept (a
/// statement found prepared already is started without being kept again).
fn started_and_kept(
    conn: &mut AnyConnection,
    run: impl FnOnce(&mut AnyConnection),
) -> (usize, usize) {
    let counts = Arc::new(Mutex::new((0, 0)));
    let sink = Arc::clone(&counts);
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        let mut counts = sink.lock().unwrap();
        match event {
            InstrumentationEvent::StartQuery { .. } => counts.0 += 1,
            InstrumentationEvent::CacheQuery { .. } => counts.1 += 1,
            _ => {}
        }
    });
    run(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    *counts.lock().unwrap()
}

#[actix_web::test]
async fn the_queue_and_its_competing_markers_are_prepared_once_whatever_their_claims() {
    let app = spawn_app().await;
    let mut conn = app.pool.get().unwrap();
    let tenant = |n: u32| format!("5eed0000-0000-4000-8000-{n:012x}");
    let claim = |n: u32| format!("c1a10000-0000-4000-8000-{n:012x}");
    let page = |conn: &mut AnyConnection, tenants: &[String], claims: &[String]| {
        review_lists::queue(conn, None, false, 25).unwrap();
        competing::contested(conn, tenants, claims).unwrap();
    };
    let (started, kept) = started_and_kept(&mut conn, |c| page(c, &[tenant(1)], &[claim(1)]));
    assert_eq!(
        (started, kept),
        (2, 2),
        "the first time, both are prepared and kept"
    );
    // More tenants and claims (the next page of another size): the same two statements.
    let tenants: Vec<String> = (1..=7).map(tenant).collect();
    let claims: Vec<String> = (1..=25).map(claim).collect();
    let (started, kept) = started_and_kept(&mut conn, |c| page(c, &tenants, &claims));
    assert_eq!((started, kept), (2, 0), "prepared already");
}
