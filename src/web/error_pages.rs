//! Renders 4xx/5xx outcomes as pages inside the layout. A 500 shows only an opaque reference;
//! its cause goes to the log under that reference.

use actix_web::{
    Error, HttpMessage, HttpResponse,
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::{ConnectionType, StatusCode, header},
    middleware::Next,
};
use askama::Template;

use super::{
    error::AppError,
    layout::Layout,
    session::{self, Visitor},
};

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    layout: Layout,
    heading_key: &'static str,
    body_key: &'static str,
    reference: Option<String>,
    show_sign_in: bool,
}

pub async fn render(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Inner layers turn their errors into responses (`ServiceRequest::error_response`), so
    // every failure arrives here as a response with its error attached.
    // Inner layers answer their failures as responses (a layer returning `Err` would skip
    // this page and the security headers).
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    // The API answers its own failures as problem details, which stay as they are.
    let problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == super::api::problem::CONTENT_TYPE.as_bytes());
    let failed = (status.is_client_error() || status.is_server_error())
        && res.response().error().is_some()
        && !problem;
    let mut res = if failed && res.request().path().starts_with("/api/") {
        // A failure before the API's handlers (a malformed query, an unknown address, a
        // refused form): problem details too, never an HTML page.
        api_problem(res)
    } else if failed {
        error_page(res)
    } else {
        res
    };
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        // The client may still be sending the body it was refused for, which is never read
        // whole: the connection ends after the answer rather than leave the client waiting.
        let head = res.response_mut().head_mut();
        head.set_connection_type(ConnectionType::Close);
    }
    Ok(res)
}

/// The response's failure as problem details, in the language of its `Accept-Language`.
fn api_problem(res: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let t = crate::i18n::Catalogue::for_locale(session::unsigned_locale(res.request()));
    let problem = super::api::problem::Problem::for_status(res.status(), t);
    let (req, _) = res.into_parts();
    ServiceResponse::new(req, actix_web::ResponseError::error_response(&problem))
}

/// The response's error as a page in the layout.
fn error_page(res: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let status = res.status();
    let app_error = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>());
    let (heading_key, body_key) = match (app_error, status) {
        (Some(AppError::CsrfRejected), _) => ("error.csrf.heading", "error.csrf.body"),
        (_, StatusCode::FORBIDDEN) => ("error.forbidden.heading", "error.forbidden.body"),
        (_, StatusCode::NOT_FOUND) => ("error.not_found.heading", "error.not_found.body"),
        (_, StatusCode::PAYLOAD_TOO_LARGE) => ("error.too_large.heading", "error.too_large.body"),
        (_, s) if s.is_server_error() => ("error.internal.heading", "error.internal.body"),
        _ => ("error.bad_request.heading", "error.bad_request.body"),
    };
    let reference = status.is_server_error().then(|| {
        let reference = crate::tokens::random_token()[..10].to_uppercase();
        let cause = match (app_error, res.response().error()) {
            (Some(AppError::Internal(e)), _) => format!("{e:#}"),
            (_, Some(e)) => e.to_string(),
            _ => String::new(),
        };
        tracing::error!(reference = %reference, cause = %cause, "request failed");
        reference
    });

    // Read apart: the fallback reads cookies, which live in the same extensions.
    let loaded = res.request().extensions().get::<Visitor>().cloned();
    let visitor = loaded.unwrap_or_else(|| Visitor {
        user: None,
        session_token: None,
        csrf_token: String::new(),
        flash: None,
        locale: session::unsigned_locale(res.request()),
        current_path: res.request().path().to_owned(),
    });
    let page = ErrorPage {
        show_sign_in: visitor.user.is_none()
            && status == StatusCode::FORBIDDEN
            && app_error.is_none_or(|e| !matches!(e, AppError::CsrfRejected)),
        layout: Layout::new(&visitor, heading_key),
        heading_key,
        body_key,
        reference,
    };
    let html = page.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page failed to render");
        String::from("<!doctype html><title>Error</title><p>Something went wrong.</p>")
    });
    let mut response = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html);
    for cookie in res.response().headers().get_all(header::SET_COOKIE) {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    let (req, _) = res.into_parts();
    ServiceResponse::new(req, response)
}
