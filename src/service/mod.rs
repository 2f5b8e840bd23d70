//! One function per user intention; each state change is one transaction.

pub mod auth;
pub mod demo;
pub mod overview;
pub mod passwords;
