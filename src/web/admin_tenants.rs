//! `/admin/registry/tenants/new` and `/admin/registry/tenants/{id}`: one tenant of the
//! registry — add it, rename it, add and remove verified domains, set and remove a month
//! of usage. Its subscriptions have their own form (`admin_subscriptions`).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        access,
        draft::Channel,
        tenants::{self, Problems},
    },
    i18n::{Catalogue, format},
    service::tenants_admin::{self, Edited, USAGE_SHOWN},
    store::catalogue,
};

use super::{
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

pub struct SubscriptionLine {
    pub href: String,
    pub id: String,
    pub product: String,
    pub channel: String,
    pub starts_on: String,
    pub ends_on: String,
    pub seats: i32,
}

pub struct UsageLine {
    pub remove_label: String,
    pub product_id: String,
    pub product: String,
    pub month: String,
    pub monthly_active_users: i32,
    pub paid_units: i32,
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

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct UsageForm {
    product: String,
    month: String,
    monthly_active_users: String,
    paid_units: String,
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

#[derive(Template)]
#[template(path = "admin/tenant_new.html")]
struct NewTenantPage {
    layout: Layout,
    errors: FormErrors,
    form: TenantForm,
}

pub async fn new_form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    render_new(
        &visitor,
        TenantForm::default(),
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn create(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<TenantForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let form = form.into_inner();
    let t = Catalogue::for_locale(visitor.locale);
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
        Edited::Refused(problems) => render_new(
            &visitor,
            form,
            field_errors(&problems, t),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Edited::NotFound => Err(AppError::NotFound),
    }
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    render(
        &visitor,
        &state,
        id.into_inner(),
        Typed::default(),
        FormErrors::default(),
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
    answer(
        visitor,
        state,
        id,
        edited,
        Typed::default(),
        "flash.domain_removed",
    )
    .await
}

pub async fn put_usage(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<UsageForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (id, form) = (id.into_inner(), form.into_inner());
    let edited = match tenants::parse_usage(
        &form.product,
        &form.month,
        &form.monthly_active_users,
        &form.paid_units,
    ) {
        Err(problems) => Edited::Refused(problems),
        Ok(input) => {
            let (now, target) = (state.now(), id.clone());
            state
                .db(move |conn| tenants_admin::put_usage(conn, &viewer, &target, &input, now))
                .await?
        }
    };
    let typed = Typed {
        usage: form,
        ..Typed::default()
    };
    answer(visitor, state, id, edited, typed, "flash.usage_saved").await
}

pub async fn remove_usage(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<UsageForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (id, form) = (id.into_inner(), form.into_inner());
    let month = tenants::parse_month(&form.month).ok_or(AppError::NotFound)?;
    let (now, target) = (state.now(), id.clone());
    let edited = state
        .db(move |conn| {
            tenants_admin::remove_usage(conn, &viewer, &target, &form.product, month, now)
        })
        .await?;
    answer(
        visitor,
        state,
        id,
        edited,
        Typed::default(),
        "flash.usage_removed",
    )
    .await
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
            let errors = field_errors(&problems, Catalogue::for_locale(visitor.locale));
            render(
                &visitor,
                &state,
                id,
                typed,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Edited::NotFound => Err(AppError::NotFound),
    }
}

pub fn tenant_href(id: &str) -> String {
    format!("/admin/registry/tenants/{id}")
}

pub fn field_errors(problems: &Problems, t: &Catalogue) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, error) in problems {
        errors.add(field, t.message(error));
    }
    errors
}

/// The catalogue's products for a `<select>`, `selected` chosen.
pub async fn product_options(
    state: &AppState,
    selected: &str,
) -> Result<Vec<ProductOption>, AppError> {
    let products = state.db(|conn| Ok(catalogue::all(conn)?)).await?;
    Ok(products
        .into_iter()
        .map(|p| ProductOption {
            selected: p.id == selected,
            id: p.id,
            name: p.name,
        })
        .collect())
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
    let target = id.clone();
    let tenant = state
        .db(move |conn| tenants_admin::detail(conn, &viewer, &target))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let names = product_options(state, &typed.usage.product).await?;
    let product_name = |id: &str| {
        names
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    };
    let subscriptions = tenant
        .subscriptions
        .into_iter()
        .map(|s| SubscriptionLine {
            href: format!("{}/subscriptions/{}", tenant_href(&id), s.id),
            product: product_name(&s.product_id),
            channel: Channel::parse(&s.channel)
                .map(|c| t.get(c.label_key()).to_owned())
                .unwrap_or(s.channel),
            starts_on: format::day(s.starts_on, t),
            ends_on: s.ends_on.map(|d| format::day(d, t)).unwrap_or_default(),
            seats: s.seats,
            id: s.id,
        })
        .collect();
    let usage_cut = tenant.usage.len() as i64 >= USAGE_SHOWN;
    let usage = tenant
        .usage
        .into_iter()
        .map(|u| UsageLine {
            remove_label: t.format(
                "admin.tenant.remove_usage_label",
                &[(
                    "what",
                    &format!("{} {}", u.product_name, u.month.format("%Y-%m")),
                )],
            ),
            product_id: u.product_id,
            product: u.product_name,
            month: u.month.format("%Y-%m").to_string(),
            monthly_active_users: u.monthly_active_users,
            paid_units: u.paid_units,
        })
        .collect();
    let mut layout = Layout::new(visitor, "admin.tenant.title").with_errors(!errors.is_empty());
    layout.title = tenant.name.clone();
    page(
        status,
        &TenantPage {
            layout,
            typed_name: typed.name.unwrap_or(tenant.name),
            domains: tenant.domains,
            typed_domain: typed.domain,
            subscriptions,
            usage,
            usage_cut,
            usage_form: typed.usage,
            products: names,
            errors,
            id,
        },
    )
}

fn render_new(
    visitor: &Visitor,
    form: TenantForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    page(
        status,
        &NewTenantPage {
            layout: Layout::new(visitor, "admin.tenant.new_title").with_errors(!errors.is_empty()),
            errors,
            form,
        },
    )
}
