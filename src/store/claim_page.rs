//! A claim page's reads in two queries: the claim with its location and products, and
//! everything attached to it (files, the reasons its history gave, the conversation).

use chrono::NaiveDateTime;
use diesel::{
    prelude::*,
    sql_types::{BigInt, Nullable, Text},
};

use super::{
    AnyConnection,
    audit::ReasonRow,
    claim_messages::MessageRow,
    claims::{ChosenProductRow, ClaimRow},
    connection::load_direct,
    poe_files::PoeFileRow,
    schema::{
        audit_entries, claim_messages, claim_products, claims, organisations, partner_locations,
        poe_files, products, users,
    },
};

/// The claim, its location's MPN ID and name, its organisation's name, and its products in
/// the catalogue's order.
pub struct ClaimWithProducts {
    pub claim: ClaimRow,
    pub mpn_id: String,
    pub location_name: String,
    pub organisation_name: String,
    pub products: Vec<ChosenProductRow>,
}

type ProductColumns = (String, String, bool, Option<String>);

/// One row of the claims-with-products join: the claim's columns repeat per product.
type JoinedRow = (ClaimRow, String, String, String, Option<ProductColumns>);

/// Claims joined with their location and products, `$filter` on the claims, each claim's
/// products in the catalogue's order.
macro_rules! claims_with_products {
    ($filter:expr, $order:expr) => {
        claims::table
            .inner_join(partner_locations::table)
            .inner_join(organisations::table.on(organisations::id.eq(claims::organisation_id)))
            // Flat left joins: SQLite materialises a nested `LEFT JOIN (a JOIN b)` by
            // scanning every claim's products.
            .left_join(claim_products::table)
            .left_join(products::table.on(products::id.eq(claim_products::product_id)))
            .filter($filter)
            .order($order)
            .select((
                ClaimRow::as_select(),
                partner_locations::mpn_id,
                partner_locations::name,
                organisations::name,
                (
                    products::id,
                    products::name,
                    products::is_dynamics365,
                    claim_products::subscription_id,
                )
                    .nullable(),
            ))
    };
}

/// The claim and its products in one query (the claim's columns repeat per product).
pub fn find_with_products(
    conn: &mut AnyConnection,
    id: &str,
) -> QueryResult<Option<ClaimWithProducts>> {
    // A statement of its own (not a list of one), which each connection prepares once.
    let rows: Vec<JoinedRow> =
        claims_with_products!(claims::id.eq(id), products::sort_order).load(conn)?;
    Ok(grouped(rows).into_iter().next())
}

/// The claims with `ids` and their products in one query, in the order of `ids` (those that
/// do not exist left out).
pub fn find_many_with_products(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> QueryResult<Vec<ClaimWithProducts>> {
    let rows: Vec<JoinedRow> =
        claims_with_products!(claims::id.eq_any(ids), (claims::id, products::sort_order))
            .load(conn)?;
    let mut found = grouped(rows);
    let position = |id: &str| ids.iter().position(|i| *i == id);
    found.sort_by_key(|c| position(&c.claim.id));
    Ok(found)
}

/// Consecutive rows of one claim as that claim with its products.
fn grouped(rows: Vec<JoinedRow>) -> Vec<ClaimWithProducts> {
    let mut found: Vec<ClaimWithProducts> = Vec::new();
    for (claim, mpn_id, location_name, organisation_name, product) in rows {
        let product =
            product.map(
                |(product_id, name, is_dynamics365, subscription_id)| ChosenProductRow {
                    product_id,
                    name,
                    is_dynamics365,
                    subscription_id,
                },
            );
        match found.last_mut() {
            Some(last) if last.claim.id == claim.id => last.products.extend(product),
            _ => found.push(ClaimWithProducts {
                claim,
                mpn_id,
                location_name,
                organisation_name,
                products: product.into_iter().collect(),
            }),
        }
    }
    found
}

/// What is attached to a claim, each in the order its own query gave before.
#[derive(Debug, Default)]
pub struct Attachments {
    /// Oldest first.
    pub files: Vec<PoeFileRow>,
    /// History lines that gave a reason, newest first.
    pub reasons: Vec<ReasonRow>,
    /// Oldest first.
    pub messages: Vec<MessageRow>,
}

/// One row of the union: which part, its id, three texts, a size, when.
type Attached = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    NaiveDateTime,
);

/// The claim's files, reasons and messages in one query (`UNION ALL`).
pub fn attachments(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<Attachments> {
    // Bound values, not SQL literals: the query keeps a type of its own, so each connection
    // prepares (and PostgreSQL plans) it once instead of on every call.
    let kind = |name: &'static str| name.into_sql::<Text>();
    let no_size = || None::<i64>.into_sql::<Nullable<BigInt>>();
    let files = poe_files::table
        .inner_join(users::table.on(users::id.eq(poe_files::uploaded_by)))
        .filter(poe_files::claim_id.eq(claim_id))
        .select((
            kind("file"),
            poe_files::id,
            poe_files::file_name,
            poe_files::content_type.nullable(),
            users::display_name.nullable(),
            poe_files::size_bytes.nullable(),
            poe_files::uploaded_at,
        ));
    let reasons = audit_entries::table
        .filter(audit_entries::claim_id.eq(claim_id))
        .filter(audit_entries::reason_code.is_not_null())
        .select((
            kind("reason"),
            audit_entries::id,
            audit_entries::to_status,
            audit_entries::reason_code,
            audit_entries::reason_text,
            no_size(),
            audit_entries::at,
        ));
    let messages = claim_messages::table
        .inner_join(users::table)
        .filter(claim_messages::claim_id.eq(claim_id))
        .select((
            kind("message"),
            claim_messages::id,
            claim_messages::author_kind,
            claim_messages::body.nullable(),
            users::display_name.nullable(),
            no_size(),
            claim_messages::created_at,
        ));
    // Through `AnyConnection` diesel offers no `UNION`; each backend runs it itself.
    let mut rows: Vec<Attached> = load_direct(conn, files.union_all(reasons).union_all(messages))?;
    // Oldest first, ties by id; the reasons are then read newest first.
    rows.sort_by(|a, b| (a.6, &a.1).cmp(&(b.6, &b.1)));
    let mut found = Attachments::default();
    for (kind, id, text, second, third, size, at) in rows {
        match kind.as_str() {
            "file" => found.files.push(PoeFileRow {
                id,
                claim_id: claim_id.to_owned(),
                file_name: text,
                content_type: second.unwrap_or_default(),
                size_bytes: size.unwrap_or_default(),
                uploaded_by_name: third.unwrap_or_default(),
                uploaded_at: at,
            }),
            "reason" => found.reasons.push(ReasonRow {
                to_status: text,
                reason_code: second.unwrap_or_default(),
                reason_text: third,
            }),
            _ => found.messages.push(MessageRow {
                author_name: third.unwrap_or_default(),
                author_kind: text,
                body: second.unwrap_or_default(),
                created_at: at,
            }),
        }
    }
    found.reasons.reverse();
    Ok(found)
}
