//! Step 7, `/associations/{id}/submit`: optional comments, a summary of everything with
//! Change links, and **Submit claim** — offered only when the domain says the draft is
//! complete. Also **Withdraw** (`/associations/{id}/withdraw`), with a confirmation.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        claim::{Action, Section, TransitionError},
        draft::CommentsInput,
        values::Comment,
    },
    i18n::Catalogue,
    service::{
        claim_actions,
        claim_view::{self, ClaimDetails},
        comments_step,
    },
};

use super::{
    claim::{DetailRow, Missing, step_href, summary},
    error::{AppError, Explained, explain},
    forms::FormErrors,
    layout::Layout,
    products::denied,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

#[derive(Template)]
#[template(path = "associations/submit.html")]
struct SubmitPage {
    layout: Layout,
    claim_id: String,
    claim_name: String,
    step: String,
    errors: FormErrors,
    comments: String,
    details: Vec<DetailRow>,
    missing: Vec<Missing>,
    complete: bool,
}

#[derive(Template)]
#[template(path = "associations/withdraw.html")]
struct WithdrawPage {
    layout: Layout,
    claim_id: String,
    claim_name: String,
    errors: FormErrors,
    reason: String,
}

pub async fn form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let details = owned_draft(&visitor, &state, id.into_inner()).await?;
    let comments = details.row.comments.clone().unwrap_or_default();
    render(
        &visitor,
        &details,
        comments,
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn save_comments(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<CommentsInput>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (now, claim_id, input) = (state.now(), id.into_inner(), form.into_inner());
    let (target, typed) = (claim_id.clone(), input.clone());
    let saved = state
        .db(move |conn| comments_step::save(conn, &viewer, &target, &typed, now))
        .await?;
    match saved.map_err(denied)? {
        Ok(()) => see_other_with_flash(
            &format!("/associations/{claim_id}/submit"),
            "flash.comments_saved",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            let details = owned_draft(&visitor, &state, claim_id).await?;
            let errors = FormErrors::from_domain(&errors, Catalogue::for_locale(visitor.locale));
            render(
                &visitor,
                &details,
                input.comments,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

/// **Submit claim**.
pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (now, claim_id) = (state.now(), id.into_inner());
    let (target, ctx) = (claim_id.clone(), state.context.clone());
    let outcome = state
        .db(move |conn| claim_actions::submit(conn, &ctx, &viewer, &target, now))
        .await?;
    let Err(refused) = outcome else {
        return see_other_with_flash(
            &format!("/associations/{claim_id}"),
            "flash.submitted",
            state.settings.cookie_secure,
        );
    };
    let explained = explain(refused, None)?;
    let details = owned_draft(&visitor, &state, claim_id).await?;
    let t = Catalogue::for_locale(visitor.locale);
    let mut errors = FormErrors::default();
    match explained {
        Explained::Rule(TransitionError::Incomplete(items)) => {
            for item in items {
                errors.add("missing", t.message(&item));
            }
        }
        other => errors.add("missing", other.message(t)),
    }
    let comments = details.row.comments.clone().unwrap_or_default();
    render(
        &visitor,
        &details,
        comments,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WithdrawForm {
    reason: String,
}

pub async fn withdraw_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let details =
        super::claim::allowing(&visitor, &state, id.into_inner(), Action::Withdraw).await?;
    render_withdraw(
        &visitor,
        &details,
        String::new(),
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn withdraw(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<WithdrawForm>,
) -> Result<HttpResponse, AppError> {
    let claim_id = id.into_inner();
    let reason = form.into_inner().reason;
    let parsed = match Comment::parse(&reason) {
        Ok(parsed) => parsed,
        Err(error) => {
            let details =
                super::claim::allowing(&visitor, &state, claim_id, Action::Withdraw).await?;
            let mut errors = FormErrors::default();
            errors.add(
                "reason",
                Catalogue::for_locale(visitor.locale).message(&error),
            );
            return render_withdraw(
                &visitor,
                &details,
                reason,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let viewer = visitor.signed_in()?.viewer();
    let (now, target, ctx) = (state.now(), claim_id.clone(), state.context.clone());
    let outcome = state
        .db(move |conn| claim_actions::withdraw(conn, &ctx, &viewer, &target, &parsed, now))
        .await?;
    outcome?;
    see_other_with_flash(
        &format!("/associations/{claim_id}"),
        "flash.withdrawn",
        state.settings.cookie_secure,
    )
}

/// The claim, when it is the viewer's organisation's draft.
async fn owned_draft(
    visitor: &Visitor,
    state: &AppState,
    claim_id: String,
) -> Result<ClaimDetails, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let details = state
        .db(move |conn| claim_view::load(conn, &viewer, &claim_id, now))
        .await?
        .ok_or(AppError::NotFound)?;
    if !details.editable.contains(&Section::Comments) {
        return Err(AppError::Forbidden);
    }
    Ok(details)
}

fn render(
    visitor: &Visitor,
    details: &ClaimDetails,
    comments: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let template = SubmitPage {
        layout: Layout::new(visitor, "submit.title").with_errors(!errors.is_empty()),
        claim_id: details.row.id.clone(),
        claim_name: details.row.name.clone(),
        step: t.format("wizard.step", &[("n", "7")]),
        errors,
        comments,
        details: summary(details, t),
        missing: details
            .missing
            .iter()
            .map(|m| Missing {
                text: t.message(m),
                href: step_href(details, m.step()),
            })
            .collect(),
        complete: details.missing.is_empty(),
    };
    page(status, &template)
}

fn render_withdraw(
    visitor: &Visitor,
    details: &ClaimDetails,
    reason: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let template = WithdrawPage {
        layout: Layout::new(visitor, "withdraw.title").with_errors(!errors.is_empty()),
        claim_id: details.row.id.clone(),
        claim_name: details.row.name.clone(),
        errors,
        reason,
    };
    page(status, &template)
}
