//! Keyset positions survive a link whatever the sort value holds, and no text panics them.

use portal::domain::keyset::KeysetPosition;
use proptest::prelude::*;

#[test]
fn separators_and_non_ascii_round_trip() {
    for value in ["a~b", "x|y~z", "名前~テスト", "", "12:34", "~", "9:"] {
        let position = KeysetPosition::new(value, "0190-id~x");
        assert_eq!(KeysetPosition::decode(&position.encode()), Some(position));
    }
}

#[test]
fn other_text_is_no_position() {
    for raw in [
        "",
        "abc",
        "a~b",
        "3:ab",
        "-1:xy",
        "1:",
        "99999999:x",
        "2:é",
        "+1:ab",
    ] {
        assert_eq!(KeysetPosition::decode(raw), None, "{raw:?}");
    }
}

proptest! {
    #[test]
    fn any_position_round_trips(value in any::<String>(), id in ".{1,40}") {
        let position = KeysetPosition::new(value, id);
        prop_assert_eq!(KeysetPosition::decode(&position.encode()), Some(position));
    }

    #[test]
    fn decoding_never_panics(raw in any::<String>()) {
        let _ = KeysetPosition::decode(&raw);
    }

    #[test]
    fn decoding_near_misses_never_panics(n in 0usize..20, tail in ".{0,20}") {
        let _ = KeysetPosition::decode(&format!("{n}:{tail}"));
    }
}
