//! How search folds text: the stored text and the term the same way, in every script.

use portal::domain::search::{FIELD_SEPARATOR, fold, parse_search, search_text};

#[test]
fn letters_fold_to_lower_case_in_every_script() {
    assert_eq!(fold("ÉCOLE Privée"), "école privée");
    assert_eq!(fold("ΟΔΟΣ Αθηνάς"), "οδοσ αθηνάσ");
    assert_eq!(fold("МОСКВА"), "москва");
    assert_eq!(fold("ＡＢＣ１２"), "abc12");
    assert_eq!(fold("東京"), "東京");
}

#[test]
fn a_folded_term_is_found_in_the_folded_text() {
    let text = search_text("Société GÉNÉRALE", "École.Example", "A2B3C4D5-E6F7");
    for term in ["générale", "ÉCOLE.example", "a2b3c4d5", "SOCIÉTÉ gén"] {
        let term = parse_search(term).unwrap().unwrap();
        assert!(text.contains(&fold(&term)), "{term}");
    }
}

#[test]
fn no_term_spans_two_fields() {
    let text = search_text("alpha", "beta.example", "gamma");
    assert_eq!(text.matches(FIELD_SEPARATOR).count(), 2);
    assert!(parse_search("alpha\nbeta").is_err());
}
