//! `/admin/registry/tenants/{id}/usage` and `…/usage/remove`: setting and removing a month
//! of a product's usage on the tenant's page.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::{
    domain::{access, tenants},
    i18n::Catalogue,
    service::{
        registry_views::UsageMonth,
        tenants_admin::{self, Edited},
    },
};

use super::{
    super::{error::AppError, session::Visitor, state::AppState},
    Typed, answer,
};

/// One month of usage in the tenant's table, with its **Remove** button's label.
pub struct UsageLine {
    pub remove_label: String,
    pub product_id: String,
    pub product: String,
    pub month: String,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

impl UsageLine {
    pub(super) fn new(usage: UsageMonth, t: &Catalogue) -> Self {
        let month = usage.month.format("%Y-%m").to_string();
        Self {
            remove_label: t.format(
                "admin.tenant.remove_usage_label",
                &[("what", &format!("{} {month}", usage.product))],
            ),
            product_id: usage.product_id,
            product: usage.product,
            month,
            monthly_active_users: usage.monthly_active_users,
            paid_units: usage.paid_units,
        }
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct UsageForm {
    pub product: String,
    pub month: String,
    pub monthly_active_users: String,
    pub paid_units: String,
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
    let typed = Typed::default();
    answer(visitor, state, id, edited, typed, "flash.usage_removed").await
}
