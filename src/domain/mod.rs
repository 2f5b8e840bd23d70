//! The CPOR rules, pure: no I/O, no clock. (Temporary: replaced by the domain issue's module.)
pub mod access;
