//! `/admin/products` (the catalogue), `/admin/products/new` and `/admin/products/{id}`.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        access,
        catalogue::{self, ProductError},
        programme::SolutionArea,
    },
    i18n::Catalogue,
    service::products_admin::{self, Saved},
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

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ProductForm {
    id: String,
    name: String,
    area: String,
    is_dynamics365: Option<String>,
    status: String,
}

pub async fn index(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let rows = state
        .db(move |conn| products_admin::list(conn, &viewer))
        .await?
        .ok_or(AppError::Forbidden)?;
    let t = Catalogue::for_locale(visitor.locale);
    let products = rows
        .into_iter()
        .map(|p| ProductLine {
            href: format!("/admin/products/{}", p.id),
            area: SolutionArea::parse(&p.solution_area)
                .map(|a| t.get(a.label_key()).to_owned())
                .unwrap_or_default(),
            name: p.name,
            id: p.id,
            dynamics: p.is_dynamics365,
            active: p.active,
        })
        .collect();
    page(
        StatusCode::OK,
        &ProductsPage {
            layout: Layout::new(&visitor, "admin.products.title"),
            products,
        },
    )
}

pub async fn new_form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let form = ProductForm {
        status: "active".into(),
        ..ProductForm::default()
    };
    render(&visitor, None, form, FormErrors::default(), StatusCode::OK)
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
    let form = ProductForm {
        id: product.id,
        name: product.name,
        area: product.solution_area,
        is_dynamics365: product.is_dynamics365.then(|| "yes".to_owned()),
        status: if product.active { "active" } else { "retired" }.to_owned(),
    };
    render(
        &visitor,
        Some(id),
        form,
        FormErrors::default(),
        StatusCode::OK,
    )
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
    let mut errors = FormErrors::default();
    let id = match &existing_id {
        Some(id) => Some(id.clone()),
        None => catalogue::parse_id(&form.id)
            .map_err(|e| errors.add("id", t.message(&e)))
            .ok(),
    };
    let input = catalogue::parse_product(
        &form.name,
        &form.area,
        form.is_dynamics365.is_some(),
        &form.status,
    )
    .map_err(|problems| {
        for (field, e) in problems {
            errors.add(field, t.message(&e));
        }
    })
    .ok();
    let (Some(id), Some(input)) = (id, input) else {
        return render(
            &visitor,
            existing_id,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let (now, creating, target) = (state.now(), existing_id.is_none(), id.clone());
    let saved = state
        .db(move |conn| products_admin::save(conn, &viewer, &target, creating, &input, now))
        .await?;
    match saved {
        Saved::Done => see_other_with_flash(
            "/admin/products",
            "flash.product_saved",
            state.settings.cookie_secure,
        ),
        Saved::Refused(ProductError::IdTaken) | Saved::Refused(_) => {
            errors.add("id", t.message(&ProductError::IdTaken));
            render(
                &visitor,
                existing_id,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Saved::NotFound => Err(AppError::NotFound),
    }
}

fn render(
    visitor: &Visitor,
    existing_id: Option<String>,
    form: ProductForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let areas = coded_choices("area", SolutionArea::ALL, t, &form.area);
    let statuses = choices(
        "status",
        ["active", "retired"]
            .into_iter()
            .map(|s| {
                (
                    s.to_owned(),
                    t.get(&format!("admin.products.{s}")).to_owned(),
                    t.get(&format!("admin.products.{s}_hint")).to_owned(),
                )
            })
            .collect(),
        &form.status,
    );
    let (title, action) = match &existing_id {
        Some(id) => ("admin.products.edit_title", format!("/admin/products/{id}")),
        None => ("admin.products.new_title", "/admin/products/new".to_owned()),
    };
    page(
        status,
        &ProductFormPage {
            layout: Layout::new(visitor, title).with_errors(!errors.is_empty()),
            existing_id,
            action,
            errors,
            form,
            areas,
            statuses,
        },
    )
}
