//! `/webhooks` and `/admin/webhooks`: the endpoints a partner organisation (every partner
//! user is its incentive administrator) or the portal's administrators (every claim's
//! events) register — added (the secret shown once), events changed, turned off and on,
//! deleted, their secret rotated — and each endpoint's delivery log with **Resend**. Each
//! change is one transaction with its admin-audit row; another owner's endpoint is not found.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{Role, Viewer},
        webhooks::{self, EndpointError, ROTATION_GRACE, WebhookEvent, events_of, events_text},
    },
    store::{
        AnyConnection, admin_audit, db_time, from_db_time, new_id,
        webhooks::{self as stored, EndpointRow, NewEndpoint},
        write_transaction,
    },
    tokens,
};

use super::context::Context;
pub use super::webhook_log::{DeliveryLine, Resend, deliveries, resend};

/// Whose endpoints a viewer manages: their organisation's (partners) or the portal's
/// (administrators). Reviewers manage none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Organisation(String),
    Portal,
}

impl Owner {
    pub fn of(viewer: &Viewer) -> Option<Owner> {
        match viewer.role {
            Role::Partner => viewer
                .organisation
                .as_ref()
                .map(|o| Owner::Organisation(o.as_str().to_owned())),
            Role::Administrator => Some(Owner::Portal),
            Role::Reviewer => None,
        }
    }

    fn key(&self) -> Option<&str> {
        match self {
            Owner::Organisation(id) => Some(id),
            Owner::Portal => None,
        }
    }
}

/// An endpoint as its pages show it (never its secret).
#[derive(Debug, Clone)]
pub struct EndpointView {
    pub id: String,
    pub url: String,
    pub description: String,
    pub events: Vec<WebhookEvent>,
    pub enabled: bool,
    /// Turned off by the portal after failing for days.
    pub disabled_for_failures: bool,
    pub failing_since: Option<DateTime<Utc>>,
    /// Until when the previous secret still signs, during a rotation.
    pub previous_secret_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl EndpointView {
    pub(super) fn of(row: EndpointRow, now: DateTime<Utc>) -> Self {
        EndpointView {
            events: events_of(&row.events),
            disabled_for_failures: !row.enabled && row.disabled_for_failures_at.is_some(),
            failing_since: row.failing_since.map(from_db_time),
            previous_secret_until: row
                .previous_secret_until
                .map(from_db_time)
                .filter(|until| *until > now),
            created_at: from_db_time(row.created_at),
            id: row.id,
            url: row.url,
            description: row.description,
            enabled: row.enabled,
        }
    }
}

/// The viewer's endpoints, oldest first; `None` when they manage none.
pub fn list(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Vec<EndpointView>>> {
    let Some(owner) = Owner::of(viewer) else {
        return Ok(None);
    };
    Ok(Some(
        stored::of_owner(conn, owner.key())?
            .into_iter()
            .map(|row| EndpointView::of(row, now))
            .collect(),
    ))
}

/// One of the viewer's endpoints.
pub fn find(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<EndpointView>> {
    on_owned(conn, viewer, id, |_, row| Ok(EndpointView::of(row, now)))
}

/// `then` on the viewer's endpoint `id`; `None` when it is not theirs (or they manage none).
pub(super) fn on_owned<T>(
    c: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    then: impl FnOnce(&mut AnyConnection, EndpointRow) -> anyhow::Result<T>,
) -> anyhow::Result<Option<T>> {
    let Some(owner) = Owner::of(viewer) else {
        return Ok(None);
    };
    match stored::find_owned(c, owner.key(), id)? {
        Some(row) => then(c, row).map(Some),
        None => Ok(None),
    }
}

/// A secret just made (a new endpoint's, or a rotation's): shown once and never again.
pub struct NewSecret {
    pub endpoint_id: String,
    pub secret: String,
}

impl std::fmt::Debug for NewSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSecret")
            .field("endpoint_id", &self.endpoint_id)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// An endpoint as typed on the form.
pub struct EndpointForm<'a> {
    pub url: &'a str,
    pub description: &'a str,
    pub events: &'a [String],
}

/// Registers an endpoint for the viewer's owner, enabled, with a new secret.
pub fn create(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    form: &EndpointForm<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Result<NewSecret, Vec<EndpointError>>>> {
    let Some(owner) = Owner::of(viewer) else {
        return Ok(None);
    };
    let input = match webhooks::parse_endpoint(
        form.url,
        form.description,
        form.events,
        ctx.webhooks_allow_private,
    ) {
        Ok(input) => input,
        Err(errors) => return Ok(Some(Err(errors))),
    };
    let id = new_id();
    let secret = tokens::webhook_secret();
    write_transaction(conn, |c| -> anyhow::Result<()> {
        stored::insert(
            c,
            &NewEndpoint {
                id: &id,
                organisation_id: owner.key(),
                url: &input.url,
                description: &input.description,
                events: &events_text(&input.events),
                secret: &secret,
                enabled: true,
                created_at: db_time(now),
                updated_at: db_time(now),
            },
        )?;
        audit(c, viewer, "webhook.created", &id, Some(&input.url), now)
    })?;
    Ok(Some(Ok(NewSecret {
        endpoint_id: id,
        secret,
    })))
}

pub(super) fn audit(
    c: &mut AnyConnection,
    viewer: &Viewer,
    action: &str,
    id: &str,
    detail: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let user = Some(viewer.user.as_str());
    Ok(admin_audit::record(
        c,
        user,
        action,
        id,
        detail,
        db_time(now),
    )?)
}

/// What became of a change to one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed<T> {
    Done(T),
    NotFound,
    Refused(Vec<EndpointError>),
}

/// Changes the events (and description) an endpoint is sent.
pub fn update(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    description: &str,
    events: &[String],
    now: DateTime<Utc>,
) -> anyhow::Result<Changed<()>> {
    write_transaction(conn, |c| {
        let changed = on_owned(c, viewer, id, |c, row| {
            // The address stays as registered; only what it hears changes.
            let input = match webhooks::parse_endpoint(&row.url, description, events, true) {
                Ok(input) => input,
                Err(errors) => return Ok(Changed::Refused(errors)),
            };
            let events = events_text(&input.events);
            stored::update(c, id, &input.description, &events, db_time(now))?;
            audit(c, viewer, "webhook.events_changed", id, Some(&events), now)?;
            Ok(Changed::Done(()))
        })?;
        Ok(changed.unwrap_or(Changed::NotFound))
    })
}

/// Turns one of the viewer's endpoints on or off; false when they have no such endpoint.
pub fn set_enabled(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    enabled: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    write_transaction(conn, |c| {
        let done = on_owned(c, viewer, id, |c, _| {
            stored::set_enabled(c, id, enabled, db_time(now))?;
            let action = if enabled {
                "webhook.enabled"
            } else {
                "webhook.disabled"
            };
            audit(c, viewer, action, id, None, now)
        })?;
        Ok(done.is_some())
    })
}

/// Deletes one of the viewer's endpoints with its delivery log.
pub fn delete(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    write_transaction(conn, |c| {
        let done = on_owned(c, viewer, id, |c, row| {
            stored::delete(c, id)?;
            audit(c, viewer, "webhook.deleted", id, Some(&row.url), now)
        })?;
        Ok(done.is_some())
    })
}

/// A new secret for one of the viewer's endpoints; the old one still signs (beside the new)
/// for [`ROTATION_GRACE`], so receivers can switch without losing a message.
pub fn rotate(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<NewSecret>> {
    let secret = tokens::webhook_secret();
    write_transaction(conn, |c| {
        on_owned(c, viewer, id, |c, row| {
            let until = db_time(now + ROTATION_GRACE);
            stored::rotate(c, id, &secret, row.secret.expose(), until, db_time(now))?;
            audit(c, viewer, "webhook.secret_rotated", id, None, now)?;
            Ok(NewSecret {
                endpoint_id: id.to_owned(),
                secret: secret.clone(),
            })
        })
    })
}
