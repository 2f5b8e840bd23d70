//! `/api/v1`: the JSON face of the portal for a partner's or the programme's own systems. A
//! request carries a personal API token (`Authorization: Bearer cpor_…`, made on
//! `/account/tokens`) and acts as that token's user, with that user's access and no more;
//! every answer comes from the same service functions as the pages. Errors are RFC 9457
//! `application/problem+json` in the caller's language. Every POST may carry an
//! `Idempotency-Key` ([`idempotency`]).

pub mod caller;
pub mod claim_actions;
pub mod claims;
pub mod dispute;
pub mod drafts;
pub mod files;
pub mod idempotency;
pub mod imports;
pub mod openapi;
pub mod problem;
pub mod rate_limit;
pub mod registry;
pub mod reply;
pub mod review;
pub mod routes;
pub mod usage;
