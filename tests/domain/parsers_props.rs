//! Every parser of what administrators and partners type or upload — products, holidays,
//! the calendar's imported list, the registry's CSV rows, tenants, subscriptions, usage,
//! locations, roles, passwords, search terms — answers any input with a value or an error,
//! never a panic; and what it accepts holds no hidden characters.

use portal::domain::{
    accounts, catalogue, holidays, partners,
    registry_import::{self, ImportKind},
    search, tenants,
    values::has_hidden_characters,
};
use proptest::prelude::*;

/// Text as people paste it, and as attackers send it.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,120}",
        "[0-9\\-]{0,12}",
        "[\\u{0}-\\u{2f}\\u{200b}-\\u{206f}\\u{3164}a-z]{0,40}",
        (any::<char>(), 0usize..3000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// A file of lines: text joined by line breaks, commas, semicolons and tabs.
fn lines() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            text(),
            prop::sample::select(vec!["\n", "\r\n", ",", ";", "\t", " "]),
        ),
        0..30,
    )
    .prop_map(|parts| parts.into_iter().map(|(t, sep)| t + sep).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn products_and_holidays(id in text(), name in text(), area in text(), day in text()) {
        let _ = catalogue::parse_id(&id);
        if let Ok(product) = catalogue::parse_product(&name, &area, true, "active") {
            prop_assert!(!has_hidden_characters(&product.name));
        }
        let _ = holidays::parse_day(&day);
        if let Ok(name) = holidays::parse_name(&name) {
            prop_assert!(!has_hidden_characters(&name));
        }
        let _ = holidays::parse_weekend(&[day, area]);
    }

    #[test]
    fn imported_holiday_lists(list in lines()) {
        if let Ok(all) = holidays::parse_list(&list) {
            for holiday in all {
                prop_assert!(!has_hidden_characters(&holiday.name));
            }
        }
    }

    #[test]
    fn registry_rows(fields in prop::collection::vec(text(), 0..10)) {
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        for kind in ImportKind::ALL {
            let _ = registry_import::check_header(*kind, &fields);
            let _ = registry_import::parse_row(*kind, &fields);
        }
    }

    #[test]
    fn tenants_subscriptions_and_usage(a in text(), b in text(), c in text(), d in text(), e in text()) {
        let _ = tenants::parse_new_tenant(&a, &b);
        let _ = tenants::parse_subscription(Some(&a), &b, &c, &d, &e, &a);
        let _ = tenants::parse_subscription(None, &b, &c, &d, &e, &a);
        let _ = tenants::parse_usage(&a, &b, &c, &d);
        let _ = tenants::parse_month(&e);
    }

    #[test]
    fn locations_accounts_and_searches(a in text(), b in text(), c in text()) {
        let _ = partners::parse_location(&a, &b, &c, &[a.clone(), c.clone()]);
        let _ = accounts::role_and_organisation(&a, &b);
        let _ = accounts::check_new_password(&c);
        if let Ok(Some(term)) = search::parse_search(&a) {
            prop_assert!(term.chars().count() <= search::MAX_SEARCH_CHARS);
            prop_assert!(!has_hidden_characters(&term));
        }
    }
}
