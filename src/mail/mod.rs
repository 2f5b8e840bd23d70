//! Email: composing messages from the catalogue and askama templates ([`compose`]), and
//! sending them through SMTP, the development mailbox or memory ([`transport`]).

pub mod compose;
pub mod transport;

pub use compose::{Composed, Fact, MailKind};
pub use transport::{MemoryMailbox, SendError, Transport};
