//! `/admin/registry`: browse the tenant registry (search, pages) and import it from CSV
//! (tenants, verified domains, subscriptions, monthly usage — see [`import`]), with example
//! files.

mod import;

use actix_web::{HttpResponse, http::StatusCode, http::header, web};
use askama::Template;

use crate::{
    domain::{
        access,
        registry_import::{self, ImportKind},
    },
    i18n::Catalogue,
    service::registry_views::{self, BrowseRequest, TenantList, TenantSummary},
};

use super::{
    error::AppError,
    forms::{Choice, FormErrors, choices, search_errors},
    layout::Layout,
    listing::next_page,
    render::page,
    session::Visitor,
    state::AppState,
};

pub use import::import;

pub struct Example {
    pub href: String,
    pub label: String,
    pub columns: String,
}

/// What the import form shows after a try: the kind chosen, the problems, or the summary.
#[derive(Default)]
struct ImportShown {
    kind: String,
    errors: FormErrors,
    /// Bad lines beyond those listed.
    more_problems: usize,
    summary: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/registry.html")]
struct RegistryPage {
    layout: Layout,
    q: String,
    tenants: Vec<TenantSummary>,
    next: Option<String>,
    kinds: Vec<Choice>,
    examples: Vec<Example>,
    errors: FormErrors,
    more_problems: usize,
    summary: Option<String>,
    limit_mb: u64,
}

impl RegistryPage {
    fn new(
        visitor: &Visitor,
        request: BrowseRequest,
        list: TenantList,
        shown: ImportShown,
        limit_bytes: u64,
    ) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        let layout = Layout::new(visitor, "admin.registry.title");
        let mut errors = shown.errors;
        errors.extend(search_errors(request.search(), t));
        Self {
            layout: layout.with_errors(!errors.is_empty()),
            next: list
                .next
                .map(|position| next_page("/admin/registry", &request.filter_pairs(), &position)),
            q: request.q,
            tenants: list.tenants,
            kinds: kind_choices(t, &shown.kind),
            examples: ImportKind::ALL
                .iter()
                .map(|k| Example {
                    href: format!("/admin/registry/example/{}.csv", k.as_str()),
                    label: t.get(k.label_key()).to_owned(),
                    columns: k.columns().join(","),
                })
                .collect(),
            errors,
            more_problems: shown.more_problems,
            summary: shown.summary,
            limit_mb: limit_bytes / (1024 * 1024),
        }
    }
}

/// The kinds of file as radios, each with its columns as the hint.
fn kind_choices(t: &Catalogue, selected: &str) -> Vec<Choice> {
    let kinds = ImportKind::ALL.iter().map(|k| {
        (
            k.as_str().to_owned(),
            t.get(k.label_key()).to_owned(),
            k.columns().join(","),
        )
    });
    choices("kind", kinds.collect(), selected)
}

pub async fn index(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<BrowseRequest>,
) -> Result<HttpResponse, AppError> {
    let shown = ImportShown::default();
    render(&visitor, &state, query.into_inner(), shown, StatusCode::OK).await
}

pub async fn example(visitor: Visitor, kind: web::Path<String>) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let code = kind.into_inner();
    let kind = ImportKind::parse(code.trim_end_matches(".csv")).ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}-example.csv\"", kind.as_str()),
        ))
        .body(registry_import::example(kind)))
}

async fn render(
    visitor: &Visitor,
    state: &AppState,
    request: BrowseRequest,
    shown: ImportShown,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let wanted = request.clone();
    let list = state
        .db(move |conn| registry_views::browse(conn, &viewer, &wanted))
        .await?
        .ok_or(AppError::Forbidden)?;
    let limit = state.settings.upload_max_bytes;
    page(
        status,
        &RegistryPage::new(visitor, request, list, shown, limit),
    )
}
