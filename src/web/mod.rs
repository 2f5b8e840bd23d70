//! HTTP: one module per screen or area; the route table is [`routes`].

pub mod account;
pub mod admin_calendar;
pub mod admin_locations;
pub mod admin_partners;
pub mod admin_products;
pub mod admin_registry;
pub mod admin_subscriptions;
pub mod admin_tenants;
pub mod admin_user_list;
pub mod admin_users;
pub mod answer;
pub mod api;
pub mod api_tokens;
pub mod assets;
pub mod associations;
pub mod audience;
pub mod auth;
pub mod bulk_claims;
pub mod claim;
pub mod claim_outcome;
pub mod claim_parts;
pub mod claim_summary;
pub mod contacts;
pub mod conversation;
pub mod csrf;
pub mod customer_about;
pub mod customer_tenant;
pub mod deliveries;
pub mod dev_mailbox;
pub mod error;
pub mod error_pages;
pub mod evidence;
pub mod export;
pub mod format;
pub mod forms;
pub mod headers;
pub mod health;
pub mod help;
pub mod home;
pub mod input_guard;
pub mod language;
pub mod layout;
pub mod listing;
pub mod metrics;
pub mod opt_out;
pub mod poe_template;
pub mod products;
pub mod render;
pub mod request_log;
pub mod review;
pub mod review_case;
pub mod review_decisions;
mod route_kinds;
pub mod routes;
pub mod session;
pub mod session_cache;
pub mod set_password;
pub mod state;
pub mod submit;
pub mod upload;
pub mod usage_chart;
pub mod webhook_endpoint;
pub mod webhook_log;
pub mod webhooks;
pub mod wizard;
pub mod wizard_fields;
pub mod wizard_flow;

pub use state::AppState;

pub use routes::routes;

/// Anything else is a 404 page inside the layout.
pub async fn not_found() -> Result<actix_web::HttpResponse, error::AppError> {
    Err(error::AppError::NotFound)
}
