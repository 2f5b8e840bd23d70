//! `/api/v1`: the JSON face of the portal for a partner's or the programme's own systems. A
//! request carries a personal API token (`Authorization: Bearer cpor_…`, made on
//! `/account/tokens`) and acts as that token's user, with that user's access and no more;
//! every answer comes from the same service functions as the pages. Errors are RFC 9457
//! `application/problem+json` in the caller's language.

pub mod caller;
pub mod claims;
pub mod openapi;
pub mod problem;
pub mod rate_limit;
