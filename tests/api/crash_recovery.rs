//! The portal process killed (`kill -9`) in the middle of its work, then started again: the
//! database stays consistent and every email is delivered — exactly once, or, for the
//! messages that were being handed to the mail server at the kill, possibly twice with the
//! same Message-ID and counted as an interrupted send. And two portal processes on one
//! database, racing their window closes and their dispatch: one official per key, every
//! email once.

use std::{
    collections::BTreeMap,
    sync::Arc,
    time::{Duration, Instant},
};

use chrono::Utc;
use diesel::prelude::*;
use portal::{
    clock::SystemClock,
    startup::Application,
    store::{AnyConnection, db_time, new_id, officials, outbox, schema, users, write_transaction},
};

use crate::{
    evidence_step::{pdf, upload_url},
    exclusivity_race::pending_claim,
    helpers::*,
    portal_process::{start_portal, start_portal_with},
    proof_world::one_number,
    review_flow::{SEATTLE, review_path, submitted_claims},
    smtp_sink::SmtpSink,
    wizard::NORTHWIND_TENANT,
    wizard::create_draft,
};

/// Messages a dispatcher hands over at once (one per SMTP connection).
const SENDERS: usize = 16;

/// The portal started again in this process, its email through `sink`; jobs run by the test.
fn restart(database_url: &str, sink: Option<&SmtpSink>) -> Application {
    let settings = sink.map(|s| s.settings()).unwrap_or_default();
    let mut overrides = vec![("PORTAL_DEMO", "false")];
    overrides.extend(settings.iter().map(|(k, v)| (*k, v.as_str())));
    Application::build(
        test_settings(database_url, &overrides),
        Arc::new(SystemClock),
        1,
    )
    .expect("the portal starts again")
}

/// Waits for the portal processes to get somewhere, for at most a minute.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// `count` emails due now; their ids.
fn queue_emails(conn: &mut AnyConnection, count: usize) -> Vec<String> {
    let due = db_time(Utc::now() - chrono::Duration::minutes(1));
    (0..count)
        .map(|n| {
            let id = new_id();
            outbox::insert(
                conn,
                &outbox::NewMail {
                    id: &id,
                    kind: "partner_notice",
                    claim_id: None,
                    recipient: &format!("partner{n}@crash.example"),
                    subject: "Your claim has changed",
                    body_text: "Hello",
                    body_html: "<p>Hello</p>",
                    message_id: &format!("<{id}@crash.example>"),
                    state: outbox::PENDING,
                    attempts: 0,
                    next_attempt_at: due,
                    created_at: due,
                },
            )
            .unwrap();
            id
        })
        .collect()
}

fn outbox_rows(conn: &mut AnyConnection) -> Vec<outbox::MailRow> {
    schema::outbox::table
        .select(outbox::MailRow::as_select())
        .load(conn)
        .unwrap()
}

/// How many emails are not sent yet.
fn unsent(conn: &mut AnyConnection) -> i64 {
    schema::outbox::table
        .filter(schema::outbox::state.ne(outbox::SENT))
        .count()
        .get_result(conn)
        .unwrap()
}

/// How many rows are leased.
fn leased(conn: &mut AnyConnection) -> i64 {
    schema::outbox::table
        .filter(schema::outbox::lease_token.is_not_null())
        .count()
        .get_result(conn)
        .unwrap()
}

fn backend(database: &TestDatabase) -> &'static str {
    if database.is_postgres() {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

#[actix_web::test]
async fn a_dispatcher_killed_mid_send_is_resumed_at_once_and_resends_only_what_was_in_flight() {
    let app = spawn_app_with(&[("PORTAL_DEMO", "false")]).await;
    let url = app.database.url();
    let ids = queue_emails(&mut app.pool.get().unwrap(), 40);
    let sink = SmtpSink::reserve();
    sink.hold();
    sink.start();

    let mut portal = start_portal(&url, Some(&sink));
    assert!(
        sink.wait_held(SENDERS, Duration::from_secs(60)),
        "the portal is handing {SENDERS} messages over"
    );
    portal.kill_9();
    let mut conn = app.pool.get().unwrap();
    let left = outbox_rows(&mut conn);
    let in_flight: Vec<&str> = left
        .iter()
        .filter(|r| r.sending_since.is_some())
        .map(|r| r.message_id.as_str())
        .collect();
    assert_eq!(
        in_flight.len(),
        SENDERS,
        "each row in flight is marked sending"
    );
    assert!(left.iter().all(|r| r.state == outbox::PENDING));
    assert_eq!(
        leased(&mut conn),
        40,
        "the batch is leased to the killed process"
    );
    let mut expected: BTreeMap<String, usize> =
        left.iter().map(|r| (r.message_id.clone(), 1)).collect();
    for message_id in &in_flight {
        // The server kept these, but the killed process never heard so.
        *expected.get_mut(*message_id).unwrap() += 1;
    }
    sink.answer();

    // Started again, the portal sends at once, not when the dead process's lease runs out.
    let restarted = restart(&url, Some(&sink));
    let report = restarted.jobs.dispatch(Utc::now()).unwrap();
    assert_eq!((report.sent, report.retrying, report.failed), (40, 0, 0));
    let mut delivered: BTreeMap<String, usize> = BTreeMap::new();
    for message in sink.received() {
        *delivered
            .entry(message.header("Message-ID").unwrap())
            .or_default() += 1;
    }
    assert_eq!(
        delivered, expected,
        "the in-flight ones twice, the rest once"
    );
    let rows = outbox_rows(&mut conn);
    assert_eq!(rows.len(), ids.len());
    assert_eq!(leased(&mut conn), 0);
    for row in &rows {
        let interrupted = in_flight.contains(&row.message_id.as_str());
        assert_eq!(row.state, outbox::SENT);
        assert_eq!(row.interrupted_sends, i32::from(interrupted));
    }
    eprintln!(
        "kill -9 mid-dispatch on {}: 40 emails, {SENDERS} in flight at the kill, 40 + {SENDERS} deliveries, {SENDERS} counted as interrupted sends",
        backend(&app.database)
    );
}

/// `count` partners' claims on Northwind's Teams workload (one key), their windows closed a
/// minute ago.
fn closed_windows(conn: &mut AnyConnection, count: usize) -> Vec<String> {
    let creator = users::find_by_email(conn, PARTNER).unwrap().unwrap().id;
    let closed_at = db_time(Utc::now() - chrono::Duration::minutes(1));
    write_transaction(conn, |c| {
        Ok::<_, diesel::result::Error>(
            (0..count)
                .map(|n| pending_claim(c, n, &creator, closed_at))
                .collect(),
        )
    })
    .unwrap()
}

/// How many of `claims` left the customer's window.
fn decided(conn: &mut AnyConnection, claims: &[String]) -> usize {
    use schema::claims as c;
    let open: i64 = c::table
        .filter(c::id.eq_any(claims))
        .filter(c::status.eq("pending_customer"))
        .count()
        .get_result(conn)
        .unwrap();
    claims.len() - open as usize
}

/// Every claim decided once: one official, the rest rejected, one history line and one
/// email each.
fn assert_each_decided_once(conn: &mut AnyConnection, claims: &[String]) {
    use schema::{audit_entries as a, claims as c, outbox as o};
    let statuses: Vec<String> = c::table
        .filter(c::id.eq_any(claims))
        .select(c::status)
        .load(conn)
        .unwrap();
    let official = statuses.iter().filter(|s| *s == "official").count();
    let rejected = statuses.iter().filter(|s| *s == "rejected").count();
    assert_eq!((official, rejected), (1, claims.len() - 1));
    let key = format!("osu_m365:{NORTHWIND_TENANT}:workload:teams");
    assert_eq!(officials::active_count(conn, &key).unwrap(), 1);
    for (what, per_claim) in [
        (
            "history line",
            a::table
                .filter(a::claim_id.eq_any(claims))
                .select(a::claim_id.assume_not_null())
                .load::<String>(conn)
                .unwrap(),
        ),
        (
            "email",
            o::table
                .filter(o::claim_id.eq_any(claims))
                .select(o::claim_id.assume_not_null())
                .load::<String>(conn)
                .unwrap(),
        ),
    ] {
        let mut each: BTreeMap<String, usize> = BTreeMap::new();
        for claim in per_claim {
            *each.entry(claim).or_default() += 1;
        }
        assert_eq!(each.len(), claims.len(), "a {what} for every claim");
        assert!(each.values().all(|n| *n == 1), "one {what} per claim");
    }
}

#[actix_web::test]
async fn a_window_job_killed_midway_is_completed_by_the_next_start_each_claim_once() {
    const CLAIMS: usize = 600;
    let app = spawn_app().await;
    let url = app.database.url();
    let mut conn = app.pool.get().unwrap();
    let claims = closed_windows(&mut conn, CLAIMS);

    let mut portal = start_portal(&url, None);
    wait_for("the portal closes a first window", || {
        decided(&mut conn, &claims) > 0
    });
    portal.kill_9();
    let at_kill = decided(&mut conn, &claims);
    assert!(at_kill < CLAIMS, "killed before the job was done");

    // Each window closes in a transaction of its own, with its history line and email: the
    // next start finds the rest still open and closes them.
    let restarted = restart(&url, None);
    restarted.jobs.run_once(Utc::now()).unwrap();
    assert_eq!(decided(&mut conn, &claims), CLAIMS);
    assert_each_decided_once(&mut conn, &claims);
    assert_eq!(unsent(&mut conn), 0);
    eprintln!(
        "kill -9 during the window job on {}: {at_kill} of {CLAIMS} windows closed at the kill, the rest after the restart, 1 official",
        backend(&app.database)
    );
}

#[actix_web::test]
async fn two_portals_on_one_database_close_each_window_once_and_send_each_email_once() {
    const CLAIMS: usize = 300;
    let app = spawn_app().await;
    let url = app.database.url();
    let mut conn = app.pool.get().unwrap();
    let claims = closed_windows(&mut conn, CLAIMS);
    let sink = SmtpSink::reserve();
    sink.start();

    let mut portals = [
        start_portal(&url, Some(&sink)),
        start_portal(&url, Some(&sink)),
    ];
    wait_for("every window is closed and every email sent", || {
        decided(&mut conn, &claims) == CLAIMS && unsent(&mut conn) == 0
    });
    for portal in &mut portals {
        portal.wait_until_serving().await;
        portal.terminate();
        assert!(portal.wait().success(), "a graceful stop");
    }

    assert_each_decided_once(&mut conn, &claims);
    let sent: Vec<String> = outbox_rows(&mut conn)
        .into_iter()
        .map(|r| r.message_id)
        .collect();
    let mut delivered: BTreeMap<String, usize> = BTreeMap::new();
    for message in sink.received() {
        *delivered
            .entry(message.header("Message-ID").unwrap())
            .or_default() += 1;
    }
    assert_eq!(delivered.len(), sent.len(), "every email delivered");
    assert!(delivered.values().all(|n| *n == 1), "none twice");
    eprintln!(
        "two portals on one {} database: {CLAIMS} windows on one key closed, 1 official, {} emails each delivered once",
        backend(&app.database),
        sent.len()
    );
}

#[actix_web::test]
async fn a_graceful_stop_finishes_the_messages_in_flight_and_gives_back_the_rest() {
    let app = spawn_app_with(&[("PORTAL_DEMO", "false")]).await;
    let url = app.database.url();
    let mut conn = app.pool.get().unwrap();
    queue_emails(&mut conn, 40);
    let sink = SmtpSink::reserve();
    sink.hold();
    sink.start();

    let mut portal = start_portal(&url, Some(&sink));
    assert!(sink.wait_held(SENDERS, Duration::from_secs(60)));
    portal.wait_until_serving().await;
    portal.terminate();
    // The stop hands nothing more over and waits for the messages in flight, which the
    // server answers now.
    portal.wait_for_log("stopping the background jobs");
    sink.answer();
    assert!(portal.wait().success(), "a graceful stop");

    let rows = outbox_rows(&mut conn);
    let sent = rows.iter().filter(|r| r.state == outbox::SENT).count();
    assert_eq!(sent, SENDERS, "the messages in flight were finished");
    assert!(rows.iter().all(|r| r.sending_since.is_none()));
    assert_eq!(leased(&mut conn), 0, "the rest were given back");
    assert_eq!(sink.received().len(), SENDERS);
}

/// Two reviewers press **Validate** on the same claims at the same moment, on two portal
/// processes sharing one database: each claim is validated once, its customer emailed once,
/// and the slower reviewer is told, not served a 500.
#[actix_web::test]
async fn two_portals_validating_the_same_claims_at_once_validate_each_once() {
    let app = spawn_app().await;
    // The other process keeps the real time: so does this one, or its jobs would find this
    // one's sessions long expired.
    app.clock.set(Utc::now());
    let partner = app.signed_in(PARTNER).await;
    let names = [
        "Raced claim 0",
        "Raced claim 1",
        "Raced claim 2",
        "Raced claim 3",
    ];
    let claims = submitted_claims(&partner, SEATTLE, &names).await;
    let other = start_portal(&app.database.url(), None);
    let other_address = other.wait_until_serving().await;
    let here = app.signed_in(REVIEWER).await;
    let there = visitor_at(&other_address);
    assert_eq!(there.sign_in(REVIEWER, DEMO_PASSWORD).await.status, 303);

    for claim in &claims {
        let case = review_path(claim);
        let validate = format!("{case}/validate");
        let (token_here, token_there) = (
            here.get(&case).await.csrf_token(),
            there.get(&case).await.csrf_token(),
        );
        let (fields_here, fields_there) = (
            [("csrf_token", token_here.as_str())],
            [("csrf_token", token_there.as_str())],
        );
        let (a, b) = tokio::join!(
            here.post_form(&validate, &fields_here),
            there.post_form(&validate, &fields_there),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses[0], 303, "one validation succeeds: {statuses:?}");
        assert!(
            (400..500).contains(&statuses[1]),
            "the other is refused, with a page: {statuses:?}"
        );
        let id = claim.rsplit('/').next().unwrap();
        let validations = one_number(
            &app,
            &format!(
                "SELECT COUNT(*) AS n FROM audit_entries WHERE claim_id = '{id}' \
                 AND from_status = 'submitted' AND to_status = 'pending_customer'"
            ),
        );
        let emails = one_number(
            &app,
            &format!(
                "SELECT COUNT(*) AS n FROM outbox WHERE claim_id = '{id}' \
                 AND recipient = 'ana.silva@northwind.example'"
            ),
        );
        assert_eq!((validations, emails), (1, 1), "{claim}");
    }
}

/// The portal killed while a partner's upload is half received: the next start removes the
/// staging file the upload left, and no file was stored for the claim.
#[actix_web::test]
async fn an_upload_cut_off_by_kill_9_leaves_nothing_behind_after_the_restart() {
    let app = spawn_app().await;
    app.clock.set(Utc::now());
    let url = app.database.url();
    // The portal's own temporary folder, so only its staging files are in it.
    let temp = std::env::temp_dir().join(format!("portal-kill-{}", new_id()));
    std::fs::create_dir_all(&temp).unwrap();
    let env = [("TMPDIR", temp.to_str().unwrap())];
    let mut portal = start_portal_with(&url, None, &env);
    let address = portal.wait_until_serving().await;
    let partner = visitor_at(&address);
    assert_eq!(partner.sign_in(PARTNER, DEMO_PASSWORD).await.status, 303);
    let claim = create_draft(&partner, "microsoft_365", "usage", "Cut off").await;
    let upload = upload_url(&partner, &claim).await;

    // A 6 MB file announced, 3 MB of it sent, then nothing: the portal is mid-upload.
    let boundary = "----portal-kill-boundary";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    );
    let length = head.len() + 6 * 1024 * 1024 + boundary.len() + 8;
    let host = address.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    let request = format!(
        "POST {upload} HTTP/1.1\r\nHost: {host}\r\nCookie: {}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n\r\n{head}",
        partner.cookie_header()
    );
    std::io::Write::write_all(&mut stream, request.as_bytes()).unwrap();
    std::io::Write::write_all(&mut stream, &pdf(3 * 1024 * 1024)).unwrap();
    wait_for("the upload is being staged", || staged_bytes(&temp) > 0);
    portal.kill_9();
    assert!(staged_bytes(&temp) > 0, "the killed upload left its file");

    let portal = start_portal_with(&url, None, &env);
    portal.wait_until_serving().await;
    let left: Vec<_> = std::fs::read_dir(&temp).unwrap().collect();
    assert!(left.is_empty(), "the restart removed {left:?}");
    let id = claim.rsplit('/').next().unwrap();
    let stored = one_number(
        &app,
        &format!("SELECT COUNT(*) AS n FROM poe_files WHERE claim_id = '{id}'"),
    );
    assert_eq!(stored, 0, "nothing stored for the claim");
    drop(portal);
    std::fs::remove_dir_all(&temp).unwrap();
}

/// Bytes in the staging files of `dir`.
fn staged_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok())
        .map(|metadata| metadata.len())
        .sum()
}
