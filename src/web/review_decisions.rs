//! The reviewer's decisions on `/review/{id}`: Validate, Action required, Reject, and the
//! decision on a dispute. A refused or invalid decision re-shows the case page with why.

use actix_web::{HttpResponse, http::StatusCode, web};
use serde::Deserialize;

use crate::{
    domain::{
        access::{self, Viewer},
        claim::{DisputeDecision, RejectionReason, TransitionError},
        values::Comment,
    },
    i18n::Catalogue,
    service::{claim_actions::Refused, review},
};

use super::{
    error::{AppError, Explained, explain},
    forms::FormErrors,
    render::see_other_with_flash,
    review_case::{Typed, render},
    session::Visitor,
    state::AppState,
};

pub async fn validate(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_review)?.viewer();
    let (claim_id, now, ctx) = (id.into_inner(), state.now(), state.context.clone());
    let target = claim_id.clone();
    let decision = state
        .db(move |conn| review::validate(conn, &ctx, &viewer, &target, now))
        .await?;
    conclude(
        &visitor,
        &state,
        claim_id,
        decision,
        "flash.validated",
        Typed::default(),
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AskForm {
    comment: String,
}

pub async fn ask(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<AskForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_review)?.viewer();
    let claim_id = id.into_inner();
    let typed = Typed {
        comment: form.into_inner().comment,
        ..Typed::default()
    };
    let comment = match Comment::parse(&typed.comment) {
        Ok(comment) => comment,
        Err(e) => {
            let errors = FormErrors::one("comment", &e, Catalogue::for_locale(visitor.locale));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&visitor, &state, claim_id, errors, typed, status).await;
        }
    };
    let (now, ctx, target) = (state.now(), state.context.clone(), claim_id.clone());
    let decision = state
        .db(move |conn| review::ask_for_information(conn, &ctx, &viewer, &target, comment, now))
        .await?;
    let done = "flash.information_requested";
    conclude(&visitor, &state, claim_id, decision, done, typed).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RejectForm {
    pub reason: String,
    pub reason_text: String,
}

impl RejectForm {
    /// A reason this reviewer may choose, and the text if any; or what is wrong with them.
    /// Whether the reason needs text is the domain's to say, when the decision is made.
    pub fn parse(
        &self,
        viewer: &Viewer,
        t: &Catalogue,
    ) -> Result<(RejectionReason, Option<Comment>), FormErrors> {
        let mut errors = FormErrors::default();
        let reason =
            RejectionReason::parse(&self.reason).filter(|r| reasons_for(viewer).contains(r));
        if reason.is_none() {
            errors.add("reason", t.get("review.reject.reason_required"));
        }
        let text = Comment::parse_optional(&self.reason_text)
            .inspect_err(|e| errors.add("reason_text", t.message(e)));
        match (reason, text) {
            (Some(reason), Ok(text)) => Ok((reason, text)),
            _ => Err(errors),
        }
    }
}

pub async fn reject(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<RejectForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_review)?.viewer();
    let (claim_id, form) = (id.into_inner(), form.into_inner());
    let parsed = form.parse(&viewer, Catalogue::for_locale(visitor.locale));
    let typed = Typed {
        reason: form.reason,
        reason_text: form.reason_text,
        ..Typed::default()
    };
    let (reason, text) = match parsed {
        Ok(parsed) => parsed,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&visitor, &state, claim_id, errors, typed, status).await;
        }
    };
    let (now, ctx, target) = (state.now(), state.context.clone(), claim_id.clone());
    let decision = state
        .db(move |conn| review::reject(conn, &ctx, &viewer, &target, reason, text, now))
        .await?;
    let flash = "flash.rejected";
    conclude(&visitor, &state, claim_id, decision, flash, typed).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DisputeDecisionForm {
    decision: String,
    decision_text: String,
}

impl DisputeDecisionForm {
    /// The decision (a decline may carry text), or what is wrong with the form.
    fn parse(&self, t: &Catalogue) -> Result<DisputeDecision, FormErrors> {
        let mut errors = FormErrors::default();
        let text = Comment::parse_optional(&self.decision_text)
            .inspect_err(|e| errors.add("decision_text", t.message(e)));
        let decision = match (self.decision.as_str(), text) {
            ("accept", Ok(_)) => Some(DisputeDecision::Accept),
            ("decline", Ok(text)) => Some(DisputeDecision::Decline(text)),
            ("accept" | "decline", Err(_)) => None,
            _ => {
                errors.add("decision", t.get("review.dispute.decision_required"));
                None
            }
        };
        decision.ok_or(errors)
    }
}

pub async fn decide_dispute(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<DisputeDecisionForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_review)?.viewer();
    let (claim_id, form) = (id.into_inner(), form.into_inner());
    let parsed = form.parse(Catalogue::for_locale(visitor.locale));
    let typed = Typed {
        decision: form.decision,
        decision_text: form.decision_text,
        ..Typed::default()
    };
    let decision = match parsed {
        Ok(decision) => decision,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&visitor, &state, claim_id, errors, typed, status).await;
        }
    };
    let (now, ctx, target) = (state.now(), state.context.clone(), claim_id.clone());
    let outcome = state
        .db(move |conn| review::decide_dispute(conn, &ctx, &viewer, &target, decision, now))
        .await?;
    let done = "flash.dispute_decided";
    conclude(&visitor, &state, claim_id, outcome, done, typed).await
}

/// The reasons this reviewer chooses from: the domain's list for their kind of actor.
pub(super) fn reasons_for(viewer: &Viewer) -> Vec<RejectionReason> {
    viewer
        .actor()
        .map_or_else(Vec::new, |actor| RejectionReason::choices_for(actor.kind()))
}

/// After a decision: back to the case with a confirmation, or the case again with why not.
async fn conclude(
    visitor: &Visitor,
    state: &AppState,
    claim_id: String,
    decision: Result<(), Refused>,
    flash: &str,
    typed: Typed,
) -> Result<HttpResponse, AppError> {
    let Err(refused) = decision else {
        return see_other_with_flash(
            &format!("/review/{claim_id}"),
            flash,
            state.settings.cookie_secure,
        );
    };
    let explained = explain(refused, Some("review.changed_meanwhile"))?;
    let (field, status) = placement(&explained);
    let mut errors = FormErrors::default();
    errors.add(
        field,
        explained.message(Catalogue::for_locale(visitor.locale)),
    );
    render(visitor, state, claim_id, errors, typed, status).await
}

/// Where the page shows a refusal: beside the field it is about (a form to correct), or
/// above the decisions (the claim is not in a state for it).
fn placement(refusal: &Explained) -> (&'static str, StatusCode) {
    match refusal {
        Explained::Rule(TransitionError::ReasonTextRequired) => {
            ("reason_text", StatusCode::UNPROCESSABLE_ENTITY)
        }
        _ => ("decisions", StatusCode::CONFLICT),
    }
}
