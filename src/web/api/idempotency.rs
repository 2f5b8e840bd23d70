//! `Idempotency-Key` on every POST of the API (IETF httpapi draft "The Idempotency-Key HTTP
//! Header Field"). The key is optional: a POST without it acts as sent. With it, the key
//! belongs to the token's user; the request (method, path and query, body — for an upload,
//! the files' hashes and names) is fingerprinted with SHA-256, and:
//!
//! - the first request with the key takes it, acts, and its answer (status, `Location`,
//!   body) is stored for 24 hours — unless the portal failed (5xx): then the key is freed, so
//!   a retry acts;
//! - the same key with the same request within the 24 hours gets the stored answer again,
//!   marked `Idempotent-Replayed: true`, and nothing acts;
//! - the same key with another request is refused with 422;
//! - the same key while its first request still runs is refused with 409 (retry later).
//!
//! The crash window: a key is taken in one transaction and its answer stored in another, on
//! either side of the operation's own transaction. A process that dies in between leaves the
//! key "running"; it stays so only for the lease of [`crate::domain::idempotency::LEASE`]
//! (5 minutes), after which a retry acts again. An operation that had completed then acts a
//! second time: a status change is refused by the claim's rules (409), a create makes a
//! second draft. Holding the operation's transaction open around the whole request instead
//! would close the window but serialise every writer on SQLite, so the portal does not.
//! Expired keys are removed each time a key is taken.

use std::{future::Future, pin::Pin};

use actix_web::{FromRequest, HttpRequest, HttpResponse, dev::Payload, http::StatusCode, web};
use sha2::{Digest, Sha256};

use crate::{
    domain::idempotency::parse_key,
    service::idempotency::{self, StoredAnswer, Taken},
};

use super::{
    super::state::AppState,
    caller::Caller,
    problem::Problem,
    reply::{Reply, db},
};

pub const HEADER: &str = "Idempotency-Key";
/// Marks an answer sent again for a retried request (`Idempotent-Replayed: true`).
pub const REPLAYED: &str = "idempotent-replayed";

/// What identifies a request for its key: method, path and query, and `content` (the body,
/// or what stands for it).
pub fn fingerprint(req: &HttpRequest, content: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(req.method().as_str().as_bytes());
    hash.update(b"\n");
    hash.update(req.uri().path().as_bytes());
    hash.update(b"?");
    hash.update(req.uri().query().unwrap_or("").as_bytes());
    hash.update(b"\n");
    hash.update(content);
    crate::tokens::hex(&hash.finalize())
}

/// Runs `act` once per key: see the module's comment. `content` is what the request's
/// fingerprint is made of besides its method and path.
pub async fn once(
    req: &HttpRequest,
    caller: &Caller,
    state: &AppState,
    content: &[u8],
    act: impl Future<Output = Result<Reply, Problem>>,
) -> Result<HttpResponse, Problem> {
    let t = caller.catalogue;
    let Some(raw) = req.headers().get(HEADER) else {
        return Ok(act.await.unwrap_or_else(Reply::from).into_response());
    };
    let key = raw.to_str().ok().and_then(parse_key).ok_or_else(|| {
        let key = "api_writes.problem.idempotency_key";
        Problem::titled(StatusCode::BAD_REQUEST, "idempotency_key", key, t)
    })?;
    let (user, print, now) = (
        caller.viewer.user.as_str().to_owned(),
        fingerprint(req, content),
        state.now(),
    );
    let (u, k) = (user.clone(), key.clone());
    let taken = db(state, t, move |c| idempotency::take(c, &u, &k, &print, now)).await?;
    match taken {
        Taken::Replay(answer) => Ok(replayed(answer)),
        Taken::OtherRequest => Err(Problem::titled(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "api_writes.problem.idempotency_key_reused",
            t,
        )),
        Taken::Running => Err(Problem::titled(
            StatusCode::CONFLICT,
            "idempotency_key_running",
            "api_writes.problem.idempotency_key_running",
            t,
        )),
        Taken::Act => {
            let reply = act.await.unwrap_or_else(Reply::from);
            let failed = reply.status.is_server_error();
            let answer = stored(&reply);
            // The operation happened: its answer goes out even if storing it failed (that is
            // logged, and the key frees itself after its lease).
            let _stored = db(state, t, move |c| match failed {
                true => idempotency::release(c, &user, &key),
                false => idempotency::finish(c, &user, &key, &answer),
            })
            .await;
            Ok(reply.into_response())
        }
    }
}

fn stored(reply: &Reply) -> StoredAnswer {
    StoredAnswer {
        status_code: i32::from(reply.status.as_u16()),
        location: reply.location.clone(),
        content_type: reply.content_type.clone(),
        body: String::from_utf8_lossy(&reply.body).into_owned(),
    }
}

fn replayed(answer: StoredAnswer) -> HttpResponse {
    let status = u16::try_from(answer.status_code)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut response = Reply {
        status,
        location: answer.location,
        content_type: answer.content_type,
        body: answer.body.into_bytes(),
    }
    .into_response();
    response.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static(REPLAYED),
        actix_web::http::header::HeaderValue::from_static("true"),
    );
    response
}

/// A POST on one claim, as its operations take it: the request, its caller, the claim's id
/// and the body (read whole; JSON bodies are small).
pub struct ClaimPost {
    req: HttpRequest,
    caller: Caller,
    state: web::Data<AppState>,
    id: String,
    body: web::Bytes,
}

impl FromRequest for ClaimPost {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        type Parts = (
            HttpRequest,
            Caller,
            web::Data<AppState>,
            web::Path<String>,
            web::Bytes,
        );
        let parts = Parts::from_request(req, payload);
        Box::pin(async move {
            let (req, caller, state, id, body) = parts.await?;
            Ok(ClaimPost {
                req,
                caller,
                state,
                id: id.into_inner(),
                body,
            })
        })
    }
}

impl ClaimPost {
    /// Runs `act` (given the caller, the portal, the claim's id and the body) once per
    /// `Idempotency-Key`.
    pub async fn once<'a, F, Fut>(&'a self, act: F) -> Result<HttpResponse, Problem>
    where
        F: FnOnce(&'a Caller, &'a AppState, String, &'a [u8]) -> Fut,
        Fut: Future<Output = Result<Reply, Problem>> + 'a,
    {
        let work = act(&self.caller, &self.state, self.id.clone(), &self.body);
        once(&self.req, &self.caller, &self.state, &self.body, work).await
    }
}
