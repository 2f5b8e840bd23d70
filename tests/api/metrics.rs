//! `/metrics`: Prometheus' text format, served only for `PORTAL_METRICS_TOKEN`, counting
//! requests by route pattern, the outbox, the jobs and the pool.

use std::collections::BTreeMap;

use portal::clock::Clock;

use crate::{helpers::*, wizard::create_draft};

pub const TOKEN: &str = "metrics-token-0123456789abcdef0123456789";

/// `GET /metrics` with `authorization` as the header, if any.
async fn scrape_with(app: &TestApp, authorization: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new().get(format!("{}/metrics", app.address));
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    let res = request.send().await.expect("request reaches the app");
    (res.status().as_u16(), res.text().await.unwrap())
}

/// One line of the exposition: a name, its labels, its value.
#[derive(Debug)]
pub struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Parses the exposition, checking its shape: every sample's family has a `# TYPE`.
fn parse(text: &str) -> Vec<Sample> {
    let mut typed = Vec::new();
    let mut samples = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("# TYPE name kind");
            assert!(["counter", "gauge", "histogram"].contains(&kind), "{line}");
            typed.push(name.to_owned());
            continue;
        }
        if line.starts_with("# HELP ") {
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect("a sample has a value");
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("a number: {line}"));
        let (name, labels) = match series.split_once('{') {
            Some((name, rest)) => (name, rest.strip_suffix('}').expect("labels close")),
            None => (series, ""),
        };
        let labels = labels
            .split("\",")
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once("=\"").expect("label=\"value\"");
                (key.to_owned(), value.trim_end_matches('"').to_owned())
            })
            .collect();
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .filter(|family| typed.iter().any(|t| t == family))
            .unwrap_or(name);
        assert!(typed.iter().any(|t| t == family), "no # TYPE for {line}");
        samples.push(Sample {
            name: name.to_owned(),
            labels,
            value,
        });
    }
    samples
}

pub async fn scrape(app: &TestApp) -> Vec<Sample> {
    let (status, body) = scrape_with(app, Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(status, 200, "{body}");
    parse(&body)
}

/// The value of the sample `name` whose labels include `labels`.
pub fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
}

#[actix_web::test]
async fn metrics_are_not_served_without_a_token_configured() {
    let app = spawn_app().await;
    let res = app.visitor().get("/metrics").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.text("main h1"), "Page not found");
    let (status, _) = scrape_with(&app, Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(status, 404);
}

#[actix_web::test]
async fn metrics_are_refused_without_the_right_token() {
    let app = spawn_app_with(&[("PORTAL_METRICS_TOKEN", TOKEN)]).await;
    let wrong = format!("Bearer {TOKEN}x");
    let prefix = format!("Bearer {}", &TOKEN[..20]);
    let basic = format!("Basic {TOKEN}");
    for authorization in [
        None,
        Some("Bearer "),
        Some(&*wrong),
        Some(&*prefix),
        Some(&*basic),
    ] {
        let (status, body) = scrape_with(&app, authorization).await;
        assert_eq!(status, 401, "{authorization:?}");
        assert!(!body.contains("portal_"), "{authorization:?}: {body}");
    }
}

#[actix_web::test]
async fn requests_are_counted_by_route_pattern_method_and_status_class() {
    let app = spawn_app_with(&[("PORTAL_METRICS_TOKEN", TOKEN)]).await;
    let partner = app.signed_in(PARTNER).await;
    let claim = create_draft(&partner, "microsoft_365", "usage", "Counted").await;
    let before = scrape(&app).await;
    let route = [("route", "/associations/{id}")];
    let get_claim = [route[0], ("method", "GET"), ("status", "2xx")];
    let total = "portal_http_requests_total";
    assert_eq!(value(&before, total, &get_claim), None, "not requested yet");

    assert_eq!(partner.get(&claim).await.status, 200);
    assert_eq!(partner.get(&claim).await.status, 200);
    assert_eq!(app.visitor().get("/associations/x/y/z").await.status, 404);
    let after = scrape(&app).await;
    assert_eq!(value(&after, total, &get_claim), Some(2.0));
    let unmatched = [("route", "unmatched"), ("status", "4xx")];
    assert_eq!(value(&after, total, &unmatched), Some(1.0));
    let sign_in = [("route", "/sign-in"), ("method", "POST"), ("status", "3xx")];
    assert_eq!(value(&after, total, &sign_in), Some(1.0));
    let latency = "portal_http_request_duration_seconds";
    let count = value(&after, &format!("{latency}_count"), &get_claim);
    assert_eq!(count, Some(2.0));
    let inf = [get_claim.as_slice(), &[("le", "+Inf")]].concat();
    assert_eq!(value(&after, &format!("{latency}_bucket"), &inf), Some(2.0));
    // Never a raw path: no label holds the claim's id.
    let id = claim.rsplit('/').next().unwrap();
    assert!(
        after
            .iter()
            .all(|s| s.labels.values().all(|v| !v.contains(id))),
        "{after:?}"
    );
    assert!(value(&after, "portal_db_pool_wait_seconds_count", &[]).unwrap() > 0.0);
    assert_eq!(
        value(&after, "portal_db_pool_max_connections", &[]),
        Some(3.0)
    );
}

#[actix_web::test]
async fn the_outbox_depth_and_the_jobs_are_shown() {
    let app = spawn_app_with(&[("PORTAL_METRICS_TOKEN", TOKEN)]).await;
    let before = scrape(&app).await;
    let pending = value(&before, "portal_outbox_pending", &[]).unwrap();
    let admin = app.signed_in(ADMIN).await;
    let fields = [
        ("email", "dana@portal.example"),
        ("display_name", "Dana Ruiz"),
        ("role", "reviewer"),
    ];
    let new = "/admin/users/new";
    assert_eq!(admin.submit_form(new, new, &fields).await.status, 303);
    app.clock.advance(chrono::Duration::seconds(90));

    let queued = scrape(&app).await;
    assert_eq!(
        value(&queued, "portal_outbox_pending", &[]),
        Some(pending + 1.0)
    );
    assert_eq!(
        value(&queued, "portal_outbox_oldest_due_age_seconds", &[]),
        Some(90.0)
    );
    assert_eq!(value(&queued, "portal_job_runs_total", &[]), None);

    app.jobs.run_once(app.clock.now()).unwrap();
    let sent = scrape(&app).await;
    assert_eq!(value(&sent, "portal_outbox_pending", &[]), Some(0.0));
    assert_eq!(value(&sent, "portal_outbox_due", &[]), Some(0.0));
    assert_eq!(
        value(&sent, "portal_outbox_oldest_due_age_seconds", &[]),
        Some(0.0)
    );
    for job in [
        "close_windows",
        "time_out_requests",
        "expire_associations",
        "remind_customers",
        "send_email",
    ] {
        let job = [("job", job)];
        assert_eq!(value(&sent, "portal_job_runs_total", &job), Some(1.0));
        assert_eq!(value(&sent, "portal_job_failures_total", &job), Some(0.0));
    }

    // With every connection taken, each job fails waiting for one.
    let held: Vec<_> = (0..3).map(|_| app.pool.get().unwrap()).collect();
    assert!(app.jobs.run_once(app.clock.now()).is_err());
    drop(held);
    let failed = scrape(&app).await;
    let send = [("job", "send_email")];
    assert_eq!(value(&failed, "portal_job_runs_total", &send), Some(2.0));
    assert_eq!(
        value(&failed, "portal_job_failures_total", &send),
        Some(1.0)
    );
    assert!(value(&failed, "portal_db_pool_timeouts_total", &[]).unwrap() >= 4.0);
}
