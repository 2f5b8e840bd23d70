//! Draft claims from a partner's CSV file: every row is checked first by the wizard's own
//! steps (customer, programme, name, products, contacts, comments) and against the rows
//! before it; nothing is written unless every row is good, and then every draft, with its
//! products, contacts, comments and History line, in one transaction. The proof of
//! execution is added to each draft afterwards, on its own page.

mod rows;

use std::{collections::HashMap, io::Read, ops::ControlFlow};

use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    domain::{
        bulk_claims::{self, FileError, MAX_ROWS, RowError, RowInputs},
        draft::FieldError,
        errors::Message,
    },
    i18n::Locale,
    store::{
        AnyConnection, claim_imports, claims, db_time, is_unique_violation, new_id,
        write_transaction,
    },
};

use super::{
    auth::SessionUser,
    csv_file, products_admin,
    wizard::{self, DraftRecord},
};
use rows::{CheckedClaim, Checker, row_problem};

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

/// A problem, the line of the file it is on (from 1, the header included), its column and,
/// in a column of several values, the value (a product id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    pub column: Option<&'static str>,
    pub item: Option<String>,
    pub problem: ImportProblem,
}

/// What became of an import.
#[derive(Debug)]
pub enum Imported {
    /// The drafts made, their ids in the file's order.
    Made(Vec<String>),
    /// Every problem found; nothing was made.
    Refused(Vec<LineProblem>),
    /// This form was imported already (a second click): nothing more was made.
    AlreadyImported,
}

/// One import form sent: who sends it, in which language, and the form's own id.
pub struct ImportRequest<'a> {
    pub user: &'a SessionUser,
    pub language: Locale,
    pub request_id: &'a str,
}

/// Checks the file and, when every row is good, makes its drafts for `user`'s organisation.
pub fn import(
    conn: &mut AnyConnection,
    request: &ImportRequest<'_>,
    file: impl Read,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> anyhow::Result<Imported> {
    let user = request.user;
    let organisation_id = user
        .organisation_id
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("a partner without an organisation cannot claim"))?;
    let rows = match read(file) {
        Ok(rows) => rows,
        Err(problem) => return Ok(Imported::Refused(vec![problem])),
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
        let inputs = match inputs {
            Ok(inputs) => inputs,
            Err(e) => {
                problems.push(row_problem(line, None, e));
                continue;
            }
        };
        match checker.check(line, inputs)? {
            Ok(row) => checked.push(row),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Ok(Imported::Refused(problems));
    }
    let written = write_transaction(conn, |c| {
        claim_imports::record(
            c,
            &user.user_id,
            request.request_id,
            checked.len(),
            db_time(now),
        )?;
        write_all(c, request, organisation_id, &checked, now)
    });
    match written {
        Ok(ids) => {
            tracing::info!(drafts = ids.len(), "drafts imported from CSV");
            Ok(Imported::Made(ids))
        }
        // The form's import row exists: the same form was imported a moment ago.
        Err(e) if is_unique_violation(&e) => Ok(Imported::AlreadyImported),
        Err(e) => Err(e),
    }
}

/// A row's values by column, or why it has none.
type ReadLine = (u64, Result<RowInputs, RowError>);

/// The header, then each row's values (blank rows skipped); a file problem stops it.
fn read(file: impl Read) -> Result<Vec<ReadLine>, LineProblem> {
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
        Ok(_) => Ok(rows),
    }
}

fn file_problem(line: u64, error: FileError) -> LineProblem {
    LineProblem {
        line,
        column: None,
        item: None,
        problem: ImportProblem::File(error),
    }
}

/// Every draft of the file, inside the caller's transaction.
fn write_all(
    c: &mut AnyConnection,
    request: &ImportRequest<'_>,
    organisation_id: &str,
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
            partner_language: request.language,
        };
        wizard::write_draft(c, request.user, &draft, now)?;
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
