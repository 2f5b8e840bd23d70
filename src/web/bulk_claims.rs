//! `/associations/import`: draft claims from a CSV file (the template at
//! `/associations/import/template.csv`), every row checked first, all or nothing (see
//! [`bulk_claims`](crate::service::bulk_claims)). The drafts' files are added afterwards.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, http::StatusCode, http::header, web};
use askama::Template;
use futures_util::StreamExt;

use crate::{
    domain::{access, bulk_claims::COLUMNS},
    i18n::Catalogue,
    service::bulk_claims::{self as importing, ImportRequest, Imported, LineProblem},
    tokens::random_token,
};

use super::{
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
    upload::{Staged, Upload, read_text, stage},
};

/// Bad lines listed on the page; the count says how many more there are.
const SHOWN_PROBLEMS: usize = 100;

/// One column of the template, explained.
pub struct ColumnHelp {
    pub name: &'static str,
    pub meaning: String,
}

#[derive(Template)]
#[template(path = "associations/import.html")]
struct ImportPage {
    layout: Layout,
    columns: Vec<ColumnHelp>,
    limit_mb: u64,
    /// This form's own id: the same form sent twice imports once.
    request_id: String,
    errors: FormErrors,
    more_problems: usize,
}

/// What the import form sent.
struct ImportForm {
    file: Staged,
    request_id: String,
}

pub async fn show(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_create_claims)?;
    render(&visitor, &state, FormErrors::default(), 0)
}

/// The header row to fill in, as a CSV file.
pub async fn template(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_create_claims)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"claims-template.csv\"",
        ))
        // A byte-order mark: Excel then opens and saves the file as UTF-8 in every locale.
        .body(format!("\u{feff}{}\r\n", COLUMNS.join(","))))
}

pub async fn upload(
    visitor: Visitor,
    state: web::Data<AppState>,
    Upload(mut payload): Upload,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?.clone();
    let t = Catalogue::for_locale(visitor.locale);
    let form = match received_form(&mut payload, state.settings.upload_max_bytes, t).await? {
        Ok(form) => form,
        Err(errors) => return render(&visitor, &state, errors, 0),
    };
    let (now, today, locale) = (state.now(), state.today(), visitor.locale);
    let (path, request_id) = (form.file.path.clone(), form.request_id.clone());
    let outcome = state
        .db(move |conn| {
            let request = ImportRequest {
                user: &user,
                language: locale,
                request_id: &request_id,
            };
            importing::import(conn, &request, std::fs::File::open(&path)?, now, today)
        })
        .await?;
    drop(form);
    let flash = match outcome {
        Imported::Made(_) => "flash.drafts_imported",
        Imported::AlreadyImported => "flash.drafts_already_imported",
        Imported::Refused(problems) => {
            let more = problems.len().saturating_sub(SHOWN_PROBLEMS);
            return render(&visitor, &state, line_errors(&problems, t), more);
        }
    };
    see_other_with_flash(
        "/associations?status=draft",
        flash,
        state.settings.cookie_secure,
    )
}

/// The form's file, staged on disk, and its id; or why there is no file to read.
async fn received_form(
    payload: &mut Multipart,
    limit: u64,
    t: &Catalogue,
) -> Result<Result<ImportForm, FormErrors>, AppError> {
    let mut errors = FormErrors::default();
    let mut file = None;
    // A form without an id of its own shape (not the page's) is still imported, once.
    let mut request_id = random_token();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadRequest)?;
        if field.name() == Some("request") {
            let sent = read_text(&mut field, 64).await?;
            if !sent.is_empty() && sent.bytes().all(|b| b.is_ascii_alphanumeric()) {
                request_id = sent;
            }
        } else if field.name() == Some("file") && file.is_none() {
            match stage(&mut field, limit).await? {
                Ok(staged) if staged.size_bytes > 0 => file = Some(staged),
                Ok(_) => {}
                Err(e) => errors.add("file", t.message(&e)),
            }
        }
    }
    match file {
        Some(file) if errors.is_empty() => Ok(Ok(ImportForm { file, request_id })),
        _ => {
            if errors.is_empty() {
                errors.add("file", t.get("bulk_claims.file_required"));
            }
            Ok(Err(errors))
        }
    }
}

/// Each problem as a line of the file field's message, the first [`SHOWN_PROBLEMS`] of them.
pub(super) fn line_errors(problems: &[LineProblem], t: &Catalogue) -> FormErrors {
    let mut errors = FormErrors::default();
    for problem in problems.iter().take(SHOWN_PROBLEMS) {
        let (line, message) = (problem.line.to_string(), t.message(&problem.problem));
        let text = match (problem.column, &problem.item) {
            (Some(column), Some(item)) => t.format(
                "bulk_claims.line_column_item_problem",
                &[
                    ("line", &line),
                    ("column", column),
                    ("item", item),
                    ("message", &message),
                ],
            ),
            (Some(column), None) => t.format(
                "bulk_claims.line_column_problem",
                &[("line", &line), ("column", column), ("message", &message)],
            ),
            (None, _) => t.format(
                "bulk_claims.line_problem",
                &[("line", &line), ("message", &message)],
            ),
        };
        errors.add("file", text);
    }
    errors
}

fn render(
    visitor: &Visitor,
    state: &AppState,
    errors: FormErrors,
    more_problems: usize,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = ImportPage {
        layout: Layout::new(visitor, "bulk_claims.title").with_errors(!errors.is_empty()),
        columns: COLUMNS
            .iter()
            .map(|name| ColumnHelp {
                name,
                meaning: t.get(&format!("bulk_claims.column.{name}")).to_owned(),
            })
            .collect(),
        limit_mb: state.settings.upload_max_bytes / (1024 * 1024),
        request_id: random_token(),
        errors,
        more_problems,
    };
    page(status, &template)
}
