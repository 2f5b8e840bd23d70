//! The partner's answers after review: **Resubmit** after *Action required*, and
//! **Dispute** of a rejection (a justification, optionally with new proof of execution).

use actix_multipart::Multipart;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use futures_util::StreamExt;

use crate::{
    domain::{
        claim::Action,
        evidence::{EvidenceError, EvidenceKind, MAX_FILES_PER_UPLOAD, display_name, recognise},
        values::Comment,
    },
    i18n::Catalogue,
    service::{
        claim_actions,
        claim_view::ClaimDetails,
        evidence_step::{self, StagedUpload},
    },
};

use super::{
    error::{AppError, explain},
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
    upload::{Staged, stage},
};

/// `POST /associations/{id}/resubmit`.
pub async fn resubmit(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (claim_id, now, ctx) = (id.into_inner(), state.now(), state.context.clone());
    let target = claim_id.clone();
    let outcome = state
        .db(move |conn| claim_actions::resubmit(conn, &ctx, &viewer, &target, now))
        .await?;
    let Err(refused) = outcome else {
        return see_other_with_flash(
            &format!("/associations/{claim_id}"),
            "flash.resubmitted",
            state.settings.cookie_secure,
        );
    };
    let explained = explain(refused, Some("claim.changed_meanwhile"))?;
    let mut errors = FormErrors::default();
    errors.add(
        "missing",
        explained.message(Catalogue::for_locale(visitor.locale)),
    );
    super::claim::render(
        &visitor,
        &state,
        claim_id,
        String::new(),
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[derive(Template)]
#[template(path = "associations/dispute.html")]
struct DisputePage {
    layout: Layout,
    claim_id: String,
    claim_name: String,
    deadline: String,
    errors: FormErrors,
    justification: String,
    limit_mb: u64,
}

/// `GET /associations/{id}/dispute`.
pub async fn form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let details =
        super::claim::allowing(&visitor, &state, id.into_inner(), Action::Dispute).await?;
    render(
        &visitor,
        &state,
        &details,
        String::new(),
        FormErrors::default(),
        StatusCode::OK,
    )
}

/// The longest justification read from the form (the domain's comment limit is lower).
const MAX_TEXT_BYTES: usize = 16 * 1024;

/// `POST /associations/{id}/dispute` (multipart: the justification and optional files).
pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    mut payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let claim_id = id.into_inner();
    let details =
        super::claim::allowing(&visitor, &state, claim_id.clone(), Action::Dispute).await?;
    let t = Catalogue::for_locale(visitor.locale);
    let mut justification = String::new();
    let mut files: Vec<(Staged, String, EvidenceKind)> = Vec::new();
    let mut refused: Option<EvidenceError> = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadRequest)?;
        let client_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        if field.name() == Some("justification") {
            let mut bytes = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(|_| AppError::BadRequest)?;
                if bytes.len() + chunk.len() > MAX_TEXT_BYTES {
                    return Err(AppError::BadRequest);
                }
                bytes.extend_from_slice(&chunk);
            }
            justification = String::from_utf8(bytes).map_err(|_| AppError::BadRequest)?;
            continue;
        }
        let Some(client_name) = client_name.filter(|n| !n.is_empty()) else {
            continue;
        };
        if refused.is_some() {
            continue;
        }
        if files.len() >= MAX_FILES_PER_UPLOAD {
            refused = Some(EvidenceError::TooManyFiles {
                max: MAX_FILES_PER_UPLOAD,
            });
            continue;
        }
        match stage(&mut field, state.settings.upload_max_bytes).await? {
            Ok(staged) => match recognise(&staged.head, &client_name) {
                Ok(kind) => files.push((staged, display_name(&client_name), kind)),
                Err(error) => refused = Some(error),
            },
            Err(error) => refused = Some(error),
        }
    }
    let mut errors = FormErrors::default();
    if let Some(error) = refused {
        errors.add("files", t.message(&error));
    }
    let parsed = match Comment::parse(&justification) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            errors.add("justification", t.message(&e));
            None
        }
    };
    let Some(parsed) = parsed.filter(|_| errors.is_empty()) else {
        return render(
            &visitor,
            &state,
            &details,
            justification,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let user = visitor.signed_in()?.clone();
    let (now, ctx, target) = (state.now(), state.context.clone(), claim_id.clone());
    let outcome = state
        .db(move |conn| {
            let viewer = user.viewer();
            claim_actions::dispute(conn, &ctx, &viewer, &target, parsed, now, |c| {
                for (staged, name, kind) in &files {
                    let upload = StagedUpload {
                        path: &staged.path,
                        display_name: name,
                        kind: *kind,
                        size_bytes: staged.size_bytes,
                        sha256: &staged.sha256,
                    };
                    evidence_step::store_file(c, &user.user_id, &target, &upload, now)?;
                }
                Ok(())
            })
        })
        .await?;
    outcome?;
    see_other_with_flash(
        &format!("/associations/{claim_id}"),
        "flash.disputed",
        state.settings.cookie_secure,
    )
}

fn render(
    visitor: &Visitor,
    state: &AppState,
    details: &ClaimDetails,
    justification: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let deadline = details
        .snapshot
        .dispute_deadline()
        .map(|at| super::format::instant(at, state.settings.calendar_time_zone, t))
        .unwrap_or_default();
    let template = DisputePage {
        layout: Layout::new(visitor, "dispute.title").with_errors(!errors.is_empty()),
        claim_id: details.row.id.clone(),
        claim_name: details.row.name.clone(),
        deadline: t.format("dispute.deadline", &[("at", &deadline)]),
        errors,
        justification,
        limit_mb: state.settings.upload_max_bytes / (1024 * 1024),
    };
    page(status, &template)
}
