//! One connection type for both backends, a pool, and the transaction helper.
//!
//! The pool has its own connection manager: diesel's derived `establish` tries every backend
//! in turn, swallows the errors, and SQLite accepts any string as a file name — a PostgreSQL
//! outage would silently become a new SQLite file. Here the backend is fixed by the URL.

use std::{
    ops::{Deref, DerefMut},
    sync::{Mutex, PoisonError},
    time::{Duration, Instant},
};

use diesel::{
    connection::{AnsiTransactionManager, SimpleConnection, TransactionManager},
    prelude::*,
    r2d2::{self, ManageConnection, Pool, PooledConnection},
};

use super::{statements, wal_checkpoints};
use crate::config::{DatabaseUrl, redact_password};

#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<Manager>;
pub type DbConn = PooledConnection<Manager>;

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot open the SQLite database {path}: {reason}")]
    Sqlite { path: String, reason: String },
    #[error("cannot connect to PostgreSQL at {url}: {reason}")]
    Postgres { url: String, reason: String },
    #[error("cannot set up the SQLite connection: {0}")]
    Setup(diesel::result::Error),
}

/// Opens connections of exactly the backend the URL names.
#[derive(Clone)]
pub struct Manager {
    url: DatabaseUrl,
    /// A SQLite pool's background checkpoints, which run while the pool (its manager) lives.
    checkpoints: Option<wal_checkpoints::Running>,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self {
            url,
            checkpoints: None,
        }
    }

    pub fn connect(&self) -> Result<AnyConnection, ConnectError> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let failed = |reason: String| ConnectError::Postgres {
                    url: redact_password(url.expose()),
                    reason: one_line(&reason),
                };
                let mut conn =
                    PgConnection::establish(url.expose()).map_err(|e| failed(e.to_string()))?;
                // Diesel's prepared statements bind LIMIT too, and PostgreSQL's generic plan
                // assumes a bound LIMIT takes a tenth of the rows; so it kept planning every
                // execution anew (a fifth of the CPU of a list page). Every query here is
                // planned well without its values: by the organisation's or the id's index.
                // No parallel workers: a page's query reads a few index ranges, and starting
                // workers for it cost more than the reading (the reviewers' search by name:
                // 9.9 ms with two workers, 1.2 ms without).
                conn.batch_execute(
                    "SET plan_cache_mode = force_generic_plan; \
                     SET max_parallel_workers_per_gather = 0",
                )
                .map_err(|e| failed(e.to_string()))?;
                Ok(AnyConnection::Postgresql(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                super::sqlite_plans::keep_plans_stable();
                let display = path.display().to_string();
                let mut conn =
                    SqliteConnection::establish(&display).map_err(|e| ConnectError::Sqlite {
                        path: display.clone(),
                        reason: e.to_string(),
                    })?;
                // Per connection: these PRAGMAs are not stored in the file. The page cache
                // and memory-mapped reads keep list and search pages off read(): SQLite's
                // largest map (2 GB) made page 200 of a 1M-claim list as fast as page 1,
                // against 0.8x with 256 MB. 8 MB of cache is many times a page's working
                // set; it fills with what a connection writes, so it bounds how much a large
                // upload grows the process. A pool's checkpoints run on their own thread (see
                // `wal_checkpoints`); a writer checkpoints only if the log grew past 400 MB
                // anyway, and a connection outside a pool only every 8,000 pages (the index
                // pages many writes share are copied back once, not eight times). Savepoints
                // (a job's claims within its batch) journal in memory, not in a temporary file.
                let checkpoint_after = if self.checkpoints.is_some() {
                    100_000
                } else {
                    8_000
                };
                conn.batch_execute(&format!(
                    "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; \
                     PRAGMA cache_size = -8000; PRAGMA mmap_size = 2147418112; PRAGMA temp_store = MEMORY; \
                     PRAGMA wal_autocheckpoint = {checkpoint_after};",
                ))
                .map_err(ConnectError::Setup)?;
                Ok(AnyConnection::Sqlite(conn))
            }
        }
    }
}

/// A pooled connection and when the server last answered its check. Derefs to the
/// connection, so a checked-out connection is used as an [`AnyConnection`].
pub struct Checked {
    conn: AnyConnection,
    answered_at: Option<Instant>,
}

impl Deref for Checked {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.conn
    }
}

impl DerefMut for Checked {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.conn
    }
}

/// A connection whose server answered its check this recently is handed out unchecked: a
/// check per checkout was a round trip in every page (a tenth of a list page's time), and
/// under load each connection is still checked every second, so a restarted server costs
/// the requests of about one second, as before it cost one request per connection.
const CHECK_VALID_FOR: Duration = Duration::from_secs(1);

impl ManageConnection for Manager {
    type Connection = Checked;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Checked, r2d2::Error> {
        let mut conn = Manager::connect(self)
            .map_err(|e| r2d2::Error::ConnectionError(connection_error(e)))?;
        conn.set_instrumentation(statements::Counting);
        Ok(Checked {
            conn,
            answered_at: Some(Instant::now()),
        })
    }

    fn is_valid(&self, checked: &mut Checked) -> Result<(), r2d2::Error> {
        if checked
            .answered_at
            .is_some_and(|at| at.elapsed() < CHECK_VALID_FOR)
        {
            return Ok(());
        }
        statements::uncounted(|| checked.conn.batch_execute("SELECT 1"))
            .map_err(r2d2::Error::QueryError)?;
        checked.answered_at = Some(Instant::now());
        Ok(())
    }

    fn has_broken(&self, checked: &mut Checked) -> bool {
        <AnyConnection as Connection>::TransactionManager::is_broken_transaction_manager(
            &mut checked.conn,
        )
    }
}

/// libpq's messages span lines; start-up errors are one line.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn connection_error(e: ConnectError) -> diesel::ConnectionError {
    diesel::ConnectionError::BadConnection(e.to_string())
}

/// Connects once (so a wrong URL or a server that is down is reported with its real cause),
/// switches SQLite to WAL, and builds the pool.
pub fn build_pool(url: &DatabaseUrl, size: u32, timeout: Duration) -> Result<DbPool, ConnectError> {
    build_pool_with_events(url, size, timeout, Box::new(r2d2::NopEventHandler))
}

/// [`build_pool`], telling `events` of every checkout (how long it waited) and timeout.
pub fn build_pool_with_events(
    url: &DatabaseUrl,
    size: u32,
    timeout: Duration,
    events: Box<dyn r2d2::HandleEvent>,
) -> Result<DbPool, ConnectError> {
    let mut manager = Manager::new(url.clone());
    if let DatabaseUrl::Sqlite(path) = url
        && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|e| ConnectError::Sqlite {
            path: path.display().to_string(),
            reason: format!("cannot create {}: {e}", parent.display()),
        })?;
    }
    let mut first = manager.connect()?;
    if let AnyConnection::Sqlite(conn) = &mut first {
        // WAL is stored in the file: readers no longer wait for the writer.
        conn.batch_execute("PRAGMA journal_mode = WAL;")
            .map_err(ConnectError::Setup)?;
    }
    drop(first);
    if let DatabaseUrl::Sqlite(path) = url {
        let running = wal_checkpoints::start(path).map_err(|e| ConnectError::Sqlite {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        manager.checkpoints = Some(running);
    }
    // A server connection can drop between requests, so PostgreSQL's are checked on checkout
    // (see `CHECK_VALID_FOR`); a SQLite connection is a file handle that cannot.
    let ping_on_checkout = matches!(url, DatabaseUrl::Postgres(_));
    Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .test_on_check_out(ping_on_checkout)
        .connection_timeout(timeout)
        .event_handler(events)
        .build(manager)
        .map_err(|e| match url {
            DatabaseUrl::Postgres(u) => ConnectError::Postgres {
                url: redact_password(u.expose()),
                reason: e.to_string(),
            },
            DatabaseUrl::Sqlite(p) => ConnectError::Sqlite {
                path: p.display().to_string(),
                reason: e.to_string(),
            },
        })
}

/// SQLite lets one transaction write at a time, and a writer that finds the lock taken
/// sleeps in its busy handler in steps of up to 100 ms. This process's writers queue here
/// instead and each starts the moment the previous one ends (submits under load: p99 from
/// hundreds of milliseconds to tens). The busy timeout still covers other processes.
static SQLITE_WRITER: Mutex<()> = Mutex::new(());

/// Runs `work` in one write transaction. On SQLite it starts with `BEGIN IMMEDIATE`, so two
/// writers queue on the busy timeout instead of failing when a read upgrades to a write.
/// Inside a transaction already, `work` is a savepoint of it (undone alone if it fails).
pub fn write_transaction<T, E>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    type Tm = <AnyConnection as Connection>::TransactionManager;
    let nested = match conn {
        AnyConnection::Sqlite(c) => in_transaction(c),
        AnyConnection::Postgresql(_) => false,
    };
    let _writer = match conn {
        // Within a transaction already (a job's batch): a savepoint of it.
        AnyConnection::Sqlite(c) if nested => {
            AnsiTransactionManager::begin_transaction(c)?;
            None
        }
        AnyConnection::Sqlite(c) => {
            let writer = SQLITE_WRITER.lock().unwrap_or_else(PoisonError::into_inner);
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
            Some(writer)
        }
        AnyConnection::Postgresql(c) => {
            AnsiTransactionManager::begin_transaction(c)?;
            None
        }
    };
    match work(conn) {
        Ok(value) => match Tm::commit_transaction(conn) {
            Ok(()) => Ok(value),
            Err(commit_error) => {
                // The commit failed; the transaction must not stay open on a pooled connection.
                let _ = Tm::rollback_transaction(conn);
                Err(commit_error.into())
            }
        },
        Err(e) => {
            Tm::rollback_transaction(conn)?;
            Err(e)
        }
    }
}

fn in_transaction(conn: &mut SqliteConnection) -> bool {
    AnsiTransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .is_ok_and(|depth| depth.is_some())
}

/// Loads `query` on the backend's own connection. Through [`AnyConnection`] every query is
/// wrapped in an adapter whose syntax tree diesel walks on each call to find its cached
/// statement and its binds (about a sixth of a list page's CPU); on the backend's own
/// connection a query of fixed type is found by its type. For the hottest queries.
pub fn load_direct<'q, Q, U>(conn: &mut AnyConnection, query: Q) -> QueryResult<Vec<U>>
where
    Q: RunQueryDsl<SqliteConnection>
        + RunQueryDsl<PgConnection>
        + diesel::query_dsl::LoadQuery<'q, SqliteConnection, U>
        + diesel::query_dsl::LoadQuery<'q, PgConnection, U>,
{
    match conn {
        AnyConnection::Sqlite(c) => RunQueryDsl::<SqliteConnection>::load(query, c),
        AnyConnection::Postgresql(c) => RunQueryDsl::<PgConnection>::load(query, c),
    }
}

/// The columns `T` selects, as an expression of no particular backend (`as_select()` is
/// tied to one), for [`load_direct`]; the columns are the same on both.
pub fn selection<T>() -> <T as Selectable<diesel::sqlite::Sqlite>>::SelectExpression
where
    T: Selectable<diesel::sqlite::Sqlite>,
{
    T::construct_selection()
}

/// Takes a connection within `timeout` and runs the cheapest statement on it: whether the
/// database answers at all.
pub fn answers(pool: &DbPool, timeout: Duration) -> anyhow::Result<()> {
    let mut conn = pool.get_timeout(timeout)?;
    conn.batch_execute("SELECT 1")?;
    Ok(())
}
