//! Parts the partner's claim page and the reviewer's case page share: files, the
//! conversation, and what a reviewer or the partner last wrote with a status change.

use chrono_tz::Tz;

use crate::{
    i18n::Catalogue,
    service::{claim_view::ClaimDetails, conversation::Message},
};

use super::format;

pub struct FileLink {
    pub href: String,
    pub name: String,
    pub size: String,
}

pub fn file_links(details: &ClaimDetails, t: &Catalogue) -> Vec<FileLink> {
    details
        .files
        .iter()
        .map(|f| FileLink {
            href: format!("/associations/{}/files/{}", details.row.id, f.id),
            name: f.file_name.clone(),
            size: format::size(f.size_bytes, t),
        })
        .collect()
}

pub struct MessageView {
    pub author: String,
    pub role: String,
    pub at: String,
    pub body: String,
}

pub fn message_views(messages: &[Message], t: &Catalogue, zone: Tz) -> Vec<MessageView> {
    messages
        .iter()
        .map(|m| MessageView {
            author: m.author_name.clone(),
            role: t.get(m.author.label_key()).to_owned(),
            at: format::instant(m.at, zone, t),
            body: m.body.clone(),
        })
        .collect()
}
