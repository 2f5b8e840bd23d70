//! The customer associations (CPOR) portal. The layers, outermost first:
//! `web` → `service` → `domain` (pure rules) with `store` (SQL); see ARCHITECTURE.md.

pub mod clock;
pub mod config;
pub mod documents;
pub mod domain;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod service;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod tokens;
pub mod web;
