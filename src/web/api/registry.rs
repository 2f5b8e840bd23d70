//! The tenant registry, read (administrators, as on `/admin/registry`; others get 403):
//! `GET /api/v1/registry/tenants` (by name, `q` and keyset `after`) and
//! `GET /api/v1/registry/tenants/{id}` (domains, subscriptions and monthly usage).

#[allow(unused_imports)]
use super::openapi;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    domain::access,
    service::registry_views::{self, BrowseRequest, TenantDetail},
};

use super::{
    super::{forms::search_errors, listing::next_page, state::AppState},
    caller::Caller,
    problem::Problem,
    reply::{db, invalid},
};

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TenantItem {
    pub id: String,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TenantPage {
    pub items: Vec<TenantItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// `GET /api/v1/registry/tenants`.
#[utoipa::path(
    get,
    path = "/api/v1/registry/tenants",
    operation_id = "registry_tenants",
    tag = "registry",
    params(("q" = Option<String>, Query, description = "Tenant name or ID"), ("after" = Option<String>, Query, description = "Cursor from `next`")),
    responses((status = 200, description = "The answer", body = TenantPage), openapi::Problems)
)]
pub async fn tenants(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<BrowseRequest>,
) -> Result<HttpResponse, Problem> {
    let t = caller.catalogue;
    if !access::can_administer(&caller.viewer) {
        return Err(Problem::forbidden(t));
    }
    let request = query.into_inner();
    let errors = search_errors(request.search(), t);
    if !errors.is_empty() {
        return Err(invalid(&errors, t));
    }
    let (viewer, asked) = (caller.viewer.clone(), request.clone());
    let found = db(&state, t, move |c| {
        registry_views::browse(c, &viewer, &asked)
    })
    .await?;
    let list = found.ok_or_else(|| Problem::forbidden(t))?;
    let next = list.next.map(|position| {
        next_page(
            "/api/v1/registry/tenants",
            &request.filter_pairs(),
            &position,
        )
    });
    let items = list
        .tenants
        .into_iter()
        .map(|tenant| TenantItem {
            url: format!("/api/v1/registry/tenants/{}", tenant.id),
            id: tenant.id,
            name: tenant.name,
        })
        .collect();
    Ok(HttpResponse::Ok().json(TenantPage { items, next }))
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TenantDocument {
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    pub subscriptions: Vec<TenantSubscription>,
    /// Newest month first.
    pub usage: Vec<TenantUsage>,
    /// Whether older usage exists beyond what is listed.
    pub usage_cut: bool,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TenantSubscription {
    pub id: String,
    pub product_id: String,
    pub product: String,
    /// `direct`, `csp` …
    pub channel: String,
    pub starts_on: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<NaiveDate>,
    pub seats: i32,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TenantUsage {
    pub product_id: String,
    pub product: String,
    /// The first day of the month.
    pub month: NaiveDate,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

/// `GET /api/v1/registry/tenants/{id}`.
#[utoipa::path(
    get,
    path = "/api/v1/registry/tenants/{id}",
    operation_id = "registry_tenant",
    tag = "registry",
    params(("id" = String, Path, description = "The tenant's directory (tenant) ID")),
    responses((status = 200, description = "The answer", body = TenantDocument), openapi::Problems)
)]
pub async fn tenant(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let t = caller.catalogue;
    if !access::can_administer(&caller.viewer) {
        return Err(Problem::forbidden(t));
    }
    let (viewer, id) = (caller.viewer.clone(), id.into_inner());
    let found = db(&state, t, move |c| registry_views::tenant(c, &viewer, &id)).await?;
    let detail = found.ok_or_else(|| Problem::not_found(t))?;
    Ok(HttpResponse::Ok().json(document(detail)))
}

fn document(detail: TenantDetail) -> TenantDocument {
    TenantDocument {
        id: detail.id,
        name: detail.name,
        domains: detail.domains,
        subscriptions: detail
            .subscriptions
            .into_iter()
            .map(|s| TenantSubscription {
                id: s.id,
                product_id: s.product_id,
                product: s.product,
                channel: s.channel.as_str().to_owned(),
                starts_on: s.starts_on,
                ends_on: s.ends_on,
                seats: s.seats,
            })
            .collect(),
        usage: detail
            .usage
            .into_iter()
            .map(|u| TenantUsage {
                product_id: u.product_id,
                product: u.product,
                month: u.month,
                monthly_active_users: u.monthly_active_users,
                paid_units: u.paid_units,
            })
            .collect(),
        usage_cut: detail.usage_cut,
    }
}
