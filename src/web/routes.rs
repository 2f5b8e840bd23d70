//! Every URL of the portal, grouped by who may reach it; each group's guard is stated once
//! here ([`audience::only`]), and [`table`] lists them for tools and tests. Within a group,
//! handlers and services still decide per organisation. Where paths overlap, fixed segments
//! (`/associations/new`) come before `{id}`.

use actix_web::web::ServiceConfig;

use super::{
    account, admin_calendar, admin_locations, admin_partners, admin_products, admin_registry,
    admin_subscriptions, admin_tenants, admin_user_list, admin_users, answer, api, api_tokens,
    assets, associations,
    audience::{self, ADMINISTRATORS, Audience, CLAIM_READERS, PARTNERS, SIGNED_IN, STAFF},
    auth, bulk_claims, claim, contacts, conversation, customer_about, customer_tenant, deliveries,
    dev_mailbox, evidence, export, health, help, home, language, metrics, opt_out, poe_template,
    products, review, review_case, review_decisions,
    route_kinds::{Route, action, form, view},
    set_password, submit, wizard,
};

mod hooks;

/// Who a group of routes is for; each group's guard is stated once, in [`guard_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Anyone: home, sign-in, set-password links, help, assets, health, metrics (token).
    Public,
    /// Anyone signed in, for their own account.
    SignedIn,
    Partners,
    ClaimReaders,
    Staff,
    Administrators,
    /// A customer, through the link in their email.
    CustomerLink,
    /// The development mailbox (its handlers decide whether it is served at all).
    Development,
    /// The JSON API: each request carries an API token, which its handlers check.
    Api,
}

/// One URL of the table as tools and tests see it: a route added here is in the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteEntry {
    pub group: Group,
    pub path: &'static str,
    /// Answers GET (and HEAD).
    pub reads: bool,
    /// Answers POST.
    pub writes: bool,
}

pub fn routes(cfg: &mut ServiceConfig) {
    for (group, routes) in groups() {
        let resources = routes.into_iter().map(|route| route.resource);
        match guard_of(group) {
            Some(audience) => audience::only(cfg, audience, resources.collect()),
            None => resources.for_each(|resource| {
                cfg.service(resource);
            }),
        }
    }
}

/// Every URL of the portal, in registration order.
pub fn table() -> Vec<RouteEntry> {
    groups()
        .into_iter()
        .flat_map(|(group, routes)| {
            routes.into_iter().map(move |route| RouteEntry {
                group,
                path: route.path,
                reads: route.reads,
                writes: route.writes,
            })
        })
        .collect()
}

fn guard_of(group: Group) -> Option<Audience> {
    match group {
        Group::SignedIn => Some(SIGNED_IN),
        Group::Partners => Some(PARTNERS),
        Group::ClaimReaders => Some(CLAIM_READERS),
        Group::Staff => Some(STAFF),
        Group::Administrators => Some(ADMINISTRATORS),
        Group::Public | Group::CustomerLink | Group::Development | Group::Api => None,
    }
}

fn groups() -> Vec<(Group, Vec<Route>)> {
    vec![
        (Group::Public, public()),
        (Group::SignedIn, signed_in()),
        (Group::Partners, hooks::partner(partner())),
        (Group::ClaimReaders, claim_readers()),
        (Group::Staff, staff()),
        (Group::Administrators, hooks::admin(administration())),
        (Group::CustomerLink, customer_link()),
        (Group::Development, development()),
        (Group::Api, api::routes::json_api()),
    ]
}

/// Anyone: the home redirect, sign-in, set-password links, help, assets, health.
fn public() -> Vec<Route> {
    vec![
        view("/", home::root),
        view("/health", health::health),
        // Served only with a token configured (`PORTAL_METRICS_TOKEN`).
        view("/metrics", metrics::scrape),
        view("/static/{name}", assets::asset),
        form("/sign-in", auth::show, auth::submit),
        action("/sign-out", auth::sign_out),
        // The language switch on every page.
        action("/language", language::switch),
        view("/help/find-tenant-id", help::find_tenant_id),
        // What a customer association is, for the customers the portal writes to.
        view("/customer/about", customer_about::show),
        form(
            "/set-password/{token}",
            set_password::show,
            set_password::submit,
        ),
    ]
}

/// Anyone signed in: their own account (and the language of their pages and emails).
fn signed_in() -> Vec<Route> {
    vec![
        form("/account", account::show, account::save),
        form("/account/tokens", api_tokens::show, api_tokens::create),
        action("/account/tokens/{id}/revoke", api_tokens::revoke),
    ]
}

/// Partner users: the list, its export and the wizard's first steps (before a claim exists).
fn partner() -> Vec<Route> {
    vec![
        view("/associations", associations::list),
        view("/associations/export.csv", export::export_csv),
        form(
            "/associations/import",
            bulk_claims::show,
            bulk_claims::upload,
        ),
        view("/associations/import/template.csv", bulk_claims::template),
        form(
            "/associations/new",
            wizard::customer_form,
            wizard::customer_submit,
        ),
        form(
            "/associations/new/programme",
            wizard::programme_form,
            wizard::programme_submit,
        ),
        form(
            "/associations/new/name",
            wizard::name_form,
            wizard::name_submit,
        ),
    ]
}

/// One claim, for its partner and programme staff: the service decides per organisation and
/// role (a claim one may not see is a 404, so ids reveal nothing).
fn claim_readers() -> Vec<Route> {
    vec![
        view("/associations/{id}", claim::show),
        view("/associations/{id}/history", claim::history),
        view("/associations/{id}/poe-template", poe_template::download),
        view("/associations/{id}/files/{file_id}", evidence::download),
        action(
            "/associations/{id}/files/{file_id}/remove",
            evidence::remove,
        ),
        form("/associations/{id}/files", evidence::form, evidence::upload),
        form(
            "/associations/{id}/contacts",
            contacts::form,
            contacts::submit,
        ),
        form(
            "/associations/{id}/products",
            products::form,
            products::submit,
        ),
        action("/associations/{id}/comments", submit::save_comments),
        form("/associations/{id}/submit", submit::form, submit::submit),
        form(
            "/associations/{id}/withdraw",
            submit::withdraw_form,
            submit::withdraw,
        ),
        action("/associations/{id}/resubmit", answer::resubmit),
        form("/associations/{id}/dispute", answer::form, answer::submit),
        action("/associations/{id}/messages", conversation::from_claim_page),
    ]
}

/// Reviewers and administrators: the queue, all claims, a case and its decisions.
fn staff() -> Vec<Route> {
    vec![
        view("/review", review::index),
        view("/review/{id}", review_case::show),
        action("/review/{id}/validate", review_decisions::validate),
        action("/review/{id}/ask", review_decisions::ask),
        action("/review/{id}/reject", review_decisions::reject),
        action("/review/{id}/dispute", review_decisions::decide_dispute),
        action("/review/{id}/messages", conversation::from_case_page),
    ]
}

/// Administrators: the overview, calendar, partners, users, registry, products, email.
fn administration() -> Vec<Route> {
    vec![
        view("/admin", home::admin),
        view("/admin/calendar", admin_calendar::show),
        action("/admin/calendar/weekend", admin_calendar::set_weekend),
        action("/admin/calendar/holidays", admin_calendar::add),
        action(
            "/admin/calendar/holidays/{day}/remove",
            admin_calendar::remove,
        ),
        action("/admin/calendar/import", admin_calendar::import),
        form(
            "/admin/organisations",
            admin_partners::index,
            admin_partners::create,
        ),
        form(
            "/admin/organisations/{id}",
            admin_partners::show,
            admin_partners::rename,
        ),
        action(
            "/admin/organisations/{id}/locations",
            admin_locations::add_location,
        ),
        form(
            "/admin/locations/{id}",
            admin_locations::location_form,
            admin_locations::update_location,
        ),
        view("/admin/users", admin_user_list::index),
        form(
            "/admin/users/new",
            admin_users::new_form,
            admin_users::invite,
        ),
        view("/admin/users/{id}", admin_users::show),
        action("/admin/users/{id}/role", admin_users::change_role),
        action("/admin/users/{id}/active", admin_users::set_active),
        action(
            "/admin/users/{id}/password-link",
            admin_users::send_password_link,
        ),
        view("/admin/registry", admin_registry::index),
        action("/admin/registry/import", admin_registry::import),
        view("/admin/registry/example/{kind}", admin_registry::example),
        form(
            "/admin/registry/tenants/new",
            admin_tenants::new_form,
            admin_tenants::create,
        ),
        form(
            "/admin/registry/tenants/{id}",
            admin_tenants::show,
            admin_tenants::rename,
        ),
        action(
            "/admin/registry/tenants/{id}/domains",
            admin_tenants::add_domain,
        ),
        action(
            "/admin/registry/tenants/{id}/domains/remove",
            admin_tenants::remove_domain,
        ),
        action(
            "/admin/registry/tenants/{id}/usage",
            admin_tenants::put_usage,
        ),
        action(
            "/admin/registry/tenants/{id}/usage/remove",
            admin_tenants::remove_usage,
        ),
        form(
            "/admin/registry/tenants/{id}/subscriptions/new",
            admin_subscriptions::new_form,
            admin_subscriptions::create,
        ),
        form(
            "/admin/registry/tenants/{id}/subscriptions/{sid}",
            admin_subscriptions::edit_form,
            admin_subscriptions::update,
        ),
        view("/admin/products", admin_products::index),
        form(
            "/admin/products/new",
            admin_products::new_form,
            admin_products::create,
        ),
        form(
            "/admin/products/{id}",
            admin_products::edit_form,
            admin_products::update,
        ),
        view("/admin/deliveries", deliveries::index),
        action("/admin/deliveries/{id}/retry", deliveries::retry),
        action("/admin/deliveries/{id}/send-now", deliveries::send_now),
    ]
}

/// The customer, through the link in their email (no account; the token is the key).
fn customer_link() -> Vec<Route> {
    vec![
        form("/customer/opt-out/{token}", opt_out::show, opt_out::submit),
        // Every partner association on the link's tenant (never another's).
        view(
            "/customer/opt-out/{token}/associations",
            customer_tenant::show,
        ),
        form(
            "/customer/opt-out/{token}/associations/{id}/end",
            customer_tenant::confirm,
            customer_tenant::end,
        ),
    ]
}

/// The development mailbox; its handlers serve it only with the development transport on a
/// loopback address (or when opened explicitly).
fn development() -> Vec<Route> {
    vec![
        view("/dev/mailbox", dev_mailbox::index),
        view("/dev/mailbox/{id}", dev_mailbox::show),
    ]
}
