//! Posting to a claim's conversation: the partner from the claim page, staff from the case.

use actix_web::{HttpResponse, http::StatusCode, web};
use serde::Deserialize;

use crate::{
    domain::{access, values::Comment},
    i18n::Catalogue,
    service::conversation,
};

use super::{
    claim, error::AppError, forms::FormErrors, render::see_other_with_flash, review_case,
    session::Visitor, state::AppState,
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MessageForm {
    message: String,
}

/// `POST /associations/{id}/messages`.
pub async fn from_claim_page(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let claim_id = id.into_inner();
    let typed = form.into_inner().message;
    match post(&visitor, &state, &claim_id, &typed).await? {
        Ok(()) => see_other_with_flash(
            &format!("/associations/{claim_id}#messages"),
            "flash.message_sent",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            claim::render(
                &visitor,
                &state,
                claim_id,
                typed,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `POST /review/{id}/messages`.
pub async fn from_case_page(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<MessageForm>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_review)?;
    let claim_id = id.into_inner();
    let typed = form.into_inner().message;
    match post(&visitor, &state, &claim_id, &typed).await? {
        Ok(()) => see_other_with_flash(
            &format!("/review/{claim_id}#messages"),
            "flash.message_sent",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            let typed = review_case::Typed {
                message: typed,
                ..Default::default()
            };
            review_case::render(
                &visitor,
                &state,
                claim_id,
                errors,
                typed,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// Posts the message; field errors when it is empty or too long.
async fn post(
    visitor: &Visitor,
    state: &AppState,
    claim_id: &str,
    typed: &str,
) -> Result<Result<(), FormErrors>, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let body = match Comment::parse(typed) {
        Ok(body) => body,
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.add("message", Catalogue::for_locale(visitor.locale).message(&e));
            return Ok(Err(errors));
        }
    };
    let (now, target, ctx) = (state.now(), claim_id.to_owned(), state.context.clone());
    let posted = state
        .db(move |conn| conversation::post(conn, &ctx, &viewer, &target, &body, now))
        .await?;
    if posted {
        Ok(Ok(()))
    } else {
        Err(AppError::NotFound)
    }
}
