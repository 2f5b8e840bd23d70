//! Step 4, `/associations/{id}/products`: the products or workloads claimed and, where
//! needed, the subscription of each.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{claim::Section, draft::ProductsInput},
    i18n::Catalogue,
    service::{
        draft_edit::EditDenied,
        products_step::{self, ProductsForm},
    },
};

use super::{
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
    wizard_flow::Then,
};

pub struct ProductOption {
    pub id: String,
    /// The first checkbox carries the group's id, for the error summary's link.
    pub input_id: String,
    pub name: String,
    pub checked: bool,
    pub hint: String,
    /// Subscriptions to choose from (only when there is a choice to make).
    pub subscriptions: Vec<SubscriptionOption>,
    pub subscription_error: String,
}

/// A product of the programme that cannot be chosen for this customer, and why. Its `id`
/// (`product_ids-<product>`) is where the error summary links when a form chose it anyway.
pub struct UnavailableProduct {
    pub input_id: String,
    pub name: String,
    pub reason: String,
    pub error: String,
}

pub struct SubscriptionOption {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "associations/products.html")]
struct ProductsPage {
    layout: Layout,
    claim_id: String,
    claim_name: String,
    step: String,
    errors: FormErrors,
    products: Vec<ProductOption>,
    unavailable: Vec<UnavailableProduct>,
}

pub async fn form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let today = state.today();
    let claim_id = id.into_inner();
    let id = claim_id.clone();
    let loaded = state
        .db(move |conn| products_step::load(conn, &viewer, &id, today))
        .await?;
    let form = loaded.map_err(denied)?;
    let input = ProductsInput {
        product_ids: form.chosen.iter().map(|(p, _)| p.clone()).collect(),
        subscriptions: form
            .chosen
            .iter()
            .filter_map(|(p, s)| Some((p.clone(), s.clone()?)))
            .collect(),
    };
    render(
        &visitor,
        &form,
        &input,
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    then: web::Query<Then>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (now, today) = (state.now(), state.today());
    let claim_id = id.into_inner();
    let input = parse(&body);
    let (id, typed, who) = (claim_id.clone(), input.clone(), viewer.clone());
    let saved = state
        .db(move |conn| products_step::save(conn, &who, &id, &typed, now, today))
        .await?;
    match saved.map_err(denied)? {
        Ok(status) => see_other_with_flash(
            &then.after(&claim_id, status, Section::Products),
            "flash.products_saved",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            let id = claim_id.clone();
            let form = state
                .db(move |conn| products_step::load(conn, &viewer, &id, today))
                .await?
                .map_err(denied)?;
            let errors = FormErrors::from_domain(&errors, Catalogue::for_locale(visitor.locale));
            render(
                &visitor,
                &form,
                &input,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

/// Checked boxes arrive as repeated `product_ids`; each product's subscription as
/// `subscription-<product id>`.
fn parse(body: &[u8]) -> ProductsInput {
    let mut input = ProductsInput {
        product_ids: Vec::new(),
        subscriptions: BTreeMap::new(),
    };
    for (key, value) in form_urlencoded::parse(body) {
        if key == "product_ids" {
            input.product_ids.push(value.into_owned());
        } else if let Some(product) = key.strip_prefix("subscription-")
            && !value.is_empty()
        {
            input
                .subscriptions
                .insert(product.to_owned(), value.into_owned());
        }
    }
    input
}

pub fn denied(denied: EditDenied) -> AppError {
    match denied {
        EditDenied::NotFound => AppError::NotFound,
        EditDenied::NotOwner | EditDenied::Locked => AppError::Forbidden,
    }
}

fn render(
    visitor: &Visitor,
    form: &ProductsForm,
    input: &ProductsInput,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let (offered, refused): (Vec<_>, Vec<_>) = form
        .products
        .iter()
        .partition(|p| form.unavailable(&p.id).is_none());
    let unavailable = refused
        .iter()
        .filter_map(|p| {
            let why = form.unavailable(&p.id)?;
            let input_id = format!("product_ids-{}", p.id);
            Some(UnavailableProduct {
                reason: t.get(why.label_key()).to_owned(),
                error: errors.get(&input_id).to_owned(),
                input_id,
                name: p.name.clone(),
            })
        })
        .collect();
    let products = offered
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let subs: Vec<_> = form
                .subscriptions
                .iter()
                .filter(|s| s.product_id == p.id)
                .collect();
            let chosen = input.subscriptions.get(&p.id);
            ProductOption {
                input_id: if n == 0 {
                    "product_ids".to_owned()
                } else {
                    format!("product_ids-{}", p.id)
                },
                checked: input.product_ids.contains(&p.id),
                hint: if p.is_dynamics365 {
                    t.get("products.dynamics_hint").to_owned()
                } else {
                    String::new()
                },
                subscriptions: if subs.len() > 1 {
                    subs.iter()
                        .map(|s| SubscriptionOption {
                            label: t.format(
                                "products.subscription_label",
                                &[
                                    ("id", &s.id),
                                    ("channel", t.get(s.channel.label_key())),
                                    ("seats", &s.seats.to_string()),
                                    (
                                        "until",
                                        &s.ends_on.map_or_else(
                                            || t.get("products.no_end").to_owned(),
                                            |d| crate::i18n::format::day(d, t),
                                        ),
                                    ),
                                ],
                            ),
                            selected: chosen == Some(&s.id),
                            id: s.id.clone(),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                subscription_error: errors.get(&format!("subscriptions-{}", p.id)).to_owned(),
                id: p.id.clone(),
                name: p.name.clone(),
            }
        })
        .collect();
    let template = ProductsPage {
        layout: Layout::new(visitor, "products.title").with_errors(!errors.is_empty()),
        claim_id: form.claim.id.clone(),
        claim_name: form.claim.name.clone(),
        step: t.format("wizard.step", &[("n", "4")]),
        errors,
        products,
        unavailable,
    };
    page(status, &template)
}
