//! The partner's Customer associations list: filters, search, sort and keyset pages, and
//! the same rows for the CSV export.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::{
    domain::{
        claim::Status,
        keyset::KeysetPosition,
        programme::Programme,
        saved_views::{SavedView, ViewCounts},
        search::{SearchError, Term, parse_search},
    },
    store::{
        AnyConnection, DbPool,
        claim_list::{self, Cursor, ListQuery, ListRow, SortColumn},
        claims, from_db_time, organisations,
    },
};

use super::context::Context;

pub const PAGE_SIZE: i64 = 25;

/// The list's query string, as typed; unknown values are ignored rather than refused.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListRequest {
    /// A saved view's code (`needs_action`, …); anything else is the whole list.
    pub view: String,
    pub status: String,
    pub programme: String,
    pub location: String,
    pub q: String,
    pub sort: String,
    pub dir: String,
    pub after: String,
    pub before: String,
}

impl ListRequest {
    /// The saved view asked for, if it is one.
    pub fn saved_view(&self) -> Option<SavedView> {
        SavedView::parse(&self.view)
    }

    pub fn sort_column(&self) -> SortColumn {
        match self.sort.as_str() {
            "name" => SortColumn::Name,
            "domain" => SortColumn::Domain,
            _ => SortColumn::UpdatedAt,
        }
    }

    /// Last change sorts newest first unless asked otherwise; text columns A→Z.
    pub fn descending(&self) -> bool {
        match self.dir.as_str() {
            "asc" => false,
            "desc" => true,
            _ => self.sort_column() == SortColumn::UpdatedAt,
        }
    }

    /// The search term; a term that cannot be searched for is not applied, and the page says
    /// why.
    pub fn search(&self) -> Result<Option<String>, SearchError> {
        parse_search(&self.q)
    }

    pub fn has_filters(&self) -> bool {
        !(self.status.is_empty()
            && self.programme.is_empty()
            && self.location.is_empty()
            && self.q.trim().is_empty())
    }

    fn query(
        &self,
        organisation_id: &str,
        (cursor, search): (Cursor, Option<Term>),
        limit: i64,
        now: DateTime<Utc>,
    ) -> ListQuery {
        ListQuery {
            view: self.saved_view().map(|view| view.rule(now)),
            organisation_id: organisation_id.to_owned(),
            status: Status::parse(&self.status),
            programme: Programme::parse(&self.programme),
            location_id: Some(self.location.clone()).filter(|l| !l.is_empty()),
            search,
            sort: self.sort_column(),
            descending: self.descending(),
            cursor,
            limit,
        }
    }

    fn cursor(&self) -> Cursor {
        if let Some(position) = KeysetPosition::decode(&self.after) {
            Cursor::After(position)
        } else if let Some(position) = KeysetPosition::decode(&self.before) {
            Cursor::Before(position)
        } else {
            Cursor::First
        }
    }
}

#[derive(Debug, Clone)]
pub struct ListedClaim {
    pub id: String,
    pub name: String,
    pub customer_domain: String,
    pub tenant_id: String,
    pub programme: Programme,
    pub location_id: String,
    pub products: Vec<String>,
    pub status: Status,
    pub window_closes_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

pub struct ListPage {
    pub claims: Vec<ListedClaim>,
    /// Positions for the Previous and Next links.
    pub previous: Option<KeysetPosition>,
    pub next: Option<KeysetPosition>,
    /// The organisation's locations `(id, name)`, for the filter.
    pub locations: Vec<(String, String)>,
    /// False when the organisation has no claims at all (the page then explains them).
    pub organisation_has_claims: bool,
    /// How many claims each saved view holds.
    pub counts: ViewCounts,
}

/// The request's search term, if it has one that can be searched for.
fn search_term(
    conn: &mut AnyConnection,
    ctx: &Context,
    request: &ListRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Term>> {
    let raw = request.search().ok().flatten();
    ctx.search_terms.term(conn, raw.as_deref(), now)
}

pub fn list(
    conn: &mut AnyConnection,
    ctx: &Context,
    organisation_id: &str,
    request: &ListRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<ListPage> {
    let cursor = request.cursor();
    let search = search_term(conn, ctx, request, now)?;
    let query = request.query(organisation_id, (cursor.clone(), search), PAGE_SIZE, now);
    let (rows, more) = claim_list::list(conn, &query)?;
    let sort = query.sort;
    let key = |row: &ListRow| claim_list::position(row, sort);
    let (previous, next) = match cursor {
        Cursor::First => (None, more.then(|| rows.last().map(key)).flatten()),
        Cursor::After(_) => (
            rows.first().map(key),
            more.then(|| rows.last().map(key)).flatten(),
        ),
        Cursor::Before(_) => (
            more.then(|| rows.first().map(key)).flatten(),
            rows.last().map(key),
        ),
    };
    let organisation_has_claims =
        !rows.is_empty() || claim_list::organisation_has_any(conn, organisation_id)?;
    // The whole list's first page, newest change first, begins with the organisation's
    // newest change: the counts' key, without a query of its own.
    let whole_list_by_newest = matches!(query.cursor, Cursor::First)
        && query.view.is_none()
        && query.status.is_none()
        && query.programme.is_none()
        && query.location_id.is_none()
        && query.search.is_none()
        && query.sort == SortColumn::UpdatedAt
        && query.descending;
    let newest = rows.first().filter(|_| whole_list_by_newest).map(|row| {
        (
            row.updated_at,
            row.id.clone(),
            row.status.as_str().to_owned(),
        )
    });
    let counts = match organisation_has_claims {
        true => ctx.view_counts.counts(conn, organisation_id, newest, now)?,
        false => ViewCounts::default(),
    };
    let claims = rows.into_iter().map(listed).collect();
    let locations = organisations::locations(conn, organisation_id)?
        .into_iter()
        .map(|l| (l.id, l.name))
        .collect();
    Ok(ListPage {
        claims,
        previous,
        next,
        locations,
        organisation_has_claims,
        counts,
    })
}

/// A claim as the CSV export writes it: its list row, its partner location's MPN ID and
/// the subscriptions chosen for it.
#[derive(Debug, Clone)]
pub struct ExportedClaim {
    pub claim: ListedClaim,
    pub mpn_id: String,
    pub subscriptions: Vec<String>,
}

/// [`for_each_batch`] on a connection of its own, held for the whole export.
pub fn export(
    pool: &DbPool,
    ctx: &Context,
    (organisation_id, request, now): (&str, &ListRequest, DateTime<Utc>),
    batch_size: i64,
    emit: impl FnMut(Vec<ExportedClaim>) -> bool,
) -> anyhow::Result<()> {
    for_each_batch(
        &mut *pool.get()?,
        ctx,
        (organisation_id, request, now),
        batch_size,
        emit,
    )
}

/// Every claim of the filtered view, in batches, for the CSV export: `emit` gets each batch
/// in order and returns false to stop (the download was cancelled). Each batch reads its
/// subscriptions in one more query.
pub fn for_each_batch(
    conn: &mut AnyConnection,
    ctx: &Context,
    (organisation_id, request, now): (&str, &ListRequest, DateTime<Utc>),
    batch_size: i64,
    mut emit: impl FnMut(Vec<ExportedClaim>) -> bool,
) -> anyhow::Result<()> {
    let mpn_ids: HashMap<String, String> = organisations::locations(conn, organisation_id)?
        .into_iter()
        .map(|l| (l.id, l.mpn_id))
        .collect();
    let search = search_term(conn, ctx, request, now)?;
    let mut cursor = Cursor::First;
    loop {
        let query = request.query(organisation_id, (cursor, search.clone()), batch_size, now);
        let (rows, more) = claim_list::list(conn, &query)?;
        cursor = match rows.last() {
            Some(last) => Cursor::After(claim_list::position(last, query.sort)),
            None => return Ok(()),
        };
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let mut subscriptions: HashMap<String, Vec<String>> = HashMap::new();
        for (claim_id, subscription) in claims::subscriptions_of(conn, &ids)? {
            subscriptions
                .entry(claim_id)
                .or_default()
                .push(subscription);
        }
        let batch = rows
            .into_iter()
            .map(|row| ExportedClaim {
                mpn_id: mpn_ids.get(&row.location_id).cloned().unwrap_or_default(),
                subscriptions: subscriptions.remove(&row.id).unwrap_or_default(),
                claim: listed(row),
            })
            .collect();
        if !emit(batch) || !more {
            return Ok(());
        }
    }
}

fn listed(row: ListRow) -> ListedClaim {
    ListedClaim {
        products: row
            .product_names
            .as_deref()
            .map(|names| {
                names
                    .split(claim_list::PRODUCT_SEPARATOR)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        programme: row.programme,
        status: row.status,
        window_closes_at: row.window_closes_at.map(from_db_time),
        updated_at: from_db_time(row.updated_at),
        id: row.id,
        name: row.name,
        customer_domain: row.customer_domain,
        tenant_id: row.tenant_id,
        location_id: row.location_id,
    }
}
