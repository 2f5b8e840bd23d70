//! `/admin/registry/tenants/{id}/subscriptions/new` and `…/subscriptions/{sid}`: adding a
//! subscription to a tenant and changing one (product, channel, dates, seats). There is no
//! removal: claims refer to subscriptions, and an ended one carries its end date.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        access,
        draft::Channel,
        tenants::{self, Problems, SubscriptionInput},
        values::SubscriptionId,
    },
    i18n::Catalogue,
    service::{
        registry_views::{self, Subscription, SubscriptionFormView},
        tenants_admin::{self, Edited},
    },
};

use super::{
    admin_tenants::{ProductOption, product_options, tenant_href},
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

impl SubscriptionForm {
    /// The form as stored.
    fn of(subscription: &Subscription) -> Self {
        SubscriptionForm {
            subscription_id: subscription.id.clone(),
            product: subscription.product_id.clone(),
            channel: subscription.channel.as_str().to_owned(),
            starts_on: subscription.starts_on.to_string(),
            ends_on: subscription
                .ends_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            seats: subscription.seats.to_string(),
        }
    }

    /// The subscription's details, and its id when `adding` (the id is then a field).
    fn parse(&self, adding: bool) -> Result<(Option<SubscriptionId>, SubscriptionInput), Problems> {
        tenants::parse_subscription(
            adding.then_some(self.subscription_id.as_str()),
            &self.product,
            &self.channel,
            &self.starts_on,
            &self.ends_on,
            &self.seats,
        )
    }
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

impl SubscriptionPage {
    fn new(
        visitor: &Visitor,
        tenant_id: &str,
        existing_id: Option<String>,
        view: SubscriptionFormView,
        form: SubscriptionForm,
        errors: FormErrors,
    ) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        let tenant_href = tenant_href(tenant_id);
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
        Self {
            layout: Layout::new(visitor, title).with_errors(!errors.is_empty()),
            products: product_options(&view.products, &form.product),
            channels: coded_choices("channel", Channel::ALL, t, &form.channel),
            tenant_href,
            tenant_name: view.tenant_name,
            action,
            existing_id,
            form,
            errors,
        }
    }
}

pub async fn new_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (form, errors) = (SubscriptionForm::default(), FormErrors::default());
    render(&visitor, &state, id.into_inner(), None, form, errors).await
}

pub async fn edit_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (tenant_id, subscription_id) = path.into_inner();
    let wanted = Some(subscription_id.clone());
    let view = form_view(&visitor, &state, tenant_id.clone(), wanted).await?;
    let form = view
        .subscription
        .as_ref()
        .map(SubscriptionForm::of)
        .ok_or(AppError::NotFound)?;
    let errors = FormErrors::default();
    let template = SubscriptionPage::new(
        &visitor,
        &tenant_id,
        Some(subscription_id),
        view,
        form,
        errors,
    );
    page(StatusCode::OK, &template)
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
    let form = form.into_inner();
    save(visitor, state, tenant_id, Some(subscription_id), form).await
}

async fn save(
    visitor: Visitor,
    state: web::Data<AppState>,
    tenant_id: String,
    existing_id: Option<String>,
    form: SubscriptionForm,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let edited = match form.parse(existing_id.is_none()) {
        Err(problems) => Edited::Refused(problems),
        Ok((new_id, input)) => {
            let (now, tenant, existing) = (state.now(), tenant_id.clone(), existing_id.clone());
            state
                .db(move |conn| {
                    let (new_id, existing) = (new_id.as_ref(), existing.as_deref());
                    tenants_admin::save_subscription(
                        conn, &viewer, &tenant, new_id, existing, &input, now,
                    )
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
            let errors = FormErrors::for_fields(&problems, Catalogue::for_locale(visitor.locale));
            render(&visitor, &state, tenant_id, existing_id, form, errors).await
        }
        Edited::NotFound => Err(AppError::NotFound),
    }
}

/// The form again, with what was typed (and its problems).
async fn render(
    visitor: &Visitor,
    state: &AppState,
    tenant_id: String,
    existing_id: Option<String>,
    form: SubscriptionForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let view = form_view(visitor, state, tenant_id.clone(), None).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = SubscriptionPage::new(visitor, &tenant_id, existing_id, view, form, errors);
    page(status, &template)
}

async fn form_view(
    visitor: &Visitor,
    state: &AppState,
    tenant_id: String,
    subscription_id: Option<String>,
) -> Result<SubscriptionFormView, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    state
        .db(move |conn| {
            let subscription = subscription_id.as_deref();
            registry_views::subscription_form(conn, &viewer, &tenant_id, subscription)
        })
        .await?
        .ok_or(AppError::NotFound)
}
