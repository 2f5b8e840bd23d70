//! `/account` and the language switch: what a signed-in user sees of their own account, and
//! the language they choose for their pages and emails.

use chrono::{DateTime, Utc};

use crate::{
    domain::access::{Role, Viewer},
    i18n::Locale,
    store::{AnyConnection, admin_audit, db_time, organisations, users, write_transaction},
};

/// The account as its owner sees it.
#[derive(Debug, Clone)]
pub struct Account {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub organisation: Option<String>,
    /// `None`: the browser's language.
    pub language: Option<Locale>,
}

/// The viewer's own account; `None` when it no longer exists.
pub fn account(conn: &mut AnyConnection, viewer: &Viewer) -> anyhow::Result<Option<Account>> {
    let Some(user) = users::find(conn, viewer.user.as_str())? else {
        return Ok(None);
    };
    let organisation = match user.organisation_id.as_deref() {
        Some(id) => organisations::name_of(conn, id)?,
        None => None,
    };
    Ok(Some(Account {
        language: user.language.as_deref().and_then(Locale::parse),
        display_name: user.display_name,
        email: user.email,
        role: user.role,
        organisation,
    }))
}

/// Saves the viewer's language (`None`: the browser's), recorded when it changes; whether
/// it changed.
pub fn set_language(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    language: Option<Locale>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let tag = language.map(Locale::tag);
    write_transaction(conn, |c| -> anyhow::Result<bool> {
        let Some(user) = users::find(c, viewer.user.as_str())? else {
            return Ok(false);
        };
        if user.language.as_deref() == tag {
            return Ok(false);
        }
        users::set_language(c, &user.id, tag)?;
        admin_audit::record(
            c,
            Some(&user.id),
            "user.language_changed",
            &user.email,
            Some(tag.unwrap_or("browser")),
            db_time(now),
        )?;
        Ok(true)
    })
}
