//! Documents the portal hands out (not web pages, not emails): composed from a service's
//! view and the catalogue, with no I/O of their own.

pub mod poe_template;
mod rtf;
