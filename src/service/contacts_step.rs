//! Step 5: the customer's and the partner's contacts, or revenue association's details.

use chrono::{DateTime, Utc};

use super::claim_record::Claim;
use crate::{
    domain::{
        access::Viewer,
        claim::{Section, Status},
        draft::{
            Contact, ContactsAnswer, ContactsContext, ContactsInput, ContactsStep,
            CustomerLanguage, FieldErrors,
        },
        programme::{ProductRef, Programme},
    },
    store::{
        AnyConnection,
        claims::{self, ContactColumns},
        db_time, write_transaction,
    },
};

use super::draft_edit::{EditDenied, editable_claim};

pub struct ContactsForm {
    pub claim: Claim,
    pub programme: Programme,
    pub requires_technical_contact: bool,
    /// What is stored, as the form shows it.
    pub stored: ContactsInput,
}

/// The step's form. The customer's language is the claim's once the step was saved, and
/// `default_language` (the partner's) before.
pub fn load(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    default_language: CustomerLanguage,
) -> anyhow::Result<Result<ContactsForm, EditDenied>> {
    let claim = match editable_claim(conn, viewer, claim_id, Section::Contacts)? {
        Ok(claim) => claim,
        Err(denied) => return Ok(Err(denied)),
    };
    let (programme, requires_technical_contact) = context(conn, &claim)?;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let stored = ContactsInput {
        customer_contact_name: text(&claim.customer_contact_name),
        customer_contact_job_title: text(&claim.customer_contact_title),
        customer_contact_email: text(&claim.customer_contact_email),
        technical_contact_name: text(&claim.technical_contact_name),
        technical_contact_job_title: text(&claim.technical_contact_title),
        technical_contact_email: text(&claim.technical_contact_email),
        company_contact_name: text(&claim.company_contact_name),
        company_contact_email: text(&claim.company_contact_email),
        seller_name: text(&claim.seller_name),
        customer_name: text(&claim.customer_name),
        solution_name: text(&claim.isv_solution_name),
        customer_language: match claim.customer_contact_email {
            Some(_) => claim.language.clone(),
            None => default_language.as_str().to_owned(),
        },
    };
    Ok(Ok(ContactsForm {
        claim,
        programme,
        requires_technical_contact,
        stored,
    }))
}

pub fn save(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    input: &ContactsInput,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Result<Status, FieldErrors>, EditDenied>> {
    let claim = match editable_claim(conn, viewer, claim_id, Section::Contacts)? {
        Ok(claim) => claim,
        Err(denied) => return Ok(Err(denied)),
    };
    let (programme, requires_technical_contact) = context(conn, &claim)?;
    let answer = match input.validate(ContactsContext {
        programme,
        requires_technical_contact,
    }) {
        Ok(answer) => answer,
        Err(errors) => return Ok(Ok(Err(errors))),
    };
    let columns = columns(&answer);
    write_transaction(conn, |c| -> anyhow::Result<()> {
        claims::set_contacts(c, claim_id, &columns, db_time(now))?;
        Ok(())
    })?;
    // The claim's status (unchanged) tells the page where the wizard goes on.
    Ok(Ok(Ok(claim.status)))
}

/// The programme, and whether a Dynamics 365 product among the chosen ones asks for a
/// technical contact.
fn context(conn: &mut AnyConnection, claim: &Claim) -> anyhow::Result<(Programme, bool)> {
    let programme = claim.programme;
    let products: Vec<ProductRef> = claims::products_of(conn, &claim.id)?
        .into_iter()
        .map(|p| ProductRef {
            id: p.product_id,
            area: programme.solution_area(),
            is_dynamics365: p.is_dynamics365,
            active: true,
        })
        .collect();
    Ok((programme, programme.requires_technical_contact(&products)))
}

/// The stored columns for a validated step: what the programme does not ask for is cleared.
pub(super) fn columns(answer: &ContactsAnswer) -> ContactColumns {
    let person = |c: &Contact| {
        (
            Some(c.name.to_string()),
            Some(c.job_title.to_string()),
            Some(c.email.to_string()),
        )
    };
    let mut columns = ContactColumns {
        language: answer.language.as_str().to_owned(),
        ..ContactColumns::default()
    };
    match &answer.step {
        ContactsStep::Contacts {
            customer,
            technical,
            company,
        } => {
            (
                columns.customer_contact_name,
                columns.customer_contact_title,
                columns.customer_contact_email,
            ) = person(customer);
            if let Some(technical) = technical {
                (
                    columns.technical_contact_name,
                    columns.technical_contact_title,
                    columns.technical_contact_email,
                ) = person(technical);
            }
            columns.company_contact_name = Some(company.name.to_string());
            columns.company_contact_email = Some(company.email.to_string());
        }
        ContactsStep::RevenueAssociation(details) => {
            (
                columns.customer_contact_name,
                columns.customer_contact_title,
                columns.customer_contact_email,
            ) = person(&details.customer_contact);
            columns.seller_name = Some(details.seller_name.to_string());
            columns.customer_name = Some(details.customer_name.to_string());
            columns.isv_solution_name = Some(details.solution_name.to_string());
        }
    }
    columns
}
