//! `/set-password/{token}`: choose a password from an invitation or reset link. The GET
//! only shows the form; the link works once, until it expires.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    i18n::Catalogue,
    service::set_password::{self, Link, SetRefused},
};

use super::{
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{private_page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

#[derive(Template)]
#[template(path = "set_password.html")]
struct SetPasswordPage {
    layout: Layout,
    /// `valid`, `spent` or `unknown`.
    state: &'static str,
    action: String,
    name: String,
    email: String,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    password: String,
    password_again: String,
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (now, lookup) = (state.now(), token.clone());
    let link = state
        .db(move |conn| set_password::look_up(conn, &lookup, now))
        .await?;
    render(&visitor, &token, &link, FormErrors::default())
}

pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let (
        token,
        PasswordForm {
            password,
            password_again,
        },
    ) = (token.into_inner(), form.into_inner());
    let (now, target, kib) = (state.now(), token.clone(), state.settings.argon2_memory_kib);
    let pool = state.pool.clone();
    // The link is the key here, not a session: a visitor's ended session must not get in the way.
    let result = state
        .blocking(move || set_password::set(&pool, &target, &password, &password_again, kib, now))
        .await?;
    let t = Catalogue::for_locale(visitor.locale);
    let mut errors = FormErrors::default();
    match result {
        Ok(_) => {
            return see_other_with_flash(
                "/sign-in",
                "flash.password_set",
                state.settings.cookie_secure,
            );
        }
        Err(SetRefused::Password(e)) => errors.add("password", t.message(&e)),
        Err(SetRefused::Account(e)) => errors.add("password_again", t.message(&e)),
        Err(SetRefused::Spent) => {}
    }
    let (now, lookup) = (state.now(), token.clone());
    let link = state
        .db(move |conn| set_password::look_up(conn, &lookup, now))
        .await?;
    render(&visitor, &token, &link, errors)
}

fn render(
    visitor: &Visitor,
    token: &str,
    link: &Link,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (state, status, name, email) = match link {
        Link::Valid { name, email } => ("valid", StatusCode::OK, name.clone(), email.clone()),
        Link::Spent => ("spent", StatusCode::GONE, String::new(), String::new()),
        Link::Unknown => (
            "unknown",
            StatusCode::NOT_FOUND,
            String::new(),
            String::new(),
        ),
    };
    let status = if errors.is_empty() {
        status
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = SetPasswordPage {
        layout: Layout::new(visitor, &format!("set_password.title.{state}"))
            .with_errors(!errors.is_empty()),
        state,
        action: format!("/set-password/{token}"),
        name,
        email,
        errors,
    };
    private_page(status, &template)
}
