//! Building the application: pool, migrations, demo data, the HTTP server on its listener.

use std::{any::Any, net::TcpListener, sync::Arc};

use actix_web::{
    App, HttpServer,
    dev::{Extensions, Server},
    middleware::from_fn,
    rt::net::TcpStream,
    web,
};

use crate::{
    clock::Clock,
    config::{MailTransport, Settings},
    jobs::{self, Jobs},
    mail::Transport,
    metrics::Metrics,
    service::demo::{self, DemoSignIn},
    service::{context::Context, dispatch::Runner},
    store::{self, DbPool, migrate},
    web::{
        self as portal_web, AppState, csrf, error::AppError, error_pages, headers, input_guard,
        request_log, session,
    },
};

pub struct Application {
    port: u16,
    server: Server,
    pub pool: DbPool,
    pub report: StartupReport,
    /// The background jobs, for tests to run once (production runs them in a loop).
    pub jobs: Jobs,
    /// The loop, when the settings run one; stopped after the server.
    running: Option<jobs::Running>,
}

/// What start-up did, for the banner.
pub struct StartupReport {
    pub migrations_applied: usize,
    /// The demo sign-ins, when demo data was seeded now or already exists.
    pub demo_sign_ins: Vec<DemoSignIn>,
    pub seeded_now: bool,
}

impl Application {
    /// Connects, migrates, seeds (when enabled and empty) and binds. Blocking: call before
    /// serving, or from a blocking context.
    pub fn build(
        settings: Settings,
        clock: Arc<dyn Clock>,
        workers: usize,
    ) -> anyhow::Result<Self> {
        Self::build_with_transport(settings, clock, workers, None)
    }

    /// [`Self::build`] with a mail transport of the caller's (tests use memory); `None`
    /// takes it from the settings.
    pub fn build_with_transport(
        mut settings: Settings,
        clock: Arc<dyn Clock>,
        workers: usize,
        transport: Option<Transport>,
    ) -> anyhow::Result<Self> {
        let pool_size = settings.database_pool_size;
        let metrics = Metrics::new();
        let pool = store::pool_metrics::build_counted_pool(
            &settings.database_url,
            settings.database_pool_size,
            settings.database_pool_timeout,
            metrics.clone(),
        )?;
        let mut conn = pool.get()?;
        let migrations_applied = migrate::run_pending(&mut conn)?;
        let (demo_sign_ins, seeded_now) = if settings.demo_data {
            match demo::seed_if_empty(&mut conn, settings.argon2_memory_kib, clock.now())? {
                Some(created) => (created, true),
                None => (demo::existing_sign_ins(&mut conn)?, false),
            }
        } else {
            (Vec::new(), false)
        };
        drop(conn);
        portal_web::upload::sweep_stale_staging();

        let listener = TcpListener::bind(settings.bind)
            .map_err(|e| anyhow::anyhow!("PORTAL_BIND: cannot listen on {}: {e}", settings.bind))?;
        let port = listener.local_addr()?.port();
        // Without a configured public URL, links in emails point at the bound address —
        // with the port actually bound when the configuration said 0.
        if settings.public_base_url == format!("http://{}", settings.bind) {
            settings.public_base_url = format!("http://{}:{port}", settings.bind.ip());
        }
        let transport = Arc::new(match transport {
            Some(transport) => transport,
            None => match &settings.mail.transport {
                MailTransport::DevMailbox => Transport::DevMailbox(pool.clone()),
                MailTransport::Smtp(smtp) => Transport::smtp(smtp)?,
            },
        });
        let context = Arc::new(Context::from_settings(&settings));
        // Before the first search, which would otherwise wait for it.
        context
            .search_terms
            .sample(&mut *pool.get()?, clock.now())?;
        let jobs = Jobs {
            pool: pool.clone(),
            context: context.clone(),
            transport: transport.clone(),
            metrics: metrics.clone(),
            runner: Arc::new(Runner::start(&settings.database_url)?),
            clock: clock.clone(),
        };
        let running = match settings.jobs_interval {
            Some(interval) => Some(jobs.clone().spawn(clock.clone(), interval)?),
            None => None,
        };
        let api_limits = Arc::new(portal_web::api::rate_limit::ApiRateLimiter::new(
            settings.api_quota,
        ));
        let state = AppState {
            pool: pool.clone(),
            settings: Arc::new(settings),
            clock,
            context,
            mail: transport,
            sessions: Default::default(),
            metrics,
            api_limits,
        };
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(state.clone()))
                .app_data(
                    web::FormConfig::default()
                        .limit(64 * 1024)
                        .error_handler(|_, _| AppError::BadRequest.into()),
                )
                .app_data(
                    web::QueryConfig::default().error_handler(|_, _| AppError::BadRequest.into()),
                )
                .configure(portal_web::routes)
                .default_service(web::to(portal_web::not_found))
                .wrap(from_fn(csrf::verify))
                .wrap(from_fn(session::load_visitor))
                .wrap(from_fn(input_guard::refuse_malformed))
                .wrap(from_fn(error_pages::render))
                .wrap(headers::security_headers())
                .wrap(from_fn(request_log::log_request))
        })
        .on_connect(send_without_delay)
        .workers(workers)
        .worker_max_blocking_threads(blocking_threads_per_worker(pool_size, workers))
        .listen(listener)?
        .run();
        Ok(Self {
            port,
            server,
            pool,
            report: StartupReport {
                migrations_applied,
                demo_sign_ins,
                seeded_now,
            },
            jobs,
            running,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT or SIGTERM, which stop the server gracefully: no new
    /// connections, requests in flight finish (up to actix's 30 s shutdown timeout); then
    /// the background jobs stop and give back their email leases.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        if let Some(running) = self.running {
            actix_web::rt::task::spawn_blocking(move || running.stop())
                .await
                .map_err(std::io::Error::other)?;
        }
        served
    }
}

/// Database work runs on blocking threads: with more threads than pooled connections the
/// extra ones only wait on the pool, and every wait is two context switches more on a
/// small machine (measured: 512 per worker, actix's default, served the claims list 18%
/// slower than a thread per connection). Password hashing shares these threads.
fn blocking_threads_per_worker(pool_size: u32, workers: usize) -> usize {
    (pool_size as usize).div_ceil(workers.max(1)).max(1)
}

/// `portal create-admin`: connects, migrates, and creates the administrator.
pub fn create_administrator(
    settings: &Settings,
    email: &str,
    name: &str,
    password: &str,
) -> anyhow::Result<Result<String, crate::service::accounts::CreateError>> {
    let pool =
        store::connection::build_pool(&settings.database_url, 1, settings.database_pool_timeout)?;
    let mut conn = pool.get()?;
    migrate::run_pending(&mut conn)?;
    crate::service::accounts::create_administrator(
        &mut conn,
        email,
        name,
        password,
        settings.argon2_memory_kib,
        chrono::Utc::now(),
    )
}

/// `portal seed`: migrations, the demo data when the database is empty, then the
/// generated data of `plan`.
pub fn seed(
    settings: &Settings,
    plan: crate::service::seed::SeedPlan,
    progress: impl FnMut(&str),
) -> anyhow::Result<crate::service::seed::SeedReport> {
    let pool =
        store::connection::build_pool(&settings.database_url, 1, settings.database_pool_timeout)?;
    let mut conn = pool.get()?;
    migrate::run_pending(&mut conn)?;
    crate::service::seed::seed(
        &mut conn,
        plan,
        settings.argon2_memory_kib,
        chrono::Utc::now(),
        progress,
    )
}

/// Responses leave as soon as they are written. With Nagle's algorithm on, the end of a
/// streamed download (the CSV export) waited for the client's delayed acknowledgement:
/// 40 ms per export, whatever its size.
fn send_without_delay(connection: &dyn Any, _: &mut Extensions) {
    if let Some(tcp) = connection.downcast_ref::<TcpStream>() {
        // Only a hint: a socket that refuses it still works.
        let _ = tcp.set_nodelay(true);
    }
}
