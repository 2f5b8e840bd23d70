//! Turning a page struct into a response, with no panics on a template error.

use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;

use super::error::AppError;

pub fn page(status: StatusCode, template: &impl Template) -> Result<HttpResponse, AppError> {
    let html = template
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template failed: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// A page that must stay out of caches (its URL carries a one-time token).
pub fn private_page(
    status: StatusCode,
    template: &impl Template,
) -> Result<HttpResponse, AppError> {
    let mut response = page(status, template)?;
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location))
        .finish()
}

/// A redirect that shows the catalogue message `flash_key` once on the next page.
pub fn see_other_with_flash(
    location: &str,
    flash_key: &str,
    secure: bool,
) -> Result<HttpResponse, AppError> {
    let mut res = see_other(location);
    let flash = super::session::cookie(super::session::FLASH_COOKIE, flash_key.to_owned(), secure);
    res.add_cookie(&flash)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(res)
}
