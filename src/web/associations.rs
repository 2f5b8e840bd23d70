//! `/associations`: the organisation's Customer associations, and their CSV export.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{access, claim::Status, programme::Programme, saved_views::SavedView},
    i18n::Catalogue,
    service::associations::{self, ListPage, ListRequest, ListedClaim},
};

use super::{
    error::AppError,
    format,
    forms::{FormErrors, search_errors},
    layout::Layout,
    listing::{SelectOption, options},
    render::page,
    session::Visitor,
    state::AppState,
};

pub struct Row {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub programme: &'static str,
    pub products: String,
    pub status_code: &'static str,
    pub status: &'static str,
    pub closes: String,
    pub updated: String,
}

/// One saved view above the filters: its link (keeping search and sort), its count, and
/// whether it is the one shown.
pub struct ViewTab {
    pub code: &'static str,
    pub label_key: &'static str,
    pub href: String,
    pub count: String,
    pub current: bool,
}

pub struct SortHeader {
    pub label_key: &'static str,
    pub href: String,
    /// `ascending`, `descending` or "" (not sorted by this column).
    pub aria_sort: &'static str,
}

#[derive(Template)]
#[template(path = "associations/index.html")]
struct ListTemplate {
    layout: Layout,
    organisation: String,
    rows: Vec<Row>,
    statuses: Vec<SelectOption>,
    programmes: Vec<SelectOption>,
    locations: Vec<SelectOption>,
    q: String,
    errors: FormErrors,
    filtered: bool,
    organisation_has_claims: bool,
    headers: Vec<SortHeader>,
    views: Vec<ViewTab>,
    view: String,
    previous: Option<String>,
    next: Option<String>,
    export: String,
    /// The same file for Excel: UTF-8 with a byte order mark.
    export_excel: String,
}

pub async fn list(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<ListRequest>,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?.clone();
    let request = query.into_inner();
    let organisation = user.organisation_id.clone().unwrap_or_default();
    let (req, now, ctx) = (request.clone(), state.now(), state.context.clone());
    let listed = state
        .db(move |conn| associations::list(conn, &ctx, &organisation, &req, now))
        .await?;
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    let organisation = user.organisation_name.clone().unwrap_or_default();
    let template = ListTemplate::new(&visitor, organisation, &request, listed, t, zone);
    page(StatusCode::OK, &template)
}

impl ListTemplate {
    fn new(
        visitor: &Visitor,
        organisation: String,
        request: &ListRequest,
        listed: ListPage,
        t: &'static Catalogue,
        zone: chrono_tz::Tz,
    ) -> Self {
        let ListPage {
            claims,
            previous,
            next,
            locations,
            organisation_has_claims,
            counts,
        } = listed;
        let errors = match organisation_has_claims {
            true => search_errors(request.search(), t),
            // No claims, no search box: the page explains the claims instead.
            false => FormErrors::default(),
        };
        ListTemplate {
            layout: Layout::new(visitor, "associations.title").with_errors(!errors.is_empty()),
            errors,
            organisation,
            rows: claims.into_iter().map(|c| row(c, t, zone)).collect(),
            statuses: options(
                &request.status,
                Status::ALL
                    .iter()
                    .map(|s| (s.as_str(), t.get(s.label_key()))),
            ),
            programmes: options(
                &request.programme,
                Programme::ALL
                    .iter()
                    .map(|p| (p.as_str(), t.get(p.label_key()))),
            ),
            locations: options(
                &request.location,
                locations
                    .iter()
                    .map(|(id, name)| (id.as_str(), name.as_str())),
            ),
            q: request.q.clone(),
            filtered: request.has_filters(),
            organisation_has_claims,
            headers: headers(request),
            views: std::iter::once(None)
                .chain(SavedView::ALL.iter().copied().map(Some))
                .map(|view| {
                    let mut target = request.clone();
                    target.view = view.map(|v| v.as_str().to_owned()).unwrap_or_default();
                    target.after.clear();
                    target.before.clear();
                    ViewTab {
                        code: view.map_or("all", |v| v.as_str()),
                        label_key: view.map_or("associations.views.all", |v| v.label_key()),
                        href: href(&target, &[]),
                        count: view.map_or_else(String::new, |v| {
                            t.format(
                                "associations.views.count",
                                &[("count", &counts.of(v).to_string())],
                            )
                        }),
                        current: request.saved_view() == view,
                    }
                })
                .collect(),
            view: request
                .saved_view()
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            previous: previous.map(|p| href(request, &[("before", &p.encode())])),
            next: next.map(|p| href(request, &[("after", &p.encode())])),
            export: format!("/associations/export.csv{}", query_string(request, &[])),
            export_excel: format!(
                "/associations/export.csv{}",
                query_string(request, &[("format", "excel")])
            ),
        }
    }
}

fn row(claim: ListedClaim, t: &'static Catalogue, zone: chrono_tz::Tz) -> Row {
    let status = claim.status;
    Row {
        programme: t.get(claim.programme.label_key()),
        products: claim.products.join(", "),
        status_code: status.as_str(),
        status: t.get(status.label_key()),
        closes: match (status, claim.window_closes_at) {
            (Status::PendingCustomer, Some(at)) => t.format(
                "associations.list.window_closes",
                &[("at", &format::deadline(at, zone, t))],
            ),
            _ => String::new(),
        },
        updated: format::instant(claim.updated_at, zone, t),
        id: claim.id,
        name: claim.name,
        domain: claim.customer_domain,
    }
}

fn headers(request: &ListRequest) -> Vec<SortHeader> {
    let current = request.sort_column();
    let descending = request.descending();
    [
        ("name", "associations.list.name"),
        ("domain", "associations.list.domain"),
        ("updated", "associations.list.updated"),
    ]
    .into_iter()
    .map(|(sort, label_key)| {
        let mut probe = request.clone();
        probe.sort = sort.to_owned();
        probe.dir.clear();
        let is_current = probe.sort_column() == current;
        // Clicking the current column reverses it; another column starts in its natural order.
        let dir = match (is_current, descending) {
            (true, true) => "asc",
            (true, false) => "desc",
            (false, _) => {
                if probe.descending() {
                    "desc"
                } else {
                    "asc"
                }
            }
        };
        let mut target = request.clone();
        target.sort = sort.to_owned();
        target.dir = dir.to_owned();
        target.after.clear();
        target.before.clear();
        SortHeader {
            label_key,
            href: format!("/associations{}", query_string(&target, &[])),
            aria_sort: match (is_current, descending) {
                (false, _) => "",
                (true, true) => "descending",
                (true, false) => "ascending",
            },
        }
    })
    .collect()
}

fn href(request: &ListRequest, cursor: &[(&str, &str)]) -> String {
    format!("/associations{}", query_string(request, cursor))
}

/// The filters and sort of `request` (never its cursor) plus `extra`, as `?a=b&…`.
pub(super) fn query_string(request: &ListRequest, extra: &[(&str, &str)]) -> String {
    let view = request.saved_view().map_or("", |v| v.as_str());
    let mut pairs: Vec<(&str, &str)> = [
        ("view", view),
        ("status", request.status.as_str()),
        ("programme", request.programme.as_str()),
        ("location", request.location.as_str()),
        ("q", request.q.trim()),
        ("sort", request.sort.as_str()),
        ("dir", request.dir.as_str()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    pairs.extend_from_slice(extra);
    if pairs.is_empty() {
        return String::new();
    }
    format!(
        "?{}",
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    )
}
