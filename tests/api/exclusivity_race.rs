//! SPEC rule 6 under concurrency: many partners' claims on one key, their windows closing at
//! once in several threads over several connection pools (as several instances would) —
//! exactly one becomes official, every other is rejected with the conflict reason.

use std::sync::{Arc, Barrier};

use chrono::{Duration, TimeZone, Utc};
use diesel::prelude::*;
use portal::{
    config::DatabaseUrl,
    service::system_changes::{self, Outcome},
    store::{
        AnyConnection, claims, connection::build_pool, db_time, new_id, officials, organisations,
        schema, users,
    },
};

use crate::{helpers::*, window_batch::job_context, wizard::NORTHWIND_TENANT};

const CONTENDERS: usize = 200;
const POOLS: usize = 4;
const THREADS_PER_POOL: usize = 4;

/// A partner organisation (one per contender) with a claim on Northwind's Teams workload
/// whose opt-out window has just closed.
pub fn pending_claim(
    conn: &mut AnyConnection,
    n: usize,
    creator: &str,
    closed_at: chrono::NaiveDateTime,
) -> String {
    let (org, location, claim) = (new_id(), new_id(), new_id());
    let name = format!("Race Partner {n:03}");
    organisations::insert(
        conn,
        &organisations::NewOrganisation {
            id: &org,
            name: &name,
            created_at: closed_at,
        },
    )
    .unwrap();
    organisations::insert_location(
        conn,
        &organisations::NewLocation {
            id: &location,
            organisation_id: &org,
            mpn_id: &format!("{:07}", 7_000_000 + n),
            name: &name,
            country: "US",
            created_at: closed_at,
        },
        &["osu_m365"],
    )
    .unwrap();
    claims::insert_draft(
        conn,
        &claims::NewDraft {
            id: &claim,
            organisation_id: &org,
            location_id: &location,
            created_by: creator,
            tenant_id: NORTHWIND_TENANT,
            customer_domain: "northwind.example",
            solution_area: "microsoft_365",
            activity: "usage",
            programme: "osu_m365",
            name: &name,
            status: "pending_customer",
            partner_language: "en",
            created_at: closed_at,
            updated_at: closed_at,
        },
    )
    .unwrap();
    claims::replace_products(conn, &claim, &[("teams".to_owned(), None)]).unwrap();
    diesel::update(schema::claims::table.find(&claim))
        .set(schema::claims::window_closes_at.eq(closed_at))
        .execute(conn)
        .unwrap();
    claim
}

#[actix_web::test]
async fn of_many_racing_claims_on_one_key_exactly_one_becomes_official() {
    let app = spawn_app().await;
    let closed_at = Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap();
    let mut conn = app.pool.get().unwrap();
    let creator = users::find_by_email(&mut conn, PARTNER)
        .unwrap()
        .unwrap()
        .id;
    let ids: Vec<String> = (0..CONTENDERS)
        .map(|n| pending_claim(&mut conn, n, &creator, db_time(closed_at)))
        .collect();
    drop(conn);

    // Several pools, like several instances, each with several threads; all start at once.
    let url = DatabaseUrl::parse(&app.database.url()).unwrap();
    let ctx = Arc::new(job_context(&app.address));
    let now = closed_at + Duration::minutes(1);
    let threads = POOLS * THREADS_PER_POOL;
    let barrier = Arc::new(Barrier::new(threads));
    let ids = Arc::new(ids);
    let mut handles = Vec::new();
    for pool_n in 0..POOLS {
        let pool = build_pool(
            &url,
            THREADS_PER_POOL as u32,
            std::time::Duration::from_secs(30),
        )
        .unwrap();
        for thread_n in 0..THREADS_PER_POOL {
            let (pool, ctx, ids, barrier) =
                (pool.clone(), ctx.clone(), ids.clone(), barrier.clone());
            let slot = pool_n * THREADS_PER_POOL + thread_n;
            handles.push(std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                let calendar = ctx.calendar(&mut conn).unwrap();
                barrier.wait();
                ids.iter()
                    .skip(slot)
                    .step_by(threads)
                    .map(|id| {
                        system_changes::close_window(&mut conn, &ctx, &calendar, id, now).unwrap()
                    })
                    .collect::<Vec<Outcome>>()
            }));
        }
    }
    let outcomes: Vec<Outcome> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();

    use portal::domain::claim::Status;
    let official = outcomes
        .iter()
        .filter(|o| **o == Outcome::Moved(Status::Official))
        .count();
    let rejected = outcomes
        .iter()
        .filter(|o| **o == Outcome::Moved(Status::Rejected))
        .count();
    assert_eq!((official, rejected), (1, CONTENDERS - 1), "{outcomes:?}");

    let mut conn = app.pool.get().unwrap();
    let key = format!("osu_m365:{NORTHWIND_TENANT}:workload:teams");
    assert_eq!(officials::active_count(&mut conn, &key).unwrap(), 1);
    use schema::{audit_entries, claims as c, outbox};
    let statuses: Vec<String> = c::table
        .filter(c::id.eq_any(ids.as_slice()))
        .select(c::status)
        .load(&mut **conn)
        .unwrap();
    assert_eq!(statuses.iter().filter(|s| *s == "official").count(), 1);
    assert_eq!(
        statuses.iter().filter(|s| *s == "rejected").count(),
        CONTENDERS - 1
    );
    let conflict_rows: i64 = audit_entries::table
        .filter(audit_entries::claim_id.eq_any(ids.as_slice()))
        .filter(audit_entries::reason_code.eq("workload_already_associated"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(
        conflict_rows as usize,
        CONTENDERS - 1,
        "each rejection has its history line"
    );
    let mails: i64 = outbox::table
        .filter(outbox::claim_id.eq_any(ids.as_slice()))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(
        mails as usize, CONTENDERS,
        "each change has its email to the partner"
    );
    eprintln!(
        "race: {CONTENDERS} contenders over {POOLS} pools x {THREADS_PER_POOL} threads on {}: {official} official, {rejected} rejected",
        if app.database.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
}

#[actix_web::test]
async fn the_database_refuses_a_second_active_row_for_a_key_but_not_after_it_ended() {
    let app = spawn_app().await;
    let at = db_time(Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap());
    let mut conn = app.pool.get().unwrap();
    let creator = users::find_by_email(&mut conn, PARTNER)
        .unwrap()
        .unwrap()
        .id;
    let (a, b) = (
        pending_claim(&mut conn, 1, &creator, at),
        pending_claim(&mut conn, 2, &creator, at),
    );
    let org_of = |conn: &mut AnyConnection, id: &str| {
        claims::find(conn, id).unwrap().unwrap().organisation_id
    };
    let key = format!("osu_m365:{NORTHWIND_TENANT}:workload:teams");
    fn row<'a>(
        id: &'a str,
        key: &'a str,
        claim: &'a str,
        organisation: &'a str,
        at: chrono::NaiveDateTime,
    ) -> officials::NewOfficial<'a> {
        officials::NewOfficial {
            id,
            association_key: key,
            claim_id: claim,
            organisation_id: organisation,
            programme: "osu_m365",
            tenant_id: NORTHWIND_TENANT,
            starts_at: at,
            ends_at: None,
        }
    }
    let (org_a, org_b) = (org_of(&mut conn, &a), org_of(&mut conn, &b));
    let first_id = new_id();
    officials::insert(&mut conn, &row(&first_id, &key, &a, &org_a, at)).unwrap();
    let second_id = new_id();
    let second = officials::insert(&mut conn, &row(&second_id, &key, &b, &org_b, at));
    assert!(
        matches!(second, Err(officials::InsertOfficialError::KeyTaken)),
        "{second:?}"
    );
    officials::end_for_claim(&mut conn, &a, at).unwrap();
    officials::insert(&mut conn, &row(&second_id, &key, &b, &org_b, at))
        .expect("an ended association frees its key");
}
