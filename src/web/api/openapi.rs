//! The OpenAPI 3.1 document of `/api/v1`, generated from the API's own handlers and types
//! (`utoipa`), served at `/api/v1/openapi.json` to anyone: it describes, it grants nothing.
//! The tests check every API answer they receive against it.

use std::sync::OnceLock;

use actix_web::HttpResponse;
use utoipa::{
    Modify, OpenApi,
    openapi::{
        self, ObjectBuilder, RefOr, Schema, Type,
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};

use crate::domain::{
    claim::{ActorKind, Status},
    programme::Programme,
};

use super::{
    claim_actions, claims, dispute, drafts, files, imports, problem::Problem, registry, review,
    usage,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Customer associations portal API",
        version = "1",
        description = "Partner-of-record claims: a partner's claims and the programme's review. \
            Every request carries a personal API token (`Authorization: Bearer cpor_…`) made on \
            `/account/tokens`, and acts as that token's user. Errors are RFC 9457 problem \
            details (`application/problem+json`) in the caller's language."
    ),
    paths(
        claims::list,
        claims::show,
        drafts::create,
        imports::import,
        drafts::products,
        drafts::contacts,
        drafts::comments,
        files::upload,
        claim_actions::submit,
        claim_actions::resubmit,
        claim_actions::withdraw,
        claim_actions::message,
        dispute::dispute,
        usage::show,
        review::queue,
        review::claims,
        review::validate,
        review::request_information,
        review::reject,
        registry::tenants,
        registry::tenant,
    ),
    modifiers(&BearerToken),
    security(("token" = []))
)]
pub struct Document;

/// The personal API token, as a bearer credential.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, document: &mut openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("cpor_ followed by 64 hexadecimal digits")
            .build();
        // No licence is granted through the API's description.
        document.info.license = None;
        document
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("token", SecurityScheme::Http(scheme));
    }
}

/// A string that is one of a domain enum's stable codes.
fn codes(values: impl Iterator<Item = &'static str>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .into()
}

/// A claim's status code (`submitted`, `official` …).
pub fn status_schema() -> RefOr<Schema> {
    codes(Status::ALL.iter().map(|s| s.as_str()))
}

/// A programme's code.
pub fn programme_schema() -> RefOr<Schema> {
    codes(Programme::ALL.iter().map(|p| p.as_str()))
}

/// Who made a change (`partner`, `reviewer`, `administrator`, `customer_link`, `system`).
pub fn actor_schema() -> RefOr<Schema> {
    codes(ActorKind::ALL.iter().map(|a| a.as_str()))
}

/// The document as served: built once, the same bytes for every request.
pub async fn document() -> HttpResponse {
    static JSON: OnceLock<String> = OnceLock::new();
    let json = JSON.get_or_init(|| {
        Document::openapi()
            .to_pretty_json()
            .unwrap_or_else(|_| String::from("{}"))
    });
    HttpResponse::Ok()
        .content_type("application/json")
        .body(json.as_str())
}

/// What an operation may answer instead of its result: RFC 9457 problem details.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub enum Problems {
    /// A body that is not JSON, or a parameter that cannot be used
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No working token (`WWW-Authenticate: Bearer`)
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// A read-only token that writes, or an operation the caller's role has none of
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// Nothing there for this caller (another organisation's claim looks the same as none)
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// A change the claim's status does not allow, or a request with this Idempotency-Key still running
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// An upload over the limit (answered before its body is read)
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// Fields the page would refuse, each in `errors`; or an Idempotency-Key reused for another request
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// Over the token's allowance
    #[response(
        status = 429,
        content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait before asking again"))
    )]
    RateLimited(Problem),
    /// The portal failed; `detail` gives a reference
    #[response(status = "5XX", content_type = "application/problem+json")]
    Failed(Problem),
}

/// The claim an operation is on, in its path.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct ClaimId {
    /// The claim's id
    id: String,
}

/// The header that makes a retried POST act once.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct Retry {
    /// Makes a retried request act once (24 hours)
    #[serde(rename = "Idempotency-Key")]
    idempotency_key: Option<String>,
}
