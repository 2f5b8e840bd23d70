//! The product and workload catalogue as administrators edit it.

use super::errors::Message;
use super::programme::SolutionArea;
use super::values::{has_hidden_characters, looks_blank};

pub const MAX_ID_CHARS: usize = 60;
pub const MAX_NAME_CHARS: usize = 100;

/// A product as entered: its stable id (a slug, never changed once created), name, solution
/// area, whether it is a Dynamics 365 product, and whether it is offered (active) or retired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductInput {
    pub name: String,
    pub area: SolutionArea,
    pub is_dynamics365: bool,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProductError {
    #[error("no id")]
    IdRequired,
    #[error("id not a slug")]
    IdInvalid { max: usize },
    #[error("id in use")]
    IdTaken,
    #[error("no name")]
    NameRequired,
    #[error("name too long")]
    NameTooLong { max: usize },
    #[error("name with hidden characters")]
    NameHiddenCharacters,
    #[error("no solution area")]
    AreaRequired,
    #[error("Dynamics 365 outside Business Applications")]
    DynamicsOutsideBusinessApplications,
    #[error("no status")]
    StatusRequired,
}

impl Message for ProductError {
    fn key(&self) -> &'static str {
        match self {
            ProductError::IdRequired => "product.id_required",
            ProductError::IdInvalid { .. } => "product.id_invalid",
            ProductError::IdTaken => "product.id_taken",
            ProductError::NameRequired => "product.name_required",
            ProductError::NameTooLong { .. } => "product.name_too_long",
            ProductError::NameHiddenCharacters => "value.text.control_characters",
            ProductError::AreaRequired => "product.area_required",
            ProductError::DynamicsOutsideBusinessApplications => "product.dynamics_area",
            ProductError::StatusRequired => "product.status_required",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            ProductError::IdInvalid { max } | ProductError::NameTooLong { max } => {
                vec![("max", max.to_string())]
            }
            _ => Vec::new(),
        }
    }
}

/// A new product's id: lower-case letters, digits and single hyphens, e.g. `d365-sales`.
pub fn parse_id(raw: &str) -> Result<String, ProductError> {
    let id = raw.trim();
    if id.is_empty() {
        return Err(ProductError::IdRequired);
    }
    let slug = id.len() <= MAX_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--");
    if !slug {
        return Err(ProductError::IdInvalid { max: MAX_ID_CHARS });
    }
    Ok(id.to_owned())
}

/// The form's fields, every problem at once (field name, error).
pub fn parse_product(
    name: &str,
    area: &str,
    is_dynamics365: bool,
    status: &str,
) -> Result<ProductInput, Vec<(&'static str, ProductError)>> {
    let mut errors = Vec::new();
    let name = name.trim();
    if looks_blank(name) {
        errors.push(("name", ProductError::NameRequired));
    } else if has_hidden_characters(name) {
        errors.push(("name", ProductError::NameHiddenCharacters));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push((
            "name",
            ProductError::NameTooLong {
                max: MAX_NAME_CHARS,
            },
        ));
    }
    let area = SolutionArea::parse(area);
    match area {
        None => errors.push(("area", ProductError::AreaRequired)),
        Some(SolutionArea::Microsoft365) if is_dynamics365 => errors.push((
            "is_dynamics365",
            ProductError::DynamicsOutsideBusinessApplications,
        )),
        Some(_) => {}
    }
    let active = match status {
        "active" => Some(true),
        "retired" => Some(false),
        _ => {
            errors.push(("status", ProductError::StatusRequired));
            None
        }
    };
    match (area, active) {
        (Some(area), Some(active)) if errors.is_empty() => Ok(ProductInput {
            name: name.to_owned(),
            area,
            is_dynamics365,
            active,
        }),
        _ => Err(errors),
    }
}
