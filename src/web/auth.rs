//! `/sign-in` and `/sign-out`.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::access::{Role, home_path},
    i18n::Catalogue,
    service::auth::{self, SignInAttempt, SignInOutcome},
};

use super::{
    error::{AppError, safe_next_path},
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other},
    session::{self, SESSION_COOKIE, Visitor},
    state::AppState,
};

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    layout: Layout,
    email: String,
    next: String,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NextQuery {
    next: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
    next: String,
}

pub async fn show(
    visitor: Visitor,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    if let Some(user) = &visitor.user {
        return Ok(see_other(home_path(user.role)));
    }
    let next = safe_next_path(&query.next).unwrap_or("").to_owned();
    render(
        &visitor,
        String::new(),
        next,
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn submit(
    req: HttpRequest,
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, AppError> {
    let mut form = form.into_inner();
    form.next = safe_next_path(&form.next).unwrap_or("").to_owned();
    let t = Catalogue::for_locale(visitor.locale);
    let mut errors = missing_fields(&form, t);
    if !errors.is_empty() {
        return render(
            &visitor,
            form.email,
            form.next,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let outcome = attempt(&req, &visitor, &state, &form).await?;
    let (key, status) = match outcome {
        SignInOutcome::SignedIn {
            session_token,
            user,
        } => {
            return signed_in(&state, session_token, user.role, form.next);
        }
        SignInOutcome::InvalidCredentials => {
            ("sign_in.error.invalid", StatusCode::UNPROCESSABLE_ENTITY)
        }
        SignInOutcome::Throttled => ("sign_in.error.throttled", StatusCode::TOO_MANY_REQUESTS),
    };
    errors.add("email", t.get(key));
    render(&visitor, form.email, form.next, errors, status)
}

fn missing_fields(form: &SignInForm, t: &Catalogue) -> FormErrors {
    let mut errors = FormErrors::default();
    if form.email.trim().is_empty() {
        errors.add("email", t.get("sign_in.error.email_missing"));
    }
    if form.password.is_empty() {
        errors.add("password", t.get("sign_in.error.password_missing"));
    }
    errors
}

/// Checks the password (off the async workers: argon2 is slow on purpose).
async fn attempt(
    req: &HttpRequest,
    visitor: &Visitor,
    state: &AppState,
    form: &SignInForm,
) -> Result<SignInOutcome, AppError> {
    let client_address = client_address(req, state.settings.trust_proxy_headers);
    let (memory_kib, now, pool) = (
        state.settings.argon2_memory_kib,
        state.now(),
        state.pool.clone(),
    );
    let previous = visitor.session_token.clone();
    let (email, password) = (form.email.clone(), form.password.clone());
    state
        .blocking(move || {
            let attempt = SignInAttempt {
                email: &email,
                password: &password,
                client_address: &client_address,
                previous_session: previous.as_deref(),
            };
            auth::sign_in(&pool, &attempt, memory_kib, now)
        })
        .await
}

/// The new session's cookie, and on to where the user was going (or their home).
fn signed_in(
    state: &AppState,
    session_token: String,
    role: Role,
    next: String,
) -> Result<HttpResponse, AppError> {
    let target = if next.is_empty() {
        home_path(role).to_owned()
    } else {
        next
    };
    let mut res = see_other(&target);
    res.add_cookie(&session::cookie(
        SESSION_COOKIE,
        session_token,
        state.settings.cookie_secure,
    ))
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok(res)
}

pub async fn sign_out(
    visitor: Visitor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if let Some(token) = visitor.session_token.clone() {
        let ended = token.clone();
        state.db(move |conn| auth::sign_out(conn, &ended)).await?;
        // After the trip: confirming the session on the way in remembered it again.
        state.sessions.forget(&token);
    }
    let secure = state.settings.cookie_secure;
    let mut res = see_other("/sign-in");
    let flash = session::cookie(session::FLASH_COOKIE, "flash.signed_out".to_owned(), secure);
    res.add_cookie(&session::removal(SESSION_COOKIE, secure))
        .map_err(|e| AppError::Internal(e.into()))?;
    res.add_cookie(&flash)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(res)
}

fn render(
    visitor: &Visitor,
    email: String,
    next: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let layout = Layout::new(visitor, "sign_in.title").with_errors(!errors.is_empty());
    page(
        status,
        &SignInPage {
            layout,
            email,
            next,
            errors,
        },
    )
}

/// The address sign-in attempts are counted against: the peer, or the proxy's
/// `X-Forwarded-For`/`Forwarded` when the portal is configured to sit behind one.
fn client_address(req: &HttpRequest, trust_proxy_headers: bool) -> String {
    let info = req.connection_info();
    let address = if trust_proxy_headers {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    let address = address.unwrap_or("unknown");
    // Strip the port: one client uses many.
    match address.parse::<std::net::SocketAddr>() {
        Ok(sa) => sa.ip().to_string(),
        Err(_) => address.to_owned(),
    }
}
