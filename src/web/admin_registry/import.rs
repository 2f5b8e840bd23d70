//! `POST /admin/registry/import`: a CSV file of one kind, checked whole and imported in one
//! transaction (see [`registry_import`](crate::service::registry_import)).

use std::time::{Duration, Instant};

use actix_multipart::Multipart;
use actix_web::{HttpResponse, http::StatusCode, web};
use futures_util::StreamExt;

use crate::{
    domain::{access, registry_import::ImportKind},
    i18n::Catalogue,
    service::{
        registry_import::{self as importing, LineProblem},
        registry_views::BrowseRequest,
    },
};

use super::{
    super::{
        error::AppError,
        forms::FormErrors,
        session::Visitor,
        state::AppState,
        upload::{Staged, Upload, read_text, stage},
    },
    ImportShown, render,
};

/// Bad lines listed on the page; the count says how many more there are.
const SHOWN_PROBLEMS: usize = 100;
/// The longest kind code a form can send.
const KIND_BYTES: usize = 64;

pub async fn import(
    visitor: Visitor,
    state: web::Data<AppState>,
    Upload(mut payload): Upload,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let t = Catalogue::for_locale(visitor.locale);
    let limit = state.settings.upload_max_bytes;
    let upload = ImportUpload::read(&mut payload, limit, t).await?;
    let (kind, file, shown) = match upload.ready(t) {
        Ok(ready) => ready,
        Err(shown) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&visitor, &state, BrowseRequest::default(), shown, status).await;
        }
    };
    let (now, started, path) = (state.now(), Instant::now(), file.path.clone());
    let outcome = state
        .db(move |conn| importing::import_file(conn, &viewer, kind, &path, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    drop(file);
    let (shown, status) = match outcome {
        Ok(rows) => (
            shown.imported(kind, rows, started.elapsed(), t),
            StatusCode::OK,
        ),
        Err(problems) => (
            shown.refused(&problems, t),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    render(&visitor, &state, BrowseRequest::default(), shown, status).await
}

/// What the import form sent: the kind's code, the file staged on disk, and why a file
/// could not be staged.
struct ImportUpload {
    kind_code: String,
    file: Option<Staged>,
    errors: FormErrors,
}

impl ImportUpload {
    async fn read(payload: &mut Multipart, limit: u64, t: &Catalogue) -> Result<Self, AppError> {
        let mut upload = ImportUpload {
            kind_code: String::new(),
            file: None,
            errors: FormErrors::default(),
        };
        while let Some(field) = payload.next().await {
            let mut field = field.map_err(|_| AppError::BadRequest)?;
            match field.name() {
                Some("kind") => upload.kind_code = read_text(&mut field, KIND_BYTES).await?,
                Some("file") => match stage(&mut field, limit).await? {
                    Ok(file) if file.size_bytes > 0 => upload.file = Some(file),
                    Ok(_) => {}
                    Err(e) => upload.errors.add("file", t.message(&e)),
                },
                _ => {}
            }
        }
        Ok(upload)
    }

    /// The kind and the file to import (with what the page shows so far), or the form
    /// again with what is missing.
    fn ready(mut self, t: &Catalogue) -> Result<(ImportKind, Staged, ImportShown), ImportShown> {
        let kind = ImportKind::parse(&self.kind_code);
        if kind.is_none() {
            self.errors
                .add("kind", t.get("admin.registry.kind_required"));
        }
        if self.file.is_none() && self.errors.get("file").is_empty() {
            self.errors
                .add("file", t.get("admin.registry.file_required"));
        }
        let shown = ImportShown {
            kind: self.kind_code,
            errors: self.errors,
            ..ImportShown::default()
        };
        match (kind, self.file) {
            (Some(kind), Some(file)) => Ok((kind, file, shown)),
            _ => Err(shown),
        }
    }
}

impl ImportShown {
    /// The import's summary; the form starts afresh.
    fn imported(self, kind: ImportKind, rows: usize, took: Duration, t: &Catalogue) -> Self {
        let seconds = format!("{:.1}", took.as_secs_f64());
        let summary = t.format(
            "admin.registry.imported",
            &[
                ("rows", &rows.to_string()),
                ("kind", t.get(kind.label_key())),
                ("seconds", &seconds),
            ],
        );
        ImportShown {
            kind: String::new(),
            summary: Some(summary),
            ..self
        }
    }

    /// The file's problems by line, the first [`SHOWN_PROBLEMS`] of them listed.
    fn refused(mut self, problems: &[LineProblem], t: &Catalogue) -> Self {
        self.more_problems = problems.len().saturating_sub(SHOWN_PROBLEMS);
        for problem in problems.iter().take(SHOWN_PROBLEMS) {
            self.errors
                .add_line("file", problem.line, &problem.error, t);
        }
        self
    }
}
