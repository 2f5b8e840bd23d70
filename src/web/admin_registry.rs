//! `/admin/registry`: browse the tenant registry (search, pages) and import it from CSV
//! (tenants, verified domains, subscriptions, monthly usage), with example files.

use std::time::Instant;

use actix_multipart::Multipart;
use actix_web::{HttpResponse, http::StatusCode, http::header, web};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;

use crate::{
    domain::{
        access,
        keyset::KeysetPosition,
        registry_import::{self, ImportKind},
    },
    i18n::Catalogue,
    service::{registry_import as importing, tenants_admin},
};

use super::{
    error::AppError,
    forms::{Choice, FormErrors, choices},
    layout::Layout,
    listing::next_page,
    render::page,
    session::Visitor,
    state::AppState,
    upload::stage,
};

/// Tenants per page.
const PAGE: i64 = 50;
/// Bad lines listed on the page; the count says how many more there are.
const SHOWN_PROBLEMS: usize = 100;

pub struct TenantLine {
    pub id: String,
    pub name: String,
}

pub struct Example {
    pub href: String,
    pub label: String,
    pub columns: String,
}

#[derive(Template)]
#[template(path = "admin/registry.html")]
struct RegistryPage {
    layout: Layout,
    q: String,
    tenants: Vec<TenantLine>,
    next: Option<String>,
    kinds: Vec<Choice>,
    examples: Vec<Example>,
    errors: FormErrors,
    more_problems: usize,
    summary: Option<String>,
    limit_mb: u64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BrowseQuery {
    q: String,
    after: String,
}

pub async fn index(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<BrowseQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    render(
        &visitor,
        &state,
        q,
        String::new(),
        FormErrors::default(),
        0,
        None,
        StatusCode::OK,
    )
    .await
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

pub async fn import(
    visitor: Visitor,
    state: web::Data<AppState>,
    mut payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let t = Catalogue::for_locale(visitor.locale);
    let mut kind_code = String::new();
    let mut staged = None;
    let mut errors = FormErrors::default();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadRequest)?;
        match field.name() {
            Some("kind") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(|_| AppError::BadRequest)?;
                    if bytes.len() + chunk.len() > 64 {
                        return Err(AppError::BadRequest);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                kind_code = String::from_utf8_lossy(&bytes).into_owned();
            }
            Some("file") => match stage(&mut field, state.settings.upload_max_bytes).await? {
                Ok(file) if file.size_bytes > 0 => staged = Some(file),
                Ok(_) => {}
                Err(e) => errors.add("file", t.message(&e)),
            },
            _ => {}
        }
    }
    let kind = ImportKind::parse(&kind_code);
    if kind.is_none() {
        errors.add("kind", t.get("admin.registry.kind_required"));
    }
    if staged.is_none() && errors.get("file").is_empty() {
        errors.add("file", t.get("admin.registry.file_required"));
    }
    let (Some(kind), Some(file)) = (kind, staged) else {
        return render(
            &visitor,
            &state,
            BrowseQuery::default(),
            kind_code,
            errors,
            0,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let now = state.now();
    let started = Instant::now();
    let path = file.path.clone();
    let outcome = state
        .db(move |conn| {
            let reader = std::io::BufReader::new(std::fs::File::open(&path)?);
            importing::import(conn, &viewer, kind, reader, now)
        })
        .await?
        .ok_or(AppError::Forbidden)?;
    drop(file);
    match outcome {
        Ok(rows) => {
            let seconds = format!("{:.1}", started.elapsed().as_secs_f64());
            let summary = t.format(
                "admin.registry.imported",
                &[
                    ("rows", &rows.to_string()),
                    ("kind", t.get(kind.label_key())),
                    ("seconds", &seconds),
                ],
            );
            render(
                &visitor,
                &state,
                BrowseQuery::default(),
                String::new(),
                errors,
                0,
                Some(summary),
                StatusCode::OK,
            )
            .await
        }
        Err(problems) => {
            let more = problems.len().saturating_sub(SHOWN_PROBLEMS);
            for problem in problems.iter().take(SHOWN_PROBLEMS) {
                let line = problem.line.to_string();
                let message = t.message(&problem.error);
                errors.add(
                    "file",
                    t.format(
                        "admin.calendar.line_error",
                        &[("line", &line), ("message", &message)],
                    ),
                );
            }
            render(
                &visitor,
                &state,
                BrowseQuery::default(),
                kind_code,
                errors,
                more,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    visitor: &Visitor,
    state: &AppState,
    q: BrowseQuery,
    kind: String,
    errors: FormErrors,
    more_problems: usize,
    summary: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let search = Some(q.q.trim().to_owned()).filter(|s| !s.is_empty());
    let after = KeysetPosition::decode(&q.after);
    let (search_for, after_for) = (search.clone(), after.clone());
    let tenants = state
        .db(move |conn| {
            tenants_admin::browse(conn, search_for.as_deref(), after_for.as_ref(), PAGE + 1)
        })
        .await?;
    let more = tenants.len() as i64 > PAGE;
    let tenants: Vec<TenantLine> = tenants
        .into_iter()
        .take(PAGE as usize)
        .map(|(id, name)| TenantLine { id, name })
        .collect();
    let next = tenants.last().filter(|_| more).map(|last| {
        let position = KeysetPosition::new(last.name.as_str(), last.id.as_str());
        let filters = [("q", search.as_deref().unwrap_or_default())];
        next_page("/admin/registry", &filters, &position)
    });
    let t = Catalogue::for_locale(visitor.locale);
    let template = RegistryPage {
        layout: Layout::new(visitor, "admin.registry.title").with_errors(!errors.is_empty()),
        q: q.q,
        tenants,
        next,
        kinds: choices(
            "kind",
            ImportKind::ALL
                .iter()
                .map(|k| {
                    (
                        k.as_str().to_owned(),
                        t.get(k.label_key()).to_owned(),
                        k.columns().join(","),
                    )
                })
                .collect(),
            &kind,
        ),
        examples: ImportKind::ALL
            .iter()
            .map(|k| Example {
                href: format!("/admin/registry/example/{}.csv", k.as_str()),
                label: t.get(k.label_key()).to_owned(),
                columns: k.columns().join(","),
            })
            .collect(),
        errors,
        more_problems,
        summary,
        limit_mb: state.settings.upload_max_bytes / (1024 * 1024),
    };
    page(status, &template)
}
