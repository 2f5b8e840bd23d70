//! Accepted and refused examples for each value, including hostile input.

use portal::domain::errors::Message;
use portal::domain::values::{
    ClaimName, Comment, DomainName, EmailAddress, JobTitle, MpnId, PersonName, SubscriptionId,
    TenantId, ValueError, ValueKind,
};

fn key<T>(result: Result<T, ValueError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(error) => error.key(),
    }
}

#[test]
fn mpn_ids() {
    for (input, stored) in [
        ("1234567", "1234567"),
        ("  123456\t", "123456"),
        ("0000123456", "0000123456"),
    ] {
        assert_eq!(MpnId::parse(input).unwrap().as_str(), stored, "{input:?}");
    }
    for (input, expected) in [
        ("", "value.mpn_id.required"),
        ("   ", "value.mpn_id.required"),
        ("12345", "value.mpn_id.wrong_length"),
        ("12345678901", "value.mpn_id.wrong_length"),
        ("12 34567", "value.mpn_id.not_digits"),
        ("-1234567", "value.mpn_id.not_digits"),
        ("1234567a", "value.mpn_id.not_digits"),
        ("١٢٣٤٥٦٧", "value.mpn_id.not_digits"), // Arabic-Indic digits
        ("1234567; DROP TABLE claims", "value.mpn_id.not_digits"),
        ("<script>1234567</script>", "value.mpn_id.not_digits"),
    ] {
        assert_eq!(key(MpnId::parse(input)), expected, "{input:?}");
    }
}

#[test]
fn guids_in_any_common_form_are_stored_canonically() {
    let canonical = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    for input in [
        "72f988bf-86f1-41af-91ab-2d7cd011db47",
        "72F988BF-86F1-41AF-91AB-2D7CD011DB47",
        "{72f988bf-86f1-41af-91ab-2d7cd011db47}",
        " {72F988BF-86f1-41AF-91ab-2D7CD011DB47} ",
        "72f988bf86f141af91ab2d7cd011db47",
        "72f988bf-86f1-41af-91ab-2d7cd011dB47",
        "72F988BF86F141AF91AB2D7CD011DB47",
    ] {
        assert_eq!(
            TenantId::parse(input).unwrap().as_str(),
            canonical,
            "{input:?}"
        );
        assert_eq!(SubscriptionId::parse(input).unwrap().as_str(), canonical);
    }
    for (input, expected) in [
        ("", "value.tenant_id.required"),
        (
            "72f988bf-86f1-41af-91ab-2d7cd011db4",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf-86f1-41af-91ab-2d7cd011db477",
            "value.tenant_id.invalid",
        ),
        (
            "{72f988bf-86f1-41af-91ab-2d7cd011db47",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf-86f1-41af-91ab-2d7cd011db47}",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf_86f1_41af_91ab_2d7cd011db47",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf-86f141af-91ab-2d7cd011db47-",
            "value.tenant_id.invalid",
        ),
        (
            "g2f988bf-86f1-41af-91ab-2d7cd011db47",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf-86f1-41af-91ab-2d7cd011dbé",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf-86f1-41af-91ab-2d7cd011db4g",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf-86f1-41af-91ab-2d7cd011d-47",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf-86f1-41af-91ab-2d7cd011db4\u{e9}",
            "value.tenant_id.invalid",
        ),
        (
            "72f988bf86f141af91ab2d7cd011db4-",
            "value.tenant_id.invalid",
        ),
        ("contoso.onmicrosoft.com", "value.tenant_id.invalid"),
    ] {
        assert_eq!(key(TenantId::parse(input)), expected, "{input:?}");
    }
    assert_eq!(
        key(SubscriptionId::parse("nope")),
        "value.subscription_id.invalid"
    );
    assert_eq!(
        key(SubscriptionId::parse(" ")),
        "value.subscription_id.required"
    );
}

#[test]
fn domain_names() {
    for (input, stored) in [
        ("contoso.com", "contoso.com"),
        ("  Contoso.COM ", "contoso.com"),
        ("contoso.com.", "contoso.com"),
        ("sub-1.contoso.co.uk", "sub-1.contoso.co.uk"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("BÜCHER.example", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("例え.テスト", "xn--r8jz45g.xn--zckzah"),
        ("contoso。com", "contoso.com"), // ideographic full stop
    ] {
        assert_eq!(
            DomainName::parse(input).unwrap().as_str(),
            stored,
            "{input:?}"
        );
    }
    assert_eq!(
        DomainName::parse("bücher.example").unwrap().unicode(),
        "bücher.example"
    );
    let label63 = "a".repeat(63);
    let long_ok = [&label63[..], &label63, &label63, &"b".repeat(61)].join(".");
    assert_eq!(long_ok.len(), 253);
    assert!(DomainName::parse(&long_ok).is_ok());
    for (input, expected) in [
        ("", "value.domain_name.required"),
        ("https://contoso.com", "value.domain_name.has_scheme"),
        ("contoso.com/path", "value.domain_name.has_path"),
        ("contoso.com?q=1", "value.domain_name.has_path"),
        ("contoso.com:443", "value.domain_name.has_port"),
        ("admin@contoso.com", "value.domain_name.has_at"),
        ("contoso .com", "value.domain_name.has_spaces"),
        ("contoso", "value.domain_name.single_label"),
        ("contoso..com", "value.domain_name.empty_label"),
        (".contoso.com", "value.domain_name.empty_label"),
        ("-contoso.com", "value.domain_name.label_hyphen"),
        ("contoso-.com", "value.domain_name.label_hyphen"),
        ("conto_so.com", "value.domain_name.invalid_characters"),
        ("<b>contoso</b>.com", "value.domain_name.has_path"),
        ("contoso.com';--", "value.domain_name.invalid_characters"),
        ("192.168.0.1", "value.domain_name.numeric_top_level"),
        ("xn--zz.example", "value.domain_name.invalid_characters"),
        ("contoso.com\u{0}", "value.domain_name.invalid_characters"),
    ] {
        assert_eq!(key(DomainName::parse(input)), expected, "{input:?}");
    }
    assert_eq!(
        key(DomainName::parse(&format!("{}.com", "a".repeat(64)))),
        "value.domain_name.label_too_long"
    );
    assert_eq!(
        key(DomainName::parse(&format!("{long_ok}a"))),
        "value.domain_name.too_long"
    );
}

#[test]
fn email_addresses() {
    for (input, stored) in [
        ("Jo.Bloggs@Contoso.COM", "Jo.Bloggs@contoso.com"),
        (" jo+claims@contoso.com ", "jo+claims@contoso.com"),
        ("o'brien@bücher.example", "o'brien@xn--bcher-kva.example"),
    ] {
        assert_eq!(
            EmailAddress::parse(input).unwrap().as_str(),
            stored,
            "{input:?}"
        );
    }
    let address = EmailAddress::parse("Jo@Contoso.com").unwrap();
    assert_eq!(
        (address.local_part(), address.domain()),
        ("Jo", "contoso.com")
    );
    for (input, expected) in [
        ("", "value.email.required"),
        ("jo.contoso.com", "value.email.missing_at"),
        ("jo@bloggs@contoso.com", "value.email.multiple_at"),
        ("@contoso.com", "value.email.local_part_invalid"),
        ("jo..bloggs@contoso.com", "value.email.local_part_invalid"),
        (".jo@contoso.com", "value.email.local_part_invalid"),
        ("jo bloggs@contoso.com", "value.email.local_part_invalid"),
        ("<script>@contoso.com", "value.email.local_part_invalid"),
        ("jö@contoso.com", "value.email.local_part_invalid"),
        ("jo@", "value.email.domain_invalid"),
        ("jo@contoso", "value.email.domain_invalid"),
        ("jo@ contoso.com", "value.email.domain_invalid"),
        ("jo@[127.0.0.1]", "value.email.domain_invalid"),
        (
            "jo@contoso.com\nBcc: x@evil.example",
            "value.email.multiple_at",
        ),
        ("jo@contoso.com\r\nBcc", "value.email.domain_invalid"),
    ] {
        assert_eq!(key(EmailAddress::parse(input)), expected, "{input:?}");
    }
    let local65 = format!("{}@contoso.com", "a".repeat(65));
    assert_eq!(
        key(EmailAddress::parse(&local65)),
        "value.email.local_part_too_long"
    );
    let long = format!(
        "{}@{}.{}.{}.com",
        "a".repeat(64),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(60)
    );
    assert_eq!(key(EmailAddress::parse(&long)), "value.email.too_long");
}

#[test]
fn text_values_trim_and_bound_their_length_in_characters() {
    assert_eq!(
        ClaimName::parse("  Contoso FY26  ").unwrap().as_str(),
        "Contoso FY26"
    );
    assert_eq!(key(ClaimName::parse("ab")), "value.claim_name.too_short");
    assert_eq!(
        ClaimName::parse("ab").unwrap_err().args(),
        vec![("min", "3".to_string())]
    );
    assert!(
        ClaimName::parse(&"é".repeat(100)).is_ok(),
        "100 two-byte characters fit"
    );
    assert_eq!(
        key(ClaimName::parse(&"é".repeat(101))),
        "value.claim_name.too_long"
    );
    assert_eq!(
        key(ClaimName::parse("Claim\nname")),
        "value.text.control_characters"
    );
    assert_eq!(
        key(ClaimName::parse("Claim\u{202E}eman")),
        "value.text.control_characters"
    );
    assert_eq!(key(PersonName::parse("   ")), "value.person_name.required");
    assert_eq!(PersonName::parse("李").unwrap().as_str(), "李");
    assert_eq!(
        key(JobTitle::parse(&"x".repeat(101))),
        "value.job_title.too_long"
    );
    // Markup and SQL are kept as typed: templates escape and queries bind them.
    let hostile = "<script>alert(1)</script>'; DROP TABLE claims; --";
    assert_eq!(ClaimName::parse(hostile).unwrap().as_str(), hostile);
}

#[test]
fn comments_keep_line_breaks_and_tabs_only() {
    let comment = Comment::parse("First line\r\n\tSecond line\rThird").unwrap();
    assert_eq!(comment.as_str(), "First line\n\tSecond line\nThird");
    assert_eq!(Comment::parse_optional("  \r\n ").unwrap(), None);
    assert_eq!(key(Comment::parse("")), "value.comment.required");
    assert_eq!(
        key(Comment::parse("bell\u{7}")),
        "value.comment.control_characters"
    );
    assert!(Comment::parse(&"x".repeat(2000)).is_ok());
    assert_eq!(
        key(Comment::parse(&"x".repeat(2001))),
        "value.comment.too_long"
    );
}

#[test]
fn ten_megabyte_input_is_refused_quickly_by_every_parser() {
    let huge = "1".repeat(10 * 1024 * 1024);
    let started = std::time::Instant::now();
    assert!(matches!(
        MpnId::parse(&huge),
        Err(ValueError::MpnIdWrongLength)
    ));
    assert!(TenantId::parse(&huge).is_err());
    assert!(SubscriptionId::parse(&huge).is_err());
    assert!(matches!(
        DomainName::parse(&huge),
        Err(ValueError::TooLong {
            kind: ValueKind::DomainName,
            ..
        })
    ));
    assert!(matches!(
        EmailAddress::parse(&huge),
        Err(ValueError::TooLong { .. })
    ));
    assert!(matches!(
        ClaimName::parse(&huge),
        Err(ValueError::TooLong { .. })
    ));
    assert!(matches!(
        Comment::parse(&huge),
        Err(ValueError::TooLong { .. })
    ));
    let spaces = " ".repeat(10 * 1024 * 1024);
    assert!(matches!(
        PersonName::parse(&spaces),
        Err(ValueError::TooLong { .. })
    ));
    assert!(
        started.elapsed().as_millis() < 500,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn deserialising_revalidates() {
    let domain: DomainName = deserialize_str("Bücher.example").unwrap();
    assert_eq!(domain.as_str(), "xn--bcher-kva.example");
    assert!(deserialize_str::<TenantId>("not-a-guid").is_err());
    assert!(deserialize_str::<ClaimName>("x").is_err());
}

fn deserialize_str<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, serde::de::value::Error> {
    use serde::de::value::{Error, StringDeserializer};
    T::deserialize(StringDeserializer::<Error>::new(text.to_owned()))
}
