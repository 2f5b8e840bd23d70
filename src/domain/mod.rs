//! The CPOR rules, pure: no I/O and no clock reads (time and ids are arguments), no text
//! for people (errors and labels carry message keys, see [`errors::Message`]; the texts
//! are in the catalogue, `src/i18n/en/domain.ftl`), and no panics on any input.

pub mod access;
pub mod accounts;
pub mod api_tokens;
pub mod bulk_claims;
pub mod calendar;
pub mod catalogue;
pub mod claim;
pub mod competing;
pub mod draft;
pub mod errors;
pub mod evidence;
pub mod exclusivity;
pub mod holidays;
pub mod idempotency;
pub mod ids;
pub mod keyset;
pub mod partners;
pub mod programme;
pub mod rate_limit;
pub mod redacted;
pub mod registry_import;
pub mod reminders;
pub mod saved_views;
pub mod search;
pub mod tenants;
pub mod trigrams;
pub mod values;
pub mod webhooks;
