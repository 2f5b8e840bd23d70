//! The reviewers' `/review` page: the queue (oldest submission first, or newest, with its
//! age in business days against the review target and a marker where another open claim
//! competes for a key) and all claims with filters and keyset pages, as one view; one
//! search (claim name, partner, customer domain or tenant ID) narrows both.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::{
    domain::{
        claim::Status,
        ids::ClaimId,
        keyset::KeysetPosition,
        programme::Programme,
        search::{SearchError, parse_search},
        values::TenantId,
        values::ValueError,
    },
    store::{
        AnyConnection, from_db_time,
        review_lists::{self, Filter, ReviewRow},
    },
};

use super::{competing, context::Context};

/// How many rows of each list a page may show (`per_page`): the queue's first rows (the
/// longest-waiting unless sorted otherwise, so nothing urgent is hidden) and one page of all
/// claims. The first is the default: a page of 100 rows in each list cost what four list
/// pages cost.
pub const PAGE_SIZES: [i64; 3] = [25, 50, 100];

/// The page's query string, as typed; unknown values are ignored rather than refused.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReviewListRequest {
    pub status: String,
    pub partner: String,
    pub programme: String,
    pub tenant: String,
    /// Part of a claim's name, its partner's name or its customer domain, or its tenant ID.
    pub q: String,
    /// The queue's order: `oldest` (the default) or `newest` first.
    pub sort: String,
    /// Where the previous page ended ([`KeysetPosition::encode`]).
    pub after: String,
    /// Rows per page, one of [`PAGE_SIZES`]; anything else is the first.
    pub per_page: String,
}

impl ReviewListRequest {
    /// The filters (never the position) as query pairs, for the next page's link.
    pub fn filter_pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("status", self.status.as_str()),
            ("partner", self.partner.as_str()),
            ("programme", self.programme.as_str()),
            ("tenant", self.tenant.as_str()),
            ("q", self.q.trim()),
            ("sort", self.sort.as_str()),
            ("per_page", self.per_page.as_str()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .collect()
    }

    /// The search term; a term that cannot be searched for is not applied, and the page says
    /// why.
    pub fn search(&self) -> Result<Option<String>, SearchError> {
        parse_search(&self.q)
    }

    /// Rows per page as asked for, if it is one of [`PAGE_SIZES`], else the first.
    pub fn page_size(&self) -> i64 {
        PAGE_SIZES
            .into_iter()
            .find(|size| self.per_page.trim() == size.to_string())
            .unwrap_or(PAGE_SIZES[0])
    }

    /// The queue's order as asked for: oldest first unless `newest`.
    pub fn newest_first(&self) -> bool {
        self.sort == "newest"
    }
}

/// One claim as the reviewer's tables show it.
pub struct ReviewLine {
    pub id: ClaimId,
    pub name: String,
    pub partner: String,
    pub programme: Programme,
    pub domain: String,
    pub status: Status,
    /// Queue: since when it waits; all claims: its last change.
    pub at: DateTime<Utc>,
    /// Business days in the queue (queue rows only).
    pub age_business_days: Option<u32>,
    /// Waiting longer than the review target (queue rows only).
    pub overdue: bool,
    /// Another open claim competes for one of its keys (queue rows only).
    pub competing: bool,
}

pub struct ReviewLists {
    pub queue: Vec<ReviewLine>,
    pub claims: Vec<ReviewLine>,
    /// Where the next page starts, when there is one.
    pub next: Option<KeysetPosition>,
    /// Every organisation, for the partner filter: (id, name).
    pub organisations: Vec<(String, String)>,
    /// Why the tenant filter was not applied.
    pub tenant_error: Option<ValueError>,
}

/// The lists; `target_days` is the review target in business days (a queue row waiting
/// longer is overdue).
pub fn review_lists(
    conn: &mut AnyConnection,
    ctx: &Context,
    request: &ReviewListRequest,
    target_days: u32,
    now: DateTime<Utc>,
) -> anyhow::Result<ReviewLists> {
    let (tenant_id, tenant_error) = match request.tenant.trim() {
        "" => (None, None),
        raw => match TenantId::parse(raw) {
            Ok(id) => (Some(id.as_str().to_owned()), None),
            Err(e) => (None, Some(e)),
        },
    };
    let filter = Filter {
        status: Status::parse(&request.status),
        organisation_id: Some(request.partner.clone()).filter(|p| !p.is_empty()),
        programme: Programme::parse(&request.programme),
        tenant_id,
        search: ctx
            .search_terms
            .term(conn, request.search().ok().flatten().as_deref(), now)?,
        after: KeysetPosition::decode(&request.after),
    };
    let calendar = ctx.calendar(conn)?;
    let page_size = request.page_size();
    let queued = review_lists::queue(
        conn,
        filter.search.as_ref(),
        request.newest_first(),
        page_size,
    )?;
    let mut tenants: Vec<String> = queued.iter().map(|row| row.tenant_id.clone()).collect();
    tenants.sort();
    tenants.dedup();
    let queued_ids: Vec<String> = queued
        .iter()
        .map(|row| row.id.as_str().to_owned())
        .collect();
    let contested = competing::contested(conn, &tenants, &queued_ids)?;
    let (rows, more) = review_lists::all(conn, &filter, page_size)?;
    let next = more.then(|| rows.last().map(ReviewRow::position)).flatten();
    // The partners' names for both tables, from the list the partner filter shows anyway.
    let organisations = review_lists::organisations(conn)?;
    let names: HashMap<&str, &str> = organisations
        .iter()
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect();
    let queue = queued
        .into_iter()
        .map(|row| {
            let waiting_since = row.submitted_at.unwrap_or(row.updated_at);
            let age = row
                .submitted_at
                .map_or(0, |at| calendar.business_days_since(from_db_time(at), now));
            let competing = contested.contains(&row.id);
            ReviewLine {
                overdue: age > target_days,
                competing,
                ..line(row, &names, waiting_since, Some(age))
            }
        })
        .collect();
    let claims = rows
        .into_iter()
        .map(|row| {
            let changed = row.updated_at;
            line(row, &names, changed, None)
        })
        .collect();
    Ok(ReviewLists {
        queue,
        claims,
        next,
        organisations,
        tenant_error,
    })
}

fn line(
    row: ReviewRow,
    partners: &HashMap<&str, &str>,
    at: chrono::NaiveDateTime,
    age_business_days: Option<u32>,
) -> ReviewLine {
    ReviewLine {
        partner: partners
            .get(row.organisation_id.as_str())
            .map_or_else(String::new, |name| (*name).to_owned()),
        id: row.id,
        name: row.name,
        programme: row.programme,
        domain: row.customer_domain,
        status: row.status,
        at: from_db_time(at),
        age_business_days,
        overdue: false,
        competing: false,
    }
}
