//! Who sees what.

use portal::domain::access::{
    CustomerLinkAccess, Role, TenantLinkAccess, Viewer, can_administer, can_create_claims,
    can_review, can_see_all_claims, can_view_claim, home_path,
};
use portal::domain::claim::{Action, Actor};
use portal::domain::ids::{ClaimId, OrganisationId, UserId};

fn viewer(role: Role, organisation: Option<&str>) -> Viewer {
    Viewer {
        user: UserId::new("u-1"),
        role,
        organisation: organisation.map(OrganisationId::new),
    }
}

#[test]
fn partners_see_only_their_organisation_and_staff_see_everything() {
    let ours = OrganisationId::new("org-a");
    let theirs = OrganisationId::new("org-b");
    let partner = viewer(Role::Partner, Some("org-a"));
    assert!(can_view_claim(&partner, &ours) && !can_view_claim(&partner, &theirs));
    assert!(!can_view_claim(&viewer(Role::Partner, None), &ours));
    for role in [Role::Reviewer, Role::Administrator] {
        let staff = viewer(role, None);
        assert!(
            can_view_claim(&staff, &theirs) && can_see_all_claims(&staff) && can_review(&staff)
        );
        assert!(!can_create_claims(&staff));
    }
    assert!(!can_see_all_claims(&partner) && !can_review(&partner) && !can_administer(&partner));
    assert!(can_create_claims(&partner));
    assert!(can_administer(&viewer(Role::Administrator, None)));
    assert!(!can_administer(&viewer(Role::Reviewer, None)));
}

#[test]
fn roles_homes_and_actors() {
    let codes: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(codes, ["partner", "reviewer", "administrator"]);
    assert_eq!(Role::parse("reviewer"), Some(Role::Reviewer));
    assert_eq!(Role::parse("Reviewer"), None);
    assert_eq!(Role::Partner.label_key(), "role.partner");
    assert_eq!(
        Role::ALL.iter().map(|r| home_path(*r)).collect::<Vec<_>>(),
        ["/associations", "/review", "/admin"]
    );
    assert_eq!(
        viewer(Role::Partner, Some("org-a")).actor(),
        Some(Actor::Partner {
            user: UserId::new("u-1"),
            organisation: OrganisationId::new("org-a")
        })
    );
    assert_eq!(viewer(Role::Partner, None).actor(), None);
    assert_eq!(
        viewer(Role::Reviewer, None).actor(),
        Some(Actor::Reviewer {
            user: UserId::new("u-1")
        })
    );
}

#[test]
fn a_customer_link_sees_its_claim_and_may_only_opt_out_or_end_it() {
    let link = CustomerLinkAccess {
        claim: ClaimId::new("claim-1"),
    };
    assert!(link.can_view_claim(&ClaimId::new("claim-1")));
    assert!(!link.can_view_claim(&ClaimId::new("claim-2")));
    let allowed: Vec<Action> = Action::ALL
        .iter()
        .copied()
        .filter(|a| link.may(*a))
        .collect();
    assert_eq!(allowed, [Action::OptOut, Action::EndByCustomer]);
    assert_eq!(
        link.actor(),
        Actor::CustomerLink {
            claim: ClaimId::new("claim-1")
        }
    );
}

#[test]
fn a_tenant_link_sees_its_own_tenant_while_the_claim_names_its_contact() {
    let link = TenantLinkAccess {
        tenant: "tenant-a".into(),
        own_claim: "claim-1".into(),
        tenant_wide: true,
    };
    assert!(link.can_view_claim("tenant-a", "claim-2"));
    assert!(!link.can_view_claim("tenant-b", "claim-1"));
    // Sent to an address outside the tenant's domains: its own claim only.
    let narrow = TenantLinkAccess {
        tenant_wide: false,
        ..link
    };
    assert!(narrow.can_view_claim("tenant-a", "claim-1"));
    assert!(!narrow.can_view_claim("tenant-a", "claim-2"));
    let domains = ["northwind.example".to_owned(), "Northwind.co.jp".to_owned()];
    for (address, wide) in [
        ("ana.silva@northwind.example", true),
        ("Ana@IT.Northwind.Example", true),
        ("ana@northwind.co.jp", true),
        ("ana@evilnorthwind.example", false),
        ("ana@northwind.example.attacker.test", false),
        ("partner@contoso.example", false),
        ("no-at-sign", false),
    ] {
        assert_eq!(
            TenantLinkAccess::tenant_wide(address, &domains),
            wide,
            "{address}"
        );
    }
    let sent = Some("ana.silva@northwind.example");
    assert!(TenantLinkAccess::still_the_customer(
        sent,
        Some(" Ana.Silva@Northwind.example"),
        false
    ));
    assert!(!TenantLinkAccess::still_the_customer(
        sent,
        Some("it@northwind.example"),
        false
    ));
    assert!(!TenantLinkAccess::still_the_customer(sent, None, false));
    assert!(!TenantLinkAccess::still_the_customer(None, sent, false));
    assert!(!TenantLinkAccess::still_the_customer(sent, sent, true));
}
