//! `/review`: the reviewers' queue (oldest first, with age in business days) and all
//! claims with filters (status, partner, programme, tenant) and keyset pages.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::{
    domain::{access, claim::Status, programme::Programme, values::TenantId},
    i18n::Catalogue,
    service::review,
    store::{
        from_db_time,
        review_lists::{Filter, ReviewRow},
    },
};

use super::{
    associations::SelectOption, error::AppError, format, layout::Layout, render::page,
    session::Visitor, state::AppState,
};

pub struct Row {
    pub href: String,
    pub name: String,
    pub partner: String,
    pub programme: String,
    pub domain: String,
    pub status_code: &'static str,
    pub status: String,
    pub when: String,
    pub age: String,
}

#[derive(Template)]
#[template(path = "review/index.html")]
struct ReviewPage {
    layout: Layout,
    queue: Vec<Row>,
    rows: Vec<Row>,
    statuses: Vec<SelectOption>,
    partners: Vec<SelectOption>,
    programmes: Vec<SelectOption>,
    tenant: String,
    tenant_error: String,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReviewQuery {
    status: String,
    partner: String,
    programme: String,
    tenant: String,
    /// Keyset cursor: `<updated_at>~<id>` of the last row shown.
    after: String,
}

const CURSOR_TIME: &str = "%Y-%m-%dT%H:%M:%S%.6f";

pub async fn index(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<ReviewQuery>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_review)?;
    let q = query.into_inner();
    let t = Catalogue::for_locale(visitor.locale);
    let tenant = q.tenant.trim();
    let (tenant_id, tenant_error) = match tenant {
        "" => (None, String::new()),
        raw => match TenantId::parse(raw) {
            Ok(id) => (Some(id.as_str().to_owned()), String::new()),
            Err(e) => (None, t.message(&e)),
        },
    };
    let filter = Filter {
        status: Status::parse(&q.status).map(|s| s.as_str().to_owned()),
        organisation_id: Some(q.partner.clone()).filter(|p| !p.is_empty()),
        programme: Programme::parse(&q.programme).map(|p| p.as_str().to_owned()),
        tenant_id,
        after: q.after.split_once('~').and_then(|(at, id)| {
            NaiveDateTime::parse_from_str(at, CURSOR_TIME)
                .ok()
                .map(|at| (at, id.to_owned()))
        }),
    };
    let (now, ctx) = (state.now(), state.context.clone());
    let list_filter = filter.clone();
    let (queue, all) = state
        .db(move |conn| {
            Ok((
                review::queue(conn, &ctx, now)?,
                review::all(conn, &list_filter)?,
            ))
        })
        .await?;
    let zone = state.settings.calendar_time_zone;
    let row = |r: &ReviewRow, age: String, at: NaiveDateTime| {
        let status = Status::parse(&r.status).unwrap_or(Status::Draft);
        Row {
            href: format!("/review/{}", r.id),
            name: r.name.clone(),
            partner: r.organisation.clone(),
            programme: Programme::parse(&r.programme)
                .map(|p| t.get(p.label_key()).to_owned())
                .unwrap_or_default(),
            domain: r.customer_domain.clone(),
            status_code: status.as_str(),
            status: t.get(status.label_key()).to_owned(),
            when: format::instant(from_db_time(at), zone, t),
            age,
        }
    };
    let next = all.more.then(|| {
        let last = all.rows.last();
        let mut params = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("status", &q.status),
            ("partner", &q.partner),
            ("programme", &q.programme),
            ("tenant", &q.tenant),
        ] {
            if !value.is_empty() {
                params.append_pair(key, value);
            }
        }
        if let Some(last) = last {
            params.append_pair(
                "after",
                &format!("{}~{}", last.updated_at.format(CURSOR_TIME), last.id),
            );
        }
        format!("/review?{}", params.finish())
    });
    let options = |values: Vec<(String, String)>, selected: &str| {
        values
            .into_iter()
            .map(|(value, label)| SelectOption {
                selected: value == selected,
                value,
                label,
            })
            .collect()
    };
    let template = ReviewPage {
        layout: Layout::new(&visitor, "review.title"),
        queue: queue
            .iter()
            .map(|entry| {
                let days = entry.age_business_days.to_string();
                let since = entry.row.submitted_at.unwrap_or(entry.row.updated_at);
                row(&entry.row, t.format("review.age", &[("n", &days)]), since)
            })
            .collect(),
        rows: all
            .rows
            .iter()
            .map(|r| row(r, String::new(), r.updated_at))
            .collect(),
        statuses: options(
            Status::ALL
                .iter()
                .filter(|s| **s != Status::Draft)
                .map(|s| (s.as_str().to_owned(), t.get(s.label_key()).to_owned()))
                .collect(),
            &q.status,
        ),
        partners: options(all.organisations, &q.partner),
        programmes: options(
            Programme::ALL
                .iter()
                .map(|p| (p.as_str().to_owned(), t.get(p.label_key()).to_owned()))
                .collect(),
            &q.programme,
        ),
        tenant: q.tenant.clone(),
        tenant_error,
        next,
    };
    page(StatusCode::OK, &template)
}
