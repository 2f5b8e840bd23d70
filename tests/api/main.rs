//! The portal driven over HTTP (and in Chromium) the way its users drive it.

mod access;
mod admin_calendar;
mod admin_products;
mod associations_list;
mod browser;
mod browser_review;
mod browser_wizard;
mod catalogue;
mod config;
mod contacts_step;
mod create_admin;
mod csrf;
mod evidence_step;
mod exclusivity_race;
mod health;
mod helpers;
mod products_step;
mod review_flow;
mod security_headers;
mod sign_in;
mod smtp_delivery;
mod smtp_sink;
mod startup;
mod storage;
mod submit_step;
mod wizard;
