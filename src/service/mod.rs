//! One function per user intention; each state change is one transaction.

pub mod accounts;
pub mod associations;
pub mod auth;
pub mod calendar_admin;
pub mod claim_actions;
pub mod claim_view;
pub mod comments_step;
pub mod contacts_step;
pub mod context;
pub mod conversation;
pub mod deliveries;
pub mod demo;
pub mod demo_registry;
pub mod draft_edit;
pub mod evidence_step;
pub mod exclusivity;
pub mod lifecycle;
pub mod notify;
pub mod opt_out;
pub mod overview;
pub mod passwords;
pub mod products_admin;
pub mod products_step;
pub mod review;
pub mod system_changes;
pub mod wizard;
