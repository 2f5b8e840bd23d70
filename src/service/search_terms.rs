//! Search terms as the lists compare them, with the part of each that a trigram index is
//! asked for ([`crate::domain::trigrams`]). How often each trigram occurs is counted in a
//! sample of the claims' texts when the portal starts, kept between requests and counted
//! again by the first search after [`REFRESH_MINUTES`]: texts change slowly, and a stale
//! count only makes an index read a longer list, never changes what is found.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{
        search::Term,
        trigrams::{TrigramCounts, spread_ids},
    },
    store::{AnyConnection, search_sample},
};

/// How long a sample's counts are used.
const REFRESH_MINUTES: i64 = 15;
/// Where the sample is read (spread over every claim, oldest to newest) ...
const SAMPLE_POINTS: u32 = 200;
/// ... and how many claims from each: 10,000 texts, read in about 10 ms at a million claims.
const SAMPLE_EACH: i64 = 50;

#[derive(Debug, Default)]
pub struct SearchTerms {
    counts: Mutex<Option<(DateTime<Utc>, Arc<TrigramCounts>)>>,
}

impl SearchTerms {
    /// The term for `raw` (already checked by `parse_search`), `None` when there is none.
    pub fn term(
        &self,
        conn: &mut AnyConnection,
        raw: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<Term>> {
        let Some(raw) = raw else {
            return Ok(None);
        };
        if !Term::needs_counts(raw) {
            return Ok(Term::new(raw, &TrigramCounts::default()));
        }
        Ok(Term::new(raw, &*self.counts(conn, now)?))
    }

    /// The counts as of the last sample, sampled again when they are older than
    /// [`REFRESH_MINUTES`] (a sample read at the same time by another request is not waited
    /// for: either is as good).
    fn counts(
        &self,
        conn: &mut AnyConnection,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Arc<TrigramCounts>> {
        if let Some((at, counts)) = self.lock().as_ref()
            && now - *at < Duration::minutes(REFRESH_MINUTES)
        {
            return Ok(Arc::clone(counts));
        }
        self.sample(conn, now)
    }

    /// Counts the trigrams of a sample of the claims' texts, spread over all of them, and
    /// keeps the counts from `now` on.
    pub fn sample(
        &self,
        conn: &mut AnyConnection,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Arc<TrigramCounts>> {
        let texts = match search_sample::id_bounds(conn)? {
            Some((first, last)) => search_sample::texts_from(
                conn,
                &spread_ids(&first, &last, SAMPLE_POINTS),
                SAMPLE_EACH,
            )?,
            None => Vec::new(),
        };
        let counts = Arc::new(TrigramCounts::of_texts(texts.iter().map(String::as_str)));
        *self.lock() = Some((now, Arc::clone(&counts)));
        Ok(counts)
    }

    /// The kept counts, even after a panic elsewhere poisoned the lock.
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(DateTime<Utc>, Arc<TrigramCounts>)>> {
        self.counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
