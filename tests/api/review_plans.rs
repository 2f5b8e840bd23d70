//! The reviewers' queue reads one index range in its own order (`claims_waiting`), never every
//! waiting claim sorted: at a million claims that sort took a second per page.

use portal::store::review_lists;

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
