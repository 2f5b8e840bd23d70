//! `/admin/users`: invite users (partner users of an organisation, reviewers,
//! administrators) with a one-time set-password link, change roles, deactivate (their
//! sessions end at once) and send a new password link. The last active administrator can be
//! neither demoted nor deactivated. Each change is one transaction with its record and mail.

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{
        access::{self, Role, Viewer},
        accounts::{AccountError, LINK_HOURS, removes_last_administrator},
        ids::UserId,
        values::{EmailAddress, PersonName},
    },
    i18n::{Catalogue, Locale},
    mail::{MailKind, compose},
    store::{
        AnyConnection, admin_audit, api_tokens, db_time, is_unique_violation, new_id,
        organisations, password_tokens, sessions,
        users::{self, UserLine},
        write_transaction,
    },
    tokens,
};

use super::{
    auth::normalise_email,
    context::Context,
    notify,
    partners_admin::{self, OrganisationSummary},
    user_list::{UserSummary, user_summary},
};

/// One user's page: the user, and the organisations a partner user may belong to.
pub struct UserDetail {
    pub user: UserSummary,
    pub organisations: Vec<OrganisationSummary>,
}

/// `None`: not an administrator, or no such user.
pub fn user_detail(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<UserDetail>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let Some(user) = user_summary(conn, id, now)? else {
        return Ok(None);
    };
    let organisations = partners_admin::summaries(conn)?;
    Ok(Some(UserDetail {
        user,
        organisations,
    }))
}

/// Who to invite, as checked by the caller.
pub struct Invitation {
    pub email: EmailAddress,
    pub name: PersonName,
    pub role: Role,
    pub organisation_id: Option<String>,
    /// The language of the invitation, kept as the user's.
    pub language: Locale,
}

/// Creates the account without a password and emails a one-time link to choose one.
pub fn invite(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    invitation: &Invitation,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Result<UserId, AccountError>>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let email = normalise_email(invitation.email.as_str());
    if users::find_by_email(conn, &email)?.is_some() {
        return Ok(Some(Err(AccountError::EmailTaken)));
    }
    if let Some(org) = &invitation.organisation_id
        && organisations::name_of(conn, org)?.is_none()
    {
        return Ok(Some(Err(AccountError::OrganisationRequired)));
    }
    let id = new_id();
    let created = write_transaction(conn, |c| -> anyhow::Result<()> {
        users::insert(
            c,
            &users::NewUser {
                id: &id,
                email: &email,
                display_name: invitation.name.as_str(),
                password_hash: None,
                role: invitation.role.as_str(),
                organisation_id: invitation.organisation_id.as_deref(),
                active: true,
                created_at: db_time(now),
                language: Some(invitation.language.tag()),
            },
        )?;
        let to = Recipient {
            id: &id,
            email: &email,
            name: invitation.name.as_str(),
            locale: invitation.language,
        };
        send_link(c, ctx, &to, MailKind::UserInvitation, now)?;
        admin_audit::record(
            c,
            Some(viewer.user.as_str()),
            "user.invited",
            &email,
            Some(invitation.role.as_str()),
            db_time(now),
        )?;
        Ok(())
    });
    match created {
        Ok(()) => Ok(Some(Ok(id.into()))),
        // Another administrator invited the same address a moment ago.
        Err(e) if is_unique_violation(&e) => Ok(Some(Err(AccountError::EmailTaken))),
        Err(e) => Err(e),
    }
}

/// Who an account email goes to, and the language it is written in.
struct Recipient<'a> {
    id: &'a str,
    email: &'a str,
    name: &'a str,
    locale: Locale,
}

/// A fresh one-time link (older unused ones stop working) and its email in the user's
/// language, in the caller's transaction.
fn send_link(
    c: &mut AnyConnection,
    ctx: &Context,
    to: &Recipient<'_>,
    kind: MailKind,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let user_id = to.id;
    password_tokens::revoke_for_user(c, user_id, db_time(now))?;
    let token = tokens::random_token();
    let expires = now + Duration::hours(LINK_HOURS);
    let purpose = if kind == MailKind::UserInvitation {
        "invitation"
    } else {
        "reset"
    };
    password_tokens::insert(
        c,
        &tokens::hash_token(&token),
        user_id,
        purpose,
        db_time(expires),
        db_time(now),
    )?;
    let t = Catalogue::for_locale(to.locale);
    let calendar = ctx.calendar(c)?;
    let mail = compose::account_link(
        t,
        kind,
        to.email,
        to.name,
        &ctx.link(&format!("/set-password/{token}")),
        &notify::closing_time(expires, &calendar, t),
    )?;
    notify::enqueue(c, ctx, None, std::slice::from_ref(&mail), now)
}

/// Sends the user a new link to choose a password, in their language (`fallback`, the
/// administrator's, when they chose none).
pub fn send_password_link(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    id: &str,
    fallback: Locale,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    if !access::can_administer(viewer) {
        return Ok(false);
    }
    let Some(user) = users::find_line(conn, id)? else {
        return Ok(false);
    };
    if !user.active {
        return Ok(false);
    }
    write_transaction(conn, |c| -> anyhow::Result<()> {
        let to = Recipient {
            id: user.id.as_str(),
            email: &user.email,
            name: &user.display_name,
            locale: user
                .language
                .as_deref()
                .and_then(Locale::parse)
                .unwrap_or(fallback),
        };
        send_link(c, ctx, &to, MailKind::PasswordReset, now)?;
        admin_audit::record(
            c,
            Some(viewer.user.as_str()),
            "user.password_link",
            &user.email,
            None,
            db_time(now),
        )?;
        Ok(())
    })?;
    Ok(true)
}

/// What became of a change to an account.
pub enum Changed {
    Done,
    Refused(AccountError),
    NotFound,
}

pub fn change_role(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    role: Role,
    organisation_id: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Changed> {
    change(conn, viewer, id, now, |c, user| {
        let is_admin = user.active && user.has_password && user.role == Role::Administrator;
        let stays = is_admin && role == Role::Administrator;
        if removes_last_administrator(users::active_administrators(c)?, is_admin, stays) {
            return Ok(Err(AccountError::LastAdministrator));
        }
        if let Some(org) = organisation_id
            && organisations::name_of(c, org)?.is_none()
        {
            return Ok(Err(AccountError::OrganisationRequired));
        }
        users::set_role(c, id, role.as_str(), organisation_id)?;
        // Sessions carry the role: the user signs in again with the new one. A token would
        // carry the new access to a program made for the old one: it ends too.
        sessions::delete_for_user(c, id)?;
        api_tokens::revoke_all_for_user(c, id, db_time(now))?;
        Ok(Ok((
            "user.role_changed",
            format!("{} → {}", user.role, role),
        )))
    })
}

pub fn set_active(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    active: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<Changed> {
    change(conn, viewer, id, now, |c, user| {
        let is_admin = user.active && user.has_password && user.role == Role::Administrator;
        let stays = is_admin && active;
        if removes_last_administrator(users::active_administrators(c)?, is_admin, stays) {
            return Ok(Err(AccountError::LastAdministrator));
        }
        users::set_active(c, id, active)?;
        if !active {
            // Deactivation takes effect at once: every session and unused link ends.
            sessions::delete_for_user(c, id)?;
            password_tokens::revoke_for_user(c, id, db_time(now))?;
            // Revoked, not only refused: reactivation does not bring them back.
            api_tokens::revoke_all_for_user(c, id, db_time(now))?;
        }
        let action = if active {
            "user.reactivated"
        } else {
            "user.deactivated"
        };
        Ok(Ok((action, String::new())))
    })
}

type Decision = anyhow::Result<Result<(&'static str, String), AccountError>>;

fn change(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
    apply: impl FnOnce(&mut AnyConnection, &UserLine) -> Decision,
) -> anyhow::Result<Changed> {
    if !access::can_administer(viewer) {
        return Ok(Changed::NotFound);
    }
    write_transaction(conn, |c| -> anyhow::Result<Changed> {
        // Read inside the transaction: the rule must see the account as it is now.
        let Some(user) = users::find_line(c, id)? else {
            return Ok(Changed::NotFound);
        };
        match apply(c, &user)? {
            Err(refused) => Ok(Changed::Refused(refused)),
            Ok((action, detail)) => {
                let detail = Some(detail.as_str()).filter(|d| !d.is_empty());
                admin_audit::record(
                    c,
                    Some(viewer.user.as_str()),
                    action,
                    &user.email,
                    detail,
                    db_time(now),
                )?;
                Ok(Changed::Done)
            }
        }
    })
}
