//! `/admin/registry/tenants/new` and `/admin/registry/tenants/{id}`: one tenant of the
//! registry — add it, rename it, add and remove verified domains. A month of usage is set
//! and removed by [`usage`]; subscriptions have their own form (`admin_subscriptions`).

mod usage;

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{access, tenants},
    i18n::{Catalogue, format},
    service::{
        registry_views::{self, ProductChoice, TenantDetail},
        tenants_admin::{self, Edited},
    },
};

use super::{
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

use usage::{UsageForm, UsageLine};
pub use usage::{put_usage, remove_usage};

pub struct SubscriptionLine {
    pub href: String,
    pub id: String,
    pub product: String,
    pub channel: String,
    pub starts_on: String,
    pub ends_on: String,
    pub seats: i32,
}

/// A product for a `<select>`.
pub struct ProductOption {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TenantForm {
    tenant_id: String,
    name: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct DomainForm {
    domain: String,
}

/// What the tenant page's forms show: what was typed into the one that failed.
#[derive(Default)]
struct Typed {
    name: Option<String>,
    domain: String,
    usage: UsageForm,
}

#[derive(Template)]
#[template(path = "admin/tenant.html")]
struct TenantPage {
    layout: Layout,
    id: String,
    typed_name: String,
    domains: Vec<String>,
    typed_domain: String,
    subscriptions: Vec<SubscriptionLine>,
    usage: Vec<UsageLine>,
    usage_cut: bool,
    usage_form: UsageForm,
    products: Vec<ProductOption>,
    errors: FormErrors,
}

impl TenantPage {
    fn new(visitor: &Visitor, tenant: TenantDetail, typed: Typed, errors: FormErrors) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        let href = tenant_href(&tenant.id);
        let subscription = |s: registry_views::Subscription| SubscriptionLine {
            href: format!("{href}/subscriptions/{}", s.id),
            product: s.product,
            channel: t.get(s.channel.label_key()).to_owned(),
            starts_on: format::day(s.starts_on, t),
            ends_on: s.ends_on.map(|d| format::day(d, t)).unwrap_or_default(),
            seats: s.seats,
            id: s.id,
        };
        let mut layout = Layout::new(visitor, "admin.tenant.title").with_errors(!errors.is_empty());
        layout.title = tenant.name.clone();
        Self {
            layout,
            typed_name: typed.name.unwrap_or(tenant.name),
            domains: tenant.domains,
            typed_domain: typed.domain,
            subscriptions: tenant.subscriptions.into_iter().map(subscription).collect(),
            usage: tenant
                .usage
                .into_iter()
                .map(|u| UsageLine::new(u, t))
                .collect(),
            usage_cut: tenant.usage_cut,
            products: product_options(&tenant.products, &typed.usage.product),
            usage_form: typed.usage,
            errors,
            id: tenant.id,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/tenant_new.html")]
struct NewTenantPage {
    layout: Layout,
    errors: FormErrors,
    form: TenantForm,
}

impl NewTenantPage {
    fn new(visitor: &Visitor, form: TenantForm, errors: FormErrors) -> Self {
        Self {
            layout: Layout::new(visitor, "admin.tenant.new_title").with_errors(!errors.is_empty()),
            errors,
            form,
        }
    }
}

pub async fn new_form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let template = NewTenantPage::new(&visitor, TenantForm::default(), FormErrors::default());
    page(StatusCode::OK, &template)
}

pub async fn create(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<TenantForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let form = form.into_inner();
    let mut href = String::new();
    let edited = match tenants::parse_new_tenant(&form.tenant_id, &form.name) {
        Err(problems) => Edited::Refused(problems),
        Ok((id, name)) => {
            href = tenant_href(id.as_str());
            let now = state.now();
            state
                .db(move |conn| tenants_admin::create(conn, &viewer, &id, &name, now))
                .await?
        }
    };
    match edited {
        Edited::Done => {
            see_other_with_flash(&href, "flash.tenant_saved", state.settings.cookie_secure)
        }
        Edited::Refused(problems) => {
            let errors = FormErrors::for_fields(&problems, Catalogue::for_locale(visitor.locale));
            let template = NewTenantPage::new(&visitor, form, errors);
            page(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
        Edited::NotFound => Err(AppError::NotFound),
    }
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (typed, errors) = (Typed::default(), FormErrors::default());
    render(
        &visitor,
        &state,
        id.into_inner(),
        typed,
        errors,
        StatusCode::OK,
    )
    .await
}

pub async fn rename(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<TenantForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (id, form) = (id.into_inner(), form.into_inner());
    let edited = match tenants::parse_name(&form.name) {
        Err(problems) => Edited::Refused(problems),
        Ok(name) => {
            let (now, target) = (state.now(), id.clone());
            state
                .db(move |conn| tenants_admin::rename(conn, &viewer, &target, &name, now))
                .await?
        }
    };
    let typed = Typed {
        name: Some(form.name),
        ..Typed::default()
    };
    answer(visitor, state, id, edited, typed, "flash.tenant_saved").await
}

pub async fn add_domain(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<DomainForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (id, form) = (id.into_inner(), form.into_inner());
    let edited = match tenants::parse_domain(&form.domain) {
        Err(problems) => Edited::Refused(problems),
        Ok(domain) => {
            let (now, target) = (state.now(), id.clone());
            state
                .db(move |conn| tenants_admin::add_domain(conn, &viewer, &target, &domain, now))
                .await?
        }
    };
    let typed = Typed {
        domain: form.domain,
        ..Typed::default()
    };
    answer(visitor, state, id, edited, typed, "flash.domain_added").await
}

pub async fn remove_domain(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<DomainForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (id, form) = (id.into_inner(), form.into_inner());
    let (now, target) = (state.now(), id.clone());
    let edited = state
        .db(move |conn| tenants_admin::remove_domain(conn, &viewer, &target, &form.domain, now))
        .await?;
    let typed = Typed::default();
    answer(visitor, state, id, edited, typed, "flash.domain_removed").await
}

/// Back to the tenant's page with `flash`, or the page again with the problems.
async fn answer(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: String,
    edited: Edited,
    typed: Typed,
    flash: &str,
) -> Result<HttpResponse, AppError> {
    match edited {
        Edited::Done => {
            see_other_with_flash(&tenant_href(&id), flash, state.settings.cookie_secure)
        }
        Edited::Refused(problems) => {
            let errors = FormErrors::for_fields(&problems, Catalogue::for_locale(visitor.locale));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&visitor, &state, id, typed, errors, status).await
        }
        Edited::NotFound => Err(AppError::NotFound),
    }
}

pub fn tenant_href(id: &str) -> String {
    format!("/admin/registry/tenants/{id}")
}

/// The catalogue's products for a `<select>`, `selected` chosen.
pub fn product_options(products: &[ProductChoice], selected: &str) -> Vec<ProductOption> {
    products
        .iter()
        .map(|p| ProductOption {
            selected: p.id == selected,
            id: p.id.clone(),
            name: p.name.clone(),
        })
        .collect()
}

async fn render(
    visitor: &Visitor,
    state: &AppState,
    id: String,
    typed: Typed,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let tenant = state
        .db(move |conn| registry_views::tenant(conn, &viewer, &id))
        .await?
        .ok_or(AppError::NotFound)?;
    page(status, &TenantPage::new(visitor, tenant, typed, errors))
}
