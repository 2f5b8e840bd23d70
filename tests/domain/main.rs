//! The domain's rules, tested through its public API (one integration test binary).

mod access;
mod association_end;
mod calendar;
mod calendar_props;
mod claim_props;
mod claim_rules;
mod claim_table;
mod competing;
mod draft_contacts;
mod draft_offer;
mod draft_products;
mod draft_steps;
mod evidence;
mod exclusivity;
mod holidays;
mod keyset_props;
mod messages;
mod parsers_props;
mod programme;
mod rejection_reasons;
mod search_fold;
mod support;
mod tenants;
mod values;
mod values_props;
