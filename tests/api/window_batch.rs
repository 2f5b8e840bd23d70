//! The opt-out windows closed a batch at a time: each claim decided as if closed after the
//! one before (the first on a key wins), one audit row, one email and one webhook delivery
//! per change, nothing for a claim someone else changed meanwhile, a dozen statements per
//! batch, a failing batch done again claim by claim, and several instances at once changing
//! each claim once.

use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, TimeZone, Utc};
use diesel::prelude::*;
use portal::{
    config::DatabaseUrl,
    domain::claim::Status,
    service::{
        context::Context,
        due_claims::{self, WindowsReport},
        system_changes::Outcome,
        window_batch,
    },
    store::{
        AnyConnection, claims, connection::build_pool, db_time, new_id, schema, statements, users,
        webhooks,
    },
};

use crate::{exclusivity_race::pending_claim, helpers::*, wizard::NORTHWIND_TENANT};

/// The jobs' context for a test app.
pub fn job_context(address: &str) -> Context {
    Context {
        time_zone: chrono_tz::Tz::UTC,
        public_base_url: address.to_owned(),
        mail_from: "portal@example.test".into(),
        opt_out_reminder_days: 2,
        customer_link_days: 30,
        webhooks_allow_private: true,
        webhook_disable_after_days: 5,
        view_counts: Default::default(),
        search_terms: Default::default(),
    }
}

fn closed_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap()
}

fn creator(conn: &mut AnyConnection) -> String {
    users::find_by_email(conn, PARTNER).unwrap().unwrap().id
}

/// `count` pending claims on Northwind's Teams workload, their windows closed one second
/// apart from `closed_at()` on.
fn competing_claims(conn: &mut AnyConnection, count: usize, first: usize) -> Vec<String> {
    let creator = creator(conn);
    (first..first + count)
        .map(|n| {
            let at = closed_at() + Duration::seconds(n as i64);
            pending_claim(conn, n, &creator, db_time(at))
        })
        .collect()
}

/// Runs the job a minute after the first window closed; asserts how many claims became
/// official and how many were rejected.
fn close_due(app: &TestApp, official: usize, rejected: usize) {
    let ctx = job_context(&app.address);
    let now = closed_at() + Duration::minutes(1);
    let report = due_claims::close_windows(&app.pool, &ctx, now).unwrap();
    assert_eq!(report, WindowsReport { official, rejected });
}

fn status_of(conn: &mut AnyConnection, id: &str) -> String {
    use schema::claims as c;
    c::table.find(id).select(c::status).first(conn).unwrap()
}

/// (audit rows, outbox rows, webhook deliveries) of a claim.
fn rows_of(conn: &mut AnyConnection, id: &str) -> (i64, i64, i64) {
    use schema::{audit_entries as a, outbox as o, webhook_deliveries as w};
    let audit = a::table
        .filter(a::claim_id.eq(id))
        .filter(a::from_status.eq("pending_customer"))
        .count()
        .get_result(conn)
        .unwrap();
    let mails = o::table
        .filter(o::claim_id.eq(id))
        .count()
        .get_result(conn)
        .unwrap();
    let deliveries = w::table
        .filter(w::claim_id.eq(id))
        .count()
        .get_result(conn)
        .unwrap();
    (audit, mails, deliveries)
}

fn reason_of(conn: &mut AnyConnection, id: &str) -> Option<String> {
    use schema::audit_entries as a;
    a::table
        .filter(a::claim_id.eq(id))
        .filter(a::from_status.eq("pending_customer"))
        .select(a::reason_code)
        .first(conn)
        .unwrap()
}

#[actix_web::test]
async fn a_batch_decides_each_window_as_if_closed_after_the_one_before() {
    let app = spawn_app().await;
    let mut conn = app.pool.get().unwrap();
    // Three claims on one key, closing one after another, and one on another workload.
    let mut ids = competing_claims(&mut conn, 4, 0);
    claims::replace_products(&mut conn, &ids[3], &[("exchange-online".to_owned(), None)]).unwrap();
    // The administrators' endpoint hears of every official and rejected claim.
    let at = db_time(closed_at());
    webhooks::insert(
        &mut conn,
        &webhooks::NewEndpoint {
            id: &new_id(),
            organisation_id: None,
            url: "https://hooks.example.test/portal",
            description: "every decision",
            events: "claim.official claim.rejected",
            secret: "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=",
            enabled: true,
            created_at: at,
            updated_at: at,
        },
    )
    .unwrap();
    drop(conn);

    close_due(&app, 2, 2);

    let mut conn = app.pool.get().unwrap();
    let exchange = ids.pop().unwrap();
    assert_eq!(
        status_of(&mut conn, &ids[0]),
        "official",
        "the first on the key wins"
    );
    for loser in &ids[1..] {
        assert_eq!(status_of(&mut conn, loser), "rejected");
        assert_eq!(
            reason_of(&mut conn, loser).as_deref(),
            Some("workload_already_associated")
        );
    }
    assert_eq!(status_of(&mut conn, &exchange), "official");
    assert_eq!(reason_of(&mut conn, &exchange), None);
    for id in ids.iter().chain([&exchange]) {
        assert_eq!(
            rows_of(&mut conn, id),
            (1, 1, 1),
            "one history line, one email, one webhook delivery for {id}"
        );
    }
    let teams = format!("osu_m365:{NORTHWIND_TENANT}:workload:teams");
    let exchange_key = format!("osu_m365:{NORTHWIND_TENANT}:workload:exchange-online");
    use schema::official_associations as oa;
    let held: Vec<(String, String)> = oa::table
        .filter(oa::ended_at.is_null())
        .filter(oa::association_key.eq_any([&teams, &exchange_key]))
        .order(oa::association_key)
        .select((oa::association_key, oa::claim_id))
        .load(&mut **conn)
        .unwrap();
    assert_eq!(
        held,
        vec![(exchange_key, exchange.clone()), (teams, ids[0].clone())]
    );

    // Run again: nothing is due any more, nothing is written twice.
    close_due(&app, 0, 0);
    assert_eq!(rows_of(&mut conn, &ids[0]), (1, 1, 1));
}

#[actix_web::test]
async fn a_claim_changed_after_the_page_was_read_is_left_as_it_is() {
    let app = spawn_app().await;
    let mut conn = app.pool.get().unwrap();
    let ids = competing_claims(&mut conn, 3, 0);
    // Between the job's read of the due page and its batch, the customer opts out of the
    // first claim (as another instance's request would).
    use schema::claims as c;
    diesel::update(c::table.find(&ids[0]))
        .set(c::status.eq("opted_out"))
        .execute(&mut **conn)
        .unwrap();

    let ctx = job_context(&app.address);
    let calendar = ctx.calendar(&mut conn).unwrap();
    let now = closed_at() + Duration::minutes(1);
    let page: Vec<&str> = ids.iter().map(String::as_str).collect();
    let outcomes = window_batch::close_windows(&mut conn, &ctx, &calendar, &page, now).unwrap();

    // The key is free again, so the second claim becomes official and the third loses.
    assert_eq!(
        outcomes,
        vec![
            Outcome::Moved(Status::Official),
            Outcome::Moved(Status::Rejected)
        ]
    );
    assert_eq!(status_of(&mut conn, &ids[0]), "opted_out");
    assert_eq!(
        rows_of(&mut conn, &ids[0]),
        (0, 0, 0),
        "nothing written for it"
    );
    assert_eq!(status_of(&mut conn, &ids[1]), "official");
    assert_eq!(status_of(&mut conn, &ids[2]), "rejected");
}

#[actix_web::test]
async fn a_batch_costs_a_dozen_statements_however_many_claims_it_holds() {
    let app = spawn_app().await;
    let mut conn = app.pool.get().unwrap();
    let ids = competing_claims(&mut conn, 60, 0);
    let ctx = job_context(&app.address);
    let calendar = ctx.calendar(&mut conn).unwrap();
    let now = closed_at() + Duration::minutes(2);
    let page: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (outcomes, sent) = statements::counted(|| {
        window_batch::close_windows(&mut conn, &ctx, &calendar, &page, now).unwrap()
    });
    assert_eq!(outcomes.len(), 60);
    eprintln!("a batch of 60 windows: {sent} statements");
    assert!(
        sent <= 16,
        "{sent} statements for a batch of 60 windows (one per kind of row expected)"
    );
}

#[actix_web::test]
async fn a_batch_that_fails_is_done_again_claim_by_claim() {
    let app = spawn_app().await;
    let mut conn = app.pool.get().unwrap();
    let ids = competing_claims(&mut conn, 3, 0);
    // The second claim lost its products: it has no keys, so it cannot be decided.
    claims::replace_products(&mut conn, &ids[1], &[]).unwrap();
    drop(conn);

    close_due(&app, 1, 1);
    let mut conn = app.pool.get().unwrap();
    assert_eq!(status_of(&mut conn, &ids[0]), "official");
    assert_eq!(status_of(&mut conn, &ids[1]), "pending_customer");
    assert_eq!(rows_of(&mut conn, &ids[1]), (0, 0, 0));
    assert_eq!(status_of(&mut conn, &ids[2]), "rejected");
    for id in [&ids[0], &ids[2]] {
        assert_eq!(rows_of(&mut conn, id).0, 1);
    }
}

const CLAIMS: usize = 450;
const INSTANCES: usize = 3;

#[actix_web::test]
async fn several_instances_closing_windows_at_once_change_each_claim_once() {
    let app = spawn_app().await;
    let mut conn = app.pool.get().unwrap();
    let ids = competing_claims(&mut conn, CLAIMS, 0);
    drop(conn);

    let url = DatabaseUrl::parse(&app.database.url()).unwrap();
    let ctx = Arc::new(job_context(&app.address));
    let now = closed_at() + Duration::hours(1);
    let barrier = Arc::new(Barrier::new(INSTANCES));
    let handles: Vec<_> = (0..INSTANCES)
        .map(|_| {
            let pool = build_pool(&url, 2, std::time::Duration::from_secs(30)).unwrap();
            let (ctx, barrier) = (ctx.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                due_claims::close_windows(&pool, &ctx, now).unwrap()
            })
        })
        .collect();
    let reports: Vec<WindowsReport> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let official: usize = reports.iter().map(|r| r.official).sum();
    let rejected: usize = reports.iter().map(|r| r.rejected).sum();
    assert_eq!((official, rejected), (1, CLAIMS - 1), "{reports:?}");

    let mut conn = app.pool.get().unwrap();
    use schema::{audit_entries as a, outbox as o};
    let audit: i64 = a::table
        .filter(a::claim_id.eq_any(&ids))
        .filter(a::from_status.eq("pending_customer"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    let mails: i64 = o::table
        .filter(o::claim_id.eq_any(&ids))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    // Which claim wins depends on which instance commits first (as with one claim per
    // transaction); that exactly one does, and that each claim changed once, does not.
    assert_eq!((audit as usize, mails as usize), (CLAIMS, CLAIMS));
}
