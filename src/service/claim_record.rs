//! A claim as the services hand it on: the stored claim with its times as UTC instants,
//! and the products chosen for it, so no caller needs the store's rows.

use chrono::{DateTime, Utc};

use crate::{
    domain::{claim::Status, programme::Programme},
    store::{
        claims::{ChosenProductRow, ClaimRow},
        from_db_time,
    },
};

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: String,
    pub organisation_id: String,
    pub location_id: String,
    pub created_by: String,
    pub tenant_id: String,
    pub customer_domain: String,
    pub solution_area: String,
    pub activity: String,
    pub programme: Programme,
    pub name: String,
    pub status: Status,
    pub customer_contact_name: Option<String>,
    pub customer_contact_title: Option<String>,
    pub customer_contact_email: Option<String>,
    pub technical_contact_name: Option<String>,
    pub technical_contact_title: Option<String>,
    pub technical_contact_email: Option<String>,
    pub company_contact_name: Option<String>,
    pub company_contact_email: Option<String>,
    pub seller_name: Option<String>,
    pub customer_name: Option<String>,
    pub isv_solution_name: Option<String>,
    pub comments: Option<String>,
    pub rejected_at: Option<DateTime<Utc>>,
    pub dispute_used: bool,
    pub window_closes_at: Option<DateTime<Utc>>,
    pub action_required_due: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub language: String,
    /// The language of the partner who made the claim.
    pub partner_language: String,
    pub ends_at: Option<DateTime<Utc>>,
}

impl From<ClaimRow> for Claim {
    fn from(row: ClaimRow) -> Self {
        Claim {
            id: row.id,
            organisation_id: row.organisation_id,
            location_id: row.location_id,
            created_by: row.created_by,
            tenant_id: row.tenant_id,
            customer_domain: row.customer_domain,
            solution_area: row.solution_area,
            activity: row.activity,
            programme: row.programme,
            name: row.name,
            status: row.status,
            customer_contact_name: row.customer_contact_name,
            customer_contact_title: row.customer_contact_title,
            customer_contact_email: row.customer_contact_email,
            technical_contact_name: row.technical_contact_name,
            technical_contact_title: row.technical_contact_title,
            technical_contact_email: row.technical_contact_email,
            company_contact_name: row.company_contact_name,
            company_contact_email: row.company_contact_email,
            seller_name: row.seller_name,
            customer_name: row.customer_name,
            isv_solution_name: row.isv_solution_name,
            comments: row.comments,
            rejected_at: row.rejected_at.map(from_db_time),
            dispute_used: row.dispute_used,
            window_closes_at: row.window_closes_at.map(from_db_time),
            action_required_due: row.action_required_due.map(from_db_time),
            submitted_at: row.submitted_at.map(from_db_time),
            created_at: from_db_time(row.created_at),
            updated_at: from_db_time(row.updated_at),
            language: row.language,
            partner_language: row.partner_language,
            ends_at: row.ends_at.map(from_db_time),
        }
    }
}

/// A product chosen for the claim, with its subscription where one was chosen.
#[derive(Debug, Clone)]
pub struct ChosenProduct {
    pub product_id: String,
    pub name: String,
    pub is_dynamics365: bool,
    pub subscription_id: Option<String>,
}

impl From<ChosenProductRow> for ChosenProduct {
    fn from(row: ChosenProductRow) -> Self {
        ChosenProduct {
            product_id: row.product_id,
            name: row.name,
            is_dynamics365: row.is_dynamics365,
            subscription_id: row.subscription_id,
        }
    }
}
