//! Stylesheet and script, compiled into the binary so one file is the whole deployment.

use actix_web::{HttpResponse, web};

use super::error::AppError;

const ASSETS: [(&str, &str, &str); 2] = [
    (
        "portal.css",
        "text/css; charset=utf-8",
        include_str!("../../static/portal.css"),
    ),
    (
        "portal.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/portal.js"),
    ),
];

pub async fn asset(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (_, content_type, body) = ASSETS
        .iter()
        .find(|(n, _, _)| *n == name.as_str())
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(*content_type)
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(*body))
}
