//! Draft claims from a CSV file: its columns (the wizard's own field names, so a row is
//! checked by the wizard's steps and its problems name the columns) and what a row says on
//! its own. The service checks rows against the registry, the catalogue and each other.

use std::collections::BTreeMap;

use super::{
    draft::{ClaimNameInput, CommentsInput, ContactsInput, CustomerInput, ProductsInput},
    errors::Message,
    programme::ProgrammeChoice,
};

/// Most rows one file may hold.
pub const MAX_ROWS: usize = 1000;

/// The header row, in this order: steps 1 to 3, the products, the contacts, the comments.
pub const COLUMNS: &[&str] = &[
    "location_mpn_id",
    "tenant_id",
    "domain_name",
    "solution_area",
    "activity",
    "claim_name",
    "products",
    "customer_contact_name",
    "customer_contact_job_title",
    "customer_contact_email",
    "customer_language",
    "technical_contact_name",
    "technical_contact_job_title",
    "technical_contact_email",
    "company_contact_name",
    "company_contact_email",
    "seller_name",
    "customer_name",
    "solution_name",
    "comments",
];

/// Separates the products of one row; each is `product_id` or `product_id:subscription_id`.
pub const PRODUCT_SEPARATOR: char = ';';

/// What is wrong with the file as a whole (nothing of it is checked further).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is not CSV text")]
    NotText,
    #[error("the file has no rows")]
    Empty,
    #[error("the header row is not the template's")]
    Header,
    #[error("more rows than allowed")]
    TooManyRows,
}

impl Message for FileError {
    fn key(&self) -> &'static str {
        match self {
            FileError::NotText => "bulk_claims.error.not_text",
            FileError::Empty => "bulk_claims.error.empty",
            FileError::Header => "bulk_claims.error.header",
            FileError::TooManyRows => "bulk_claims.error.too_many_rows",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            FileError::Header => vec![("columns", COLUMNS.join(","))],
            FileError::TooManyRows => vec![("max", MAX_ROWS.to_string())],
            _ => Vec::new(),
        }
    }
}

/// What is wrong with a row beyond its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    #[error("the row does not have one value per column")]
    ColumnCount,
    #[error("co-op programmes are claimed elsewhere")]
    CoopProgramme,
    #[error("an earlier row claims the same product for the same customer")]
    RepeatsRow { line: u64 },
}

impl Message for RowError {
    fn key(&self) -> &'static str {
        match self {
            RowError::ColumnCount => "bulk_claims.error.column_count",
            RowError::CoopProgramme => "bulk_claims.error.coop",
            RowError::RepeatsRow { .. } => "bulk_claims.error.repeats_row",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            RowError::ColumnCount => vec![("columns", COLUMNS.len().to_string())],
            RowError::RepeatsRow { line } => vec![("line", line.to_string())],
            _ => Vec::new(),
        }
    }
}

/// The header must be the template's, in its order (a byte-order mark before it is fine).
pub fn check_header(fields: &[&str]) -> Result<(), FileError> {
    let names = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if i == 0 {
                f.trim_start_matches('\u{feff}')
            } else {
                f
            }
        })
        .map(str::trim);
    if names.eq(COLUMNS.iter().copied()) {
        Ok(())
    } else {
        Err(FileError::Header)
    }
}

/// One row as the wizard's steps take it.
#[derive(Debug)]
pub struct RowInputs {
    pub customer: CustomerInput,
    pub solution_area: String,
    pub activity: String,
    pub name: ClaimNameInput,
    pub products: ProductsInput,
    pub contacts: ContactsInput,
    pub comments: CommentsInput,
}

/// A row's values by column; `ColumnCount` unless it has one per column.
pub fn row_inputs(fields: &[&str]) -> Result<RowInputs, RowError> {
    let [
        location_mpn_id,
        tenant_id,
        domain_name,
        solution_area,
        activity,
        claim_name,
        products,
        customer_contact_name,
        customer_contact_job_title,
        customer_contact_email,
        customer_language,
        technical_contact_name,
        technical_contact_job_title,
        technical_contact_email,
        company_contact_name,
        company_contact_email,
        seller_name,
        customer_name,
        solution_name,
        comments,
    ] = fields
    else {
        return Err(RowError::ColumnCount);
    };
    let owned = |s: &&str| (*s).to_owned();
    Ok(RowInputs {
        customer: CustomerInput {
            location_mpn_id: owned(location_mpn_id),
            domain_name: owned(domain_name),
            tenant_id: owned(tenant_id),
        },
        solution_area: owned(solution_area),
        activity: owned(activity),
        name: ClaimNameInput {
            claim_name: owned(claim_name),
        },
        products: products_input(products),
        contacts: ContactsInput {
            customer_contact_name: owned(customer_contact_name),
            customer_contact_job_title: owned(customer_contact_job_title),
            customer_contact_email: owned(customer_contact_email),
            technical_contact_name: owned(technical_contact_name),
            technical_contact_job_title: owned(technical_contact_job_title),
            technical_contact_email: owned(technical_contact_email),
            company_contact_name: owned(company_contact_name),
            company_contact_email: owned(company_contact_email),
            seller_name: owned(seller_name),
            customer_name: owned(customer_name),
            solution_name: owned(solution_name),
            customer_language: owned(customer_language),
        },
        comments: CommentsInput {
            comments: owned(comments),
        },
    })
}

/// `teams;exchange:2b5e…` as the products step's form would send it.
fn products_input(cell: &str) -> ProductsInput {
    let mut input = ProductsInput::default();
    let mut subscriptions = BTreeMap::new();
    for item in cell.split(PRODUCT_SEPARATOR).map(str::trim) {
        if item.is_empty() {
            continue;
        }
        let (product, subscription) = item.split_once(':').unwrap_or((item, ""));
        let product = product.trim().to_owned();
        if !subscription.trim().is_empty() {
            subscriptions.insert(product.clone(), subscription.trim().to_owned());
        }
        input.product_ids.push(product);
    }
    input.subscriptions = subscriptions;
    input
}

/// The file column a step's field error belongs to.
pub fn column_of(field: &str) -> &'static str {
    match field {
        "product_ids" | "subscriptions" => "products",
        "claim_type" => "solution_area",
        other => COLUMNS
            .iter()
            .copied()
            .find(|c| *c == other)
            .unwrap_or("products"),
    }
}

/// A co-op programme is not claimed through customer associations.
pub fn cpor_programme(choice: ProgrammeChoice) -> Result<super::programme::Programme, RowError> {
    match choice {
        ProgrammeChoice::Cpor(programme) => Ok(programme),
        ProgrammeChoice::UseCoopClaims(_) => Err(RowError::CoopProgramme),
    }
}
