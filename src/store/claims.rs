//! Claims: the draft's insert, the organisation's list (filters, search, keyset pages).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::{claim::Status, programme::Programme, search::search_text};

use super::{
    AnyConnection,
    schema::{claim_products, claims, products},
};

#[derive(Debug, Insertable)]
#[diesel(table_name = claims)]
pub struct NewDraft<'a> {
    pub id: &'a str,
    pub organisation_id: &'a str,
    pub location_id: &'a str,
    pub created_by: &'a str,
    pub tenant_id: &'a str,
    pub customer_domain: &'a str,
    pub solution_area: &'a str,
    pub activity: &'a str,
    pub programme: &'a str,
    pub name: &'a str,
    pub status: &'a str,
    /// The language of the partner making the claim.
    pub partner_language: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

diesel::define_sql_function! {
    /// SQL `lower()`: LIKE is case-sensitive on PostgreSQL and not on SQLite; this makes
    /// both behave the same.
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// Inserts the draft with its search text (see [`search_text`]), the only write of the
/// fields search reads.
pub fn insert_draft(conn: &mut AnyConnection, draft: &NewDraft<'_>) -> QueryResult<()> {
    let text = search_text(draft.name, draft.customer_domain, draft.tenant_id);
    diesel::insert_into(claims::table)
        .values((draft, claims::search_text.eq(text)))
        .execute(conn)
        .map(drop)
}

/// A claim as stored, every column; its codes read as the domain's values (an unknown code
/// fails the query rather than passing for something else).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = claims)]
pub struct ClaimRow {
    pub id: String,
    pub organisation_id: String,
    pub location_id: String,
    pub created_by: String,
    pub tenant_id: String,
    pub customer_domain: String,
    pub solution_area: String,
    pub activity: String,
    #[diesel(deserialize_as = String)]
    pub programme: Programme,
    pub name: String,
    #[diesel(deserialize_as = String)]
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
    pub rejected_at: Option<NaiveDateTime>,
    pub dispute_used: bool,
    pub window_closes_at: Option<NaiveDateTime>,
    pub action_required_due: Option<NaiveDateTime>,
    pub submitted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub language: String,
    pub partner_language: String,
    pub ends_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<ClaimRow>> {
    claims::table
        .find(id)
        .select(ClaimRow::as_select())
        .first(conn)
        .optional()
}

/// The subscriptions chosen for any of `claim_ids`: `(claim id, subscription id)`.
pub fn subscriptions_of(
    conn: &mut AnyConnection,
    claim_ids: &[&str],
) -> QueryResult<Vec<(String, String)>> {
    claim_products::table
        .inner_join(products::table)
        .filter(claim_products::claim_id.eq_any(claim_ids))
        .filter(claim_products::subscription_id.is_not_null())
        .order((claim_products::claim_id, products::sort_order))
        .select((
            claim_products::claim_id,
            claim_products::subscription_id.assume_not_null(),
        ))
        .load(conn)
}

/// A product chosen for a claim, with the subscription where one was chosen.
#[derive(Debug, Clone, Queryable)]
pub struct ChosenProductRow {
    pub product_id: String,
    pub name: String,
    pub is_dynamics365: bool,
    pub subscription_id: Option<String>,
}

pub fn products_of(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<Vec<ChosenProductRow>> {
    claim_products::table
        .inner_join(products::table)
        .filter(claim_products::claim_id.eq(claim_id))
        .order(products::sort_order)
        .select((
            products::id,
            products::name,
            products::is_dynamics365,
            claim_products::subscription_id,
        ))
        .load(conn)
}

/// Replaces the claim's products: (product id, subscription id).
pub fn replace_products(
    conn: &mut AnyConnection,
    claim_id: &str,
    selections: &[(String, Option<String>)],
) -> QueryResult<()> {
    diesel::delete(claim_products::table.filter(claim_products::claim_id.eq(claim_id)))
        .execute(conn)?;
    for (product_id, subscription_id) in selections {
        diesel::insert_into(claim_products::table)
            .values((
                claim_products::claim_id.eq(claim_id),
                claim_products::product_id.eq(product_id),
                claim_products::subscription_id.eq(subscription_id.as_deref()),
            ))
            .execute(conn)?;
    }
    super::product_names::refresh_for_claim(conn, claim_id)
}

/// Marks the claim as changed now (the list's "Last change").
pub fn touch(conn: &mut AnyConnection, claim_id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(claims::table.find(claim_id))
        .set(claims::updated_at.eq(at))
        .execute(conn)
        .map(drop)
}

/// The contact and revenue-association columns and the customer's language, written
/// together (unset ones cleared).
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = claims, treat_none_as_null = true)]
pub struct ContactColumns {
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
    /// The customer contact's language (a `CustomerLanguage` code).
    pub language: String,
}

pub fn set_contacts(
    conn: &mut AnyConnection,
    claim_id: &str,
    columns: &ContactColumns,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(claims::table.find(claim_id))
        .set((columns, claims::updated_at.eq(at)))
        .execute(conn)
        .map(drop)
}

pub fn set_comments(
    conn: &mut AnyConnection,
    claim_id: &str,
    comments: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(claims::table.find(claim_id))
        .set((claims::comments.eq(comments), claims::updated_at.eq(at)))
        .execute(conn)
        .map(drop)
}
