//! The JSON API's routes, version 1 (all in [`Group::Api`](super::super::routes::Group)):
//! each handler authenticates its caller ([`super::caller::Caller`]) and decides per
//! organisation and role.

use super::super::route_kinds::{Route, action, form, view};

/// The JSON API, version 1 (`src/web/api/`).
pub(in crate::web) fn json_api() -> Vec<Route> {
    vec![
        form("/api/v1/claims", super::claims::list, super::drafts::create),
        // Before `{id}`: a POST here is the import, not a claim's.
        action("/api/v1/claims/import", super::imports::import),
        view("/api/v1/claims/{id}", super::claims::show),
        view("/api/v1/openapi.json", super::openapi::document),
        view("/api/v1/claims/{id}/usage", super::usage::show),
        action("/api/v1/claims/{id}/products", super::drafts::products),
        action("/api/v1/claims/{id}/contacts", super::drafts::contacts),
        action("/api/v1/claims/{id}/comments", super::drafts::comments),
        action("/api/v1/claims/{id}/files", super::files::upload),
        action("/api/v1/claims/{id}/submit", super::claim_actions::submit),
        action(
            "/api/v1/claims/{id}/resubmit",
            super::claim_actions::resubmit,
        ),
        action(
            "/api/v1/claims/{id}/withdraw",
            super::claim_actions::withdraw,
        ),
        action("/api/v1/claims/{id}/dispute", super::dispute::dispute),
        action(
            "/api/v1/claims/{id}/messages",
            super::claim_actions::message,
        ),
        view("/api/v1/review/queue", super::review::queue),
        view("/api/v1/review/claims", super::review::claims),
        action(
            "/api/v1/review/claims/{id}/validate",
            super::review::validate,
        ),
        action(
            "/api/v1/review/claims/{id}/request-information",
            super::review::request_information,
        ),
        action("/api/v1/review/claims/{id}/reject", super::review::reject),
        view("/api/v1/registry/tenants", super::registry::tenants),
        view("/api/v1/registry/tenants/{id}", super::registry::tenant),
    ]
}
