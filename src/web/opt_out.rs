//! `/customer/opt-out/{token}`: the customer's page. GET only shows (mail scanners follow
//! links); the POST opts out. Unknown and expired links get a clear page, never an error.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::values::Comment,
    i18n::{Catalogue, Locale},
    service::{
        notify,
        opt_out::{self, CustomerView, Link},
    },
};

use super::{
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{private_page, see_other},
    session::{LANGUAGE_COOKIE, Visitor},
    state::AppState,
};

#[derive(Template)]
#[template(path = "customer/opt_out.html")]
struct OptOutPage {
    layout: Layout,
    /// `open`, `opted_out`, `closed` or `unknown`.
    state: &'static str,
    action: String,
    partner: String,
    programme: String,
    domain: String,
    tenant: String,
    products: Vec<String>,
    closes_at: String,
    errors: FormErrors,
    reason: String,
    /// The link to every association on the customer's tenant, while the link opens it.
    tenant_view: Option<String>,
    about: &'static str,
}

/// The page speaks the claim's language (the customer's, chosen by the partner), unless the
/// visitor chose another with the language switch.
fn in_page_language(req: &HttpRequest, visitor: Visitor, link: &Link) -> Visitor {
    let claim = match link {
        Link::Unknown => None,
        Link::Open(view) | Link::OptedOut(view) | Link::Closed(view) => Some(view),
    };
    speaking(
        req,
        visitor,
        claim.map(|view| view.details.row.language.as_str()),
    )
}

/// A customer's page in `language` (their claim's), unless the visitor chose another with the
/// language switch; a cookie the switch could not have written (`fr`) is no choice either.
pub(super) fn speaking(req: &HttpRequest, visitor: Visitor, language: Option<&str>) -> Visitor {
    match language {
        Some(language)
            if req
                .cookie(LANGUAGE_COOKIE)
                .and_then(|c| Locale::parse(c.value()))
                .is_none() =>
        {
            Visitor {
                locale: Locale::from_tag(language),
                ..visitor
            }
        }
        _ => visitor,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OptOutForm {
    reason: String,
}

pub async fn show(
    req: HttpRequest,
    visitor: Visitor,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (now, ctx, lookup) = (state.now(), state.context.clone(), token.clone());
    let link = state
        .db(move |conn| opt_out::look_up(conn, &ctx, &lookup, now))
        .await?;
    let visitor = in_page_language(&req, visitor, &link);
    render(
        &visitor,
        &token,
        &link,
        FormErrors::default(),
        String::new(),
    )
}

pub async fn submit(
    req: HttpRequest,
    visitor: Visitor,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: web::Form<OptOutForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let typed = form.into_inner().reason;
    let (now, ctx, target) = (state.now(), state.context.clone(), token.clone());
    let reason = match Comment::parse_optional(&typed) {
        Ok(reason) => reason,
        Err(e) => {
            let link = state
                .db(move |conn| opt_out::look_up(conn, &ctx, &target, now))
                .await?;
            let visitor = in_page_language(&req, visitor, &link);
            let mut errors = FormErrors::default();
            errors.add("reason", Catalogue::for_locale(visitor.locale).message(&e));
            return render(&visitor, &token, &link, errors, typed);
        }
    };
    let link = state
        .db(move |conn| opt_out::opt_out(conn, &ctx, &target, reason, now))
        .await?;
    match link {
        // Back to the GET, which now confirms (and stays true on a reload).
        Link::OptedOut(_) => Ok(see_other(&format!("/customer/opt-out/{token}"))),
        other => {
            let visitor = in_page_language(&req, visitor, &other);
            let mut page = render(&visitor, &token, &other, FormErrors::default(), typed)?;
            // Too late to opt out: the page explains, and the answer says nothing was done.
            if matches!(other, Link::Closed(_)) {
                *page.status_mut() = StatusCode::GONE;
            }
            Ok(page)
        }
    }
}

fn render(
    visitor: &Visitor,
    token: &str,
    link: &Link,
    errors: FormErrors,
    reason: String,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let (state, view, status): (&'static str, Option<&CustomerView>, StatusCode) = match link {
        Link::Unknown => ("unknown", None, StatusCode::NOT_FOUND),
        Link::Open(view) => ("open", Some(view), StatusCode::OK),
        Link::OptedOut(view) => ("opted_out", Some(view), StatusCode::OK),
        Link::Closed(view) => ("closed", Some(view), StatusCode::GONE),
    };
    // A closed window's link that still opens the tenant view does not say it "no longer works",
    // nor answer that it is gone.
    let tenant_view = view
        .filter(|v| v.tenant_view_until.is_some())
        .map(|_| format!("/customer/opt-out/{token}/associations"));
    let status = match (errors.is_empty(), &tenant_view) {
        (false, _) => StatusCode::UNPROCESSABLE_ENTITY,
        (true, Some(_)) if status == StatusCode::GONE => StatusCode::OK,
        (true, _) => status,
    };
    let title_key = format!("opt_out.title.{state}");
    let title = match (state, &tenant_view) {
        ("closed", Some(_)) => "customer.opt_out.ended_heading",
        _ => title_key.as_str(),
    };
    let template = OptOutPage {
        layout: Layout::new(visitor, title)
            .with_errors(!errors.is_empty())
            .for_customer(),
        state,
        action: format!("/customer/opt-out/{token}"),
        partner: view.map(|v| v.partner.clone()).unwrap_or_default(),
        programme: view
            .map(|v| notify::programme_label(&v.details, t))
            .unwrap_or_default(),
        domain: view
            .map(|v| v.details.row.customer_domain.clone())
            .unwrap_or_default(),
        tenant: view
            .map(|v| v.details.row.tenant_id.clone())
            .unwrap_or_default(),
        products: view
            .map(|v| notify::product_lines(&v.details, t))
            .unwrap_or_default(),
        closes_at: view
            .map(|v| notify::window_close(v.closes_at, &v.calendar, t))
            .unwrap_or_default(),
        errors,
        reason,
        tenant_view,
        about: notify::ABOUT_PATH,
    };
    private_page(status, &template)
}
