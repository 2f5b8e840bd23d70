//! `/customer/about`: what a customer association is, for the customers the portal writes
//! to — what the partner gets (only usage and seat data), what it does not get, and how to
//! opt out or end one. Public, linked from every customer email and page.

use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;

use super::{error::AppError, layout::Layout, render::page, session::Visitor};

#[derive(Template)]
#[template(path = "customer/about.html")]
struct AboutPage {
    layout: Layout,
}

pub async fn show(visitor: Visitor) -> Result<HttpResponse, AppError> {
    page(
        StatusCode::OK,
        &AboutPage {
            layout: Layout::new(&visitor, "customer.about.title").for_customer(),
        },
    )
}
