//! The reviewers' API (reviewers and administrators; partners get 403): the review queue and
//! all claims with the `/review` page's filters, and the decisions — validate, ask for
//! information, reject — through the service functions of the reviewer's pages, with their
//! rules and messages.

#[allow(unused_imports)]
use super::claims::ClaimDocument;
#[allow(unused_imports)]
use super::openapi;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    domain::{access, claim::TransitionError},
    service::{
        claim_actions::Refused,
        review,
        review_lists::{self, ReviewLine, ReviewListRequest},
    },
};

use super::{
    super::{
        forms::{FormErrors, search_errors},
        listing::next_page,
        review_decisions::RejectForm,
        state::AppState,
    },
    caller::Caller,
    claim_actions::text_field,
    idempotency::ClaimPost,
    problem::Problem,
    reply::{Reply, claim_reply, conflict, db, invalid, json_body, on_claim},
};

/// A claim as the reviewer's tables show it.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReviewItem {
    pub id: String,
    pub name: String,
    pub partner: String,
    pub programme: String,
    pub customer_domain: String,
    pub status: String,
    /// Queue: since when it waits; all claims: its last change.
    pub at: DateTime<Utc>,
    /// Business days in the queue (queue only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_business_days: Option<u32>,
    /// Waiting longer than the review target (queue only).
    pub overdue: bool,
    /// Another open claim competes for one of its keys (queue only).
    pub competing: bool,
    pub url: String,
}

impl From<ReviewLine> for ReviewItem {
    fn from(line: ReviewLine) -> Self {
        Self {
            url: format!("/api/v1/claims/{}", line.id),
            id: line.id.to_string(),
            name: line.name,
            partner: line.partner,
            programme: line.programme.as_str().to_owned(),
            customer_domain: line.domain,
            status: line.status.as_str().to_owned(),
            at: line.at,
            age_business_days: line.age_business_days,
            overdue: line.overdue,
            competing: line.competing,
        }
    }
}

/// A list of the reviewer's: the queue (oldest first, at most 100) or one page of all
/// claims (with the next page's URL).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReviewList {
    pub items: Vec<ReviewItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// `GET /api/v1/review/queue` (`q`, `sort=oldest|newest`).
#[utoipa::path(
    get,
    path = "/api/v1/review/queue",
    operation_id = "review_queue",
    tag = "review",
    params(("q" = Option<String>, Query, description = "Search: claim name, partner, customer domain, tenant ID"), ("status" = Option<String>, Query), ("partner" = Option<String>, Query), ("programme" = Option<String>, Query), ("tenant" = Option<String>, Query), ("sort" = Option<String>, Query), ("after" = Option<String>, Query, description = "Cursor from `next`")),
    responses((status = 200, description = "The answer", body = ReviewList), openapi::Problems)
)]
pub async fn queue(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<ReviewListRequest>,
) -> Result<HttpResponse, Problem> {
    let (lists, _) = lists(&caller, &state, query.into_inner()).await?;
    let items = lists.queue.into_iter().map(ReviewItem::from).collect();
    Ok(HttpResponse::Ok().json(ReviewList { items, next: None }))
}

/// `GET /api/v1/review/claims` (`status`, `partner`, `programme`, `tenant`, `q`, `after`).
#[utoipa::path(
    get,
    path = "/api/v1/review/claims",
    operation_id = "review_claims",
    tag = "review",
    params(("q" = Option<String>, Query, description = "Search: claim name, partner, customer domain, tenant ID"), ("status" = Option<String>, Query), ("partner" = Option<String>, Query), ("programme" = Option<String>, Query), ("tenant" = Option<String>, Query), ("sort" = Option<String>, Query), ("after" = Option<String>, Query, description = "Cursor from `next`")),
    responses((status = 200, description = "The answer", body = ReviewList), openapi::Problems)
)]
pub async fn claims(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<ReviewListRequest>,
) -> Result<HttpResponse, Problem> {
    let (lists, request) = lists(&caller, &state, query.into_inner()).await?;
    let next = lists
        .next
        .map(|position| next_page("/api/v1/review/claims", &request.filter_pairs(), &position));
    let items = lists.claims.into_iter().map(ReviewItem::from).collect();
    Ok(HttpResponse::Ok().json(ReviewList { items, next }))
}

/// The lists, as the page loads them; a search or tenant the page would explain is a 422
/// with the page's message.
async fn lists(
    caller: &Caller,
    state: &AppState,
    request: ReviewListRequest,
) -> Result<(review_lists::ReviewLists, ReviewListRequest), Problem> {
    let t = caller.catalogue;
    if !access::can_review(&caller.viewer) {
        return Err(Problem::forbidden(t));
    }
    let mut errors = search_errors(request.search(), t);
    let (now, ctx, asked) = (state.now(), state.context.clone(), request.clone());
    let target = state.settings.review_target_days;
    let lists = db(state, t, move |c| {
        review_lists::review_lists(c, &ctx, &asked, target, now)
    })
    .await?;
    if let Some(e) = &lists.tenant_error {
        errors.add("tenant", t.message(e));
    }
    if !errors.is_empty() {
        return Err(invalid(&errors, t));
    }
    Ok((lists, request))
}

/// The reviewer's decision.
#[derive(Debug, Clone)]
enum Decision {
    Validate,
    Ask,
    Reject,
}

/// `POST /api/v1/review/claims/{id}/validate` (no body).
#[utoipa::path(
    post,
    path = "/api/v1/review/claims/{id}/validate",
    operation_id = "validate_claim",
    tag = "review",
    params(openapi::ClaimId, openapi::Retry),
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn validate(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(|caller, state, id, body| decide(caller, state, id, body, Decision::Validate))
        .await
}

/// What the reviewer asks the partner for.
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct InformationRequest {
    pub comment: String,
}

/// `POST /api/v1/review/claims/{id}/request-information`.
#[utoipa::path(
    post,
    path = "/api/v1/review/claims/{id}/request-information",
    operation_id = "request_information",
    tag = "review",
    params(openapi::ClaimId, openapi::Retry),
    request_body = InformationRequest,
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn request_information(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(|caller, state, id, body| decide(caller, state, id, body, Decision::Ask))
        .await
}

/// Why the claim is rejected: a reason code from the reviewer's list and, where the reason
/// asks for it, text.
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RejectRequest {
    pub reason: String,
    pub reason_text: String,
}

/// `POST /api/v1/review/claims/{id}/reject`.
#[utoipa::path(
    post,
    path = "/api/v1/review/claims/{id}/reject",
    operation_id = "reject_claim",
    tag = "review",
    params(openapi::ClaimId, openapi::Retry),
    request_body = RejectRequest,
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn reject(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(|caller, state, id, body| decide(caller, state, id, body, Decision::Reject))
        .await
}

async fn decide(
    caller: &Caller,
    state: &AppState,
    id: String,
    body: &[u8],
    decision: Decision,
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    if !access::can_review(&caller.viewer) {
        return Err(Problem::forbidden(t));
    }
    let outcome = match decision {
        Decision::Validate => {
            on_claim(state, caller, &id, |c, a| {
                review::validate(c, &a.ctx, &a.viewer, &a.claim, a.now)
            })
            .await?
        }
        Decision::Ask => {
            let sent: InformationRequest = json_body(body, t)?;
            let comment = text_field("comment", &sent.comment, caller)?;
            on_claim(state, caller, &id, move |c, a| {
                review::ask_for_information(c, &a.ctx, &a.viewer, &a.claim, comment, a.now)
            })
            .await?
        }
        Decision::Reject => {
            let sent: RejectRequest = json_body(body, t)?;
            let form = RejectForm {
                reason: sent.reason,
                reason_text: sent.reason_text,
            };
            let parsed = form.parse(&caller.viewer, t);
            let (reason, text) = parsed.map_err(|e| invalid(&e, t))?;
            on_claim(state, caller, &id, move |c, a| {
                review::reject(c, &a.ctx, &a.viewer, &a.claim, reason, text, a.now)
            })
            .await?
        }
    };
    outcome.map_err(|r| staff_refused(r, caller))?;
    claim_reply(state, caller, id).await
}

/// A refused decision as the case page explains it: a reason that needs its text beside
/// `reason_text` (422), anything else above the decisions (409).
fn staff_refused(refused: Refused, caller: &Caller) -> Problem {
    let t = caller.catalogue;
    match refused {
        Refused::NotFound => Problem::not_found(t),
        Refused::Rule(TransitionError::ReasonTextRequired) => {
            let rule = TransitionError::ReasonTextRequired;
            let mut errors = FormErrors::default();
            errors.add("reason_text", t.message(&rule));
            invalid(&errors, t)
        }
        Refused::Rule(rule) => conflict(t.message(&rule), t),
        Refused::Changed => conflict(t.get("review.changed_meanwhile").to_owned(), t),
    }
}
