//! The customer associations (CPOR) portal. The layers, outermost first:
//!
//! ```text
//! web ──┐                       actix handlers: extract → one service call → render
//! jobs ─┴─► service ──► domain   pure rules: values, the claim state machine, the calendar,
//!              │                 exclusivity, access (no I/O, no clock reads)
//!              ├──────► store    the only code that speaks SQL; reads and writes domain types
//!              ├──────► mail     compose (askama) and send (lettre)
//!              └──────► documents  files handed out (the PoE template)
//! ```
//!
//! `web` and `jobs` call `service` only; each page gets one typed view from one service
//! function, and each state change is one service transaction with its audit row and its
//! outbox rows. `web::routes` is the whole route table, grouped by who may reach each
//! route. `tests/architecture.rs` keeps these rules (and small modules, thin handlers).

pub mod clock;
pub mod config;
pub mod documents;
pub mod domain;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod service;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod tokens;
pub mod web;
