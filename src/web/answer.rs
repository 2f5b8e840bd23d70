//! The partner's answers after review: **Resubmit** after *Action required*, and
//! **Dispute** of a rejection (a justification, optionally with new proof of execution).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{claim::Action, values::Comment},
    i18n::Catalogue,
    service::{claim_actions, claim_view::ClaimDetails},
};

use super::{
    error::{AppError, explain},
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
    upload::{Received, ReceivedFile, Upload, receive},
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

/// `POST /associations/{id}/dispute` (multipart: the justification and optional files).
pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    Upload(mut payload): Upload,
) -> Result<HttpResponse, AppError> {
    let claim_id = id.into_inner();
    let details =
        super::claim::allowing(&visitor, &state, claim_id.clone(), Action::Dispute).await?;
    let limit = state.settings.upload_max_bytes;
    let received = receive(&mut payload, &["justification"], limit).await?;
    let justification = received.text("justification");
    let parsed = match justified(
        &received,
        &justification,
        Catalogue::for_locale(visitor.locale),
    ) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&visitor, &state, &details, justification, errors, status);
        }
    };
    let viewer = visitor.signed_in()?.viewer();
    let (now, ctx, target) = (state.now(), state.context.clone(), claim_id.clone());
    state
        .db(move |conn| {
            let files: Vec<_> = received.files.iter().map(ReceivedFile::upload).collect();
            claim_actions::dispute(conn, &ctx, &viewer, &target, parsed, &files, now)
        })
        .await??;
    see_other_with_flash(
        &format!("/associations/{claim_id}"),
        "flash.disputed",
        state.settings.cookie_secure,
    )
}

/// The dispute's justification, if it and every file are acceptable; else what is wrong.
fn justified(
    received: &Received,
    justification: &str,
    t: &Catalogue,
) -> Result<Comment, FormErrors> {
    let mut errors = FormErrors::default();
    if let Some(error) = &received.refused {
        errors.add("files", t.message(error));
    }
    let parsed =
        Comment::parse(justification).inspect_err(|e| errors.add("justification", t.message(e)));
    match parsed {
        Ok(parsed) if errors.is_empty() => Ok(parsed),
        _ => Err(errors),
    }
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
