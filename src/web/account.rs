//! `/account`: a signed-in user's own account — who they are (read only) and the language
//! of their pages and emails.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    i18n::{Catalogue, Locale},
    service::own_account::{self, Account},
};

use super::{
    error::AppError,
    forms::FormErrors,
    language::save_language,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::{self, LANGUAGE_COOKIE, Visitor},
    state::AppState,
};

/// One radio of the language question; a language's name is in that language.
pub struct LanguageRadio {
    pub id: String,
    pub value: &'static str,
    pub label: String,
    /// The label's `lang`, when it is not in the page's language.
    pub lang: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    layout: Layout,
    account: Account,
    role: String,
    languages: Vec<LanguageRadio>,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AccountForm {
    language: String,
}

pub async fn show(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(&visitor, &state, FormErrors::default(), StatusCode::OK).await
}

pub async fn save(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<AccountForm>,
) -> Result<HttpResponse, AppError> {
    // Empty: the browser's language; anything else must be a language of the portal.
    let language = match form.language.as_str() {
        "" => None,
        tag => match Locale::parse(tag) {
            Some(locale) => Some(locale),
            None => {
                let t = Catalogue::for_locale(visitor.locale);
                let mut errors = FormErrors::default();
                errors.add("language", t.get("account.language.error"));
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return render(&visitor, &state, errors, status).await;
            }
        },
    };
    save_language(&visitor, &state, language).await?;
    let secure = state.settings.cookie_secure;
    let mut res = see_other_with_flash("/account", "flash.account_saved", secure)?;
    let cookie = match language {
        Some(locale) => session::language_cookie(locale, secure),
        None => session::removal(LANGUAGE_COOKIE, secure),
    };
    res.add_cookie(&cookie)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(res)
}

async fn render(
    visitor: &Visitor,
    state: &AppState,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let account = state
        .db(move |conn| own_account::account(conn, &viewer))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let template = AccountPage {
        layout: Layout::new(visitor, "account.title").with_errors(!errors.is_empty()),
        role: t.get(account.role.label_key()).to_owned(),
        languages: language_radios(account.language, t),
        account,
        errors,
    };
    page(status, &template)
}

/// Each language in its own name, then the browser's (the first radio carries the group's
/// id, for the error summary's link).
fn language_radios(saved: Option<Locale>, t: &Catalogue) -> Vec<LanguageRadio> {
    let languages = Locale::ALL.into_iter().map(|locale| {
        let lang = if locale == t.locale() {
            ""
        } else {
            locale.tag()
        };
        (
            locale.tag(),
            locale.own_name().to_owned(),
            lang,
            Some(locale),
        )
    });
    let browser = ("", t.get("language.browser").to_owned(), "", None);
    languages
        .chain([browser])
        .enumerate()
        .map(|(n, (value, label, lang, locale))| LanguageRadio {
            id: match n {
                0 => "language".to_owned(),
                _ => format!(
                    "language-{}",
                    if value.is_empty() { "browser" } else { value }
                ),
            },
            value,
            label,
            lang,
            checked: locale == saved,
        })
        .collect()
}
