//! Every key the domain can produce has an English text in `en/domain.ftl`, with the same
//! variables as the arguments it is given, and the file has no unused or repeated keys.

use portal::domain::access::Role;
use portal::domain::accounts::{AccountError, PasswordError};
use portal::domain::calendar::CalendarError;
use portal::domain::catalogue::ProductError;
use portal::domain::claim::{
    Action, ActorKind, ReasonCode, RejectionReason, Status, TransitionError,
};
use portal::domain::draft::{Channel, CustomerLanguage, MissingItem, StepError};
use portal::domain::errors::Message;
use portal::domain::evidence::{EvidenceError, EvidenceKind};
use portal::domain::exclusivity::KeyError;
use portal::domain::holidays::{Day, HolidayError};
use portal::domain::partners::PartnerError;
use portal::domain::programme::{
    Activity, ClaimType, OtherProgramme, Programme, ProgrammeError, SolutionArea,
};
use portal::domain::registry_import::{ImportKind, RowError};
use portal::domain::search::SearchError;
use portal::domain::tenants::TenantError;
use portal::domain::values::{ValueError, ValueKind};
use portal::i18n::{Catalogue, Locale, source_messages};
use std::collections::{BTreeMap, BTreeSet};

const CATALOGUE: &str = include_str!("../../src/i18n/en/domain.ftl");
/// The customer's language: its names and its field error are in this file.
const CUSTOMER_LANGUAGE: &str = include_str!("../../src/i18n/en/customer_language.ftl");

/// The domain's texts: `domain.ftl`, and those of `customer_language.ftl`.
fn catalogue() -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut entries = messages_of(CATALOGUE);
    for (key, message) in messages_of(CUSTOMER_LANGUAGE) {
        assert!(
            entries.insert(key.clone(), message).is_none(),
            "key {key} is repeated"
        );
    }
    entries
}

/// Every message of an English file: its text (as the catalogue shows it without
/// arguments) and the variables it uses.
fn messages_of(source: &str) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let english = Catalogue::for_locale(Locale::En);
    let mut entries = BTreeMap::new();
    for message in source_messages(source).unwrap_or_else(|e| panic!("{e:?}")) {
        let text = english.get(&message.key).to_owned();
        assert!(!text.trim().is_empty(), "{} has no text", message.key);
        let key = message.key.clone();
        assert!(
            entries
                .insert(message.key, (text, message.variables))
                .is_none(),
            "key {key} is repeated"
        );
    }
    entries
}

/// Every variant of every error enum. The `match`es make the compiler point here when a
/// variant is added.
fn value_errors() -> Vec<ValueError> {
    let check = |e: &ValueError| match e {
        ValueError::Required { .. }
        | ValueError::TooLong { .. }
        | ValueError::TooShort { .. }
        | ValueError::ControlCharacters { .. }
        | ValueError::MpnIdNotDigits
        | ValueError::MpnIdWrongLength
        | ValueError::TenantIdInvalid
        | ValueError::SubscriptionIdInvalid
        | ValueError::DomainHasScheme
        | ValueError::DomainHasPath
        | ValueError::DomainHasPort
        | ValueError::DomainHasAt
        | ValueError::DomainHasSpaces
        | ValueError::DomainInvalidCharacters
        | ValueError::DomainEmptyLabel
        | ValueError::DomainSingleLabel
        | ValueError::DomainLabelTooLong { .. }
        | ValueError::DomainLabelHyphen
        | ValueError::DomainNumericTopLevel
        | ValueError::EmailMissingAt
        | ValueError::EmailMultipleAt
        | ValueError::EmailLocalPartInvalid
        | ValueError::EmailLocalPartTooLong { .. }
        | ValueError::EmailDomainInvalid => (),
    };
    let mut all: Vec<ValueError> = ValueKind::ALL
        .iter()
        .flat_map(|&kind| {
            [
                ValueError::Required { kind },
                ValueError::TooLong { kind, max: 100 },
                ValueError::TooShort { kind, min: 3 },
                ValueError::ControlCharacters { kind },
            ]
        })
        .collect();
    all.extend([
        ValueError::MpnIdNotDigits,
        ValueError::MpnIdWrongLength,
        ValueError::TenantIdInvalid,
        ValueError::SubscriptionIdInvalid,
        ValueError::DomainHasScheme,
        ValueError::DomainHasPath,
        ValueError::DomainHasPort,
        ValueError::DomainHasAt,
        ValueError::DomainHasSpaces,
        ValueError::DomainInvalidCharacters,
        ValueError::DomainEmptyLabel,
        ValueError::DomainSingleLabel,
        ValueError::DomainLabelTooLong { max: 63 },
        ValueError::DomainLabelHyphen,
        ValueError::DomainNumericTopLevel,
        ValueError::EmailMissingAt,
        ValueError::EmailMultipleAt,
        ValueError::EmailLocalPartInvalid,
        ValueError::EmailLocalPartTooLong { max: 64 },
        ValueError::EmailDomainInvalid,
    ]);
    all.iter().for_each(check);
    all
}

fn step_errors() -> Vec<StepError> {
    let check = |e: &StepError| match e {
        StepError::Value(_)
        | StepError::Programme(_)
        | StepError::LocationRequired
        | StepError::LocationUnknown
        | StepError::TenantNotFound
        | StepError::DomainNotInTenant
        | StepError::LocationNotEnrolled
        | StepError::ProductsRequired
        | StepError::ProductUnknown
        | StepError::SubscriptionRequired
        | StepError::SubscriptionNotFound
        | StepError::SubscriptionCsp
        | StepError::SubscriptionEnded
        | StepError::NoClaimableSubscription
        | StepError::OnlyCspSubscriptions
        | StepError::LanguageUnknown
        | StepError::Unavailable(_) => (),
    };
    let mut all: Vec<StepError> = value_errors().into_iter().map(StepError::Value).collect();
    all.extend(programme_errors().into_iter().map(StepError::Programme));
    all.extend([
        StepError::LocationRequired,
        StepError::LocationUnknown,
        StepError::TenantNotFound,
        StepError::DomainNotInTenant,
        StepError::LocationNotEnrolled,
        StepError::ProductsRequired,
        StepError::ProductUnknown,
        StepError::SubscriptionRequired,
        StepError::SubscriptionNotFound,
        StepError::SubscriptionCsp,
        StepError::SubscriptionEnded,
        StepError::NoClaimableSubscription,
        StepError::OnlyCspSubscriptions,
        StepError::LanguageUnknown,
    ]);
    all.extend(
        portal::domain::draft::Unavailable::ALL
            .iter()
            .map(|why| StepError::Unavailable(*why)),
    );
    all.iter().for_each(check);
    all
}

fn programme_errors() -> Vec<ProgrammeError> {
    let all = vec![
        ProgrammeError::ClaimTypeRequired,
        ProgrammeError::SolutionAreaRequired,
        ProgrammeError::ActivityRequired,
        ProgrammeError::Microsoft365UsageOnly,
    ];
    all.iter().for_each(|e| match e {
        ProgrammeError::ClaimTypeRequired
        | ProgrammeError::SolutionAreaRequired
        | ProgrammeError::ActivityRequired
        | ProgrammeError::Microsoft365UsageOnly => (),
    });
    all
}

fn calendar_errors() -> Vec<CalendarError> {
    let all = vec![
        CalendarError::NoWorkingWeekdays,
        CalendarError::SearchLimitReached { days: 3660 },
        CalendarError::OutOfRange,
    ];
    all.iter().for_each(|e| match e {
        CalendarError::NoWorkingWeekdays
        | CalendarError::SearchLimitReached { .. }
        | CalendarError::OutOfRange => (),
    });
    all
}

fn transition_errors() -> Vec<TransitionError> {
    let mut all = vec![
        TransitionError::NotAllowedForActor {
            action: Action::Submit,
            actor: ActorKind::System,
        },
        TransitionError::NotYourClaim,
        TransitionError::FinalStatus {
            status: Status::Expired,
        },
        TransitionError::WrongStatus {
            action: Action::Submit,
            from: Status::Official,
        },
        TransitionError::MissingProofOfExecution,
        TransitionError::Incomplete(vec![MissingItem::Products]),
        TransitionError::DisputeAlreadyUsed,
        TransitionError::DisputeWindowClosed,
        TransitionError::WindowClosed,
        TransitionError::WindowStillOpen,
        TransitionError::NotDueYet,
        TransitionError::AnswerOverdue,
        TransitionError::ReasonNotChoosable {
            reason: RejectionReason::NoPartnerResponse,
        },
        TransitionError::ReasonTextRequired,
    ];
    all.extend(calendar_errors().into_iter().map(TransitionError::Calendar));
    all.iter().for_each(|e| match e {
        TransitionError::NotAllowedForActor { .. }
        | TransitionError::NotYourClaim
        | TransitionError::FinalStatus { .. }
        | TransitionError::WrongStatus { .. }
        | TransitionError::MissingProofOfExecution
        | TransitionError::Incomplete(_)
        | TransitionError::DisputeAlreadyUsed
        | TransitionError::DisputeWindowClosed
        | TransitionError::WindowClosed
        | TransitionError::WindowStillOpen
        | TransitionError::NotDueYet
        | TransitionError::AnswerOverdue
        | TransitionError::ReasonNotChoosable { .. }
        | TransitionError::ReasonTextRequired
        | TransitionError::Calendar(_) => (),
    });
    all
}

fn evidence_errors() -> Vec<EvidenceError> {
    let check = |e: &EvidenceError| match e {
        EvidenceError::UnsupportedType
        | EvidenceError::Empty
        | EvidenceError::TooLarge { .. }
        | EvidenceError::NoFile
        | EvidenceError::TooManyFiles { .. } => (),
    };
    let all = vec![
        EvidenceError::UnsupportedType,
        EvidenceError::Empty,
        EvidenceError::TooLarge { limit_mb: 20 },
        EvidenceError::NoFile,
        EvidenceError::TooManyFiles { max: 20 },
    ];
    all.iter().for_each(check);
    all
}

fn holiday_errors() -> Vec<HolidayError> {
    let all = vec![
        HolidayError::DateRequired,
        HolidayError::DateInvalid,
        HolidayError::NameRequired,
        HolidayError::NameTooLong { max: 100 },
        HolidayError::NameHiddenCharacters,
        HolidayError::Duplicate,
        HolidayError::TooManyLines { max: 1000 },
        HolidayError::NothingToImport,
        HolidayError::NoWorkingDays,
        HolidayError::UnknownDay,
    ];
    for e in &all {
        match e {
            HolidayError::DateRequired
            | HolidayError::DateInvalid
            | HolidayError::NameRequired
            | HolidayError::NameTooLong { .. }
            | HolidayError::NameHiddenCharacters
            | HolidayError::Duplicate
            | HolidayError::TooManyLines { .. }
            | HolidayError::NothingToImport
            | HolidayError::NoWorkingDays
            | HolidayError::UnknownDay => (),
        }
    }
    all
}

fn key_errors() -> Vec<KeyError> {
    vec![
        KeyError::NoProducts,
        KeyError::SubscriptionMissing {
            product: "dynamics-365-sales".into(),
        },
    ]
}

/// Every (key, args) the domain can produce.
fn produced() -> Vec<(&'static str, Vec<&'static str>)> {
    fn of(m: &dyn Message) -> (&'static str, Vec<&'static str>) {
        (
            m.key(),
            m.args().into_iter().map(|(name, _)| name).collect(),
        )
    }
    let mut all: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    all.extend(step_errors().iter().map(|e| of(e)));
    all.extend(transition_errors().iter().map(|e| of(e)));
    all.extend(key_errors().iter().map(|e| of(e)));
    all.extend(evidence_errors().iter().map(|e| of(e)));
    all.extend(holiday_errors().iter().map(|e| of(e)));
    for e in [
        ProductError::IdRequired,
        ProductError::IdInvalid { max: 60 },
        ProductError::IdTaken,
        ProductError::NameRequired,
        ProductError::NameTooLong { max: 100 },
        ProductError::NameHiddenCharacters,
        ProductError::AreaRequired,
        ProductError::DynamicsOutsideBusinessApplications,
        ProductError::StatusRequired,
    ] {
        match e {
            ProductError::IdRequired
            | ProductError::IdInvalid { .. }
            | ProductError::IdTaken
            | ProductError::NameRequired
            | ProductError::NameTooLong { .. }
            | ProductError::NameHiddenCharacters
            | ProductError::AreaRequired
            | ProductError::DynamicsOutsideBusinessApplications
            | ProductError::StatusRequired => all.push(of(&e)),
        }
    }
    for e in [
        PartnerError::CountryInvalid,
        PartnerError::MpnTaken,
        PartnerError::UnknownProgramme,
    ] {
        match e {
            PartnerError::Value(_)
            | PartnerError::CountryInvalid
            | PartnerError::MpnTaken
            | PartnerError::UnknownProgramme => all.push(of(&e)),
        }
    }
    for e in [
        TenantError::ProductRequired,
        TenantError::ProductUnknown,
        TenantError::ChannelRequired,
        TenantError::DateInvalid,
        TenantError::MonthInvalid,
        TenantError::EndsBeforeStart,
        TenantError::CountInvalid { max: 10 },
        TenantError::TenantTaken,
        TenantError::SubscriptionTaken,
        TenantError::DomainTaken,
    ] {
        match e {
            TenantError::Value(_)
            | TenantError::ProductRequired
            | TenantError::ProductUnknown
            | TenantError::ChannelRequired
            | TenantError::DateInvalid
            | TenantError::MonthInvalid
            | TenantError::EndsBeforeStart
            | TenantError::CountInvalid { .. }
            | TenantError::TenantTaken
            | TenantError::SubscriptionTaken
            | TenantError::DomainTaken => all.push(of(&e)),
        }
    }
    for e in [
        AccountError::RoleRequired,
        AccountError::OrganisationRequired,
        AccountError::LastAdministrator,
        AccountError::EmailTaken,
        AccountError::PasswordsDiffer,
    ] {
        match e {
            AccountError::RoleRequired
            | AccountError::OrganisationRequired
            | AccountError::LastAdministrator
            | AccountError::EmailTaken
            | AccountError::PasswordsDiffer => all.push(of(&e)),
        }
    }
    let value = ValueError::TenantIdInvalid;
    for e in [
        RowError::WrongHeader,
        RowError::FieldCount { expected: 2 },
        RowError::FieldTooLong {
            column: "name",
            max: 200,
        },
        RowError::Value {
            column: "tenant_id",
            error: value,
        },
        RowError::Required { column: "name" },
        RowError::DateInvalid {
            column: "starts_on",
        },
        RowError::NumberInvalid { column: "seats" },
        RowError::ChannelUnknown,
        RowError::EndsBeforeStart,
        RowError::TenantUnknown,
        RowError::ProductUnknown,
        RowError::Duplicate,
        RowError::DomainTaken,
        RowError::NotText,
        RowError::Empty,
    ] {
        match &e {
            RowError::WrongHeader
            | RowError::FieldCount { .. }
            | RowError::FieldTooLong { .. }
            | RowError::Value { .. }
            | RowError::Required { .. }
            | RowError::DateInvalid { .. }
            | RowError::NumberInvalid { .. }
            | RowError::ChannelUnknown
            | RowError::EndsBeforeStart
            | RowError::TenantUnknown
            | RowError::ProductUnknown
            | RowError::Duplicate
            | RowError::DomainTaken
            | RowError::NotText
            | RowError::Empty => all.push(of(&e)),
        }
    }
    for e in [
        PasswordError::TooShort { min: 12 },
        PasswordError::TooLong { max: 256 },
    ] {
        match e {
            PasswordError::TooShort { .. } | PasswordError::TooLong { .. } => all.push(of(&e)),
        }
    }
    for e in [
        SearchError::TooLong { max: 100 },
        SearchError::HiddenCharacters,
    ] {
        match e {
            SearchError::TooLong { .. } | SearchError::HiddenCharacters => all.push(of(&e)),
        }
    }
    all.push(("exclusivity.conflict", vec![]));
    all.push(("exclusivity.conflict_own", vec![]));
    let labels = Status::ALL
        .iter()
        .map(|s| s.label_key())
        .chain(RejectionReason::ALL.iter().map(|r| r.label_key()))
        .chain(Action::ALL.iter().map(|a| a.label_key()))
        .chain(ActorKind::ALL.iter().map(|a| a.label_key()))
        .chain(SolutionArea::ALL.iter().map(|a| a.label_key()))
        .chain(
            Activity::ALL
                .iter()
                .flat_map(|a| [a.label_key(), a.guidance_key()]),
        )
        .chain(Programme::ALL.iter().map(|p| p.label_key()))
        .chain(OtherProgramme::ALL.iter().map(|p| p.label_key()))
        .chain(ClaimType::choices().into_iter().map(ClaimType::label_key))
        .chain(Role::ALL.iter().map(|r| r.label_key()))
        .chain(MissingItem::ALL.iter().map(|m| m.label_key()))
        .chain(Channel::ALL.iter().map(|c| c.label_key()))
        .chain(EvidenceKind::ALL.iter().map(|k| k.label_key()))
        .chain(ReasonCode::OTHERS.iter().map(|r| r.label_key()))
        .chain(Day::ALL.iter().map(|d| d.label_key()))
        .chain(ImportKind::ALL.iter().map(|k| k.label_key()))
        .chain(CustomerLanguage::ALL.iter().map(|l| l.label_key()))
        .chain(
            RejectionReason::ALL
                .iter()
                .map(|r| ReasonCode::Rejection(*r).label_key()),
        );
    all.extend(labels.map(|key| (key, vec![])));
    all
}

#[test]
fn every_produced_key_has_an_english_text_with_matching_placeholders() {
    let catalogue = catalogue();
    for (key, args) in produced() {
        let (_, variables) = catalogue
            .get(key)
            .unwrap_or_else(|| panic!("{key} is missing from domain.ftl"));
        let expected: BTreeSet<String> = args.into_iter().map(str::to_owned).collect();
        assert_eq!(variables, &expected, "variables of {key}");
    }
}

#[test]
fn messages_en_has_no_key_the_domain_never_produces() {
    let produced: BTreeSet<&str> = produced().into_iter().map(|(key, _)| key).collect();
    let unused: Vec<String> = messages_of(CATALOGUE)
        .into_keys()
        .filter(|key| !produced.contains(key.as_str()))
        .collect();
    assert!(unused.is_empty(), "unused keys: {unused:?}");
}

#[test]
fn messages_are_sentences_without_trailing_full_stops_in_field_errors() {
    for (key, (text, _)) in catalogue() {
        let field_error = key.starts_with("value.") || key.starts_with("draft.");
        if field_error {
            assert!(
                !text.ends_with('.'),
                "{key}: GOV.UK error messages end without a full stop"
            );
        }
        assert!(
            text.chars().next().is_some_and(char::is_uppercase),
            "{key} starts with a capital"
        );
    }
}
