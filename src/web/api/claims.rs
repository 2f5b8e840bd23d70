//! `GET /api/v1/claims` (the partner's list: the page's filters, search and keyset cursors)
//! and `GET /api/v1/claims/{id}` (one claim with its products, contacts, files' metadata,
//! History and messages), from the same service functions as the pages.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    domain::claim::DisputeStanding,
    service::{
        associations::{self, ListRequest, ListedClaim},
        claim_view::{self, ClaimHistory, ClaimPage},
    },
};

use super::{
    super::{associations::query_string, state::AppState},
    caller::Caller,
    openapi,
    problem::Problem,
};

/// One page of the list.
#[derive(Serialize, ToSchema)]
pub struct ClaimList {
    pub items: Vec<ClaimItem>,
    /// The next page's URL; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The previous page's URL; absent on the first page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

/// A claim as the list shows it.
#[derive(Serialize, ToSchema)]
pub struct ClaimItem {
    pub id: String,
    pub name: String,
    #[schema(schema_with = openapi::status_schema)]
    pub status: &'static str,
    #[schema(schema_with = openapi::programme_schema)]
    pub programme: &'static str,
    pub customer_domain: String,
    pub tenant_id: String,
    pub products: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_closes_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub url: String,
}

impl From<ListedClaim> for ClaimItem {
    fn from(claim: ListedClaim) -> Self {
        Self {
            url: format!("/api/v1/claims/{}", claim.id),
            id: claim.id,
            name: claim.name,
            status: claim.status.as_str(),
            programme: claim.programme.as_str(),
            customer_domain: claim.customer_domain,
            tenant_id: claim.tenant_id,
            products: claim.products,
            window_closes_at: claim.window_closes_at,
            updated_at: claim.updated_at,
        }
    }
}

/// The caller's organisation's claims, a page at a time, with the list page's filters.
#[utoipa::path(
    get,
    path = "/api/v1/claims",
    operation_id = "list_claims",
    tag = "claims",
    params(
        ("view" = Option<String>, Query, description = "A saved view: needs_action, waiting_for_customer, official or ending_soon"),
        ("status" = Option<String>, Query, description = "Only claims in this status"),
        ("programme" = Option<String>, Query, description = "Only claims of this programme"),
        ("location" = Option<String>, Query, description = "Only claims of this location (its id)"),
        ("q" = Option<String>, Query, description = "Search claim name, customer domain and tenant ID (at most 100 characters)"),
        ("sort" = Option<String>, Query, description = "updated_at (default), name or domain"),
        ("dir" = Option<String>, Query, description = "asc or desc"),
        ("after" = Option<String>, Query, description = "Cursor: the page after (from `next`)"),
        ("before" = Option<String>, Query, description = "Cursor: the page before (from `previous`)"),
    ),
    responses(
        (status = 200, description = "One page of claims", body = ClaimList),
        (status = 400, description = "A parameter that cannot be used", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No working token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a partner's token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the token's allowance", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait before asking again"))),
        (status = "5XX", description = "The portal failed; the detail gives a reference", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    caller: Caller,
    state: web::Data<AppState>,
    request: web::Query<ListRequest>,
) -> Result<HttpResponse, Problem> {
    let t = caller.catalogue;
    let organisation = caller.organisation()?.to_owned();
    let request = request.into_inner();
    if let Err(e) = request.search() {
        return Err(Problem::bad_request(t.message(&e), t));
    }
    let (now, ctx, asked) = (state.now(), state.context.clone(), request.clone());
    let page = state
        .db(move |conn| associations::list(conn, &ctx, &organisation, &asked, now))
        .await
        .map_err(|e| Problem::from_app_error(e, t))?;
    // The page's filters and sort (never its cursor) plus the new cursor.
    let link = |cursor: &str, position: String| {
        format!(
            "/api/v1/claims{}",
            query_string(&request, &[(cursor, position.as_str())])
        )
    };
    Ok(HttpResponse::Ok().json(ClaimList {
        next: page.next.map(|p| link("after", p.encode())),
        previous: page.previous.map(|p| link("before", p.encode())),
        items: page.claims.into_iter().map(ClaimItem::from).collect(),
    }))
}

/// One claim, whole.
#[derive(Serialize, ToSchema)]
pub struct ClaimDocument {
    pub id: String,
    pub name: String,
    #[schema(schema_with = openapi::status_schema)]
    pub status: &'static str,
    #[schema(schema_with = openapi::programme_schema)]
    pub programme: &'static str,
    pub location: Location,
    pub customer_domain: String,
    pub tenant_id: String,
    pub products: Vec<Product>,
    pub contacts: Contacts,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    pub files: Vec<File>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_closes_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_required_due: Option<DateTime<Utc>>,
    /// Until when a rejection can be disputed, while it can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispute_until: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub history: Vec<HistoryLine>,
    pub messages: Vec<MessageLine>,
}

#[derive(Serialize, ToSchema)]
pub struct Location {
    pub mpn_id: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct Product {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Contact {
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    pub email: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Contacts {
    pub customer: Contact,
    /// The language the customer is written to in (`en`, `ja`).
    pub customer_language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technical: Option<Contact>,
    pub company: Contact,
}

#[derive(Serialize, ToSchema)]
pub struct File {
    pub id: String,
    pub name: String,
    pub size_bytes: i64,
    pub uploaded_at: DateTime<Utc>,
    /// Where the file itself is downloaded (with a signed-in session).
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct HistoryLine {
    pub at: DateTime<Utc>,
    /// Who made the change.
    #[schema(schema_with = openapi::actor_schema)]
    pub actor: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = openapi::status_schema)]
    pub from: Option<&'static str>,
    #[schema(schema_with = openapi::status_schema)]
    pub to: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_text: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MessageLine {
    pub at: DateTime<Utc>,
    pub author: &'static str,
    pub author_name: String,
    pub body: String,
}

/// One claim, whole: products, contacts, files, deadlines, History and messages.
#[utoipa::path(
    get,
    path = "/api/v1/claims/{id}",
    operation_id = "get_claim",
    tag = "claims",
    params(("id" = String, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The claim", body = ClaimDocument),
        (status = 401, description = "No working token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such claim for this caller", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the token's allowance", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait before asking again"))),
        (status = "5XX", description = "The portal failed; the detail gives a reference", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let found = document_of(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// The claim as the caller may see it (404 when they may not), for any operation's answer.
pub async fn document_of(
    state: &AppState,
    caller: &Caller,
    id: String,
) -> Result<ClaimDocument, Problem> {
    let t = caller.catalogue;
    let (viewer, now) = (caller.viewer.clone(), state.now());
    let found = state
        .db(move |conn| {
            let Some(page) = claim_view::claim_page(conn, &viewer, &id, now)? else {
                return Ok(None);
            };
            let history = claim_view::history(conn, &viewer, &id)?;
            Ok(history.map(|history| (page, history)))
        })
        .await
        .map_err(|e| Problem::from_app_error(e, t))?;
    let (page, history) = found.ok_or_else(|| Problem::not_found(t))?;
    Ok(document(page, history))
}

fn document(page: ClaimPage, history: ClaimHistory) -> ClaimDocument {
    let ClaimPage {
        details,
        notes,
        dispute,
        ..
    } = page;
    let row = details.row;
    let contact =
        |name: Option<String>, job_title: Option<String>, email: Option<String>| Contact {
            name,
            job_title,
            email,
        };
    let technical = (row.technical_contact_name.is_some() || row.technical_contact_email.is_some())
        .then(|| {
            contact(
                row.technical_contact_name.clone(),
                row.technical_contact_title.clone(),
                row.technical_contact_email.clone(),
            )
        });
    ClaimDocument {
        files: details
            .files
            .into_iter()
            .map(|f| File {
                url: format!("/associations/{}/files/{}", row.id, f.id),
                id: f.id,
                name: f.file_name,
                size_bytes: f.size_bytes,
                uploaded_at: f.uploaded_at,
            })
            .collect(),
        id: row.id,
        name: row.name,
        status: details.status.as_str(),
        programme: details.programme.as_str(),
        location: Location {
            mpn_id: details.location.mpn_id,
            name: details.location.name,
        },
        customer_domain: row.customer_domain,
        tenant_id: row.tenant_id,
        products: details
            .products
            .into_iter()
            .map(|p| Product {
                id: p.product_id,
                name: p.name,
                subscription_id: p.subscription_id,
            })
            .collect(),
        contacts: Contacts {
            customer: contact(
                row.customer_contact_name,
                row.customer_contact_title,
                row.customer_contact_email,
            ),
            customer_language: row.language,
            technical,
            company: contact(row.company_contact_name, None, row.company_contact_email),
        },
        comments: row.comments,
        window_closes_at: row.window_closes_at,
        action_required_due: row.action_required_due,
        dispute_until: match dispute {
            Some(DisputeStanding::Open { until }) => Some(until),
            _ => None,
        },
        ends_at: row.ends_at,
        created_at: row.created_at,
        updated_at: row.updated_at,
        history: history
            .entries
            .into_iter()
            .map(|e| HistoryLine {
                at: e.at,
                actor: e.actor.as_str(),
                actor_name: e.actor_name,
                from: e.from.map(|s| s.as_str()),
                to: e.to.as_str(),
                reason: e.reason.map(|r| r.as_str()),
                reason_text: e.reason_text,
            })
            .collect(),
        messages: notes
            .messages
            .into_iter()
            .map(|m| MessageLine {
                at: m.at,
                author: m.author.as_str(),
                author_name: m.author_name,
                body: m.body,
            })
            .collect(),
    }
}
