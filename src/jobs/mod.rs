//! Background work, scheduled: [`Jobs::run_once`] runs every job's service function once
//! (tests call it directly), and [`Jobs::spawn`] runs it in a loop in production. Several instances may run the
//! loop against one database: status changes only move from the status they were decided
//! in, and the dispatcher leases outbox rows. [`Running::stop`] ends the loop gracefully.

use std::{
    sync::{Arc, mpsc},
    thread::JoinHandle,
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};

use crate::{
    clock::Clock,
    mail::Transport,
    metrics::Metrics,
    service::{
        DbPool,
        context::Context,
        dispatch::{self, Runner},
        due_claims::{self, WindowsReport},
        opt_out_reminders, webhook_delivery,
    },
};

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PassReport {
    pub windows: WindowsReport,
    pub timed_out: usize,
    pub expired: usize,
    /// Customers reminded of their opt-out window.
    pub reminded: usize,
    pub mail: dispatch::Report,
    pub webhooks: webhook_delivery::Report,
}

#[derive(Clone)]
pub struct Jobs {
    pub pool: DbPool,
    pub context: Arc<Context>,
    pub transport: Arc<Transport>,
    /// Counts each job's runs and failures.
    pub metrics: Arc<Metrics>,
    /// This process as a dispatcher (its leases carry its id).
    pub runner: Arc<Runner>,
    /// Read again by the steps that must not use the time the pass began (a webhook's
    /// lease and signed timestamp come after the email step, which can take minutes).
    pub clock: Arc<dyn Clock>,
}

/// The loop of [`Jobs::spawn`], until [`Running::stop`].
pub struct Running {
    jobs: Jobs,
    wake: mpsc::Sender<()>,
    thread: JoinHandle<()>,
}

impl Running {
    /// Ends the loop: the pass under way hands no more email over, finishes the messages in
    /// flight and ends; then the leases of the rest are given back. Blocking.
    pub fn stop(self) {
        self.jobs.runner.stop();
        tracing::info!("stopping the background jobs: the emails in flight finish");
        drop(self.wake);
        if self.thread.join().is_err() {
            tracing::error!("the background jobs thread panicked");
        }
        match self.jobs.runner.release_leases(&self.jobs.pool) {
            Ok(released) => tracing::info!(released, "background jobs stopped"),
            Err(e) => tracing::error!(error = %e, "email leases not released"),
        }
        if let Err(e) = webhook_delivery::release_leases(&self.jobs.pool, &self.jobs.runner) {
            tracing::error!(error = %e, "webhook leases not released");
        }
    }
}

impl Jobs {
    /// Every job once, in the order that lets a pass's emails leave in the same pass. A job
    /// that fails is logged and the others still run (mail must not wait for a broken job).
    pub fn run_once(&self, now: DateTime<Utc>) -> anyhow::Result<PassReport> {
        let (pool, ctx) = (&self.pool, &*self.context);
        let mut failure = None;
        let mut keep = |job: &str, error: anyhow::Error| {
            tracing::error!(job, error = %error, "background job failed");
            failure.get_or_insert(error);
        };
        let windows = self.counted("close_windows", || {
            due_claims::close_windows(pool, ctx, now)
        });
        let windows = windows.unwrap_or_else(|e| {
            keep("close opt-out windows", e);
            WindowsReport::default()
        });
        let timed_out = self.counted("time_out_requests", || {
            due_claims::time_out_requests(pool, ctx, now)
        });
        let timed_out = timed_out.unwrap_or_else(|e| {
            keep("time out requests", e);
            0
        });
        let expired = self.counted("expire_associations", || {
            due_claims::expire_associations(pool, ctx, now)
        });
        let expired = expired.unwrap_or_else(|e| {
            keep("expire associations", e);
            0
        });
        let reminded = self.counted("remind_customers", || {
            opt_out_reminders::run_once(pool, ctx, now)
        });
        let reminded = reminded.unwrap_or_else(|e| {
            keep("remind customers", e);
            0
        });
        let mail = self.counted("send_email", || self.dispatch(now));
        let mail = mail.unwrap_or_else(|e| {
            keep("send email", e);
            dispatch::Report::default()
        });
        let webhooks = self.counted("deliver_webhooks", || self.deliver_webhooks());
        let webhooks = webhooks.unwrap_or_else(|e| {
            keep("deliver webhooks", e);
            webhook_delivery::Report::default()
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(PassReport {
                windows,
                timed_out,
                expired,
                reminded,
                mail,
                webhooks,
            }),
        }
    }

    /// Runs one job, counting the run, its time and whether it failed.
    fn counted<T>(
        &self,
        job: &'static str,
        run: impl FnOnce() -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let started = Instant::now();
        let outcome = run();
        self.metrics.job(job, outcome.is_err(), started.elapsed());
        outcome
    }

    pub fn dispatch(&self, now: DateTime<Utc>) -> anyhow::Result<dispatch::Report> {
        dispatch::run_once(
            &self.pool,
            &self.transport,
            &self.context.mail_from,
            &self.runner,
            now,
        )
    }

    /// Delivers the due webhooks (and disables endpoints failing for days), reading the
    /// clock for each lease and each request rather than taking the pass's start.
    pub fn deliver_webhooks(&self) -> anyhow::Result<webhook_delivery::Report> {
        webhook_delivery::run_once(&self.pool, &self.context, &self.runner, &*self.clock)
    }

    /// Runs [`Self::run_once`] every `interval` on its own thread, until [`Running::stop`].
    /// A failed pass is logged and the next one tries again.
    pub fn spawn(self, clock: Arc<dyn Clock>, interval: Duration) -> std::io::Result<Running> {
        let (wake, stopped) = mpsc::channel::<()>();
        let jobs = self.clone();
        let thread = std::thread::Builder::new()
            .name("portal-jobs".into())
            .spawn(move || {
                loop {
                    match self.run_once(clock.now()) {
                        Ok(report) if report != PassReport::default() => {
                            tracing::info!(?report, "background jobs pass");
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %e, "background jobs pass failed"),
                    }
                    // Woken early only when `Running::stop` drops the sender.
                    if stopped.recv_timeout(interval) != Err(mpsc::RecvTimeoutError::Timeout) {
                        return;
                    }
                }
            })?;
        Ok(Running { jobs, wake, thread })
    }
}
