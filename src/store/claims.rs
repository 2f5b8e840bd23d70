//! Claims: the draft's insert, the organisation's list (filters, search, keyset pages).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::keyset::KeysetPosition;

use super::{
    AnyConnection,
    connection::load_direct,
    cursor_time, parse_cursor_time,
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
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

diesel::define_sql_function! {
    /// SQL `lower()`: LIKE is case-sensitive on PostgreSQL and not on SQLite; this makes
    /// both behave the same.
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

pub fn insert_draft(conn: &mut AnyConnection, draft: &NewDraft<'_>) -> QueryResult<()> {
    diesel::insert_into(claims::table)
        .values(draft)
        .execute(conn)
        .map(drop)
}

/// One row of the Customer associations list.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = claims)]
pub struct ListRow {
    pub id: String,
    pub name: String,
    pub customer_domain: String,
    pub tenant_id: String,
    pub programme: String,
    pub activity: String,
    pub location_id: String,
    pub status: String,
    pub window_closes_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    /// The claim's product names in catalogue order, joined by [`PRODUCT_SEPARATOR`].
    pub product_names: Option<String>,
}

pub use super::product_names::PRODUCT_SEPARATOR;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    UpdatedAt,
    Name,
    Domain,
}

/// Where a page starts: after (or before) the row with this sort value and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    First,
    After(KeysetPosition),
    Before(KeysetPosition),
}

#[derive(Debug, Clone)]
pub struct ListQuery {
    pub organisation_id: String,
    pub status: Option<String>,
    pub programme: Option<String>,
    pub location_id: Option<String>,
    /// Matches the claim name (contains), the customer domain (prefix) or the tenant ID.
    pub search: Option<String>,
    pub sort: SortColumn,
    pub descending: bool,
    pub cursor: Cursor,
    pub limit: i64,
}

/// Where a page that ends (or starts) with `row` continues, in `sort` order.
pub fn position(row: &ListRow, sort: SortColumn) -> KeysetPosition {
    let value = match sort {
        SortColumn::UpdatedAt => cursor_time(row.updated_at),
        SortColumn::Name => row.name.clone(),
        SortColumn::Domain => row.customer_domain.clone(),
    };
    KeysetPosition::new(value, row.id.as_str())
}

/// One page of rows in display order, plus whether more rows lie beyond it in the
/// direction it was read (so the page knows whether to offer Next or Previous).
pub fn list(conn: &mut AnyConnection, q: &ListQuery) -> QueryResult<(Vec<ListRow>, bool)> {
    if let Some(rows) = newest_first_unfiltered(conn, q)? {
        return Ok(page_of(rows, q.limit, false));
    }
    let mut query = claims::table
        .filter(claims::organisation_id.eq(&q.organisation_id))
        .select(ListRow::as_select())
        .into_boxed();
    if let Some(status) = &q.status {
        query = query.filter(claims::status.eq(status.clone()));
    }
    if let Some(programme) = &q.programme {
        query = query.filter(claims::programme.eq(programme.clone()));
    }
    if let Some(location) = &q.location_id {
        query = query.filter(claims::location_id.eq(location.clone()));
    }
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let lowered = super::like_escaped(search);
        // The matches are found in the covering name index alone (a subquery that needs no
        // other column), then fetched by id: filtering the full rows read every row of the
        // organisation from the table (30 ms at 10,000 rows instead of 7).
        let matched = diesel::alias!(claims as matched);
        let matching = matched
            .filter(
                matched
                    .field(claims::organisation_id)
                    .eq(q.organisation_id.clone()),
            )
            .filter(
                lower(matched.field(claims::name))
                    .like(format!("%{lowered}%"))
                    .escape('\\')
                    .or(matched
                        .field(claims::customer_domain)
                        .like(format!("{lowered}%"))
                        .escape('\\'))
                    .or(matched.field(claims::tenant_id).eq(search.to_lowercase())),
            )
            .select(matched.field(claims::id));
        query = query.filter(claims::id.eq_any(matching));
    }
    // Reading backwards (Previous) flips the order; rows are flipped back below. Each cursor
    // condition repeats its bound alone (`x >= v AND (x > v OR …)`): the planner turns that
    // into an index range, where the OR alone made it walk every row before the cursor.
    let backwards = matches!(q.cursor, Cursor::Before(_));
    let descending = q.descending != backwards;
    query = match (&q.cursor, q.sort) {
        (Cursor::First, _) => query,
        (
            Cursor::After(KeysetPosition { value, id })
            | Cursor::Before(KeysetPosition { value, id }),
            sort,
        ) => {
            let after = !backwards;
            let forward_greater = after != q.descending;
            match sort {
                SortColumn::UpdatedAt => {
                    let Some(at) = parse_cursor_time(value) else {
                        return Ok((Vec::new(), false));
                    };
                    if forward_greater {
                        query.filter(claims::updated_at.ge(at)).filter(
                            claims::updated_at
                                .gt(at)
                                .or(claims::updated_at.eq(at).and(claims::id.gt(id.clone()))),
                        )
                    } else {
                        query.filter(claims::updated_at.le(at)).filter(
                            claims::updated_at
                                .lt(at)
                                .or(claims::updated_at.eq(at).and(claims::id.lt(id.clone()))),
                        )
                    }
                }
                SortColumn::Name => {
                    if forward_greater {
                        query.filter(claims::name.ge(value.clone())).filter(
                            claims::name.gt(value.clone()).or(claims::name
                                .eq(value.clone())
                                .and(claims::id.gt(id.clone()))),
                        )
                    } else {
                        query.filter(claims::name.le(value.clone())).filter(
                            claims::name.lt(value.clone()).or(claims::name
                                .eq(value.clone())
                                .and(claims::id.lt(id.clone()))),
                        )
                    }
                }
                SortColumn::Domain => {
                    let (v, i) = (value.clone(), id.clone());
                    if forward_greater {
                        query.filter(claims::customer_domain.ge(v.clone())).filter(
                            claims::customer_domain
                                .gt(v.clone())
                                .or(claims::customer_domain.eq(v).and(claims::id.gt(i))),
                        )
                    } else {
                        query.filter(claims::customer_domain.le(v.clone())).filter(
                            claims::customer_domain
                                .lt(v.clone())
                                .or(claims::customer_domain.eq(v).and(claims::id.lt(i))),
                        )
                    }
                }
            }
        }
    };
    // A search matches few rows: reading the organisation's rows through the covering
    // search index and sorting the matches is ~5x cheaper than walking the updated_at index
    // and fetching every row. COALESCE(x, x) is x, but keeps the planner off that index.
    let searching = q.search.as_deref().is_some_and(|s| !s.trim().is_empty());
    let updated_at_unindexed = diesel::dsl::sql::<diesel::sql_types::Timestamp>(
        "COALESCE(claims.updated_at, claims.updated_at)",
    );
    query = match (q.sort, descending) {
        (SortColumn::UpdatedAt, true) if searching => {
            query.order((updated_at_unindexed.desc(), claims::id.desc()))
        }
        (SortColumn::UpdatedAt, false) if searching => {
            query.order((updated_at_unindexed.asc(), claims::id.asc()))
        }
        (SortColumn::UpdatedAt, true) => {
            query.order((claims::updated_at.desc(), claims::id.desc()))
        }
        (SortColumn::UpdatedAt, false) => query.order((claims::updated_at.asc(), claims::id.asc())),
        (SortColumn::Name, true) => query.order((claims::name.desc(), claims::id.desc())),
        (SortColumn::Name, false) => query.order((claims::name.asc(), claims::id.asc())),
        (SortColumn::Domain, true) => {
            query.order((claims::customer_domain.desc(), claims::id.desc()))
        }
        (SortColumn::Domain, false) => {
            query.order((claims::customer_domain.asc(), claims::id.asc()))
        }
    };
    let rows: Vec<ListRow> = query.limit(q.limit + 1).load(conn)?;
    Ok(page_of(rows, q.limit, backwards))
}

/// `limit + 1` rows as read → the page in display order, and whether more lie beyond it.
fn page_of(mut rows: Vec<ListRow>, limit: i64, backwards: bool) -> (Vec<ListRow>, bool) {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    if backwards {
        rows.reverse();
    }
    (rows, more)
}

/// The list as most visits see it (no filter, newest change first, first page or Next) with
/// queries of a fixed type: diesel keeps them prepared by type, where a boxed query has its
/// SQL built and looked up on every call (a tenth of the page's CPU). `None`: not this case.
fn newest_first_unfiltered(
    conn: &mut AnyConnection,
    q: &ListQuery,
) -> QueryResult<Option<Vec<ListRow>>> {
    let unfiltered = q.status.is_none()
        && q.programme.is_none()
        && q.location_id.is_none()
        && q.search.as_deref().is_none_or(|s| s.trim().is_empty());
    if !(unfiltered && q.sort == SortColumn::UpdatedAt && q.descending) {
        return Ok(None);
    }
    let newest = claims::table
        .filter(claims::organisation_id.eq(&q.organisation_id))
        .select(super::connection::selection::<ListRow>())
        .order((claims::updated_at.desc(), claims::id.desc()))
        .limit(q.limit + 1);
    match &q.cursor {
        Cursor::First => load_direct(conn, newest).map(Some),
        Cursor::After(KeysetPosition { value, id }) => {
            let Some(at) = parse_cursor_time(value) else {
                return Ok(Some(Vec::new()));
            };
            let older = newest.filter(claims::updated_at.le(at)).filter(
                claims::updated_at
                    .lt(at)
                    .or(claims::updated_at.eq(at).and(claims::id.lt(id))),
            );
            load_direct(conn, older).map(Some)
        }
        Cursor::Before(_) => Ok(None),
    }
}

/// Whether the organisation has any claim at all (one index probe, no count).
pub fn organisation_has_any(conn: &mut AnyConnection, organisation_id: &str) -> QueryResult<bool> {
    let first: Option<String> = claims::table
        .filter(claims::organisation_id.eq(organisation_id))
        .select(claims::id)
        .first(conn)
        .optional()?;
    Ok(first.is_some())
}

/// A claim as stored, every column.
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
    pub programme: String,
    pub name: String,
    pub status: String,
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
    pub ends_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<ClaimRow>> {
    claims::table
        .find(id)
        .select(ClaimRow::as_select())
        .first(conn)
        .optional()
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

/// The contact and revenue-association columns, written together (unset ones cleared).
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

/// Products (with their subscription) that other organisations hold officially for this
/// tenant under this programme.
pub fn official_elsewhere(
    conn: &mut AnyConnection,
    tenant_id: &str,
    programme: &str,
    organisation_id: &str,
) -> QueryResult<Vec<(String, Option<String>)>> {
    claim_products::table
        .inner_join(claims::table)
        .filter(claims::tenant_id.eq(tenant_id))
        .filter(claims::programme.eq(programme))
        .filter(claims::status.eq("official"))
        .filter(claims::organisation_id.ne(organisation_id))
        .select((claim_products::product_id, claim_products::subscription_id))
        .load(conn)
}
