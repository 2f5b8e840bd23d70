//! Who may reach a group of routes, checked once for the group in the route table (handlers
//! and services still check per organisation what the group guard cannot know).

use actix_web::{
    Error, HttpMessage, Resource,
    body::{EitherBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    middleware::{Next, from_fn},
    web::ServiceConfig,
};

use crate::domain::access::{self, Viewer};

use super::{error::AppError, session::Visitor};

/// Which signed-in people a group of routes is for.
pub type Audience = fn(&Viewer) -> bool;

/// Partner users: their organisation's list and the wizard.
pub const PARTNERS: Audience = access::can_create_claims;
/// Anyone signed in: a claim's pages serve its partner and programme staff, and the service
/// checks the organisation and the role.
pub const CLAIM_READERS: Audience = anyone_signed_in;
/// Anyone signed in, for their own account.
pub const SIGNED_IN: Audience = anyone_signed_in;
/// Reviewers and administrators.
pub const STAFF: Audience = access::can_review;
pub const ADMINISTRATORS: Audience = access::can_administer;

/// Registers `resources`, each behind the `audience` guard: without a session the visitor
/// is sent to sign in (and back), with the wrong role they get 403.
pub fn only(cfg: &mut ServiceConfig, audience: Audience, resources: Vec<Resource>) {
    for resource in resources {
        cfg.service(resource.wrap(from_fn(move |req, next| guard(audience, req, next))));
    }
}

fn anyone_signed_in(_: &Viewer) -> bool {
    true
}

async fn guard<B: MessageBody>(
    audience: Audience,
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    let refusal = match req.extensions().get::<Visitor>() {
        None => Some(AppError::Internal(anyhow::anyhow!("visitor not loaded"))),
        Some(visitor) => visitor.permitted(audience).err(),
    };
    match refusal {
        Some(refusal) => Ok(req.error_response(refusal).map_into_right_body()),
        None => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body),
    }
}
