//! Which part of a search term a trigram index is asked for.
//!
//! A trigram index answers a term by reading the list of texts that hold each of its
//! trigrams. A common trigram's list is long (every claim named "claim …" holds "cla"), so
//! asking for the whole term reads every claim's entry for a term whose other part is rare:
//! `claim 4711` reads a million entries where `4711` reads a few hundred. The index is asked
//! for the term's rarest part instead, and each text it returns is tested against the whole
//! term, so the answer is the same. How rare a part is comes from a sample of the stored
//! texts ([`TrigramCounts`]); which part is cheapest weighs the lists read against the
//! claims returned.

use std::collections::{HashMap, HashSet};

use super::search::{FIELD_SEPARATOR, TRIGRAM};

/// What reading one more entry of a trigram's list costs, against testing one more claim
/// the index returns (fetching its row, testing its text, sorting it): measured on SQLite
/// at a million claims, 0.04 µs against 4.6 µs.
const CLAIM_COST: u64 = 100;
/// An index intersecting its lists steps through the rarest and seeks in the others: a
/// list costs at most this many times the rarest's length.
const SEEK_COST: u64 = 4;

/// The longest part asked for, in trigrams: a longer one returns hardly fewer claims.
const LONGEST: usize = 16;

/// In how many texts of a sample each run of three and of four characters occurs.
#[derive(Debug, Default, Clone)]
pub struct TrigramCounts {
    texts: u32,
    trigrams: HashMap<[char; TRIGRAM], u32>,
    /// How many texts hold a part of the term longer than a trigram: fewer than hold any
    /// one of its trigrams.
    quadgrams: HashMap<[char; 4], u32>,
}

impl TrigramCounts {
    /// The counts of the folded texts given (each text counts once for a run, however
    /// often it holds it; no run spans two fields).
    pub fn of_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> TrigramCounts {
        let mut counts = TrigramCounts::default();
        let (mut threes, mut fours) = (HashSet::new(), HashSet::new());
        for text in texts {
            counts.texts = counts.texts.saturating_add(1);
            threes.clear();
            fours.clear();
            for field in text.split(FIELD_SEPARATOR) {
                let chars: Vec<char> = field.chars().collect();
                threes.extend(runs::<TRIGRAM>(&chars));
                fours.extend(runs::<4>(&chars));
            }
            for run in &threes {
                *counts.trigrams.entry(*run).or_default() += 1;
            }
            for run in &fours {
                *counts.quadgrams.entry(*run).or_default() += 1;
            }
        }
        counts
    }

    /// How many texts of the sample hold the trigram.
    pub fn count(&self, trigram: &[char; TRIGRAM]) -> u32 {
        self.trigrams.get(trigram).copied().unwrap_or(0)
    }

    /// About how many texts of the sample hold the folded term: as many as hold its rarest
    /// run of four (of three, for a term of three characters); 0 for a shorter term.
    pub fn holding(&self, folded: &str) -> u32 {
        let chars: Vec<char> = folded.chars().collect();
        let fours = runs::<4>(&chars).map(|q| self.quadgrams.get(&q).copied().unwrap_or(0));
        match chars.len() {
            TRIGRAM => self.count(&[chars[0], chars[1], chars[2]]),
            _ => fours.min().unwrap_or(0),
        }
    }

    /// How many texts were sampled.
    pub fn texts(&self) -> u32 {
        self.texts
    }

    /// The part of the folded term an index is asked for: of the runs of its consecutive
    /// trigrams, the one whose lists cost least to read ([`SEEK_COST`]) together with the
    /// claims it would return ([`CLAIM_COST`], estimated from its rarest run of four), the
    /// longest of equals ([`LONGEST`] at most). A term too short for a trigram is itself;
    /// so is a term none of whose parts the sample holds, up to that length.
    pub fn rarest_part(&self, folded: &str) -> String {
        let chars: Vec<char> = folded.chars().collect();
        let threes: Vec<u64> = runs::<TRIGRAM>(&chars)
            .map(|t| u64::from(self.count(&t)))
            .collect();
        let fours: Vec<u64> = runs::<4>(&chars)
            .map(|q| u64::from(self.quadgrams.get(&q).copied().unwrap_or(0)))
            .collect();
        // (cost, trigrams in it, first trigram)
        let mut best: Option<(u64, usize, usize)> = None;
        for first in 0..threes.len() {
            let mut rarest = u64::MAX;
            let mut claims = threes[first];
            for last in first..threes.len().min(first + LONGEST) {
                rarest = rarest.min(threes[last]);
                if last > first {
                    claims = claims.min(fours[last - 1]);
                }
                let read: u64 = threes[first..=last]
                    .iter()
                    .map(|&count| count.min(rarest.saturating_mul(SEEK_COST)))
                    .sum();
                let cost = read.saturating_add(claims.saturating_mul(CLAIM_COST));
                let length = last - first + 1;
                if best.is_none_or(|(c, l, _)| cost < c || (cost == c && length > l)) {
                    best = Some((cost, length, first));
                }
            }
        }
        match best {
            Some((_, length, first)) => chars[first..first + length + TRIGRAM - 1].iter().collect(),
            None => folded.to_owned(),
        }
    }
}

/// Each run of `N` characters, in order.
fn runs<const N: usize>(chars: &[char]) -> impl Iterator<Item = [char; N]> + '_ {
    chars.windows(N).map(|w| std::array::from_fn(|i| w[i]))
}

/// `count` identifiers spread evenly from `first` to `last` (UUIDs, compared as numbers):
/// where to start reading a sample that spans every claim, old and new, rather than the
/// newest only (identifiers that begin with their time, UUIDv7, spread over time). Just
/// `first` when either is not a UUID.
pub fn spread_ids(first: &str, last: &str, count: u32) -> Vec<String> {
    let (Ok(low), Ok(high)) = (uuid::Uuid::parse_str(first), uuid::Uuid::parse_str(last)) else {
        return vec![first.to_owned()];
    };
    let (low, high) = (low.as_u128(), high.as_u128().max(low.as_u128()));
    let step = (high - low) / u128::from(count.max(1));
    (0..count.max(1))
        .map(|i| {
            uuid::Uuid::from_u128(low + step * u128::from(i))
                .hyphenated()
                .to_string()
        })
        .collect()
}
