//! `/customer/opt-out/{token}/associations`: the customer's own view of every partner
//! association on their tenant, through the link in their email; and, one association at a
//! time, ending it (official) or opting out of it (waiting for them), with a reason. GET never
//! changes anything; the link's lifetime is stated; a refused link shows no data.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        claim::{Action, Status},
        values::{Comment, ValueError},
    },
    i18n::{Catalogue, format},
    service::{
        customer_tenant::{self, Ended, OneClaim, TenantClaim, TenantLink, TenantView},
        notify,
    },
};

use super::{
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    opt_out::speaking,
    render::{private_page, see_other},
    session::Visitor,
    state::AppState,
};

/// One association as a row of the table (and the facts of the confirmation page).
#[derive(Clone)]
struct Row {
    id: String,
    partner: String,
    programme: String,
    products: Vec<String>,
    since: String,
    until: String,
    status: &'static str,
    status_label: String,
    /// `end` (official) or `opt_out` (waiting for the customer); `None`: nothing to do.
    action: Option<&'static str>,
    href: String,
}

#[derive(Template)]
#[template(path = "customer/associations.html")]
struct AssociationsPage {
    layout: Layout,
    tenant: String,
    domain: String,
    valid_until: String,
    /// `false`: the link shows its own claim only (sent outside the tenant's domains).
    tenant_wide: bool,
    rows: Vec<Row>,
    /// The association just ended, for the confirmation.
    done: Option<Row>,
    /// The association a request could not change.
    unchanged: Option<Row>,
    back: String,
    about: &'static str,
}

#[derive(Template)]
#[template(path = "customer/end.html")]
struct EndPage {
    layout: Layout,
    row: Row,
    valid_until: String,
    errors: FormErrors,
    reason: String,
    back: String,
    about: &'static str,
}

#[derive(Template)]
#[template(path = "customer/link_refused.html")]
struct RefusedPage {
    layout: Layout,
    /// `unknown` or `refused`.
    state: &'static str,
    about: &'static str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    done: String,
    /// An association the customer's request could not change (it moved on meanwhile).
    unchanged: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EndForm {
    reason: String,
}

fn list_path(token: &str) -> String {
    format!("/customer/opt-out/{token}/associations")
}

fn row(claim: &TenantClaim, view: &TenantView, token: &str, t: &Catalogue) -> Row {
    let zone = view.calendar.time_zone();
    let details = &claim.details;
    let status = details.status;
    let until = match (status, claim.until()) {
        (Status::PendingCustomer | Status::Official, Some(at)) => format::deadline(at, zone, t),
        (Status::Official, None) => t.get("customer.tenant.no_end").to_owned(),
        _ => t.get("customer.tenant.ended").to_owned(),
    };
    let action = match claim.action {
        Some(Action::EndByCustomer) => Some("end"),
        Some(Action::OptOut) => Some("opt_out"),
        _ => None,
    };
    Row {
        id: details.row.id.clone(),
        partner: claim.partner.clone(),
        programme: notify::programme_label(details, t),
        products: notify::product_lines(details, t),
        since: format::day(claim.since.with_timezone(&zone).date_naive(), t),
        until,
        status: status.as_str(),
        status_label: t.get(status.label_key()).to_owned(),
        action,
        href: format!("{}/{}/end", list_path(token), details.row.id),
    }
}

fn valid_until(view: &TenantView, t: &Catalogue) -> String {
    format::deadline(view.valid_until, view.calendar.time_zone(), t)
}

/// The page for a link that does not open the view: not found, or no longer valid.
fn refused(
    req: &HttpRequest,
    visitor: Visitor,
    link: &TenantLink,
) -> Result<HttpResponse, AppError> {
    let (state, status, language) = match link {
        TenantLink::Refused { language } => ("refused", StatusCode::GONE, Some(language.as_str())),
        _ => ("unknown", StatusCode::NOT_FOUND, None),
    };
    let visitor = speaking(req, visitor, language);
    let template = RefusedPage {
        layout: Layout::new(&visitor, &format!("customer.link.title.{state}")).for_customer(),
        state,
        about: notify::ABOUT_PATH,
    };
    private_page(status, &template)
}

/// GET: the tenant's associations.
pub async fn show(
    req: HttpRequest,
    visitor: Visitor,
    state: web::Data<AppState>,
    token: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (now, ctx, lookup) = (state.now(), state.context.clone(), token.clone());
    let link = state
        .db(move |conn| customer_tenant::look_up(conn, &ctx, &lookup, now))
        .await?;
    let TenantLink::Open(view) = &link else {
        return refused(&req, visitor, &link);
    };
    let visitor = speaking(&req, visitor, Some(&view.language));
    let t = Catalogue::for_locale(visitor.locale);
    let template = list_page(&visitor, view, &token, &query, t);
    private_page(StatusCode::OK, &template)
}

/// The tenant view's page, with the association a request just ended (for the confirmation)
/// or could not change.
fn list_page(
    visitor: &Visitor,
    view: &TenantView,
    token: &str,
    query: &DoneQuery,
    t: &Catalogue,
) -> AssociationsPage {
    let rows: Vec<Row> = view.claims.iter().map(|c| row(c, view, token, t)).collect();
    let row_of = |id: &str, ended: bool| {
        rows.iter()
            .find(|r| r.id == id && (!ended || r.status == Status::OptedOut.as_str()))
            .cloned()
    };
    let (done, unchanged) = (row_of(&query.done, true), row_of(&query.unchanged, false));
    AssociationsPage {
        layout: Layout::new(visitor, "customer.tenant.title").for_customer(),
        tenant: view.tenant_id.clone(),
        domain: view.domain.clone(),
        valid_until: valid_until(view, t),
        tenant_wide: view.tenant_wide,
        rows,
        done,
        unchanged,
        back: format!("/customer/opt-out/{token}"),
        about: notify::ABOUT_PATH,
    }
}

/// GET: one association, with the form that ends it.
pub async fn confirm(
    req: HttpRequest,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (token, claim_id) = path.into_inner();
    render_one(
        &req,
        visitor,
        &state,
        &token,
        &claim_id,
        None,
        String::new(),
    )
    .await
}

/// POST: ends the association (or opts out of it) with the reason given.
pub async fn end(
    req: HttpRequest,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<EndForm>,
) -> Result<HttpResponse, AppError> {
    let (token, claim_id) = path.into_inner();
    let typed = form.into_inner().reason;
    let reason = match Problem::check(&typed) {
        Ok(reason) => reason,
        Err(problem) => {
            let problem = Some(problem);
            return render_one(&req, visitor, &state, &token, &claim_id, problem, typed).await;
        }
    };
    let (now, ctx) = (state.now(), state.context.clone());
    let (target, id) = (token.clone(), claim_id.clone());
    let ended = state
        .db(move |conn| customer_tenant::end(conn, &ctx, &target, &id, reason, now))
        .await?;
    match ended {
        Ended::Done(_) => Ok(see_other(&format!("{}?done={claim_id}", list_path(&token)))),
        Ended::Link(link) => refused(&req, visitor, &link),
        Ended::NotFound => Err(AppError::NotFound),
        // Moved on meanwhile (ended, window closed): the list says so and shows where it
        // stands.
        Ended::NotPossible => Ok(see_other(&format!(
            "{}?unchanged={claim_id}",
            list_path(&token)
        ))),
    }
}

/// What is wrong with the reason typed.
enum Problem {
    Required,
    Invalid(ValueError),
}

impl Problem {
    /// The reason, required.
    fn check(typed: &str) -> Result<Comment, Problem> {
        if typed.trim().is_empty() {
            return Err(Problem::Required);
        }
        Comment::parse(typed).map_err(Problem::Invalid)
    }
}

async fn render_one(
    req: &HttpRequest,
    visitor: Visitor,
    state: &web::Data<AppState>,
    token: &str,
    claim_id: &str,
    problem: Option<Problem>,
    reason: String,
) -> Result<HttpResponse, AppError> {
    let (now, ctx) = (state.now(), state.context.clone());
    let (lookup, id) = (token.to_owned(), claim_id.to_owned());
    let found = state
        .db(move |conn| customer_tenant::one(conn, &ctx, &lookup, &id, now))
        .await?;
    let (view, claim) = match found {
        OneClaim::Found { view, claim } => (view, claim),
        OneClaim::NotFound => return Err(AppError::NotFound),
        OneClaim::Link(link) => return refused(req, visitor, &link),
    };
    let visitor = speaking(req, visitor, Some(&view.language));
    let t = Catalogue::for_locale(visitor.locale);
    let mut errors = FormErrors::default();
    match &problem {
        Some(Problem::Required) => errors.add("reason", t.get("customer.end.reason_required")),
        Some(Problem::Invalid(e)) => errors.add("reason", t.message(e)),
        None => {}
    }
    let row = row(&claim, &view, token, t);
    let title = match row.action {
        Some("end") => "customer.end.title.end",
        Some(_) => "customer.end.title.opt_out",
        None => "customer.end.title.none",
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = EndPage {
        layout: Layout::new(&visitor, title)
            .with_errors(!errors.is_empty())
            .for_customer(),
        valid_until: valid_until(&view, t),
        row,
        errors,
        reason,
        back: list_path(token),
        about: notify::ABOUT_PATH,
    };
    private_page(status, &template)
}
