//! No parser panics on any string, and whatever a parser accepts parses back to itself.

use portal::domain::values::{
    ClaimName, Comment, DomainName, EmailAddress, JobTitle, MpnId, OrganisationName, PersonName,
    SolutionName, SubscriptionId, TenantId,
};
use proptest::prelude::*;

/// Parses, and when accepted, checks `parse(x.as_ref()) == x`.
macro_rules! round_trips {
    ($input:expr, $($ty:ty),+) => {$(
        if let Ok(value) = <$ty>::parse($input) {
            let again = <$ty>::parse(value.as_ref());
            prop_assert_eq!(again.as_ref(), Ok(&value), "{} of {:?}", stringify!($ty), $input);
        }
    )+};
}

fn interesting() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,300}",
        "[0-9 \\-{}a-fA-F]{0,40}",
        "[a-zA-Z0-9.\\-@+_ ]{0,80}",
        "[a-zäöüßé0-9.\\-]{1,20}\\.[a-z]{2,6}",
        "[a-z0-9._%+\\-]{1,20}@[a-zA-Zü0-9\\-]{1,20}\\.[a-z]{2,6}\\.?",
        (any::<char>(), 0usize..5000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn parsers_never_panic_and_round_trip(input in interesting()) {
        round_trips!(&input, MpnId, TenantId, SubscriptionId, DomainName, EmailAddress);
        round_trips!(&input, ClaimName, PersonName, JobTitle, OrganisationName, SolutionName, Comment);
    }

    #[test]
    fn accepted_text_has_no_control_characters_and_respects_its_bounds(input in any::<String>()) {
        if let Ok(name) = ClaimName::parse(&input) {
            let length = name.as_str().chars().count();
            prop_assert!((3..=100).contains(&length));
            prop_assert!(!name.as_str().chars().any(char::is_control));
            prop_assert_eq!(name.as_str().trim(), name.as_str());
        }
        if let Ok(comment) = Comment::parse(&input) {
            prop_assert!(comment.as_str().chars().count() <= 2000);
            prop_assert!(!comment.as_str().chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }

    #[test]
    fn accepted_domains_are_lower_case_ascii_within_dns_limits(input in interesting()) {
        if let Ok(domain) = DomainName::parse(&input) {
            let text = domain.as_str();
            prop_assert!(text.len() <= 253);
            prop_assert!(text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
            prop_assert!(text.split('.').count() >= 2);
            prop_assert!(text.split('.').all(|label| (1..=63).contains(&label.len())));
        }
    }

    #[test]
    fn guids_from_any_casing_and_braces_agree(bytes in any::<[u8; 16]>(), upper in any::<bool>(), braces in any::<bool>()) {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let hyphenated = format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]);
        let mut typed = if upper { hyphenated.to_uppercase() } else { hyphenated.clone() };
        if braces { typed = format!("{{{typed}}}"); }
        prop_assert_eq!(TenantId::parse(&typed).map(|t| t.to_string()), Ok(hyphenated.clone()));
        prop_assert_eq!(TenantId::parse(&hex).map(|t| t.to_string()), Ok(hyphenated));
    }
}
