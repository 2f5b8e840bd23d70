//! Wizard steps 1–3: every error at once.

use portal::domain::draft::{
    ClaimNameInput, CustomerContext, CustomerInput, EnrolledLocation, FieldErrors, ProgrammeInput,
    StepError,
};
use portal::domain::errors::Message;
use portal::domain::ids::LocationId;
use portal::domain::programme::{OtherProgramme, Programme, ProgrammeChoice, ProgrammeError};
use portal::domain::values::{DomainName, MpnId, ValueError, ValueKind};

const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/// (field, item, key) of every error, in order.
pub fn summary(errors: &FieldErrors) -> Vec<(&'static str, Option<String>, &'static str)> {
    errors
        .iter()
        .map(|e| (e.field, e.item.clone(), e.key()))
        .collect()
}

fn locations() -> Vec<EnrolledLocation> {
    vec![EnrolledLocation {
        id: LocationId::new("loc-1"),
        mpn_id: MpnId::parse("1234567").unwrap(),
        programmes: vec![Programme::Osa, Programme::OsuM365],
    }]
}

#[test]
fn step_1_reports_every_field_at_once() {
    let locations = locations();
    let context = CustomerContext {
        locations: &locations,
        tenant_domains: None,
    };
    let errors = CustomerInput::default().validate(context).unwrap_err();
    assert_eq!(
        summary(&errors),
        [
            ("location_mpn_id", None, "draft.location.required"),
            ("domain_name", None, "value.domain_name.required"),
            ("tenant_id", None, "value.tenant_id.required"),
        ]
    );
    let input = CustomerInput {
        location_mpn_id: "7654321".into(),
        domain_name: "https://contoso.com".into(),
        tenant_id: "nope".into(),
    };
    let errors = input.validate(context).unwrap_err();
    assert_eq!(
        errors.get("location_mpn_id"),
        Some(&StepError::LocationUnknown)
    );
    assert_eq!(
        errors.get("domain_name"),
        Some(&StepError::Value(ValueError::DomainHasScheme))
    );
    assert_eq!(
        errors.get("tenant_id"),
        Some(&StepError::Value(ValueError::TenantIdInvalid))
    );
    assert_eq!(errors.len(), 3);
    let not_an_mpn = CustomerInput {
        location_mpn_id: "<b>1</b>".into(),
        ..CustomerInput::default()
    };
    let errors = not_an_mpn.validate(context).unwrap_err();
    assert_eq!(
        errors.get("location_mpn_id"),
        Some(&StepError::LocationUnknown)
    );
}

#[test]
fn step_1_checks_the_tenant_registry() {
    let locations = locations();
    let input = CustomerInput {
        location_mpn_id: " 1234567 ".into(),
        domain_name: "Contoso.com".into(),
        tenant_id: TENANT.to_uppercase(),
    };
    let unknown = CustomerContext {
        locations: &locations,
        tenant_domains: None,
    };
    let errors = input.validate(unknown).unwrap_err();
    assert_eq!(
        summary(&errors),
        [("tenant_id", None, "draft.tenant.not_found")]
    );
    let other_domains = [DomainName::parse("fabrikam.com").unwrap()];
    let mismatch = CustomerContext {
        locations: &locations,
        tenant_domains: Some(&other_domains),
    };
    assert_eq!(
        summary(&input.validate(mismatch).unwrap_err()),
        [("domain_name", None, "draft.domain.not_in_tenant")]
    );
    let domains = [
        DomainName::parse("fabrikam.com").unwrap(),
        DomainName::parse("contoso.com").unwrap(),
    ];
    let step = input
        .validate(CustomerContext {
            locations: &locations,
            tenant_domains: Some(&domains),
        })
        .unwrap();
    assert_eq!(step.location, LocationId::new("loc-1"));
    assert_eq!(step.domain.as_str(), "contoso.com");
    assert_eq!(step.tenant.as_str(), TENANT);
}

#[test]
fn step_2_selects_the_programme_or_sends_to_co_op() {
    let enrolled = [Programme::Osa, Programme::OsuM365];
    let input = |claim_type: &str, area: &str, activity: &str| ProgrammeInput {
        claim_type: claim_type.into(),
        solution_area: area.into(),
        activity: activity.into(),
    };
    let errors = input("", "", "").validate(&enrolled).unwrap_err();
    assert_eq!(
        summary(&errors),
        [
            ("solution_area", None, "programme.solution_area.required"),
            ("activity", None, "programme.activity.required")
        ]
    );
    assert_eq!(
        input("", "business_applications", "pre_sales").validate(&enrolled),
        Ok(ProgrammeChoice::Cpor(Programme::Osa))
    );
    assert_eq!(
        input("customer_association", "microsoft_365", "usage").validate(&enrolled),
        Ok(ProgrammeChoice::Cpor(Programme::OsuM365))
    );
    let m365_presales = input("", "microsoft_365", "pre_sales")
        .validate(&enrolled)
        .unwrap_err();
    assert_eq!(
        m365_presales.get("activity"),
        Some(&StepError::Programme(ProgrammeError::Microsoft365UsageOnly))
    );
    let not_enrolled = input("", "business_applications", "usage")
        .validate(&enrolled)
        .unwrap_err();
    assert_eq!(
        summary(&not_enrolled),
        [("activity", None, "draft.programme.location_not_enrolled")]
    );
    assert_eq!(
        input("surface", "", "").validate(&[]),
        Ok(ProgrammeChoice::UseCoopClaims(OtherProgramme::Surface))
    );
    let tampered = input("lottery", "business_applications", "<script>")
        .validate(&enrolled)
        .unwrap_err();
    assert_eq!(
        summary(&tampered),
        [
            ("claim_type", None, "programme.claim_type.required"),
            ("activity", None, "programme.activity.required")
        ]
    );
}

#[test]
fn step_3_claim_name() {
    assert_eq!(
        ClaimNameInput {
            claim_name: " Contoso FY26 ".into()
        }
        .validate()
        .unwrap()
        .as_str(),
        "Contoso FY26"
    );
    let errors = ClaimNameInput {
        claim_name: "x".into(),
    }
    .validate()
    .unwrap_err();
    assert_eq!(
        errors.get("claim_name"),
        Some(&StepError::Value(ValueError::TooShort {
            kind: ValueKind::ClaimName,
            min: 3
        }))
    );
}
