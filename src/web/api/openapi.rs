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

use super::claims;

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
    paths(claims::list, claims::show),
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
