//! `/admin/registry/tenants/{id}/subscriptions/new` and `…/subscriptions/{sid}`: adding a
//! subscription to a tenant and changing one (product, channel, dates, seats). There is no
//! removal: claims refer to subscriptions, and an ended one carries its end date.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{access, draft::Channel, tenants},
    i18n::Catalogue,
    service::tenants_admin::{self, Edited, SubscriptionTarget},
    store::registry,
};

use super::{
    admin_tenants::{ProductOption, field_errors, product_options, tenant_href},
    error::AppError,
    forms::{Choice, FormErrors, coded_choices},
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SubscriptionForm {
    subscription_id: String,
    product: String,
    channel: String,
    starts_on: String,
    ends_on: String,
    seats: String,
}

#[derive(Template)]
#[template(path = "admin/subscription_form.html")]
struct SubscriptionPage {
    layout: Layout,
    tenant_href: String,
    tenant_name: String,
    action: String,
    /// `None` when adding (the id is then a field).
    existing_id: Option<String>,
    form: SubscriptionForm,
    products: Vec<ProductOption>,
    channels: Vec<Choice>,
    errors: FormErrors,
}

pub async fn new_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let form = SubscriptionForm::default();
    render(
        &visitor,
        &state,
        id.into_inner(),
        None,
        form,
        FormErrors::default(),
    )
    .await
}

pub async fn edit_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (tenant_id, subscription_id) = path.into_inner();
    let (tenant, target) = (tenant_id.clone(), subscription_id.clone());
    let row = state
        .db(move |conn| tenants_admin::find_subscription(conn, &viewer, &tenant, &target))
        .await?
        .ok_or(AppError::NotFound)?;
    let form = SubscriptionForm {
        subscription_id: row.id,
        product: row.product_id,
        channel: row.channel,
        starts_on: row.starts_on.to_string(),
        ends_on: row.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        seats: row.seats.to_string(),
    };
    let errors = FormErrors::default();
    render(
        &visitor,
        &state,
        tenant_id,
        Some(subscription_id),
        form,
        errors,
    )
    .await
}

pub async fn create(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<SubscriptionForm>,
) -> Result<HttpResponse, AppError> {
    save(visitor, state, id.into_inner(), None, form.into_inner()).await
}

pub async fn update(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<SubscriptionForm>,
) -> Result<HttpResponse, AppError> {
    let (tenant_id, subscription_id) = path.into_inner();
    save(
        visitor,
        state,
        tenant_id,
        Some(subscription_id),
        form.into_inner(),
    )
    .await
}

async fn save(
    visitor: Visitor,
    state: web::Data<AppState>,
    tenant_id: String,
    existing_id: Option<String>,
    form: SubscriptionForm,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let parsed = tenants::parse_subscription(
        existing_id
            .is_none()
            .then_some(form.subscription_id.as_str()),
        &form.product,
        &form.channel,
        &form.starts_on,
        &form.ends_on,
        &form.seats,
    );
    let edited = match parsed {
        Err(problems) => Edited::Refused(problems),
        Ok((new_id, input)) => {
            let (now, tenant, existing) = (state.now(), tenant_id.clone(), existing_id.clone());
            state
                .db(move |conn| {
                    let target = match (&new_id, &existing) {
                        (Some(id), _) => SubscriptionTarget::New(id),
                        (None, Some(id)) => SubscriptionTarget::Existing(id),
                        (None, None) => return Ok(Edited::NotFound),
                    };
                    tenants_admin::save_subscription(conn, &viewer, &tenant, target, &input, now)
                })
                .await?
        }
    };
    match edited {
        Edited::Done => see_other_with_flash(
            &tenant_href(&tenant_id),
            "flash.subscription_saved",
            state.settings.cookie_secure,
        ),
        Edited::Refused(problems) => {
            let errors = field_errors(&problems, Catalogue::for_locale(visitor.locale));
            render(&visitor, &state, tenant_id, existing_id, form, errors).await
        }
        Edited::NotFound => Err(AppError::NotFound),
    }
}

async fn render(
    visitor: &Visitor,
    state: &AppState,
    tenant_id: String,
    existing_id: Option<String>,
    form: SubscriptionForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let target = tenant_id.clone();
    let tenant_name = state
        .db(move |conn| Ok(registry::tenant_name(conn, &target)?))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let channels = coded_choices("channel", Channel::ALL, t, &form.channel);
    let tenant_href = tenant_href(&tenant_id);
    let (title, action) = match &existing_id {
        Some(id) => (
            "admin.subscription.edit_title",
            format!("{tenant_href}/subscriptions/{id}"),
        ),
        None => (
            "admin.subscription.new_title",
            format!("{tenant_href}/subscriptions/new"),
        ),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(
        status,
        &SubscriptionPage {
            layout: Layout::new(visitor, title).with_errors(!errors.is_empty()),
            products: product_options(state, &form.product).await?,
            tenant_href,
            tenant_name,
            action,
            existing_id,
            form,
            channels,
            errors,
        },
    )
}
