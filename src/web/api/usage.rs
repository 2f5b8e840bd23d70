//! `GET /api/v1/claims/{id}/usage`: an official association's usage data — what the claim
//! page's usage table shows (the customer's monthly active users and paid units of the
//! claimed products, only while the association is official; empty otherwise). Official
//! associations are listed with `GET /api/v1/claims?status=official`.

#[allow(unused_imports)]
use super::openapi;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::service::claim_view;

use super::{super::state::AppState, caller::Caller, problem::Problem, reply::db};

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClaimUsage {
    pub claim_id: String,
    pub status: String,
    pub months: Vec<UsageMonth>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UsageMonth {
    pub product: String,
    /// The first day of the month.
    pub month: NaiveDate,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

#[utoipa::path(
    get,
    path = "/api/v1/claims/{id}/usage",
    operation_id = "claim_usage",
    tag = "claims",
    params(("id" = String, Path, description = "The claim's id")),
    responses((status = 200, description = "The answer", body = ClaimUsage), openapi::Problems)
)]
pub async fn show(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let t = caller.catalogue;
    let (viewer, id, now) = (caller.viewer.clone(), id.into_inner(), state.now());
    let target = id.clone();
    let page = db(&state, t, move |c| {
        claim_view::claim_page(c, &viewer, &target, now)
    })
    .await?
    .ok_or_else(|| Problem::not_found(t))?;
    Ok(HttpResponse::Ok().json(ClaimUsage {
        claim_id: id,
        status: page.details.status.as_str().to_owned(),
        months: page
            .usage
            .into_iter()
            .map(|u| UsageMonth {
                product: u.product_name,
                month: u.month,
                monthly_active_users: u.monthly_active_users,
                paid_units: u.paid_units,
            })
            .collect(),
    }))
}
