//! The saved views' counts of an organisation, kept between list pages. Counting is an
//! aggregate over every claim of the organisation in the views' statuses (thousands of rows
//! at scale), while the list page itself reads 26: the counts are counted again only when
//! one of the organisation's claims changed (its newest change and that claim's status,
//! read through the (organisation, updated_at, id) index) or a new minute began (the views' 30- and 60-day
//! bounds move with time). Each instance keeps its own; the key makes them agree.

use std::{collections::HashMap, sync::Mutex};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use crate::{
    domain::saved_views::ViewCounts,
    store::{AnyConnection, view_counts},
};

/// An organisation's newest claim change: when, which claim, and that claim's status code.
pub type LatestChange = (NaiveDateTime, String, String);

/// Organisations kept at most; past it the cache starts afresh (a cheap bound, not an LRU).
const MAX_ORGANISATIONS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    /// The organisation's newest claim change.
    latest: Option<LatestChange>,
    /// Minutes since the epoch: the counts are as of the start of this minute.
    minute: i64,
}

#[derive(Debug, Default)]
pub struct ViewCountsCache {
    entries: Mutex<HashMap<String, (Key, ViewCounts)>>,
}

impl ViewCountsCache {
    /// The counts of `organisation_id`'s saved views as of the start of `now`'s minute;
    /// `newest` is the organisation's newest change when the caller has read it already.
    pub fn counts(
        &self,
        conn: &mut AnyConnection,
        organisation_id: &str,
        newest: Option<LatestChange>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<ViewCounts> {
        let minute = now.timestamp().div_euclid(60);
        let latest = match newest {
            Some(known) => Some(known),
            None => view_counts::latest_change(conn, organisation_id)?,
        };
        let key = Key { latest, minute };
        if let Some((kept, counts)) = self.lock().get(organisation_id)
            && *kept == key
        {
            return Ok(*counts);
        }
        let as_of = Utc.timestamp_opt(minute * 60, 0).single().unwrap_or(now);
        let counts = view_counts::counts(conn, organisation_id, as_of)?;
        let mut entries = self.lock();
        if entries.len() >= MAX_ORGANISATIONS {
            entries.clear();
        }
        entries.insert(organisation_id.to_owned(), (key, counts));
        Ok(counts)
    }

    /// The map, even after a panic elsewhere poisoned the lock (it holds only counts).
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Key, ViewCounts)>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
