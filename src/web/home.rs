//! `/` and the role homes.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::access::{self, home_path},
    service::overview,
};

use super::{
    error::AppError,
    layout::Layout,
    render::{page, see_other},
    session::Visitor,
    state::AppState,
};

pub async fn root(visitor: Visitor) -> HttpResponse {
    match &visitor.user {
        Some(user) => see_other(home_path(user.role)),
        None => see_other("/sign-in"),
    }
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminPage {
    layout: Layout,
    counts: overview::AdminCounts,
}

pub async fn admin(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let counts = state.db(overview::admin_counts).await?;
    page(
        StatusCode::OK,
        &AdminPage {
            layout: Layout::new(&visitor, "admin.title"),
            counts,
        },
    )
}
