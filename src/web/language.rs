//! `POST /language`: the language switch on every page. Remembers the choice in a cookie,
//! saves it as the signed-in user's language, and goes back to the page it came from.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{i18n::Locale, service::own_account};

use super::{
    error::{AppError, safe_next_path},
    render::see_other,
    session::{self, Visitor},
    state::AppState,
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SwitchForm {
    language: String,
    next: String,
}

pub async fn switch(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<SwitchForm>,
) -> Result<HttpResponse, AppError> {
    let mut res = see_other(return_path(&form.next));
    let Some(locale) = Locale::parse(&form.language) else {
        return Ok(res);
    };
    if visitor.user.is_some() {
        save_language(&visitor, &state, Some(locale)).await?;
    }
    let cookie = session::language_cookie(locale, state.settings.cookie_secure);
    res.add_cookie(&cookie)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(res)
}

/// Where the switch goes back to: a path on this site that fits in a header, else home.
fn return_path(next: &str) -> &str {
    safe_next_path(next)
        .filter(|path| path.is_ascii())
        .unwrap_or("/")
}

/// Saves the signed-in visitor's language (`None`: the browser's); their remembered session
/// is dropped, so the next page reads it back.
pub async fn save_language(
    visitor: &Visitor,
    state: &AppState,
    language: Option<Locale>,
) -> Result<(), AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    state
        .db(move |conn| own_account::set_language(conn, &viewer, language, now))
        .await?;
    if let Some(token) = &visitor.session_token {
        state.sessions.forget(token);
    }
    Ok(())
}
