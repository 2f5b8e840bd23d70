//! A bulk import's rows checked one after the other by the wizard's own steps, remembering
//! which exclusivity keys earlier rows claim.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::{
    domain::{
        bulk_claims::{self, RowError, RowInputs},
        draft::{
            ClaimNameInput, ContactsContext, CustomerStep, FieldErrors, ProductsStep,
            ProgrammeInput,
        },
        exclusivity::{AssociationKey, keys_for_claim},
        programme::{ProductRef, Programme},
        values::ClaimName,
    },
    store::{AnyConnection, claims},
};

use super::{
    super::{
        contacts_step,
        products_admin::Product,
        products_step::{self, Claimant},
        wizard::{self, ClaimingLocation},
    },
    ImportProblem, LineProblem,
};

/// One row, checked: ready to write.
pub(super) struct CheckedClaim {
    pub customer: CustomerStep,
    pub programme: Programme,
    pub name: ClaimName,
    pub products: ProductsStep,
    pub contacts: claims::ContactColumns,
    pub comments: Option<String>,
}

pub(super) fn row_problem(line: u64, column: Option<&'static str>, error: RowError) -> LineProblem {
    LineProblem {
        line,
        column,
        item: None,
        problem: ImportProblem::Row(error),
    }
}

/// Each step's field errors, by the column they belong to.
fn field_problems(line: u64, errors: FieldErrors) -> Vec<LineProblem> {
    errors
        .iter()
        .map(|e| LineProblem {
            line,
            column: Some(bulk_claims::column_of(e.field)),
            item: e.item.clone(),
            problem: ImportProblem::Field(e.clone()),
        })
        .collect()
}
/// Checks rows one after the other, remembering what earlier rows claim.
pub(super) struct Checker<'a> {
    pub conn: &'a mut AnyConnection,
    pub organisation_id: &'a str,
    pub locations: &'a [ClaimingLocation],
    pub catalogue: &'a [Product],
    pub today: NaiveDate,
    /// Each exclusivity key an earlier row claims → that row's line.
    pub claimed: HashMap<String, u64>,
}

impl Checker<'_> {
    /// The row ready to write, or every problem of it (a step that cannot be checked
    /// without an earlier one is left until that one is right).
    pub fn check(
        &mut self,
        line: u64,
        row: RowInputs,
    ) -> anyhow::Result<Result<CheckedClaim, Vec<LineProblem>>> {
        let mut problems = Vec::new();
        let customer = wizard::check_customer(self.conn, self.locations, &row.customer)?
            .map_err(|e| problems.extend(field_problems(line, e)))
            .ok();
        let programme = customer.as_ref().and_then(|customer| {
            let input = ProgrammeInput {
                claim_type: String::new(),
                solution_area: row.solution_area.clone(),
                activity: row.activity.clone(),
            };
            match wizard::check_programme(self.locations, customer, &input) {
                Ok(choice) => bulk_claims::cpor_programme(choice)
                    .map_err(|e| problems.push(row_problem(line, Some("activity"), e)))
                    .ok(),
                Err(e) => {
                    problems.extend(field_problems(line, e));
                    None
                }
            }
        });
        let name = ClaimNameInput::validate(&row.name)
            .map_err(|e| problems.extend(field_problems(line, e)))
            .ok();
        let comments = row
            .comments
            .validate()
            .map_err(|e| problems.extend(field_problems(line, e)))
            .ok();
        let (Some(customer), Some(programme)) = (customer, programme) else {
            return Ok(Err(problems));
        };
        let products = self.products(line, &customer, programme, &row, &mut problems)?;
        let contacts = products.as_ref().and_then(|products| {
            let requires_technical_contact =
                programme.requires_technical_contact(&self.chosen_refs(programme, products));
            row.contacts
                .validate(ContactsContext {
                    programme,
                    requires_technical_contact,
                })
                .map_err(|e| problems.extend(field_problems(line, e)))
                .ok()
        });
        match (name, products, contacts, comments) {
            (Some(name), Some(products), Some(contacts), Some(comments)) if problems.is_empty() => {
                Ok(Ok(CheckedClaim {
                    customer,
                    programme,
                    name,
                    products,
                    contacts: contacts_step::columns(&contacts),
                    comments: comments.map(|c| c.as_ref().to_owned()),
                }))
            }
            _ => Ok(Err(problems)),
        }
    }

    /// Step 4 for the row, and no product an earlier row of the file already claims.
    fn products(
        &mut self,
        line: u64,
        customer: &CustomerStep,
        programme: Programme,
        row: &RowInputs,
        problems: &mut Vec<LineProblem>,
    ) -> anyhow::Result<Option<ProductsStep>> {
        let claimant = Claimant {
            organisation_id: self.organisation_id,
            tenant_id: customer.tenant.as_ref(),
            programme,
            claim_id: "",
        };
        let step = match products_step::check_new(
            self.conn,
            &claimant,
            self.catalogue,
            &row.products,
            self.today,
        )? {
            Ok(step) => step,
            Err(e) => {
                problems.extend(field_problems(line, e));
                return Ok(None);
            }
        };
        // The same keys the exclusivity rule gives the claims (a product, or a subscription).
        let keys: Vec<String> = keys_for_claim(programme, &customer.tenant, &step.selections)
            .map(|keys| keys.iter().map(AssociationKey::as_string).collect())
            .unwrap_or_default();
        if let Some(earlier) = keys.iter().find_map(|key| self.claimed.get(key)) {
            let repeat = RowError::RepeatsRow { line: *earlier };
            problems.push(row_problem(line, Some("products"), repeat));
            return Ok(None);
        }
        for key in keys {
            self.claimed.insert(key, line);
        }
        Ok(Some(step))
    }

    /// The catalogue's facts of the products chosen.
    fn chosen_refs(&self, programme: Programme, products: &ProductsStep) -> Vec<ProductRef> {
        products
            .selections
            .iter()
            .filter_map(|s| self.catalogue.iter().find(|p| p.id == s.product_id))
            .map(|p| ProductRef {
                id: p.id.clone(),
                area: programme.solution_area(),
                is_dynamics365: p.is_dynamics365,
                active: p.active,
            })
            .collect()
    }
}
