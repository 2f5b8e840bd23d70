//! Who is asking: loads the session behind the cookie once per request into a [`Visitor`],
//! with the CSRF token its forms must carry, and guards pages by role.

use std::future::{Ready, ready};

use actix_web::{
    Error, FromRequest, HttpMessage, HttpRequest,
    body::{EitherBody, MessageBody},
    cookie::{Cookie, SameSite, time::Duration as CookieDuration},
    dev::{Payload, ServiceRequest, ServiceResponse},
    middleware::Next,
    web,
};

use crate::{
    domain::access::Viewer,
    i18n::Locale,
    service::auth::{self, SessionUser},
    tokens,
};

use super::{
    error::AppError,
    session_cache::{Claim, with_claim},
    state::AppState,
};

pub const SESSION_COOKIE: &str = "portal_session";
/// Anonymous visitors' forms (sign-in, the customer's opt-out) are tied to this cookie.
pub const VISITOR_COOKIE: &str = "portal_visitor";
/// A catalogue key shown once on the next page (e.g. "You have signed out").
pub const FLASH_COOKIE: &str = "portal_flash";
/// The language chosen with the switch (a tag): beats the browser's, not a saved preference.
pub const LANGUAGE_COOKIE: &str = "portal_language";
/// How long the switch's choice is remembered.
const LANGUAGE_COOKIE_DAYS: i64 = 365;

#[derive(Debug, Clone)]
pub struct Visitor {
    pub user: Option<SessionUser>,
    pub session_token: Option<String>,
    pub csrf_token: String,
    pub flash: Option<String>,
    pub locale: Locale,
    /// Path and query of this request, to come back to after signing in.
    pub current_path: String,
}

impl Visitor {
    pub fn signed_in(&self) -> Result<&SessionUser, AppError> {
        self.user.as_ref().ok_or_else(|| AppError::SignInRequired {
            next: self.current_path.clone(),
        })
    }

    /// A signed-in user the domain's access `rule` allows; others get 403.
    pub fn permitted(&self, rule: fn(&Viewer) -> bool) -> Result<&SessionUser, AppError> {
        let user = self.signed_in()?;
        if rule(&user.viewer()) {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl FromRequest for Visitor {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(req.extensions().get::<Visitor>().cloned().ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("visitor not loaded for {}", req.path()))
        }))
    }
}

/// Paths served without a visitor (no database read): assets, the health check, and the
/// API, whose callers carry a token rather than a session (a cookie sent along neither
/// reaches it nor is kept alive by it).
fn needs_visitor(path: &str) -> bool {
    !(path.starts_with("/static/") || path == "/health" || path.starts_with("/api/"))
}

pub async fn load_visitor<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    if !needs_visitor(req.path()) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        let e = AppError::Internal(anyhow::anyhow!("application state missing"));
        return Ok(req.error_response(e).map_into_right_body());
    };
    let settings = &state.settings;

    let current_path = match req.query_string() {
        "" => req.path().to_owned(),
        q => format!("{}?{q}", req.path()),
    };
    let session_token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned());
    let mut claim = None;
    let user = match session_token.clone() {
        Some(token) => match state.sessions.get(&token) {
            Some(user) => {
                claim = Some(Claim {
                    session_token: token,
                    user: user.clone(),
                    current_path: current_path.clone(),
                });
                Some(user)
            }
            None => {
                let now = state.now();
                let lookup = token.clone();
                match state
                    .db(move |conn| auth::current_user(conn, &lookup, now))
                    .await
                {
                    Ok(user) => {
                        if let Some(user) = &user {
                            state.sessions.confirmed(&token, user.clone());
                        }
                        user
                    }
                    // Errors become responses here, so the error page renderer sees them.
                    Err(e) => return Ok(req.error_response(e).map_into_right_body()),
                }
            }
        },
        None => None,
    };
    let stale_session_cookie = session_token.is_some() && user.is_none();
    let session_token = session_token.filter(|_| user.is_some());

    let mut new_visitor_cookie = None;
    let csrf_token = match &session_token {
        Some(token) => tokens::keyed_digest(settings.session_key.expose(), "csrf", token),
        None => {
            let visitor_id = req
                .cookie(VISITOR_COOKIE)
                .map(|c| c.value().to_owned())
                .filter(|v| v.len() == 64)
                .unwrap_or_else(|| {
                    let id = tokens::random_token();
                    new_visitor_cookie = Some(id.clone());
                    id
                });
            tokens::keyed_digest(settings.session_key.expose(), "visitor-csrf", &visitor_id)
        }
    };
    let flash = req.cookie(FLASH_COOKIE).map(|c| c.value().to_owned());
    let had_flash = flash.is_some();
    let locale = visitor_locale(&req, user.as_ref());
    req.extensions_mut().insert(Visitor {
        user,
        session_token,
        csrf_token,
        flash,
        locale,
        current_path,
    });

    let secure = settings.cookie_secure;
    let mut res = with_claim(claim, next.call(req))
        .await?
        .map_into_left_body();
    let shown = res.status().is_success() || res.status().is_client_error();
    let response = res.response_mut();
    if let Some(id) = new_visitor_cookie {
        response.add_cookie(&cookie(VISITOR_COOKIE, id, secure))?;
    }
    if stale_session_cookie {
        response.add_cookie(&removal(SESSION_COOKIE, secure))?;
    }
    if had_flash && shown {
        response.add_cookie(&removal(FLASH_COOKIE, secure))?;
    }
    Ok(res)
}

/// The user's saved language, else [`unsigned_locale`].
fn visitor_locale(req: &ServiceRequest, user: Option<&SessionUser>) -> Locale {
    user.and_then(|u| u.language)
        .unwrap_or_else(|| unsigned_locale(req.request()))
}

/// The language of a request without a user: the switch's cookie, else the browser's
/// `Accept-Language` (also for error pages of requests refused before a session is read).
pub fn unsigned_locale(req: &HttpRequest) -> Locale {
    req.cookie(LANGUAGE_COOKIE)
        .and_then(|c| Locale::parse(c.value()))
        .unwrap_or_else(|| {
            Locale::negotiate(
                req.headers()
                    .get(actix_web::http::header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        })
}

/// The switch's cookie: remembered for a year, otherwise like [`cookie`].
pub fn language_cookie(locale: Locale, secure: bool) -> Cookie<'static> {
    let mut c = cookie(LANGUAGE_COOKIE, locale.tag().to_owned(), secure);
    c.set_max_age(CookieDuration::days(LANGUAGE_COOKIE_DAYS));
    c
}

/// HttpOnly, SameSite=Lax, whole site, `Secure` as configured; ends with the browser session.
pub fn cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .finish()
}

pub fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut c = cookie(name, String::new(), secure);
    c.set_max_age(CookieDuration::ZERO);
    c
}
