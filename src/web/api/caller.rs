//! Who an API request acts as: the user behind its bearer token, in that user's language
//! (else the request's `Accept-Language`), with the token's scope.

use std::{future::Future, pin::Pin};

use actix_web::{
    FromRequest, HttpRequest,
    dev::Payload,
    http::{Method, header},
    web,
};

use crate::{
    domain::{access::Viewer, api_tokens::TokenScope},
    i18n::{Catalogue, Locale},
    service::{
        api_tokens::{self, ApiCaller},
        auth::SessionUser,
    },
};

use super::{super::state::AppState, problem::Problem};

/// The caller of an API request.
pub struct Caller {
    /// The token's user, as the pages know a signed-in user.
    pub user: SessionUser,
    pub viewer: Viewer,
    pub organisation_id: Option<String>,
    pub scope: TokenScope,
    pub catalogue: &'static Catalogue,
}

impl Caller {
    /// The caller's organisation: partners have one; staff get `forbidden` on partner
    /// operations.
    pub fn organisation(&self) -> Result<&str, Problem> {
        self.organisation_id
            .as_deref()
            .ok_or_else(|| Problem::forbidden(self.catalogue))
    }
}

/// The language of the request before its token is read.
fn request_catalogue(req: &HttpRequest) -> &'static Catalogue {
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Catalogue::for_locale(Locale::negotiate(accept))
}

/// The token of `Authorization: Bearer <token>`, if that is what the header says.
fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

impl FromRequest for Caller {
    type Error = Problem;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Problem>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let t = request_catalogue(req);
        let token = bearer(req);
        // One check for every operation: a read-only token reads, whatever the route.
        let writes = !matches!(*req.method(), Method::GET | Method::HEAD);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let (Some(token), Some(state)) = (token, state) else {
                return Err(Problem::unauthorized(t));
            };
            let now = state.now();
            let found = state
                .db(move |conn| api_tokens::authenticate(conn, &token, now))
                .await
                .map_err(|e| Problem::from_app_error(e, t))?;
            let Some(ApiCaller {
                token_id,
                user,
                scope,
            }) = found
            else {
                return Err(Problem::unauthorized(t));
            };
            let catalogue = user.language.map_or(t, Catalogue::for_locale);
            if let Err(wait) = state.api_limits.admit(&token_id, now) {
                return Err(Problem::rate_limited(wait, catalogue));
            }
            if !scope.permits(writes) {
                return Err(Problem::read_only(catalogue));
            }
            Ok(Caller {
                viewer: user.viewer(),
                organisation_id: user.organisation_id.clone(),
                user,
                scope,
                catalogue,
            })
        })
    }
}
