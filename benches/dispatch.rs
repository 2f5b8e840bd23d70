//! The outbox dispatcher's throughput against an in-process SMTP server (no TLS, on
//! 127.0.0.1): `cargo bench --bench dispatch`. EMAILS (10000) sets how many; with
//! BENCH_DATABASE_URL=postgres://… it runs on PostgreSQL instead of a temporary SQLite file.
//! Prints one line per measurement.

use std::{
    net::TcpListener,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::Utc;
use mailin_embedded::{Handler, Server, SslConfig, response::OK};
use portal::{
    config::{DatabaseUrl, SmtpSecurity, SmtpSettings},
    mail::Transport,
    service::dispatch,
    store::{connection::build_pool, db_time, migrate, new_id, outbox, write_transaction},
};

#[derive(Clone)]
struct Counter(Arc<AtomicUsize>);

impl Handler for Counter {
    fn data_end(&mut self) -> mailin_embedded::Response {
        self.0.fetch_add(1, Ordering::Relaxed);
        OK
    }
}

fn main() -> anyhow::Result<()> {
    let emails: usize = std::env::var("EMAILS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = tempdir();
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| dir.join("bench.db").display().to_string());
    let url = DatabaseUrl::parse(&url).map_err(anyhow::Error::msg)?;
    let pool = build_pool(&url, 4, Duration::from_secs(30))?;
    let mut conn = pool.get()?;
    migrate::run_pending(&mut conn)?;

    let now = Utc::now();
    let queued = Instant::now();
    write_transaction(&mut conn, |c| -> anyhow::Result<()> {
        let body = "Hello,\n\nA partner asks to be recorded as your partner.\n".repeat(8);
        for n in 0..emails {
            let id = new_id();
            outbox::insert(
                c,
                &outbox::NewMail {
                    id: &id,
                    kind: "customer_validated",
                    claim_id: None,
                    recipient: &format!("customer{n}@example.test"),
                    subject: "A partner asks to be recorded as your partner",
                    body_text: &body,
                    body_html: &format!("<p>{body}</p>"),
                    message_id: &format!("<{id}@bench.test>"),
                    state: outbox::PENDING,
                    attempts: 0,
                    next_attempt_at: db_time(now),
                    created_at: db_time(now),
                },
            )?;
        }
        Ok(())
    })?;
    println!(
        "queue {emails} outbox rows: {:.2} s",
        queued.elapsed().as_secs_f64()
    );
    drop(conn);

    let received = Arc::new(AtomicUsize::new(0));
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let mut server = Server::new(Counter(received.clone()));
    server
        .with_name("sink.bench")
        .with_ssl(SslConfig::None)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .with_num_threads(16)
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });

    let transport = Transport::smtp(&SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
    })?;
    let started = Instant::now();
    let runner = dispatch::Runner::start(&url)?;
    let report = dispatch::run_once(
        &pool,
        &transport,
        "Portal <portal@bench.test>",
        &runner,
        now,
    )?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "dispatch {} emails over SMTP ({}): {seconds:.2} s, {:.0} emails/s, received {}",
        report.sent,
        if matches!(url, DatabaseUrl::Postgres(_)) {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        report.sent as f64 / seconds,
        received.load(Ordering::Relaxed)
    );
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("portal-bench-{}", new_id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
