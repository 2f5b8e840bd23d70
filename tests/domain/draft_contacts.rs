//! Wizard steps 5 and 7, and what stops a draft from being submitted.

use portal::domain::draft::{
    CommentsInput, ContactsAnswer, ContactsContext, ContactsInput, ContactsStep, CustomerLanguage,
    DraftFacts, MissingItem, missing_for_submit,
};
use portal::domain::errors::Message;
use portal::domain::programme::Programme;

fn keys(errors: &portal::domain::draft::FieldErrors) -> Vec<(&'static str, &'static str)> {
    errors.iter().map(|e| (e.field, e.key())).collect()
}

fn filled() -> ContactsInput {
    ContactsInput {
        customer_contact_name: "Ana Silva".into(),
        customer_contact_job_title: "IT Director".into(),
        customer_contact_email: "ana.silva@Contoso.com".into(),
        technical_contact_name: "Ben Ito".into(),
        technical_contact_job_title: "Architect".into(),
        technical_contact_email: "ben@contoso.com".into(),
        company_contact_name: "Chris Partner".into(),
        company_contact_email: "chris@partner.example".into(),
        customer_language: "en".into(),
        ..ContactsInput::default()
    }
}

#[test]
fn step_5_reports_every_missing_contact_field_at_once() {
    let context = ContactsContext {
        programme: Programme::Osa,
        requires_technical_contact: true,
    };
    let errors = ContactsInput::default().validate(context).unwrap_err();
    assert_eq!(
        keys(&errors),
        [
            ("customer_contact_name", "value.person_name.required"),
            ("customer_contact_job_title", "value.job_title.required"),
            ("customer_contact_email", "value.email.required"),
            ("customer_language", "draft.customer_language.unknown"),
            ("technical_contact_name", "value.person_name.required"),
            ("technical_contact_job_title", "value.job_title.required"),
            ("technical_contact_email", "value.email.required"),
            ("company_contact_name", "value.person_name.required"),
            ("company_contact_email", "value.email.required"),
        ]
    );
    let without_technical = ContactsContext {
        requires_technical_contact: false,
        ..context
    };
    assert_eq!(
        ContactsInput::default()
            .validate(without_technical)
            .unwrap_err()
            .len(),
        6
    );
}

#[test]
fn step_5_technical_contact_only_when_required() {
    let with = ContactsContext {
        programme: Programme::OsuBizApps,
        requires_technical_contact: true,
    };
    match filled().validate(with).unwrap().step {
        ContactsStep::Contacts {
            customer,
            technical,
            company,
        } => {
            assert_eq!(customer.email.as_str(), "ana.silva@contoso.com");
            assert_eq!(technical.unwrap().name.as_str(), "Ben Ito");
            assert_eq!(company.name.as_str(), "Chris Partner");
        }
        other => panic!("expected contacts, got {other:?}"),
    }
    let without = ContactsContext {
        requires_technical_contact: false,
        ..with
    };
    let mut input = filled();
    input.technical_contact_email = "not an email".into();
    assert!(matches!(
        input.validate(without),
        Ok(ContactsAnswer {
            step: ContactsStep::Contacts {
                technical: None,
                ..
            },
            language: CustomerLanguage::English,
        })
    ));
    assert_eq!(
        keys(&input.validate(with).unwrap_err()),
        [("technical_contact_email", "value.email.missing_at")]
    );
}

#[test]
fn step_5_revenue_association_asks_for_its_own_fields() {
    let context = ContactsContext {
        programme: Programme::RevenueAssociation,
        requires_technical_contact: false,
    };
    let errors = filled().validate(context).unwrap_err();
    assert_eq!(
        keys(&errors),
        [
            ("seller_name", "value.organisation_name.required"),
            ("customer_name", "value.organisation_name.required"),
            ("solution_name", "value.solution_name.required"),
        ]
    );
    // The customer contact is still required: the customer may opt out of any claim.
    let without_customer = ContactsInput {
        seller_name: "Northwind Dynamics".into(),
        customer_name: "Contoso Ltd".into(),
        solution_name: "Contoso Field Service Add-in".into(),
        customer_language: "ja".into(),
        ..ContactsInput::default()
    };
    assert_eq!(
        keys(&without_customer.validate(context).unwrap_err()),
        [
            ("customer_contact_name", "value.person_name.required"),
            ("customer_contact_job_title", "value.job_title.required"),
            ("customer_contact_email", "value.email.required"),
        ]
    );
    let input = ContactsInput {
        customer_contact_name: "Ada Example".into(),
        customer_contact_job_title: "CIO".into(),
        customer_contact_email: "ada@contoso.example".into(),
        ..without_customer
    };
    let answer = input.validate(context).unwrap();
    assert_eq!(answer.language, CustomerLanguage::Japanese);
    match answer.step {
        ContactsStep::RevenueAssociation(details) => {
            assert_eq!(
                details.customer_contact.email.as_ref(),
                "ada@contoso.example"
            );
            assert_eq!(details.seller_name.as_str(), "Northwind Dynamics");
            assert_eq!(
                details.solution_name.as_str(),
                "Contoso Field Service Add-in"
            );
        }
        other => panic!("expected revenue association details, got {other:?}"),
    }
}

#[test]
fn step_5_the_customers_language_is_one_of_the_portals() {
    let context = ContactsContext {
        programme: Programme::Osa,
        requires_technical_contact: false,
    };
    for (code, language) in [
        ("en", CustomerLanguage::English),
        ("ja", CustomerLanguage::Japanese),
    ] {
        let input = ContactsInput {
            customer_language: code.into(),
            ..filled()
        };
        assert_eq!(input.validate(context).unwrap().language, language);
    }
    for code in ["", "fr", "EN", "ja-JP", " ja", "日本語", "en\0"] {
        let input = ContactsInput {
            customer_language: code.into(),
            ..filled()
        };
        assert_eq!(
            keys(&input.validate(context).unwrap_err()),
            [("customer_language", "draft.customer_language.unknown")],
            "{code:?}"
        );
    }
}

#[test]
fn step_7_comments_are_optional_and_bounded() {
    assert_eq!(
        CommentsInput {
            comments: "  ".into()
        }
        .validate(),
        Ok(None)
    );
    let kept = CommentsInput {
        comments: "Signed SOW attached.\r\nThanks".into(),
    }
    .validate()
    .unwrap();
    assert_eq!(kept.unwrap().as_str(), "Signed SOW attached.\nThanks");
    let errors = CommentsInput {
        comments: "x".repeat(2001),
    }
    .validate()
    .unwrap_err();
    assert_eq!(keys(&errors), [("comments", "value.comment.too_long")]);
    assert_eq!(
        errors.iter().next().unwrap().args(),
        [("max", "2000".to_string())]
    );
}

#[test]
fn missing_for_submit_lists_what_blocks_submission_with_its_step() {
    use MissingItem::*;
    let empty = missing_for_submit(&DraftFacts::default());
    assert_eq!(
        empty,
        [
            LocationAndCustomer,
            Programme,
            ClaimName,
            Products,
            ProofOfExecution
        ]
    );
    assert_eq!(
        empty.iter().map(|m| m.step()).collect::<Vec<_>>(),
        [1, 2, 3, 4, 6]
    );
    let complete = DraftFacts {
        has_location_and_customer: true,
        programme: Some(portal::domain::programme::Programme::Osa),
        has_claim_name: true,
        product_count: 2,
        requires_technical_contact: true,
        has_customer_contact: true,
        has_technical_contact: true,
        has_company_contact: true,
        has_revenue_association_details: false,
        poe_file_count: 1,
    };
    assert!(missing_for_submit(&complete).is_empty());
    let no_technical = DraftFacts {
        has_technical_contact: false,
        ..complete.clone()
    };
    assert_eq!(missing_for_submit(&no_technical), [TechnicalContact]);
    assert_eq!(TechnicalContact.step(), 5);
    let revenue = DraftFacts {
        programme: Some(portal::domain::programme::Programme::RevenueAssociation),
        ..complete.clone()
    };
    assert_eq!(missing_for_submit(&revenue), [RevenueAssociationDetails]);
    let revenue_without_customer = DraftFacts {
        has_customer_contact: false,
        ..revenue.clone()
    };
    assert_eq!(
        missing_for_submit(&revenue_without_customer),
        [CustomerContact, RevenueAssociationDetails]
    );
    let no_proof = DraftFacts {
        poe_file_count: 0,
        ..complete
    };
    assert_eq!(missing_for_submit(&no_proof), [ProofOfExecution]);
}
