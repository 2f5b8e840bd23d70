//! `/review`: the reviewers' queue and all claims with filters (see
//! [`review_lists`](crate::service::review_lists)).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{access, claim::Status, programme::Programme},
    i18n::Catalogue,
    service::review_lists::{self, PAGE_SIZES, ReviewLine, ReviewListRequest, ReviewLists},
};

use super::{
    error::AppError,
    format,
    forms::{FormErrors, search_errors},
    layout::Layout,
    listing::{SelectOption, next_page, options},
    render::page,
    session::Visitor,
    state::AppState,
};

pub struct Row {
    pub href: String,
    pub name: String,
    pub partner: String,
    pub programme: &'static str,
    pub domain: String,
    pub status: Status,
    pub when: String,
    pub age: String,
    pub overdue: bool,
    pub competing: bool,
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
    q: String,
    errors: FormErrors,
    sorts: Vec<SelectOption>,
    per_page: Vec<SelectOption>,
    /// Said when the queue shows as many rows as a page holds (more may wait).
    queue_shown: Option<String>,
    target: String,
    next: Option<String>,
}

pub async fn index(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<ReviewListRequest>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_review)?;
    let request = query.into_inner();
    let (now, ctx, wanted) = (state.now(), state.context.clone(), request.clone());
    let target = state.settings.review_target_days;
    let lists = state
        .db(move |conn| review_lists::review_lists(conn, &ctx, &wanted, target, now))
        .await?;
    let t = Catalogue::for_locale(visitor.locale);
    let template = ReviewPage::new(&visitor, &state, &request, lists, t);
    page(StatusCode::OK, &template)
}

impl ReviewPage {
    fn new(
        visitor: &Visitor,
        state: &AppState,
        request: &ReviewListRequest,
        lists: ReviewLists,
        t: &'static Catalogue,
    ) -> Self {
        let zone = state.settings.calendar_time_zone;
        let row = |line: ReviewLine| Row {
            href: format!("/review/{}", line.id),
            programme: t.get(line.programme.label_key()),
            status: line.status,
            when: format::instant(line.at, zone, t),
            age: line.age_business_days.map_or_else(String::new, |days| {
                t.format("review.age", &[("n", &days.to_string())])
            }),
            overdue: line.overdue,
            competing: line.competing,
            name: line.name,
            partner: line.partner,
            domain: line.domain,
        };
        let errors = search_errors(request.search(), t);
        let statuses = Status::ALL.iter().filter(|s| **s != Status::Draft);
        Self {
            layout: Layout::new(visitor, "review.title").with_errors(!errors.is_empty()),
            errors,
            q: request.q.clone(),
            sorts: ["oldest", "newest"]
                .into_iter()
                .map(|code| SelectOption {
                    value: code.to_owned(),
                    label: t.get(&format!("review.sort.{code}")).to_owned(),
                    selected: request.newest_first() == (code == "newest"),
                })
                .collect(),
            per_page: PAGE_SIZES
                .into_iter()
                .map(|size| SelectOption {
                    value: size.to_string(),
                    label: size.to_string(),
                    selected: size == request.page_size(),
                })
                .collect(),
            queue_shown: (lists.queue.len() as i64 == request.page_size()).then(|| {
                t.format(
                    "review.queue.shown",
                    &[("n", &request.page_size().to_string())],
                )
            }),
            target: t.format(
                "review.queue.target",
                &[("n", &state.settings.review_target_days.to_string())],
            ),
            queue: lists.queue.into_iter().map(row).collect(),
            rows: lists.claims.into_iter().map(row).collect(),
            statuses: options(
                &request.status,
                statuses.map(|s| (s.as_str(), t.get(s.label_key()))),
            ),
            partners: options(
                &request.partner,
                lists
                    .organisations
                    .iter()
                    .map(|(id, name)| (id.as_str(), name.as_str())),
            ),
            programmes: options(
                &request.programme,
                Programme::ALL
                    .iter()
                    .map(|p| (p.as_str(), t.get(p.label_key()))),
            ),
            tenant: request.tenant.clone(),
            tenant_error: lists
                .tenant_error
                .map(|e| t.message(&e))
                .unwrap_or_default(),
            next: lists
                .next
                .map(|position| next_page("/review", &request.filter_pairs(), &position)),
        }
    }
}
