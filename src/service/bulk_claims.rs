//! Draft claims from a partner's CSV file: every row is checked first by the wizard's own
//! steps (customer, programme, name, products, contacts, comments) and against the rows
//! before it; nothing is written unless every row is good, and then every draft, with its
//! products, contacts, comments and History line, in one transaction. The proof of
//! execution is added to each draft afterwards, on its own page.

use std::{collections::HashMap, io::Read, ops::ControlFlow};

use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    domain::{
        bulk_claims::{self, FileError, MAX_ROWS, RowError, RowInputs},
        draft::{
            ClaimNameInput, ContactsContext, CustomerStep, FieldError, FieldErrors, ProductsStep,
            ProgrammeInput,
        },
        errors::Message,
        programme::{ProductRef, Programme},
        values::ClaimName,
    },
    i18n::Locale,
    store::{AnyConnection, claims, db_time, new_id, write_transaction},
};

use super::{
    auth::SessionUser,
    contacts_step, csv_file,
    products_admin::{self, Product},
    products_step::{self, Claimant},
    wizard::{self, ClaimingLocation, DraftRecord},
};

/// What is wrong, in words the catalogue has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    File(FileError),
    Row(RowError),
    Field(FieldError),
}

impl Message for ImportProblem {
    fn key(&self) -> &'static str {
        match self {
            ImportProblem::File(e) => e.key(),
            ImportProblem::Row(e) => e.key(),
            ImportProblem::Field(e) => e.key(),
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            ImportProblem::File(e) => e.args(),
            ImportProblem::Row(e) => e.args(),
            ImportProblem::Field(e) => e.args(),
        }
    }
}

/// A problem, the line of the file it is on (from 1, the header included) and its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    pub column: Option<&'static str>,
    pub problem: ImportProblem,
}

/// The drafts made (their ids, in the file's order), or every problem found.
pub type Imported = Result<Vec<String>, Vec<LineProblem>>;

/// One row, checked: ready to write.
struct CheckedClaim {
    customer: CustomerStep,
    programme: Programme,
    name: ClaimName,
    products: ProductsStep,
    contacts: claims::ContactColumns,
    comments: Option<String>,
}

/// Checks the file and, when every row is good, makes its drafts for `user`'s organisation.
pub fn import(
    conn: &mut AnyConnection,
    user: &SessionUser,
    language: Locale,
    file: impl Read,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> anyhow::Result<Imported> {
    let organisation_id = user
        .organisation_id
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("a partner without an organisation cannot claim"))?;
    let rows = match read(file) {
        Ok(rows) => rows,
        Err(problem) => return Ok(Err(vec![problem])),
    };
    let locations = wizard::claiming_locations(conn, organisation_id)?;
    let catalogue = products_admin::catalogue(conn)?;
    let mut checker = Checker {
        conn,
        organisation_id,
        locations: &locations,
        catalogue: &catalogue,
        today,
        claimed: HashMap::new(),
    };
    let mut checked = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    for (line, inputs) in rows {
        match checker.check(line, inputs)? {
            Ok(row) => checked.push(row),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let ids = write_transaction(conn, |c| {
        write_all(c, user, organisation_id, language, &checked, now)
    })?;
    tracing::info!(drafts = ids.len(), "drafts imported from CSV");
    Ok(Ok(ids))
}

/// The header, then each row's values (blank rows skipped); a file problem stops it.
fn read(file: impl Read) -> Result<Vec<(u64, RowInputs)>, LineProblem> {
    let mut file = std::io::BufReader::with_capacity(64 * 1024, file);
    let head =
        std::io::BufRead::fill_buf(&mut file).map_err(|_| file_problem(1, FileError::NotText))?;
    if !csv_file::looks_like_text(head) {
        return Err(file_problem(1, FileError::NotText));
    }
    let mut rows = Vec::new();
    let mut stopped = None;
    let read = csv_file::for_each_record(file, |line, fields| {
        if line == 1 {
            if let Err(e) = bulk_claims::check_header(fields) {
                stopped = Some(file_problem(line, e));
                return ControlFlow::Break(());
            }
        } else if !fields.iter().all(|f| f.trim().is_empty()) {
            if rows.len() == MAX_ROWS {
                stopped = Some(file_problem(line, FileError::TooManyRows));
                return ControlFlow::Break(());
            }
            rows.push((line, bulk_claims::row_inputs(fields)));
        }
        ControlFlow::Continue(())
    });
    if let Some(problem) = stopped {
        return Err(problem);
    }
    match read {
        Err(line) => Err(file_problem(line, FileError::NotText)),
        Ok(_) if rows.is_empty() => Err(file_problem(1, FileError::Empty)),
        Ok(_) => rows
            .into_iter()
            .map(|(line, inputs)| match inputs {
                Ok(inputs) => Ok((line, inputs)),
                Err(e) => Err(row_problem(line, None, e)),
            })
            .collect(),
    }
}

fn file_problem(line: u64, error: FileError) -> LineProblem {
    LineProblem {
        line,
        column: None,
        problem: ImportProblem::File(error),
    }
}

fn row_problem(line: u64, column: Option<&'static str>, error: RowError) -> LineProblem {
    LineProblem {
        line,
        column,
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
            problem: ImportProblem::Field(e.clone()),
        })
        .collect()
}

/// Checks rows one after the other, remembering what earlier rows claim.
struct Checker<'a> {
    conn: &'a mut AnyConnection,
    organisation_id: &'a str,
    locations: &'a [ClaimingLocation],
    catalogue: &'a [Product],
    today: NaiveDate,
    /// (tenant, programme, product) → the line that claims it.
    claimed: HashMap<(String, Programme, String), u64>,
}

impl Checker<'_> {
    /// The row ready to write, or every problem of it (a step that cannot be checked
    /// without an earlier one is left until that one is right).
    fn check(
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
        for selection in &step.selections {
            let key = (
                customer.tenant.as_ref().to_owned(),
                programme,
                selection.product_id.clone(),
            );
            if let Some(earlier) = self.claimed.get(&key) {
                let repeat = RowError::RepeatsRow { line: *earlier };
                problems.push(row_problem(line, Some("products"), repeat));
                return Ok(None);
            }
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

/// Every draft of the file, inside the caller's transaction.
fn write_all(
    c: &mut AnyConnection,
    user: &SessionUser,
    organisation_id: &str,
    language: Locale,
    rows: &[CheckedClaim],
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        let id = new_id();
        let draft = DraftRecord {
            id: &id,
            organisation_id,
            customer: &row.customer,
            programme: row.programme,
            name: row.name.as_ref(),
            partner_language: language,
        };
        wizard::write_draft(c, user, &draft, now)?;
        let selections: Vec<(String, Option<String>)> = row
            .products
            .selections
            .iter()
            .map(|s| {
                let subscription = s.subscription.as_ref().map(|id| id.as_ref().to_owned());
                (s.product_id.clone(), subscription)
            })
            .collect();
        claims::replace_products(c, &id, &selections)?;
        claims::set_contacts(c, &id, &row.contacts, db_time(now))?;
        claims::set_comments(c, &id, row.comments.as_deref(), db_time(now))?;
        ids.push(id);
    }
    Ok(ids)
}
