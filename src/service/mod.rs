//! One function per user intention; each state change is one transaction.

pub mod accounts;
pub mod api_tokens;
pub mod associations;
pub mod auth;
pub mod backup;
pub mod calendar_admin;
pub mod claim_actions;
pub mod claim_record;
pub mod claim_view;
pub mod comments_step;
pub mod competing;
pub mod contacts_step;
pub mod context;
pub mod conversation;
pub mod customer_tenant;
pub mod deliveries;
pub mod demo;
pub mod demo_registry;
pub mod dev_mailbox;
pub mod dispatch;
pub mod draft_edit;
pub mod due_claims;
pub mod evidence_step;
pub mod exclusivity;
pub mod health;
pub mod idempotency;
pub mod lifecycle;
pub mod metrics;
pub mod notify;
pub mod opt_out;
pub mod opt_out_reminders;
pub mod overview;
pub mod own_account;
pub mod partners_admin;
pub mod passwords;
pub mod products_admin;
pub mod products_step;
pub mod registry_import;
pub mod registry_views;
pub mod review;
pub mod review_lists;
pub mod seed;
pub mod seed_claims;
mod seed_tables;
pub mod set_password;
pub mod system_changes;
pub mod tenants_admin;
pub mod user_list;
pub mod users_admin;
pub mod view_counts_cache;
pub mod wizard;

/// The database handles `web` and `jobs` hold only to hand back to service functions: they
/// run no SQL of their own.
pub use crate::store::{AnyConnection, DbPool};
