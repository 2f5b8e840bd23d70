//! The webhook pages' routes: a partner organisation's endpoints under `/webhooks` (in the
//! partners' group), the portal's own under `/admin/webhooks` (in the administrators'). Each
//! owner has the list with the form that adds one, an endpoint (its events), turning it off
//! and on, a new secret, deleting it, and its delivery log with **Resend**.

use super::{Route, action, form, view};
use crate::web::{webhook_endpoint, webhook_log, webhooks};

/// The partners' `routes`, then their organisation's webhook endpoints.
pub(super) fn partner(mut routes: Vec<Route>) -> Vec<Route> {
    routes.extend([
        form("/webhooks", webhooks::index, webhooks::create),
        form(
            "/webhooks/{id}",
            webhook_endpoint::show,
            webhook_endpoint::update,
        ),
        action("/webhooks/{id}/enabled", webhook_endpoint::set_enabled),
        action("/webhooks/{id}/rotate", webhook_endpoint::rotate),
        action("/webhooks/{id}/delete", webhook_endpoint::delete),
        view("/webhooks/{id}/deliveries", webhook_log::show),
        action(
            "/webhooks/{id}/deliveries/{delivery}/resend",
            webhook_log::resend,
        ),
    ]);
    routes
}

/// The administrators' `routes`, then the portal's own webhook endpoints (every claim).
pub(super) fn admin(mut routes: Vec<Route>) -> Vec<Route> {
    routes.extend([
        form("/admin/webhooks", webhooks::index, webhooks::create),
        form(
            "/admin/webhooks/{id}",
            webhook_endpoint::show,
            webhook_endpoint::update,
        ),
        action(
            "/admin/webhooks/{id}/enabled",
            webhook_endpoint::set_enabled,
        ),
        action("/admin/webhooks/{id}/rotate", webhook_endpoint::rotate),
        action("/admin/webhooks/{id}/delete", webhook_endpoint::delete),
        view("/admin/webhooks/{id}/deliveries", webhook_log::show),
        action(
            "/admin/webhooks/{id}/deliveries/{delivery}/resend",
            webhook_log::resend,
        ),
    ]);
    routes
}
