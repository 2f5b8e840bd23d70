//! Which part of a search term the trigram index is asked for: the rarest, from counts of
//! a sample of the stored texts.

use portal::domain::{
    search::{Term, search_text},
    trigrams::{TrigramCounts, spread_ids},
};

/// The texts of claims with these names, as stored.
fn counts_of(names: impl Iterator<Item = String>) -> TrigramCounts {
    let texts: Vec<String> = names
        .map(|name| search_text(&name, "contoso.example", "t"))
        .collect();
    TrigramCounts::of_texts(texts.iter().map(String::as_str))
}

/// "claim 0" … "claim 99" and "claim 4710" … "claim 4719".
fn claims() -> TrigramCounts {
    counts_of((0..100).chain(4710..4720).map(|i| format!("claim {i}")))
}

#[test]
fn a_texts_trigrams_count_once_and_none_spans_two_fields() {
    let counts = TrigramCounts::of_texts([search_text("aaaa", "bcd", "x").as_str()]);
    assert_eq!(counts.texts(), 1);
    assert_eq!(counts.count(&['a', 'a', 'a']), 1);
    assert_eq!(counts.count(&['b', 'c', 'd']), 1);
    assert_eq!(counts.count(&['a', '\n', 'b']), 0);
    assert_eq!(counts.count(&['a', 'a', '\n']), 0);
}

#[test]
fn the_index_is_asked_for_the_part_that_costs_least_to_read_and_test() {
    let counts = claims();
    // "cla", "lai", "aim" and "im " are in every text, "471" in ten; "711" in one.
    assert_eq!(counts.rarest_part("claim 4711"), "711");
    let term = Term::new("CLAIM 4711", &counts).unwrap();
    assert_eq!((term.folded(), term.key()), ("claim 4711", "711"));
    // In every text, each part: every claim is returned either way, so one list is read.
    assert_eq!(counts.rarest_part("contoso"), "con");
    // Two trigrams each in fifty texts, together in one: both are read.
    let counts = counts_of(
        ["abcz", "zbcd"]
            .into_iter()
            .flat_map(|name| std::iter::repeat_n(name.to_owned(), 50))
            .chain(["abcd".to_owned()]),
    );
    assert_eq!(counts.rarest_part("abcd"), "abcd");
    // "zab", in no text, makes every part holding it cost nothing: the longest.
    assert_eq!(counts.rarest_part("zabcd"), "zabcd");
    assert_eq!(counts.rarest_part("abcdzz"), "abcdzz");
}

#[test]
fn without_counts_or_a_choice_the_whole_term_is_asked_for() {
    let none = TrigramCounts::default();
    assert_eq!(none.rarest_part("claim 4711"), "claim 4711");
    let counts = claims();
    for term in ["ab", "a", "", "471"] {
        assert_eq!(counts.rarest_part(term), term);
    }
    assert!(!Term::needs_counts("47"));
    assert!(Term::needs_counts("471"));
    assert!(Term::needs_counts("4711"));
    assert!(!Term::needs_counts("A2B3C4D5-E6F7-4A8B-9C0D-1E2F3A4B5C6D"));
}

#[test]
fn the_key_is_part_of_the_term_and_long_enough_for_the_index() {
    let counts = claims();
    for term in [
        "claim 47",
        "im 9",
        "laim",
        "xyz claim",
        "東京 claim 1",
        "contoso.example",
    ] {
        let key = counts.rarest_part(term);
        assert!(term.contains(&key), "{term:?} → {key:?}");
        assert!(key.chars().count() >= 3, "{term:?} → {key:?}");
    }
}

#[test]
fn sample_starts_spread_evenly_between_the_first_and_last_identifier() {
    let first = "01a2439e-0dfd-7211-b218-2b3dc6c4d4f4";
    let last = "01a2439f-0000-7000-8000-000000000000";
    let starts = spread_ids(first, last, 4);
    assert_eq!(starts.len(), 4);
    assert_eq!(starts[0], first);
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    assert!(starts.iter().all(|s| s.as_str() < last), "{starts:?}");
    assert_eq!(spread_ids("not an id", last, 4), ["not an id"]);
}

#[test]
fn how_many_claims_hold_a_term_is_estimated_from_its_rarest_run_of_four() {
    let counts = claims();
    // 110 texts: "claim 47" in 11 of them (47, 4710 … 4719), "claim 4711" in one.
    assert_eq!(counts.holding("claim 47"), 11);
    assert_eq!(counts.holding("claim 4711"), 1);
    assert_eq!(counts.holding("471"), 10);
    assert_eq!(counts.holding("47"), 0);
    let frequent = Term::new("CLAIM", &counts).unwrap();
    assert_eq!(frequent.expected_in(1000), 1000);
    let rare = Term::new("claim 4711", &counts).unwrap();
    assert_eq!(rare.expected_in(1000), 9);
    let unsampled = Term::new("claim", &TrigramCounts::default()).unwrap();
    assert_eq!(unsampled.expected_in(1000), 0);
}
