//! When an official association ends: with the subscriptions its keys rest on, never a
//! CSP one, at the end of the last day in the calendar's zone.

use chrono::NaiveDate;
use portal::domain::draft::Channel;
use portal::domain::exclusivity::{
    AssociationKey, KeySubject, SubscriptionTerm, claim_end, key_ends,
};
use portal::domain::programme::Programme;
use portal::domain::values::{SubscriptionId, TenantId};

use crate::support::{berlin, date, local, utc};

const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SUB_1: &str = "0b1f6471-1bf0-4dda-aec3-111122223333";
const SUB_2: &str = "0b1f6471-1bf0-4dda-aec3-444455556666";
const SUB_3: &str = "0b1f6471-1bf0-4dda-aec3-777788889999";

fn workload(product: &str) -> AssociationKey {
    AssociationKey {
        programme: Programme::OsuM365,
        tenant: TenantId::parse(TENANT).unwrap(),
        subject: KeySubject::Workload(product.into()),
    }
}

fn subscription_key(id: &str) -> AssociationKey {
    AssociationKey {
        programme: Programme::Osa,
        tenant: TenantId::parse(TENANT).unwrap(),
        subject: KeySubject::Subscription(SubscriptionId::parse(id).unwrap()),
    }
}

fn term(id: &str, product: &str, channel: Channel, ends_on: Option<NaiveDate>) -> SubscriptionTerm {
    SubscriptionTerm {
        id: SubscriptionId::parse(id).unwrap(),
        product_id: product.into(),
        channel,
        ends_on,
    }
}

#[test]
fn a_subscription_key_ends_at_the_end_of_its_last_day_in_the_calendars_zone() {
    let subscriptions = [
        term(
            SUB_1,
            "dynamics-365-sales",
            Channel::VolumeLicensing,
            Some(date(2027, 3, 31)),
        ),
        term(
            SUB_2,
            "dynamics-365-sales",
            Channel::WebDirect,
            Some(date(2028, 1, 1)),
        ),
    ];
    let ends = key_ends(&[subscription_key(SUB_1)], &subscriptions, &berlin()).unwrap();
    // Midnight in Berlin after 31 March 2027 (summer time, UTC+2).
    assert_eq!(
        ends,
        [Some(local(chrono_tz::Europe::Berlin, 2027, 4, 1, 0, 0))]
    );
    assert_eq!(ends, [Some(utc(2027, 3, 31, 22, 0))]);
}

#[test]
fn a_workload_ends_with_the_last_of_the_products_subscriptions() {
    let subscriptions = [
        term(
            SUB_1,
            "teams",
            Channel::VolumeLicensing,
            Some(date(2027, 1, 31)),
        ),
        term(SUB_2, "teams", Channel::WebDirect, Some(date(2027, 6, 30))),
        term(
            SUB_3,
            "exchange-online",
            Channel::WebDirect,
            Some(date(2030, 1, 1)),
        ),
    ];
    let ends = key_ends(&[workload("teams")], &subscriptions, &berlin()).unwrap();
    assert_eq!(ends, [Some(utc(2027, 6, 30, 22, 0))]);
}

#[test]
fn csp_subscriptions_never_count() {
    // A later CSP end does not extend the association…
    let subscriptions = [
        term(SUB_1, "teams", Channel::WebDirect, Some(date(2027, 1, 31))),
        term(SUB_2, "teams", Channel::Csp, Some(date(2029, 12, 31))),
    ];
    let ends = key_ends(&[workload("teams")], &subscriptions, &berlin()).unwrap();
    assert_eq!(ends, [Some(utc(2027, 1, 31, 23, 0))]);
    // …an open-ended CSP one does not make it open-ended…
    let open_csp = [
        term(SUB_1, "teams", Channel::WebDirect, Some(date(2027, 1, 31))),
        term(SUB_2, "teams", Channel::Csp, None),
    ];
    let ends = key_ends(&[workload("teams")], &open_csp, &berlin()).unwrap();
    assert_eq!(ends, [Some(utc(2027, 1, 31, 23, 0))]);
    // …and a key resting only on a CSP subscription has nothing to end with.
    let only_csp = [term(SUB_1, "teams", Channel::Csp, Some(date(2027, 1, 31)))];
    let ends = key_ends(
        &[workload("teams"), subscription_key(SUB_1)],
        &only_csp,
        &berlin(),
    )
    .unwrap();
    assert_eq!(ends, [None, None]);
}

#[test]
fn a_key_without_an_ending_subscription_is_open_ended() {
    let subscriptions = [
        term(
            SUB_1,
            "teams",
            Channel::VolumeLicensing,
            Some(date(2027, 1, 31)),
        ),
        term(SUB_2, "teams", Channel::WebDirect, None),
    ];
    let keys = [
        workload("teams"),
        workload("sharepoint"),
        subscription_key(SUB_1),
    ];
    let ends = key_ends(&keys, &subscriptions, &berlin()).unwrap();
    assert_eq!(ends, [None, None, Some(utc(2027, 1, 31, 23, 0))]);
}

#[test]
fn a_claim_ends_with_its_last_key_and_is_open_ended_if_any_key_is() {
    let early = utc(2027, 1, 31, 23, 0);
    let late = utc(2027, 6, 30, 22, 0);
    assert_eq!(claim_end(&[Some(early), Some(late)]), Some(late));
    assert_eq!(claim_end(&[Some(late), None]), None);
    assert_eq!(claim_end(&[]), None);
}
