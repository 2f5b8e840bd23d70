//! The kinds of route the table is made of: a page read with GET, a change sent with POST,
//! and a form that does both at one address.

use actix_web::{
    FromRequest, Handler, Resource, Responder, guard,
    web::{self, post, resource},
};

/// A resource with what the table says of it.
pub(super) struct Route {
    pub path: &'static str,
    pub reads: bool,
    pub writes: bool,
    pub resource: Resource,
}

/// GET, and HEAD for the same handler (actix-http sends HEAD's headers without the body).
fn read() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// A page read with GET.
pub(super) fn view<H, A>(path: &'static str, show: H) -> Route
where
    H: Handler<A>,
    A: FromRequest + 'static,
    H::Output: Responder + 'static,
{
    Route {
        path,
        reads: true,
        writes: false,
        resource: resource(path).route(read().to(show)),
    }
}

/// A change made with POST (its form lives on another page).
pub(super) fn action<H, A>(path: &'static str, send: H) -> Route
where
    H: Handler<A>,
    A: FromRequest + 'static,
    H::Output: Responder + 'static,
{
    Route {
        path,
        reads: false,
        writes: true,
        resource: resource(path).route(post().to(send)),
    }
}

/// A form: GET shows it, POST sends it to the same address.
pub(super) fn form<S, SA, P, PA>(path: &'static str, show: S, send: P) -> Route
where
    S: Handler<SA>,
    SA: FromRequest + 'static,
    S::Output: Responder + 'static,
    P: Handler<PA>,
    PA: FromRequest + 'static,
    P::Output: Responder + 'static,
{
    Route {
        path,
        reads: true,
        writes: true,
        resource: resource(path).route(read().to(show)).route(post().to(send)),
    }
}
