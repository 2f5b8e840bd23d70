//! The customer's link: look at the claim (a GET, which mail scanners also make, changes
//! nothing) and opt out (a POST, only while the window is open).

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        calendar::BusinessCalendar,
        claim::{self, Status},
        values::Comment,
    },
    store::{AnyConnection, from_db_time, opt_out_tokens, organisations},
    tokens,
};

use super::{
    claim_view::{self, ClaimDetails},
    context::Context,
    customer_tenant,
    lifecycle::{self, Acting, Outcome},
};

/// What the customer sees of the claim.
pub struct CustomerView {
    pub details: ClaimDetails,
    pub partner: String,
    pub calendar: BusinessCalendar,
    /// When the window closes (closed) for this link.
    pub closes_at: DateTime<Utc>,
    /// Until when the link opens the customer's tenant view; `None` when it does not (any
    /// more): an old link, or the claim no longer names the address it was sent to.
    pub tenant_view_until: Option<DateTime<Utc>>,
}

pub enum Link {
    /// No such link (mistyped, or never issued).
    Unknown,
    /// The window is open: the customer may opt out.
    Open(CustomerView),
    /// The customer has opted out already.
    OptedOut(CustomerView),
    /// The window has closed, or the claim moved on (withdrawn, rejected, official).
    Closed(CustomerView),
}

/// A token is 64 hex digits; anything else is not looked up.
pub(super) fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn look_up(
    conn: &mut AnyConnection,
    ctx: &Context,
    token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Link> {
    if !well_formed(token) {
        return Ok(Link::Unknown);
    }
    let Some(link) = opt_out_tokens::find_link(conn, &tokens::hash_token(token))? else {
        return Ok(Link::Unknown);
    };
    let Some(details) = claim_view::load_unchecked(conn, &link.claim_id, now)? else {
        return Ok(Link::Unknown);
    };
    let view = CustomerView {
        partner: organisations::name_of(conn, &details.row.organisation_id)?.unwrap_or_default(),
        calendar: ctx.calendar(conn)?,
        closes_at: from_db_time(link.expires_at),
        tenant_view_until: customer_tenant::view_until(&link, &details, now),
        details,
    };
    let open = view.details.status == Status::PendingCustomer && now < view.closes_at;
    Ok(match view.details.status {
        Status::OptedOut => Link::OptedOut(view),
        _ if open => Link::Open(view),
        _ => Link::Closed(view),
    })
}

/// The customer opts out. Returns the link's state afterwards, so the page can confirm.
pub fn opt_out(
    conn: &mut AnyConnection,
    ctx: &Context,
    token: &str,
    reason: Option<Comment>,
    now: DateTime<Utc>,
) -> anyhow::Result<Link> {
    let Link::Open(view) = look_up(conn, ctx, token, now)? else {
        return look_up(conn, ctx, token, now);
    };
    // The link's own expiry is the window's close; the domain checks the claim's.
    let claim_id = view.details.row.id.as_str();
    let changed = lifecycle::change(conn, ctx, claim_id, Acting::CustomerLink, now, |d| {
        Ok(claim::opt_out(d.claim(), d.actor, now, reason))
    })?;
    if matches!(changed, Outcome::Done(_)) {
        tracing::info!(claim_id, "customer opted out");
    }
    look_up(conn, ctx, token, now)
}
