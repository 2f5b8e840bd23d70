//! `/associations/{id}/poe-template`: the claim's proof-of-execution template.

use actix_web::{HttpResponse, web};

use crate::{i18n::Catalogue, service::claim_view};

use super::{error::AppError, session::Visitor, state::AppState};

pub async fn download(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (now, id) = (state.now(), id.into_inner());
    let t = Catalogue::for_locale(visitor.locale);
    let document = state
        .db(move |conn| claim_view::poe_template(conn, &viewer, &id, now, t))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("application/rtf")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"proof-of-execution-template.rtf\"",
        ))
        .body(document))
}
