//! Help pages, open to everyone.

use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;

use super::{error::AppError, layout::Layout, render::page, session::Visitor};

#[derive(Template)]
#[template(path = "help/find_tenant_id.html")]
struct FindTenantId {
    layout: Layout,
}

/// `/help/find-tenant-id`: where a customer's domain name and directory ID are found.
pub async fn find_tenant_id(visitor: Visitor) -> Result<HttpResponse, AppError> {
    page(
        StatusCode::OK,
        &FindTenantId {
            layout: Layout::new(&visitor, "help.tenant.title"),
        },
    )
}
