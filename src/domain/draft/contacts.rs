//! Step 5 (contacts, or revenue association details) and step 7 (comments).

use super::{FieldErrors, StepError};
use crate::domain::errors::code_enum;
use crate::domain::programme::Programme;
use crate::domain::values::{
    Comment, EmailAddress, JobTitle, OrganisationName, PersonName, SolutionName,
};
use serde::{Deserialize, Serialize};

/// The raw form: every field of both variants of the page; the programme decides which are
/// read.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactsInput {
    pub customer_contact_name: String,
    pub customer_contact_job_title: String,
    pub customer_contact_email: String,
    pub technical_contact_name: String,
    pub technical_contact_job_title: String,
    pub technical_contact_email: String,
    pub company_contact_name: String,
    pub company_contact_email: String,
    pub seller_name: String,
    pub customer_name: String,
    pub solution_name: String,
    /// The code of the language the customer contact reads (their email and opt-out page).
    pub customer_language: String,
}

code_enum! {
    /// The language the customer contact reads: the customer's email and opt-out page, and
    /// the partner's notices of the customer's decision, are written in it.
    pub enum CustomerLanguage: "customer_language.name" {
        English => "en",
        Japanese => "ja",
    }
}

/// Step 5's answer: the contacts (or revenue association details) and the customer's
/// language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactsAnswer {
    pub step: ContactsStep,
    pub language: CustomerLanguage,
}

/// What step 5 needs to know from earlier steps.
#[derive(Debug, Clone, Copy)]
pub struct ContactsContext {
    pub programme: Programme,
    /// From step 4: a Dynamics 365 product was chosen.
    pub requires_technical_contact: bool,
}

/// A customer-side person the vendor may contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: PersonName,
    pub job_title: JobTitle,
    pub email: EmailAddress,
}

/// The partner's own contact for this claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyContact {
    pub name: PersonName,
    pub email: EmailAddress,
}

/// SPEC rule 4: what revenue association asks for instead of the technical and company
/// contacts. The customer contact stays: the customer is emailed on validation and may opt
/// out (rule 9), whatever the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevenueAssociationDetails {
    pub customer_contact: Contact,
    pub seller_name: OrganisationName,
    pub customer_name: OrganisationName,
    pub solution_name: SolutionName,
}

/// Step 5's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactsStep {
    Contacts {
        customer: Contact,
        /// Present exactly when a Dynamics 365 product was chosen.
        technical: Option<Contact>,
        company: CompanyContact,
    },
    RevenueAssociation(RevenueAssociationDetails),
}

impl ContactsInput {
    /// Every field error at once, in form order (the language follows the customer contact).
    pub fn validate(&self, context: ContactsContext) -> Result<ContactsAnswer, FieldErrors> {
        let mut errors = FieldErrors::new();
        let customer_contact = contact(
            &mut errors,
            [
                ("customer_contact_name", &self.customer_contact_name),
                (
                    "customer_contact_job_title",
                    &self.customer_contact_job_title,
                ),
                ("customer_contact_email", &self.customer_contact_email),
            ],
        );
        let language = errors.check(
            "customer_language",
            CustomerLanguage::parse(&self.customer_language).ok_or(StepError::LanguageUnknown),
        );
        let step = self.rest(&mut errors, context, customer_contact);
        errors.finish(|| {
            Some(ContactsAnswer {
                step: step?,
                language: language?,
            })
        })
    }

    /// The fields after the customer's: the programme decides which.
    fn rest(
        &self,
        errors: &mut FieldErrors,
        context: ContactsContext,
        customer_contact: Option<Contact>,
    ) -> Option<ContactsStep> {
        if context.programme.requires_revenue_fields() {
            let seller = errors.check("seller_name", OrganisationName::parse(&self.seller_name));
            let customer = errors.check(
                "customer_name",
                OrganisationName::parse(&self.customer_name),
            );
            let solution = errors.check("solution_name", SolutionName::parse(&self.solution_name));
            return Some(ContactsStep::RevenueAssociation(
                RevenueAssociationDetails {
                    customer_contact: customer_contact?,
                    seller_name: seller?,
                    customer_name: customer?,
                    solution_name: solution?,
                },
            ));
        }
        let technical = context.requires_technical_contact.then(|| {
            contact(
                errors,
                [
                    ("technical_contact_name", &self.technical_contact_name),
                    (
                        "technical_contact_job_title",
                        &self.technical_contact_job_title,
                    ),
                    ("technical_contact_email", &self.technical_contact_email),
                ],
            )
        });
        let company_name = errors.check(
            "company_contact_name",
            PersonName::parse(&self.company_contact_name),
        );
        let company_email = errors.check(
            "company_contact_email",
            EmailAddress::parse(&self.company_contact_email),
        );
        let technical = match technical {
            Some(parsed) => Some(parsed?),
            None => None,
        };
        Some(ContactsStep::Contacts {
            customer: customer_contact?,
            technical,
            company: CompanyContact {
                name: company_name?,
                email: company_email?,
            },
        })
    }
}

/// Name, job title and email of one contact, given their field names and raw values.
fn contact(errors: &mut FieldErrors, fields: [(&'static str, &String); 3]) -> Option<Contact> {
    let [
        (name_field, name),
        (title_field, title),
        (email_field, email),
    ] = fields;
    let name = errors.check(name_field, PersonName::parse(name));
    let job_title = errors.check(title_field, JobTitle::parse(title));
    let email = errors.check(email_field, EmailAddress::parse(email));
    Some(Contact {
        name: name?,
        job_title: job_title?,
        email: email?,
    })
}

/// Step 7's raw form.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CommentsInput {
    pub comments: String,
}

impl CommentsInput {
    /// Comments are optional: blank gives `None`.
    pub fn validate(&self) -> Result<Option<Comment>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let comments = errors.check("comments", Comment::parse_optional(&self.comments));
        errors.finish(|| comments)
    }
}
