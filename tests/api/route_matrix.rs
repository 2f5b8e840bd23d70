//! Every route of the route table × every kind of visitor: the status each gets, and that a
//! refused request changes nothing. Built from `portal::web::routes::table()`, so a new
//! route is probed (and fails here until the world can name its records).

use portal::web::routes::{Group, RouteEntry, table};

use crate::proof_world::{AUDIENCES, Audience, World, describe, guarded};

/// Every route the matrix has an entry for: a route added to the table fails the matrix
/// until it is listed here (and, where its group's rule does not fit, given one in
/// [`expected`]).
const LISTED: &[&str] = &[
    "/language",
    "/account",
    "/account/tokens",
    "/account/tokens/{id}/revoke",
    "/",
    "/health",
    "/metrics",
    "/static/{name}",
    "/sign-in",
    "/sign-out",
    "/help/find-tenant-id",
    "/set-password/{token}",
    "/associations",
    "/associations/export.csv",
    "/associations/new",
    "/associations/new/programme",
    "/associations/new/name",
    "/webhooks",
    "/webhooks/{id}",
    "/webhooks/{id}/enabled",
    "/webhooks/{id}/rotate",
    "/webhooks/{id}/delete",
    "/webhooks/{id}/deliveries",
    "/webhooks/{id}/deliveries/{delivery}/resend",
    "/associations/{id}",
    "/associations/{id}/history",
    "/associations/{id}/poe-template",
    "/associations/{id}/files/{file_id}",
    "/associations/{id}/files/{file_id}/remove",
    "/associations/{id}/files",
    "/associations/{id}/contacts",
    "/associations/{id}/products",
    "/associations/{id}/comments",
    "/associations/{id}/submit",
    "/associations/{id}/withdraw",
    "/associations/{id}/resubmit",
    "/associations/{id}/dispute",
    "/associations/{id}/messages",
    "/review",
    "/review/{id}",
    "/review/{id}/validate",
    "/review/{id}/ask",
    "/review/{id}/reject",
    "/review/{id}/dispute",
    "/review/{id}/messages",
    "/admin",
    "/admin/calendar",
    "/admin/calendar/weekend",
    "/admin/calendar/holidays",
    "/admin/calendar/holidays/{day}/remove",
    "/admin/calendar/import",
    "/admin/organisations",
    "/admin/organisations/{id}",
    "/admin/organisations/{id}/locations",
    "/admin/locations/{id}",
    "/admin/users",
    "/admin/users/new",
    "/admin/users/{id}",
    "/admin/users/{id}/role",
    "/admin/users/{id}/active",
    "/admin/users/{id}/password-link",
    "/admin/registry",
    "/admin/registry/import",
    "/admin/registry/example/{kind}",
    "/admin/registry/tenants/new",
    "/admin/registry/tenants/{id}",
    "/admin/registry/tenants/{id}/domains",
    "/admin/registry/tenants/{id}/domains/remove",
    "/admin/registry/tenants/{id}/usage",
    "/admin/registry/tenants/{id}/usage/remove",
    "/admin/registry/tenants/{id}/subscriptions/new",
    "/admin/registry/tenants/{id}/subscriptions/{sid}",
    "/admin/products",
    "/admin/products/new",
    "/admin/products/{id}",
    "/admin/deliveries",
    "/admin/deliveries/{id}/retry",
    "/admin/deliveries/{id}/send-now",
    "/admin/webhooks",
    "/admin/webhooks/{id}",
    "/admin/webhooks/{id}/enabled",
    "/admin/webhooks/{id}/rotate",
    "/admin/webhooks/{id}/delete",
    "/admin/webhooks/{id}/deliveries",
    "/admin/webhooks/{id}/deliveries/{delivery}/resend",
    "/customer/about",
    "/customer/opt-out/{token}",
    "/customer/opt-out/{token}/associations",
    "/customer/opt-out/{token}/associations/{id}/end",
    "/dev/mailbox",
    "/dev/mailbox/{id}",
    "/api/v1/claims",
    "/api/v1/claims/{id}",
    "/api/v1/openapi.json",
    "/associations/import",
    "/associations/import/template.csv",
    "/api/v1/claims/import",
    "/api/v1/claims/{id}/usage",
    "/api/v1/claims/{id}/products",
    "/api/v1/claims/{id}/contacts",
    "/api/v1/claims/{id}/comments",
    "/api/v1/claims/{id}/files",
    "/api/v1/claims/{id}/submit",
    "/api/v1/claims/{id}/resubmit",
    "/api/v1/claims/{id}/withdraw",
    "/api/v1/claims/{id}/dispute",
    "/api/v1/claims/{id}/messages",
    "/api/v1/review/queue",
    "/api/v1/review/claims",
    "/api/v1/review/claims/{id}/validate",
    "/api/v1/review/claims/{id}/request-information",
    "/api/v1/review/claims/{id}/reject",
    "/api/v1/registry/tenants",
    "/api/v1/registry/tenants/{id}",
];

/// What a visitor should meet at a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Served: a page (2xx) or a redirect onwards (3xx) other than to sign in.
    Served,
    /// Refused with this status; a POST then changes nothing.
    Refused(u16),
}

use Expect::{Refused, Served};

/// The group's rule for `audience`: partners reach their own pages, staff the review,
/// administrators everything but the partners' own; another organisation's claim is a 404
/// (ids reveal nothing); without a live session every guarded route asks to sign in.
fn by_group(group: Group, audience: Audience) -> Expect {
    use Audience::*;
    if guarded(group) && matches!(audience, Anonymous | Deactivated | SignedOut) {
        return Refused(303);
    }
    match (group, audience) {
        (Group::Public | Group::CustomerLink | Group::Development, _) => Served,
        (Group::SignedIn, _) => Served,
        (Group::Partners, OwnPartner | OtherPartner) => Served,
        (Group::Partners, _) => Refused(403),
        (Group::ClaimReaders, OwnPartner | Reviewer | Administrator) => Served,
        (Group::ClaimReaders, _) => Refused(404),
        (Group::Staff, Reviewer | Administrator) => Served,
        (Group::Staff, _) => Refused(403),
        (Group::Administrators, Administrator) => Served,
        (Group::Administrators, _) => Refused(403),
        // A page's session is no API token: tests/api/api_v1.rs covers the API's callers.
        (Group::Api, _) => Refused(401),
    }
}

/// Where a route's own rule differs from its group's, and why.
fn expected(entry: &RouteEntry, audience: Audience, method: &str) -> Expect {
    use Audience::*;
    match (entry.path, audience, method) {
        // The API's description grants nothing: anyone may read it.
        ("/api/v1/openapi.json", _, _) => Served,
        // The home page sends anyone without a live session to sign in.
        ("/", Anonymous | Deactivated | SignedOut, _) => Refused(303),
        // Without a metrics token configured (the tests' app) there are no metrics to serve;
        // tests/api/metrics.rs covers them with a token.
        ("/metrics", _, _) => Refused(404),
        // A made-up link is not found, whoever follows it.
        ("/set-password/{token}", _, _) => Refused(404),
        // The tests' app sends mail from memory: no development mailbox to show.
        ("/dev/mailbox" | "/dev/mailbox/{id}", _, _) => Refused(404),
        // The claim is validated: its wizard steps and the dispute are closed to everyone
        // (staff never edit a partner's claim).
        (
            "/associations/{id}/files"
            | "/associations/{id}/contacts"
            | "/associations/{id}/products"
            | "/associations/{id}/submit"
            | "/associations/{id}/dispute",
            OwnPartner | Reviewer | Administrator,
            _,
        ) => Refused(403),
        (
            "/associations/{id}/files/{file_id}/remove"
            | "/associations/{id}/comments"
            | "/associations/{id}/withdraw",
            Reviewer | Administrator,
            _,
        ) => Refused(403),
        // The world's token id is made up: nobody has it (another user's real token is just
        // as unknown to them; tests/api/api_tokens.rs shows that).
        (
            "/account/tokens/{id}/revoke",
            OwnPartner | OtherPartner | Reviewer | Administrator,
            _,
        ) => Refused(404),
        // Contoso's webhook endpoint is not another organisation's to see or change.
        (
            "/webhooks/{id}"
            | "/webhooks/{id}/enabled"
            | "/webhooks/{id}/rotate"
            | "/webhooks/{id}/delete"
            | "/webhooks/{id}/deliveries"
            | "/webhooks/{id}/deliveries/{delivery}/resend",
            OtherPartner,
            _,
        ) => Refused(404),
        // The claim page explains the rule that refuses a resubmission.
        ("/associations/{id}/resubmit", Reviewer | Administrator, _) => Refused(422),
        _ => by_group(entry.group, audience),
    }
}

#[actix_web::test]
async fn every_route_answers_every_visitor_as_its_group_says_and_refusals_change_nothing() {
    let mut world = World::build().await;
    world.add_deactivated_partner().await;
    let routes = table();
    let unlisted: Vec<String> = routes
        .iter()
        .filter(|entry| !LISTED.contains(&entry.path))
        .map(describe)
        .collect();
    assert!(
        unlisted.is_empty(),
        "routes the matrix does not list: {unlisted:?}"
    );
    let unnamed: Vec<String> = routes
        .iter()
        .filter(|entry| world.concrete(entry.path).is_none())
        .map(describe)
        .collect();
    assert!(
        unnamed.is_empty(),
        "routes the proof world cannot name records for: {unnamed:?}"
    );
    let mut wrong = Vec::new();
    let mut probes = 0;
    for entry in &routes {
        let path = world.concrete(entry.path).unwrap();
        let before_reads = world.fingerprint();
        for audience in AUDIENCES {
            let visitor = &world.visitors[&audience];
            if entry.reads {
                probes += 1;
                let res = visitor.get(&path).await;
                let got = outcome(res.status, res.location());
                if got != expected(entry, audience, "GET") {
                    wrong.push(format!(
                        "GET {path} ({}) as {audience:?}: {got:?} ({})",
                        describe(entry),
                        res.status
                    ));
                }
            }
            let Refused(status) = expected(entry, audience, "POST") else {
                continue;
            };
            if !entry.writes {
                continue;
            }
            probes += 1;
            let before = world.fingerprint();
            let token = world.token_of(audience).await;
            let res = visitor
                .post_form(&path, &[("csrf_token", token.as_str())])
                .await;
            if res.status != status {
                wrong.push(format!(
                    "POST {path} ({}) as {audience:?}: {} instead of {status}",
                    describe(entry),
                    res.status
                ));
            }
            if world.fingerprint() != before {
                wrong.push(format!(
                    "POST {path} as {audience:?} changed what is stored"
                ));
            }
        }
        // Reading changes nothing either (the refused POSTs above did not, or said so).
        if entry.reads && world.fingerprint() != before_reads {
            wrong.push(format!("GET {path} changed what is stored"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {probes} probes:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(probes > 400, "{probes}");
    println!(
        "route matrix: {} routes × {} visitors: {probes} requests (every GET, and the POSTs \
         that must be refused)",
        routes.len(),
        AUDIENCES.len()
    );
}

/// A status as the visitor meets it: a redirect to sign in is a refusal, any other redirect
/// or success is the route serving them.
fn outcome(status: u16, location: Option<&str>) -> Expect {
    match status {
        303 if location.is_some_and(|l| l.starts_with("/sign-in")) => Refused(303),
        200..=399 => Served,
        refused => Refused(refused),
    }
}
