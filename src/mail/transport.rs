//! Where email goes: an SMTP server (production), the development mailbox (a table shown at
//! `/dev/mailbox`), or memory (tests). Sending is blocking: the dispatcher calls it from
//! its own thread, with no database transaction open.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use lettre::{
    Message, SmtpTransport, Transport as _,
    message::{Mailbox, MultiPart},
    transport::smtp::{PoolConfig, authentication::Credentials},
};

use crate::{
    config::{SmtpSecurity, SmtpSettings},
    store::{DbPool, db_time, dev_mailbox, new_id},
};

/// One email as the dispatcher hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub message_id: String,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The message cannot be built (a bad address) or the server refused it for good:
    /// retrying will not help.
    #[error("refused: {0}")]
    Invalid(String),
    /// The server or database did not take it: worth retrying later.
    #[error("delivery failed: {0}")]
    Failed(String),
}

impl SendError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, SendError::Invalid(_))
    }
}

/// Messages kept in memory, for tests.
#[derive(Debug, Clone, Default)]
pub struct MemoryMailbox(Arc<Mutex<Vec<OutgoingMail>>>);

impl MemoryMailbox {
    pub fn messages(&self) -> Vec<OutgoingMail> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

/// SMTP connections kept open at once: the dispatcher sends this many messages in parallel,
/// since each waits for the server's reply.
pub const MAX_CONNECTIONS: u32 = 16;

pub enum Transport {
    Smtp(Box<SmtpTransport>),
    DevMailbox(DbPool),
    Memory(MemoryMailbox),
}

impl Transport {
    pub fn smtp(settings: &SmtpSettings) -> anyhow::Result<Self> {
        let builder = match settings.security {
            SmtpSecurity::StartTls => SmtpTransport::starttls_relay(&settings.host)?,
            SmtpSecurity::Tls => SmtpTransport::relay(&settings.host)?,
            SmtpSecurity::None => SmtpTransport::builder_dangerous(&settings.host),
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(Duration::from_secs(20)))
            .pool_config(PoolConfig::new().max_size(MAX_CONNECTIONS));
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        Ok(Transport::Smtp(Box::new(builder.build())))
    }

    /// Whether `/dev/mailbox` shows anything: only with the development transport.
    pub fn is_dev_mailbox(&self) -> bool {
        matches!(self, Transport::DevMailbox(_))
    }

    pub fn send(&self, mail: &OutgoingMail) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => {
                let message = build_message(mail)?;
                smtp.send(&message).map(drop).map_err(|e| {
                    // A 5xx reply (unknown mailbox, refused) will not change on a retry.
                    if e.is_permanent() {
                        SendError::Invalid(e.to_string())
                    } else {
                        SendError::Failed(e.to_string())
                    }
                })
            }
            Transport::DevMailbox(pool) => {
                // Build it anyway, so a message SMTP would refuse fails here too.
                build_message(mail)?;
                let mut conn = pool.get().map_err(|e| SendError::Failed(e.to_string()))?;
                dev_mailbox::insert(
                    &mut conn,
                    &dev_mailbox::CaughtMail {
                        id: new_id(),
                        message_id: mail.message_id.clone(),
                        sender: mail.from.clone(),
                        recipient: mail.to.clone(),
                        subject: mail.subject.clone(),
                        body_text: mail.text.clone(),
                        body_html: mail.html.clone(),
                        delivered_at: db_time(chrono::Utc::now()),
                    },
                )
                .map_err(|e| SendError::Failed(e.to_string()))
            }
            Transport::Memory(mailbox) => {
                build_message(mail)?;
                mailbox
                    .0
                    .lock()
                    .map_err(|_| SendError::Failed("mailbox poisoned".into()))?
                    .push(mail.clone());
                Ok(())
            }
        }
    }
}

fn build_message(mail: &OutgoingMail) -> Result<Message, SendError> {
    let from: Mailbox = mail
        .from
        .parse()
        .map_err(|e| SendError::Invalid(format!("sender: {e}")))?;
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| SendError::Invalid(format!("recipient: {e}")))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(mail.message_id.clone()))
        .multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            mail.html.clone(),
        ))
        .map_err(|e| SendError::Invalid(e.to_string()))
}
