//! `/admin/products`: the product and workload catalogue. Retired products are no longer
//! offered in the wizard; claims that have them keep them.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{self, Viewer},
        catalogue::{ProductError, ProductInput},
        errors::UnknownCode,
        programme::SolutionArea,
    },
    store::{
        AnyConnection, admin_audit,
        catalogue::{self, ProductRow},
        db_time, write_transaction,
    },
};

/// A product of the catalogue as the administration shows it.
pub struct Product {
    pub id: String,
    pub name: String,
    pub area: SolutionArea,
    pub is_dynamics365: bool,
    /// Retired products are no longer offered.
    pub active: bool,
}

impl TryFrom<ProductRow> for Product {
    type Error = UnknownCode;

    /// An unknown stored solution area is an error, never a blank.
    fn try_from(row: ProductRow) -> Result<Self, UnknownCode> {
        Ok(Self {
            area: SolutionArea::try_from(row.solution_area)?,
            id: row.id,
            name: row.name,
            is_dynamics365: row.is_dynamics365,
            active: row.active,
        })
    }
}

/// The catalogue in its order. `None`: not an administrator.
pub fn list(conn: &mut AnyConnection, viewer: &Viewer) -> anyhow::Result<Option<Vec<Product>>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    catalogue(conn).map(Some)
}

/// Every product, in catalogue order, retired ones too.
pub fn catalogue(conn: &mut AnyConnection) -> anyhow::Result<Vec<Product>> {
    Ok(catalogue::all(conn)?
        .into_iter()
        .map(Product::try_from)
        .collect::<Result<_, _>>()?)
}

pub fn find(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
) -> anyhow::Result<Option<Product>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    Ok(catalogue::find(conn, id)?
        .map(Product::try_from)
        .transpose()?)
}

/// What became of a save.
pub enum Saved {
    Done,
    /// The id is in use (only when creating).
    Refused(ProductError),
    /// Not an administrator, or no such product.
    NotFound,
}

/// Creates a product (`id` set by the caller from the form) or, with `existing`, updates it.
pub fn save(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    creating: bool,
    input: &ProductInput,
    now: DateTime<Utc>,
) -> anyhow::Result<Saved> {
    if !access::can_administer(viewer) {
        return Ok(Saved::NotFound);
    }
    let actor = Some(viewer.user.as_str());
    let at = db_time(now);
    write_transaction(conn, |c| -> anyhow::Result<Saved> {
        let exists = catalogue::find(c, id)?.is_some();
        if creating {
            if exists {
                return Ok(Saved::Refused(ProductError::IdTaken));
            }
            let row = ProductRow {
                id: id.to_owned(),
                name: input.name.clone(),
                solution_area: input.area.as_str().to_owned(),
                is_dynamics365: input.is_dynamics365,
                active: input.active,
                sort_order: catalogue::next_sort_order(c)?,
            };
            catalogue::insert(c, &row)?;
            admin_audit::record(c, actor, "product.created", id, Some(&input.name), at)?;
        } else {
            if !catalogue::update(
                c,
                id,
                &input.name,
                input.area.as_str(),
                input.is_dynamics365,
                input.active,
            )? {
                return Ok(Saved::NotFound);
            }
            let status = if input.active { "active" } else { "retired" };
            admin_audit::record(c, actor, "product.updated", id, Some(status), at)?;
        }
        Ok(Saved::Done)
    })
}
