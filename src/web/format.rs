//! Pages format dates, times and sizes as [`crate::i18n::format`] does (emails share it).

pub use crate::i18n::format::{deadline, instant, size};
