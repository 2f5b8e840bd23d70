//! The search's queries, exactly as diesel sends them (captured from the connection's
//! instrumentation, which prints each statement with `debug_query`), are served by the
//! trigram index: FTS5 on SQLite (`EXPLAIN QUERY PLAN`, plans kept stable by QPSG), the GIN
//! index on PostgreSQL under the forced generic plans the portal's connections use.

use std::sync::{Arc, Mutex};

use diesel::{
    Connection, QueryableByName, RunQueryDsl,
    connection::{InstrumentationEvent, SimpleConnection},
    sql_types::Text,
};
use portal::domain::{search::Term, trigrams::TrigramCounts};
use portal::store::{
    AnyConnection,
    claim_list::{self, Cursor, ListQuery, SortColumn},
    review_lists::{self, Filter},
    users,
};

use crate::{helpers::*, search::insert_claims};

/// The statements `run` sends, without their binds, and the binds as printed.
pub fn statements(conn: &mut AnyConnection, run: impl FnOnce(&mut AnyConnection)) -> Vec<String> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            sink.lock().unwrap().push(query.to_string());
        }
    });
    run(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    // The first instrumentation, and its handle on `seen`, went with the second.
    Arc::try_unwrap(seen).unwrap().into_inner().unwrap()
}

#[derive(QueryableByName)]
struct SqlitePlan {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PgPlan {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

/// The plan of `statement` (SQL, then ` -- binds: [...]`): SQLite's query plan, or
/// PostgreSQL's `EXPLAIN ANALYZE` of it prepared and run with its binds, generic plan.
pub fn plan(conn: &mut AnyConnection, statement: &str) -> Vec<String> {
    let (sql, binds) = statement.split_once(" -- binds: ").unwrap();
    match conn {
        AnyConnection::Sqlite(_) => diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
            .load::<SqlitePlan>(conn)
            .unwrap()
            .into_iter()
            .map(|p| p.detail)
            .collect(),
        AnyConnection::Postgresql(_) => {
            // The binds as SQL literals: strings as printed by Debug (no quotes or commas in
            // these), numbers as they are.
            let values: Vec<String> = binds
                .trim_matches(|c| c == '[' || c == ']')
                .split(", ")
                .map(|v| match v.strip_prefix('"') {
                    Some(text) => format!("'{}'", text.trim_end_matches('"')),
                    None => v.to_owned(),
                })
                .collect();
            // A test database is tiny: it gets fifty times its claims (another text each),
            // and reading the whole table, cheaper than any index at this size, is off.
            conn.batch_execute(&format!(
                "INSERT INTO claims (id, organisation_id, location_id, created_by, tenant_id, \
                 customer_domain, solution_area, activity, programme, name, status, \
                 created_at, updated_at, language, partner_language, search_text) \
                 SELECT c.id || '-' || g, c.organisation_id, c.location_id, c.created_by, \
                 c.tenant_id, 'filler.example', c.solution_area, c.activity, c.programme, \
                 'Filler', c.status, c.created_at, c.updated_at, c.language, \
                 c.partner_language, 'filler ' || g FROM claims c \
                 CROSS JOIN generate_series(1, 50) g WHERE c.name LIKE 'Claim %' \
                 AND NOT EXISTS (SELECT 1 FROM claims f WHERE f.name = 'Filler'); \
                 ANALYZE claims; SET enable_seqscan = off; PREPARE searched AS {sql}"
            ))
            .unwrap();
            let lines = diesel::sql_query(format!(
                "EXPLAIN ANALYZE EXECUTE searched ({})",
                values.join(", ")
            ))
            .load::<PgPlan>(conn)
            .unwrap()
            .into_iter()
            .map(|p| p.line)
            .collect();
            conn.batch_execute("DEALLOCATE searched; RESET enable_seqscan")
                .unwrap();
            lines
        }
    }
}

#[actix_web::test]
async fn searches_read_the_trigram_index() {
    let app = spawn_app().await;
    // More claims than the list reads in its own order, so it asks the index.
    let rows: Vec<(String, String)> = (0..1010)
        .map(|i| (format!("Claim {i:04}"), format!("customer{i}.example")))
        .collect();
    insert_claims(&app, PARTNER, "submitted", &rows);
    let mut conn = app.pool.get().unwrap();
    let organisation = users::find_by_email(&mut conn, PARTNER)
        .unwrap()
        .unwrap()
        .organisation_id
        .unwrap();
    let list = ListQuery {
        organisation_id: organisation,
        status: None,
        programme: None,
        location_id: None,
        view: None,
        search: Term::new("customer1009", &TrigramCounts::default()),
        sort: SortColumn::UpdatedAt,
        descending: true,
        cursor: Cursor::First,
        limit: 25,
    };
    let sent = statements(&mut conn, |c| {
        let (rows, _) = claim_list::list(c, &list).unwrap();
        assert_eq!(rows.len(), 1);
        let filter = Filter {
            search: Term::new("customer1009", &TrigramCounts::default()),
            ..Filter::default()
        };
        let (rows, _) = review_lists::all(c, &filter, 25).unwrap();
        assert_eq!(rows.len(), 1);
    });
    let postgres = app.database.is_postgres();
    // The statements that ask the index (the lists first read their newest rows one by one).
    // (One organisation's through its trigrams, every organisation's through LIKE.)
    let index_parts: &[&str] = if postgres {
        &["organisation_trigrams(", "\"search_text\" LIKE"]
    } else {
        &[" MATCH "]
    };
    let asking: Vec<&String> = sent
        .iter()
        .filter(|s| index_parts.iter().any(|part| s.contains(part)))
        .collect();
    // The partner list's is scoped to the organisation; the reviewers' leaves drafts out
    // (`status != ?`).
    let partner_list = asking
        .iter()
        .find(|s| !s.contains(" != "))
        .unwrap_or_else(|| panic!("the partner list's: {sent:#?}"));
    let reviewers = asking
        .iter()
        .find(|s| s.contains(" != "))
        .unwrap_or_else(|| panic!("the reviewers' list's: {sent:#?}"));
    for (statement, scoped) in [(partner_list.as_str(), true), (reviewers.as_str(), false)] {
        let lines = plan(&mut conn, statement);
        if postgres {
            // Every organisation's claims: the GIN index of trigrams. One organisation's: the
            // GIN index of that organisation's trigrams (both on the copy of the search text,
            // `claim_search_texts`, which has no other index a search could read).
            let index = if scoped {
                "Bitmap Index Scan on claim_search_texts_organisation_trigrams"
            } else {
                "Bitmap Index Scan on claim_search_texts_trigrams"
            };
            assert!(
                lines.iter().any(|l| l.contains(index)),
                "{statement}: {lines:#?}"
            );
        } else {
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with("SCAN claims_search VIRTUAL TABLE INDEX")),
                "{statement}: {lines:#?}"
            );
            assert!(
                !lines.iter().any(|l| l == "SCAN claims"),
                "{statement}: {lines:#?}"
            );
        }
    }
}
