//! Making and filling a draft over the API: `POST /api/v1/claims` (the wizard's first three
//! steps at once, then **Create claim**), and `POST /api/v1/claims/{id}/products`,
//! `/contacts` and `/comments` (steps 4, 5 and 7), each through the service function the
//! page uses. Each answers with the claim; field errors are the pages' messages.

#[allow(unused_imports)]
use super::claims::ClaimDocument;
#[allow(unused_imports)]
use super::openapi;
use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::{
    domain::{
        access,
        draft::{
            ClaimNameInput, CommentsInput, ContactsInput, CustomerInput, FieldErrors, ProductsInput,
        },
    },
    i18n::Catalogue,
    service::{
        comments_step, contacts_step,
        draft_edit::EditDenied,
        products_step,
        wizard::{self, Created, FirstSteps},
    },
};

use super::{
    super::{forms::FormErrors, state::AppState},
    caller::Caller,
    claims::document_of,
    idempotency::{ClaimPost, once},
    problem::Problem,
    reply::{Reply, claim_reply, db, denied, invalid, invalid_fields, json_body, on_claim},
};

/// A new draft: what the wizard's first three steps ask, by the same names.
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewDraft {
    /// The MPN ID of the partner location that claims.
    pub location_mpn_id: String,
    /// The customer's domain name, as in the tenant registry.
    pub domain_name: String,
    /// The customer's Microsoft Entra tenant (directory) ID.
    pub tenant_id: String,
    /// `customer_association` (the default) or another claim type.
    pub claim_type: String,
    pub solution_area: String,
    pub activity: String,
    pub claim_name: String,
}

/// `POST /api/v1/claims`: 201 with the new draft and its `Location`.
#[utoipa::path(
    post,
    path = "/api/v1/claims",
    operation_id = "create_claim",
    tag = "claims",
    params(openapi::Retry),
    request_body = NewDraft,
    responses((status = 201, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn create(
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, Problem> {
    once(
        &req,
        &caller,
        &state,
        &body,
        create_draft(&caller, &state, &body),
    )
    .await
}

async fn create_draft(caller: &Caller, state: &AppState, body: &[u8]) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    if !access::can_create_claims(&caller.viewer) {
        return Err(Problem::forbidden(t));
    }
    let sent: NewDraft = json_body(body, t)?;
    let (user, now, locale) = (caller.user.clone(), state.now(), t.locale());
    let created = db(state, t, move |conn| {
        let customer = CustomerInput {
            location_mpn_id: sent.location_mpn_id,
            domain_name: sent.domain_name,
            tenant_id: sent.tenant_id,
        };
        let programme = crate::domain::draft::ProgrammeInput {
            claim_type: sent.claim_type,
            solution_area: sent.solution_area,
            activity: sent.activity,
        };
        let name = ClaimNameInput {
            claim_name: sent.claim_name,
        };
        let steps = FirstSteps {
            customer: &customer,
            programme: &programme,
            name: &name,
            partner_language: locale,
        };
        wizard::create_at_once(conn, &user, &steps, now)
    })
    .await?;
    match created {
        Created::Draft(id) => {
            let claim = document_of(state, caller, id.clone()).await?;
            Ok(Reply::created(format!("/api/v1/claims/{id}"), &claim))
        }
        Created::Invalid(steps) => {
            let mut errors = FormErrors::default();
            steps
                .iter()
                .for_each(|e| errors.extend(FormErrors::from_domain(e, t)));
            Err(invalid(&errors, t))
        }
        Created::UseCoopClaims(other) => {
            let mut errors = FormErrors::default();
            let programme = t.get(other.label_key());
            errors.add(
                "claim_type",
                t.format("wizard.coop.body", &[("programme", programme)]),
            );
            Err(invalid(&errors, t))
        }
    }
}

/// Step 4: the claim's products, each with the customer's subscription where the programme
/// asks for one. Replaces what was chosen.
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProductsRequest {
    pub products: Vec<ProductChoice>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProductChoice {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
}

impl From<ProductsRequest> for ProductsInput {
    fn from(request: ProductsRequest) -> Self {
        let mut subscriptions = BTreeMap::new();
        for choice in &request.products {
            if let Some(sub) = choice.subscription_id.as_ref().filter(|s| !s.is_empty()) {
                subscriptions.insert(choice.id.clone(), sub.clone());
            }
        }
        ProductsInput {
            product_ids: request.products.into_iter().map(|p| p.id).collect(),
            subscriptions,
        }
    }
}

/// `POST /api/v1/claims/{id}/products`.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/products",
    operation_id = "set_products",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    request_body = ProductsRequest,
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn products(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(save_products).await
}

async fn save_products(
    caller: &Caller,
    state: &AppState,
    id: String,
    body: &[u8],
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    let input: ProductsInput = json_body::<ProductsRequest>(body, t)?.into();
    let zone = state.settings.calendar_time_zone;
    let saved = on_claim(state, caller, &id, move |c, a| {
        let today = a.now.with_timezone(&zone).date_naive();
        products_step::save(c, &a.viewer, &a.claim, &input, a.now, today)
    })
    .await?;
    step_saved(saved, t)?;
    claim_reply(state, caller, id).await
}

/// Step 5: the contacts (or a revenue association's details), by the page's field names;
/// what the claim's programme does not ask for is ignored.
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ContactsRequest {
    pub customer_contact_name: String,
    pub customer_contact_job_title: String,
    pub customer_contact_email: String,
    /// Asked for when a chosen Dynamics 365 product needs one.
    pub technical_contact_name: String,
    pub technical_contact_job_title: String,
    pub technical_contact_email: String,
    pub company_contact_name: String,
    pub company_contact_email: String,
    /// Revenue association only.
    pub seller_name: String,
    pub customer_name: String,
    pub solution_name: String,
    /// The language the customer is written to in (`en`, `ja`); the caller's when empty.
    pub customer_language: String,
}

impl From<ContactsRequest> for ContactsInput {
    fn from(r: ContactsRequest) -> Self {
        ContactsInput {
            customer_contact_name: r.customer_contact_name,
            customer_contact_job_title: r.customer_contact_job_title,
            customer_contact_email: r.customer_contact_email,
            technical_contact_name: r.technical_contact_name,
            technical_contact_job_title: r.technical_contact_job_title,
            technical_contact_email: r.technical_contact_email,
            company_contact_name: r.company_contact_name,
            company_contact_email: r.company_contact_email,
            seller_name: r.seller_name,
            customer_name: r.customer_name,
            solution_name: r.solution_name,
            customer_language: r.customer_language,
        }
    }
}

/// `POST /api/v1/claims/{id}/contacts`.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/contacts",
    operation_id = "set_contacts",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    request_body = ContactsRequest,
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn contacts(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(save_contacts).await
}

async fn save_contacts(
    caller: &Caller,
    state: &AppState,
    id: String,
    body: &[u8],
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    let mut input: ContactsInput = json_body::<ContactsRequest>(body, t)?.into();
    if input.customer_language.trim().is_empty() {
        t.locale().tag().clone_into(&mut input.customer_language);
    }
    let saved = on_claim(state, caller, &id, move |c, a| {
        contacts_step::save(c, &a.viewer, &a.claim, &input, a.now)
    })
    .await?;
    step_saved(saved, t)?;
    claim_reply(state, caller, id).await
}

/// Step 7: the partner's comments for the reviewers (empty clears them).
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CommentsRequest {
    pub comments: String,
}

/// `POST /api/v1/claims/{id}/comments`.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{id}/comments",
    operation_id = "set_comments",
    tag = "claims",
    params(openapi::ClaimId, openapi::Retry),
    request_body = CommentsRequest,
    responses((status = 200, description = "The claim as it now is", body = ClaimDocument), openapi::Problems)
)]
pub async fn comments(post: ClaimPost) -> Result<HttpResponse, Problem> {
    post.once(save_comments).await
}

async fn save_comments(
    caller: &Caller,
    state: &AppState,
    id: String,
    body: &[u8],
) -> Result<Reply, Problem> {
    let t = caller.catalogue;
    let input = CommentsInput {
        comments: json_body::<CommentsRequest>(body, t)?.comments,
    };
    let saved = on_claim(state, caller, &id, move |c, a| {
        comments_step::save(c, &a.viewer, &a.claim, &input, a.now)
    })
    .await?;
    step_saved(saved, t)?;
    claim_reply(state, caller, id).await
}

/// A wizard step's save as the API answers it: the claim not editable (404, 403, 409), or its
/// fields' errors (422).
fn step_saved<T>(
    saved: Result<Result<T, FieldErrors>, EditDenied>,
    t: &Catalogue,
) -> Result<T, Problem> {
    saved
        .map_err(|d| denied(d, t))?
        .map_err(|e| invalid_fields(&e, t))
}
