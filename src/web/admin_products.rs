//! `/admin/products` (the catalogue), `/admin/products/new` and `/admin/products/{id}`.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        access,
        catalogue::{self, ProductError, ProductInput},
        programme::SolutionArea,
    },
    i18n::Catalogue,
    service::products_admin::{self, Product, Saved},
};

use super::{
    error::AppError,
    forms::{Choice, FormErrors, choices, coded_choices},
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

pub struct ProductLine {
    pub href: String,
    pub name: String,
    pub id: String,
    pub area: String,
    pub dynamics: bool,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/products.html")]
struct ProductsPage {
    layout: Layout,
    products: Vec<ProductLine>,
}

impl ProductsPage {
    fn new(visitor: &Visitor, products: Vec<Product>) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        Self {
            layout: Layout::new(visitor, "admin.products.title"),
            products: products
                .into_iter()
                .map(|p| ProductLine {
                    href: format!("/admin/products/{}", p.id),
                    area: t.get(p.area.label_key()).to_owned(),
                    name: p.name,
                    id: p.id,
                    dynamics: p.is_dynamics365,
                    active: p.active,
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/product_form.html")]
struct ProductFormPage {
    layout: Layout,
    /// `None` when creating (the id is then a field).
    existing_id: Option<String>,
    action: String,
    errors: FormErrors,
    form: ProductForm,
    areas: Vec<Choice>,
    statuses: Vec<Choice>,
}

impl ProductFormPage {
    fn new(
        visitor: &Visitor,
        existing_id: Option<String>,
        form: ProductForm,
        errors: FormErrors,
    ) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        let (title, action) = match &existing_id {
            Some(id) => ("admin.products.edit_title", format!("/admin/products/{id}")),
            None => ("admin.products.new_title", "/admin/products/new".to_owned()),
        };
        Self {
            layout: Layout::new(visitor, title).with_errors(!errors.is_empty()),
            existing_id,
            action,
            errors,
            areas: coded_choices("area", SolutionArea::ALL, t, &form.area),
            statuses: status_choices(t, &form.status),
            form,
        }
    }
}

/// **Active** or **Retired**, each with its hint.
fn status_choices(t: &Catalogue, selected: &str) -> Vec<Choice> {
    let status = |code: &str| {
        (
            code.to_owned(),
            t.get(&format!("admin.products.{code}")).to_owned(),
            t.get(&format!("admin.products.{code}_hint")).to_owned(),
        )
    };
    choices(
        "status",
        vec![status("active"), status("retired")],
        selected,
    )
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ProductForm {
    id: String,
    name: String,
    area: String,
    is_dynamics365: Option<String>,
    status: String,
}

impl ProductForm {
    /// The form as stored.
    fn of(product: Product) -> Self {
        ProductForm {
            id: product.id,
            name: product.name,
            area: product.area.as_str().to_owned(),
            is_dynamics365: product.is_dynamics365.then(|| "yes".to_owned()),
            status: if product.active { "active" } else { "retired" }.to_owned(),
        }
    }

    /// The product's id (`existing`, or the typed one for a new product) and details, or
    /// every field's problem.
    fn input(
        &self,
        existing: Option<&str>,
        t: &Catalogue,
    ) -> Result<(String, ProductInput), FormErrors> {
        let mut errors = FormErrors::default();
        let id = match existing {
            Some(id) => Some(id.to_owned()),
            None => catalogue::parse_id(&self.id)
                .map_err(|e| errors.add("id", t.message(&e)))
                .ok(),
        };
        let dynamics = self.is_dynamics365.is_some();
        let input = catalogue::parse_product(&self.name, &self.area, dynamics, &self.status)
            .map_err(|problems| {
                for (field, e) in problems {
                    errors.add(field, t.message(&e));
                }
            })
            .ok();
        match (id, input) {
            (Some(id), Some(input)) => Ok((id, input)),
            _ => Err(errors),
        }
    }
}

pub async fn index(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let products = state
        .db(move |conn| products_admin::list(conn, &viewer))
        .await?
        .ok_or(AppError::Forbidden)?;
    page(StatusCode::OK, &ProductsPage::new(&visitor, products))
}

pub async fn new_form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let form = ProductForm {
        status: "active".into(),
        ..ProductForm::default()
    };
    let template = ProductFormPage::new(&visitor, None, form, FormErrors::default());
    page(StatusCode::OK, &template)
}

pub async fn edit_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let id = id.into_inner();
    let target = id.clone();
    let product = state
        .db(move |conn| products_admin::find(conn, &viewer, &target))
        .await?
        .ok_or(AppError::NotFound)?;
    let form = ProductForm::of(product);
    let template = ProductFormPage::new(&visitor, Some(id), form, FormErrors::default());
    page(StatusCode::OK, &template)
}

pub async fn create(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<ProductForm>,
) -> Result<HttpResponse, AppError> {
    save(visitor, state, None, form.into_inner()).await
}

pub async fn update(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<ProductForm>,
) -> Result<HttpResponse, AppError> {
    save(visitor, state, Some(id.into_inner()), form.into_inner()).await
}

async fn save(
    visitor: Visitor,
    state: web::Data<AppState>,
    existing_id: Option<String>,
    form: ProductForm,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let t = Catalogue::for_locale(visitor.locale);
    let refused = |errors| {
        let template = ProductFormPage::new(&visitor, existing_id.clone(), form.clone(), errors);
        page(StatusCode::UNPROCESSABLE_ENTITY, &template)
    };
    let (id, input) = match form.input(existing_id.as_deref(), t) {
        Ok(parsed) => parsed,
        Err(errors) => return refused(errors),
    };
    let (now, creating) = (state.now(), existing_id.is_none());
    let saved = state
        .db(move |conn| products_admin::save(conn, &viewer, &id, creating, &input, now))
        .await?;
    match saved {
        Saved::Done => see_other_with_flash(
            "/admin/products",
            "flash.product_saved",
            state.settings.cookie_secure,
        ),
        // Only a new product's id can be refused (taken).
        Saved::Refused(_) => refused(FormErrors::one("id", &ProductError::IdTaken, t)),
        Saved::NotFound => Err(AppError::NotFound),
    }
}
