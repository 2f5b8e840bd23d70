//! `/account/tokens`: the signed-in user's personal API tokens. A new token is shown once,
//! on the page that answers the form (never in a redirect, a cookie or a log).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::api_tokens::{TokenError, TokenLifetime, TokenScope, TokenState},
    i18n::Catalogue,
    service::api_tokens::{self, ListedToken, MadeToken, TokenRequest},
};

use super::{
    error::AppError,
    format,
    forms::{Choice, FormErrors, choices, coded_choices},
    layout::Layout,
    render::{private_page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

/// One token of the list, worded.
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub scope: String,
    pub created: String,
    pub expires: String,
    pub last_used: String,
    pub state: String,
    pub state_code: &'static str,
    pub revocable: bool,
}

#[derive(Template)]
#[template(path = "account/tokens.html")]
struct TokensPage {
    layout: Layout,
    made: Option<MadeToken>,
    tokens: Vec<TokenRow>,
    typed_name: String,
    request_id: String,
    scopes: Vec<Choice>,
    lifetimes: Vec<Choice>,
    errors: FormErrors,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TokenForm {
    name: String,
    scope: String,
    lifetime: String,
    /// This form's own id, so that sending it again (a reload) makes no second token.
    request: String,
}

impl TokenForm {
    /// A new form: read only, 90 days, unless the user chooses otherwise.
    fn fresh() -> Self {
        TokenForm {
            scope: TokenScope::ReadOnly.as_str().to_owned(),
            lifetime: TokenLifetime::Quarter.as_str().to_owned(),
            request: crate::tokens::random_token(),
            ..TokenForm::default()
        }
    }

    /// What the form asks the service for; only a form id of the form's own shape counts.
    fn request(&self) -> TokenRequest<'_> {
        let own_shape =
            self.request.len() <= 64 && self.request.bytes().all(|b| b.is_ascii_alphanumeric());
        TokenRequest {
            name: &self.name,
            scope: &self.scope,
            lifetime: &self.lifetime,
            request_id: if own_shape { &self.request } else { "" },
        }
    }
}

pub async fn show(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(
        &visitor,
        &state,
        TokenForm::fresh(),
        None,
        FormErrors::default(),
    )
    .await
}

pub async fn create(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let mut typed = form.into_inner();
    let asked = typed.clone();
    let made = state
        .db(move |conn| api_tokens::create(conn, &viewer, &asked.request(), now))
        .await?;
    // A made token is shown above a fresh form; refused, the form keeps what was typed (a
    // form sent again gets a new id, so that it can make its own token).
    let (typed, made, errors) = match made {
        Ok(made) => (TokenForm::fresh(), Some(made), FormErrors::default()),
        Err(problems) => {
            if problems.contains(&TokenError::AlreadyMade) {
                typed.request = TokenForm::fresh().request;
            }
            let t = Catalogue::for_locale(visitor.locale);
            let problems: Vec<_> = problems.iter().map(|e| (e.field(), *e)).collect();
            (typed, None, FormErrors::for_fields(&problems, t))
        }
    };
    render(&visitor, &state, typed, made, errors).await
}

pub async fn revoke(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let id = id.into_inner();
    let revoked = state
        .db(move |conn| api_tokens::revoke(conn, &viewer, &id, now))
        .await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    see_other_with_flash(
        "/account/tokens",
        "flash.api_token_revoked",
        state.settings.cookie_secure,
    )
}

async fn render(
    visitor: &Visitor,
    state: &AppState,
    typed: TokenForm,
    made: Option<MadeToken>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let listed = state
        .db(move |conn| api_tokens::list(conn, &viewer, now))
        .await?;
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = TokensPage {
        layout: Layout::new(visitor, "api_tokens.title").with_errors(!errors.is_empty()),
        made,
        tokens: listed.iter().map(|token| row(token, t, zone)).collect(),
        scopes: scope_choices(t, &typed.scope),
        lifetimes: coded_choices("lifetime", TokenLifetime::ALL, t, &typed.lifetime),
        typed_name: typed.name,
        request_id: typed.request,
        errors,
    };
    // The page may carry a new token: no cache keeps it.
    private_page(status, &template)
}

fn row(token: &ListedToken, t: &Catalogue, zone: chrono_tz::Tz) -> TokenRow {
    TokenRow {
        id: token.id.clone(),
        name: token.name.clone(),
        scope: t.get(token.scope.label_key()).to_owned(),
        created: format::instant(token.created_at, zone, t),
        expires: format::instant(token.expires_at, zone, t),
        last_used: token.last_used_at.map_or_else(
            || t.get("api_tokens.never_used").to_owned(),
            |at| format::instant(at, zone, t),
        ),
        state: t.get(token.state.label_key()).to_owned(),
        state_code: match token.state {
            TokenState::Active => "active",
            TokenState::Expired => "expired",
            TokenState::Revoked => "revoked",
        },
        revocable: token.state == TokenState::Active,
    }
}

/// The two scopes, each with a line saying what it allows.
fn scope_choices(t: &Catalogue, selected: &str) -> Vec<Choice> {
    let options = TokenScope::ALL
        .iter()
        .map(|scope| {
            let label = scope.label_key();
            (
                scope.as_str().to_owned(),
                t.get(label).to_owned(),
                t.get(&format!("{label}_hint")).to_owned(),
            )
        })
        .collect();
    choices("scope", options, selected)
}
