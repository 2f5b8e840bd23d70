//! What `/metrics` reports, in Prometheus' text exposition format (version 0.0.4): requests
//! by route pattern (with the SQL statements they sent), background job runs, waits for a
//! pooled connection. Counters and
//! histograms are atomics with fixed buckets; each application has its own [`Metrics`],
//! shared by the request middleware, the jobs and the pool. Values read at scrape time
//! (outbox depth, pool state) come in as [`Gauge`]s.
//!
//! Labels are bounded: a request is labelled with its route's pattern
//! (`/associations/{id}`, never the raw path), its method and its status class.

use std::{
    collections::BTreeMap,
    fmt::{self, Write},
    sync::{
        Arc, PoisonError, RwLock,
        atomic::{AtomicU64, Ordering::Relaxed},
    },
    time::Duration,
};

/// Seconds; Prometheus' default buckets, which suit page latencies.
const REQUEST_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Seconds; a pooled connection is usually free at once, so the low end is finer.
const POOL_WAIT_BUCKETS: [f64; 10] = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0];
/// Seconds; a pass sends mail, so it may take long.
const JOB_BUCKETS: [f64; 8] = [0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 120.0];

#[derive(Default)]
pub struct Metrics {
    /// By method, route pattern and status class.
    requests: Family<(String, String, &'static str)>,
    jobs: Family<&'static str>,
    pool_waits: Series,
}

impl fmt::Debug for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

/// A value read when scraped.
#[derive(Debug, Clone, PartialEq)]
pub struct Gauge {
    pub name: &'static str,
    pub help: &'static str,
    pub value: f64,
}

impl Metrics {
    pub fn new() -> Arc<Self> {
        Arc::default()
    }

    /// One answered request: `route` is the matched pattern (or `unmatched`); it sent
    /// `statements` SQL statements.
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration, statements: u64) {
        let class = match status / 100 {
            1 => "1xx",
            2 => "2xx",
            3 => "3xx",
            4 => "4xx",
            _ => "5xx",
        };
        // Any other token is a valid method too; they share one label.
        let method = match method {
            "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
            _ => "other",
        };
        let key = (method.to_owned(), route.to_owned(), class);
        self.requests
            .observe_with(key, &REQUEST_BUCKETS, took, false, statements);
    }

    /// One run of a background job; `failed` when it returned an error.
    pub fn job(&self, job: &'static str, failed: bool, took: Duration) {
        self.jobs.observe(job, &JOB_BUCKETS, took, failed);
    }

    /// How long a checkout waited for a pooled connection.
    pub fn pool_waited(&self, waited: Duration) {
        self.pool_waits.observe(&POOL_WAIT_BUCKETS, waited, false);
    }

    /// A checkout that gave up waiting (the request failed).
    pub fn pool_timed_out(&self) {
        self.pool_waits.failures.fetch_add(1, Relaxed);
    }

    /// The exposition: everything counted so far, then `gauges`.
    pub fn render(&self, gauges: &[Gauge]) -> String {
        let mut out = Exposition::default();
        let by_request = |(method, route, status): &(String, String, &str)| {
            labels(&[("method", method), ("route", route), ("status", status)])
        };
        let by_job = |job: &&str| labels(&[("job", job)]);

        let requests = "portal_http_requests_total";
        out.family(
            requests,
            "counter",
            "Requests answered, by method, route pattern and status class.",
        );
        self.requests
            .each(|key, s| out.sample(requests, &by_request(key), s.count()));
        let latency = "portal_http_request_duration_seconds";
        out.family(latency, "histogram", "Time to answer a request (until its response starts), by method, route pattern and status class.");
        self.requests
            .each(|key, s| out.histogram(latency, &by_request(key), s, &REQUEST_BUCKETS));

        let sent = "portal_db_statements_total";
        out.family(
            sent,
            "counter",
            "SQL statements sent while answering requests, by method, route pattern and status class.",
        );
        self.requests.each(|key, s| {
            out.sample(sent, &by_request(key), s.statements.load(Relaxed));
        });

        let runs = "portal_job_runs_total";
        out.family(runs, "counter", "Background job runs, by job.");
        self.jobs
            .each(|job, s| out.sample(runs, &by_job(job), s.count()));
        let failures = "portal_job_failures_total";
        out.family(
            failures,
            "counter",
            "Background job runs that failed, by job.",
        );
        self.jobs
            .each(|job, s| out.sample(failures, &by_job(job), s.failures.load(Relaxed)));
        let took = "portal_job_duration_seconds";
        out.family(took, "histogram", "Time a background job run took, by job.");
        self.jobs
            .each(|job, s| out.histogram(took, &by_job(job), s, &JOB_BUCKETS));

        let waits = "portal_db_pool_wait_seconds";
        out.family(
            waits,
            "histogram",
            "Time spent waiting for a pooled database connection.",
        );
        out.histogram(waits, "", &self.pool_waits, &POOL_WAIT_BUCKETS);
        let timeouts = "portal_db_pool_timeouts_total";
        out.family(
            timeouts,
            "counter",
            "Waits for a pooled database connection that timed out.",
        );
        out.sample(timeouts, "", self.pool_waits.failures.load(Relaxed));

        for gauge in gauges {
            out.family(gauge.name, "gauge", gauge.help);
            out.sample(gauge.name, "", gauge.value);
        }
        out.0
    }
}

/// Series by label set; a new label set takes the write lock once.
struct Family<K> {
    series: RwLock<BTreeMap<K, Series>>,
}

impl<K> Default for Family<K> {
    fn default() -> Self {
        Self {
            series: RwLock::new(BTreeMap::new()),
        }
    }
}

impl<K: Ord> Family<K> {
    fn observe(&self, key: K, bounds: &[f64], took: Duration, failed: bool) {
        self.observe_with(key, bounds, took, failed, 0);
    }

    /// [`Self::observe`], adding `statements` to the series' statements.
    fn observe_with(&self, key: K, bounds: &[f64], took: Duration, failed: bool, statements: u64) {
        let series = self.series.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = series.get(&key) {
            found.statements.fetch_add(statements, Relaxed);
            return found.observe(bounds, took, failed);
        }
        drop(series);
        let mut series = self.series.write().unwrap_or_else(PoisonError::into_inner);
        let found = series.entry(key).or_default();
        found.statements.fetch_add(statements, Relaxed);
        found.observe(bounds, took, failed);
    }

    fn each(&self, mut visit: impl FnMut(&K, &Series)) {
        let series = self.series.read().unwrap_or_else(PoisonError::into_inner);
        for (key, found) in series.iter() {
            visit(key, found);
        }
    }
}

/// A histogram — counts per bucket (not cumulative; summed when written), their total, the
/// sum of the observations in microseconds — and how many of them failed.
#[derive(Default)]
struct Series {
    buckets: [AtomicU64; 12],
    count: AtomicU64,
    sum_micros: AtomicU64,
    failures: AtomicU64,
    /// SQL statements sent (requests only).
    statements: AtomicU64,
}

impl Series {
    fn observe(&self, bounds: &[f64], took: Duration, failed: bool) {
        let seconds = took.as_secs_f64();
        // Past the last bound: the +Inf bucket, which is `count` itself.
        if let Some(i) = bounds.iter().position(|bound| seconds <= *bound) {
            self.buckets[i].fetch_add(1, Relaxed);
        }
        self.count.fetch_add(1, Relaxed);
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        self.sum_micros.fetch_add(micros, Relaxed);
        self.failures.fetch_add(u64::from(failed), Relaxed);
    }

    fn count(&self) -> u64 {
        self.count.load(Relaxed)
    }
}

#[derive(Default)]
struct Exposition(String);

impl Exposition {
    fn family(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.0, "# HELP {name} {help}\n# TYPE {name} {kind}");
    }

    /// `labels` as [`labels`] writes them, or empty.
    fn sample(&mut self, name: &str, labels: &str, value: impl fmt::Display) {
        let braced = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(self.0, "{name}{braced} {value}");
    }

    fn histogram(&mut self, name: &str, labels: &str, series: &Series, bounds: &[f64]) {
        let comma = if labels.is_empty() { "" } else { "," };
        let mut cumulative = 0;
        for (bucket, bound) in series.buckets.iter().zip(bounds) {
            cumulative += bucket.load(Relaxed);
            let le = format!("{labels}{comma}le=\"{bound}\"");
            self.sample(&format!("{name}_bucket"), &le, cumulative);
        }
        let le = format!("{labels}{comma}le=\"+Inf\"");
        self.sample(&format!("{name}_bucket"), &le, series.count());
        let sum = series.sum_micros.load(Relaxed) as f64 / 1e6;
        self.sample(&format!("{name}_sum"), labels, sum);
        self.sample(&format!("{name}_count"), labels, series.count());
    }
}

/// `a="x",b="y"`, values escaped as the format requires.
fn labels(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        let value = value
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        let _ = write!(out, "{}{name}=\"{value}\"", if i == 0 { "" } else { "," });
    }
    out
}
